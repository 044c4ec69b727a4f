package dev.coframe.processor.diff;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential cases for locals and statements: locals ({@code var} and explicit), {@code if},
 * {@code while}, {@code do}, {@code for}, enhanced {@code for} over arrays and iterables,
 * labelled and unlabelled {@code break}/{@code continue}, {@code return} from loops, nested
 * loops, {@code void} coroutines — with suspension points wherever they can occur.
 */
class LocalsAndControlFlowDiffTest {

  static List<Case> cases() {
    return List.of(
        // ---------------------------------------------------------------- locals
        // ---------------------------------------------------------------- abrupt completion
        Case.task("return_ends_a_loop_body", """
            @Coroutine static int run(int n) {
              int i = 0;
              while (i < n) {
                i += await(Sched.v(1));
                Log.add("i=" + i);
                return i * 10;
              }
              return -1;
            }
            """).args(3).args(0),
        Case.task("return_inside_try_runs_finally_first", """
            @Coroutine static int run(int n) {
              int x = await(Sched.v(n));
              try {
                Log.add("try " + x);
                return x;
              } finally {
                Log.add("finally");
              }
            }
            """).args(3),
        Case.task("finally_return_overrides_try_return", """
            @Coroutine static int run(int n) {
              int x = await(Sched.v(n));
              try {
                return x;
              } finally {
                if (x > 0) return 99;
              }
            }
            """).args(3).args(-3),
        Case.task("finally_throw_overrides_try_return", """
            @Coroutine static int run(int n) {
              int x = await(Sched.v(n));
              try {
                return x;
              } finally {
                if (x > 0) throw new IllegalStateException("from finally " + x);
              }
            }
            """).args(3).args(-3),
        Case.task("both_branches_return_after_await", """
            @Coroutine static int run(boolean b) {
              int x = await(Sched.v(1));
              if (b) {
                await(Sched.v(2));
                if (x > 0) return 1; else return 2;
              }
              return 3;
            }
            """).args(true).args(false),
        Case.task("infinite_loop_left_by_break_and_return", """
            @Coroutine static int run(int n) {
              int sum = 0;
              for (;;) {
                sum += await(Sched.v(n));
                while (true) {
                  if (sum > 10) break;
                  sum++;
                }
                if (sum > 20) return sum;
              }
            }
            """).args(4),
        Case.task("break_out_of_labelled_block_around_await", """
            @Coroutine static int run(int n) {
              int r = 0;
              out: {
                r = await(Sched.v(n));
                if (r > 2) break out;
                r = -r;
              }
              return r;
            }
            """).args(1).args(5),
        Case.task("locals_explicit", """
            @Coroutine static int run(int a) {
              int x = await(Sched.v(a));
              Log.add("x=" + x);
              int y = x * 2;
              String s = await(Sched.v("s" + y));
              Log.add(s);
              long z = await(Sched.v(7L)) + y;
              Log.add("z=" + z);
              return (int) z + s.length();
            }
            """).args(5),
        Case.task("locals_var", """
            @Coroutine static String run(int a) {
              var x = await(Sched.v(a));
              var list = new ArrayList<String>();
              list.add("a" + x);
              var y = twice(x);
              list.add("b" + y);
              var s = await(Sched.v("z"));
              list.add(s);
              Log.add(list);
              return String.join(",", list) + list.size();
            }
            @Coroutine static int twice(int x) {
              Log.add("twice " + x);
              return await(Sched.v(x * 2));
            }
            """).args(4),
        Case.task("locals_assigned_in_branches", """
            @Coroutine static int run(int a) {
              int x;
              String tag;
              if (a > 0) {
                x = await(Sched.v(a));
                tag = "pos";
              } else {
                tag = "neg";
                x = inc(-a);
              }
              Log.add(tag + x);
              int y = x + await(Sched.v(100));
              return y;
            }
            @Coroutine static int inc(int v) {
              Log.add("inc " + v);
              return await(Sched.v(v + 1));
            }
            """).args(3).args(-4),
        Case.task("locals_sibling_blocks_same_name", """
            @Coroutine static String run() {
              StringBuilder sb = new StringBuilder();
              {
                int v = await(Sched.v(1));
                sb.append("int ").append(v).append(';');
              }
              {
                String v = await(Sched.v("two"));
                sb.append("str ").append(v).append(';');
              }
              for (int i = 0; i < 2; i++) {
                long v = await(Sched.v(10L * i));
                sb.append("long ").append(v).append(';');
              }
              Log.add(sb);
              return sb.toString();
            }
            """),
        Case.task("locals_params_reassigned", """
            @Coroutine static int run(int a, String s) {
              a = a + await(Sched.v(1));
              s = s + await(Sched.v("!"));
              a += addTen(a);
              Log.add(a + s);
              return a * 100 + s.length();
            }
            @Coroutine static int addTen(int v) {
              Log.add("addTen " + v);
              return await(Sched.v(v + 10));
            }
            """).args(1, "hi"),
        Case.task("locals_primitive_kinds", """
            @Coroutine static String run() {
              byte b = 1;
              short sh = 2;
              char c = 'c';
              long l = 3L;
              float fl = 1.5f;
              double d = 2.25;
              boolean z = true;
              int w = await(Sched.v(10));
              b += w;
              c++;
              l *= await(Sched.v(2L));
              d /= 2;
              z = !z || await(Sched.v(false));
              String r = "" + b + ',' + sh + ',' + c + ',' + l + ',' + fl + ',' + d + ',' + z + ',' + w;
              Log.add(r);
              return r;
            }
            """),
        Case.task("locals_captured_by_lambda", """
            @Coroutine static int run(int a) {
              final int k = await(Sched.v(a));
              int m = await(Sched.v(3));
              Supplier<Integer> s = () -> k * m;
              IntUnaryOperator op = x -> x + k;
              int r = twice(s.get());
              Log.add("r=" + r);
              return op.applyAsInt(r) + await(Sched.v(k));
            }
            @Coroutine static int twice(int x) {
              return await(Sched.v(2 * x));
            }
            """).args(5),
        Case.task("locals_mutable_objects", """
            @Coroutine static List<Integer> run(int n) {
              List<Integer> acc = new ArrayList<>();
              int[] box = {0};
              for (int i = 0; i < n; i++) {
                box[0] += await(Sched.v(i));
                acc.add(box[0]);
              }
              Log.add(acc);
              return acc;
            }
            """).args(4),

        Case.task("locals_last_read_after_await_in_same_statement", """
            @Coroutine static String run(String p) {
              String s = p + "!";
              String r = s + await(Sched.v(1));
              Log.add(r);
              for (String w : List.of("x", "y")) {
                Log.add(w + await(Sched.v(2)));
              }
              return r;
            }
            """).args("a"),

        // ---------------------------------------------------------------- if / else
        Case.task("if_condition_await", """
            @Coroutine static String run(int a) {
              String r;
              if (await(Sched.v(a)) > 3) {
                Log.add("big");
                r = "big" + await(Sched.v(a));
              } else {
                Log.add("small");
                r = "small";
              }
              Log.add("after");
              return r;
            }
            """).args(5).args(1),
        Case.task("if_else_chain", """
            @Coroutine static int run(int a) {
              int r = 0;
              if (a == 0) {
                r = score(0);
              } else if (a == 1) {
                Log.add("one");
                r = score(10) + score(11);
              } else if (await(Sched.v(a)) % 2 == 0) {
                r = await(Sched.v(-a));
              } else {
                Log.add("odd");
              }
              Log.add("r=" + r);
              return r + score(1);
            }
            @Coroutine static int score(int x) {
              Log.add("score " + x);
              return await(Sched.v(x * 3));
            }
            """).args(0).args(1).args(4).args(7),
        Case.task("if_nested", """
            @Coroutine static String run(int a, int b) {
              StringBuilder sb = new StringBuilder();
              if (a > 0) {
                sb.append(await(Sched.v("A")));
                if (isBig(b)) {
                  sb.append(await(Sched.v("B")));
                } else {
                  sb.append('b');
                  if (b < 0) {
                    sb.append(await(Sched.v("neg")));
                  }
                }
                sb.append('.');
              } else {
                if (isBig(a + b)) sb.append("x"); else sb.append(await(Sched.v("y")));
              }
              Log.add(sb);
              return sb.toString();
            }
            @Coroutine static boolean isBig(int x) {
              Log.add("isBig " + x);
              return await(Sched.v(x > 10));
            }
            """).args(1, 20).args(1, 5).args(1, -3).args(0, 20).args(0, 1),
        Case.task("if_without_else_join_point", """
            @Coroutine static int run(int a) {
              int x = a * 2;
              String s = "s";
              if (a > 2) {
                s = await(Sched.v("t"));
              }
              if (a > 5) x = await(Sched.v(x + 1));
              Log.add(s + x);
              return x + s.length();
            }
            """).args(1).args(3).args(6),
        Case.task("if_condition_other_class", """
            @Coroutine static String run(String s) {
              if (Other.isEmpty(s)) {
                return "empty";
              }
              if (!Other.isEmpty(await(Sched.v(s.trim())))) {
                Log.add("nonblank");
              }
              return s + Other.len(s);
            }
            """).with("""
            public final class Other {
              @Coroutine static boolean isEmpty(String s) {
                Log.add("isEmpty [" + s + "]");
                return await(Sched.v(s.isEmpty()));
              }
              @Coroutine static int len(String s) {
                return await(Sched.v(s.length()));
              }
            }
            """).args("").args(" a ").args("  "),

        // ---------------------------------------------------------------- while / do
        Case.task("while_sum", """
            @Coroutine static int run(int n) {
              int i = 0;
              int sum = 0;
              while (i < n) {
                sum += await(Sched.v(i));
                Log.add("i=" + i + " sum=" + sum);
                i++;
              }
              return sum;
            }
            """).args(0).args(4),
        Case.task("while_condition_await", """
            @Coroutine static int run(int n) {
              int i = 0;
              while (await(Sched.v(i)) < n) {
                Log.add("body " + i);
                i += step(i);
              }
              Log.add("end " + i);
              return i;
            }
            @Coroutine static int step(int i) {
              return await(Sched.v(i % 2 + 1));
            }
            """).args(5),
        Case.task("while_true_break", """
            @Coroutine static int run(int limit) {
              int i = 0;
              int last = -1;
              while (true) {
                int v = square(i);
                if (v > limit) {
                  Log.add("break at " + i);
                  break;
                }
                last = v;
                i++;
              }
              return last;
            }
            @Coroutine static int square(int x) {
              Log.add("sq " + x);
              return await(Sched.v(x * x));
            }
            """).args(10),
        Case.task("while_continue", """
            @Coroutine static String run(int n) {
              StringBuilder sb = new StringBuilder();
              int i = 0;
              while (i < n) {
                i++;
                if (await(Sched.v(i % 3)) == 0) {
                  Log.add("skip " + i);
                  continue;
                }
                sb.append(await(Sched.v(i)));
              }
              return sb.toString();
            }
            """).args(7),
        Case.task("do_while_condition_call", """
            @Coroutine static int run(int n) {
              int i = 0;
              int prod = 1;
              do {
                prod *= await(Sched.v(i + 1));
                Log.add("prod " + prod);
                i++;
              } while (below(i, n));
              return prod;
            }
            @Coroutine static boolean below(int i, int n) {
              Log.add("below " + i);
              return await(Sched.v(i < n));
            }
            """).args(0).args(4),
        Case.task("do_while_continue_break", """
            @Coroutine static String run() {
              StringBuilder sb = new StringBuilder();
              int i = 0;
              do {
                i++;
                if (i == 2) continue;
                if (await(Sched.v(i)) == 5) break;
                sb.append(i);
              } while (await(Sched.v(i)) < 8);
              Log.add(sb);
              return sb + "/" + i;
            }
            """),

        // ---------------------------------------------------------------- for
        Case.task("for_basic", """
            @Coroutine static int run(int n) {
              int sum = 0;
              for (int i = 0; i < n; i++) {
                sum += twice(i);
              }
              Log.add("sum " + sum);
              return sum;
            }
            @Coroutine static int twice(int x) {
              Log.add("twice " + x);
              return await(Sched.v(2 * x));
            }
            """).args(0).args(3),
        Case.task("for_variable_read_only_in_header", """
            @Coroutine static int run(int n) {
              int sum = 0;
              for (int i = 0; i < n; i++) sum += await(Sched.v(1));
              for (int j = 0; j++ < n; ) sum += await(Sched.v(10));
              return sum;
            }
            """).args(3),
        Case.task("for_header_awaits", """
            @Coroutine static String run(int n) {
              StringBuilder sb = new StringBuilder();
              for (int i = await(Sched.v(1)); i < await(Sched.v(n)); i += await(Sched.v(2))) {
                Log.add("i " + i);
                sb.append(i).append(' ');
              }
              return sb.toString().trim();
            }
            """).args(8),
        Case.task("for_two_variables", """
            @Coroutine static String run() {
              List<String> out = new ArrayList<>();
              for (int i = 0, j = 6; i < j; i++, j -= await(Sched.v(2))) {
                out.add(i + ":" + j);
                Log.add(await(Sched.v(i * j)));
              }
              return String.join(" ", out);
            }
            """),
        Case.task("for_no_condition_continue_break", """
            @Coroutine static int run(int n) {
              int sum = 0;
              for (int i = 0; ; i++) {
                if (i >= n) break;
                if (odd(i)) continue;
                sum += await(Sched.v(i));
                Log.add("sum " + sum);
              }
              return sum;
            }
            @Coroutine static boolean odd(int i) {
              return await(Sched.v(i % 2 == 1));
            }
            """).args(7),
        Case.task("for_return_inside", """
            @Coroutine static int run(int target) {
              for (int i = 0; i < 10; i++) {
                Log.add("try " + i);
                if (await(Sched.v(i * i)) == target) {
                  return i;
                }
              }
              Log.add("not found");
              return -1;
            }
            """).args(16).args(15),
        Case.task("for_existing_variable", """
            @Coroutine static int run() {
              int i;
              int n = 0;
              for (i = await(Sched.v(3)); i > 0; i--) {
                n += await(Sched.v(i));
              }
              Log.add("i " + i + " n " + n);
              return n * 10 + i;
            }
            """),

        // ---------------------------------------------------------------- enhanced for
        Case.task("foreach_int_array", """
            @Coroutine static int run() {
              int[] arr = {3, 1, 4, 1, 5};
              int sum = 0;
              for (int v : arr) {
                sum += await(Sched.v(v));
                Log.add(v);
              }
              return sum;
            }
            """),
        Case.task("foreach_string_array_var", """
            @Coroutine static String run(String csv) {
              String out = "";
              for (var part : csv.split(",")) {
                out += upper(part);
              }
              return out;
            }
            @Coroutine static String upper(String s) {
              Log.add("upper " + s);
              return await(Sched.v(s.toUpperCase()));
            }
            """).args("a,bc,d"),
        Case.task("foreach_list", """
            @Coroutine static int run(List<String> names) {
              int total = 0;
              for (String name : names) {
                int len = await(Sched.v(name.length()));
                Log.add(name + "=" + len);
                total += len;
              }
              return total;
            }
            """).args(List.of("ab", "cde", "")).args(List.of()),
        Case.task("foreach_over_awaited_list", """
            @Coroutine static String run() {
              StringBuilder sb = new StringBuilder();
              for (var s : await(Sched.v(List.of("x", "y", "z")))) {
                sb.append(s);
                sb.append(await(Sched.v(s.length())));
              }
              Log.add(sb);
              return sb.toString();
            }
            """),
        Case.task("foreach_nested_list_of_arrays", """
            @Coroutine static int run() {
              List<int[]> rows = List.of(new int[] {1, 2}, new int[] {}, new int[] {3});
              int sum = 0;
              for (int[] row : rows) {
                Log.add("row " + row.length);
                for (int v : row) {
                  sum += await(Sched.v(v * 10));
                }
              }
              return sum;
            }
            """),
        Case.task("foreach_break_continue_unboxing", """
            @Coroutine static String run(List<Integer> xs) {
              StringBuilder sb = new StringBuilder();
              for (int x : xs) {
                if (x < 0) {
                  Log.add("skip " + x);
                  continue;
                }
                if (await(Sched.v(x)) == 0) {
                  Log.add("stop");
                  break;
                }
                sb.append(x);
              }
              return sb.toString();
            }
            """).args(List.of(1, -2, 3, 0, 4)),
        Case.task("foreach_map_entries", """
            @Coroutine static String run() {
              Map<String, Integer> m = new TreeMap<>();
              m.put("b", 2);
              m.put("a", 1);
              m.put("c", 3);
              String out = "";
              for (Map.Entry<String, Integer> e : m.entrySet()) {
                out = out + e.getKey() + await(Sched.v(e.getValue() * 2));
              }
              Log.add(out);
              return out;
            }
            """),
        Case.task("foreach_return_inside", """
            @Coroutine static String run(List<String> words) {
              for (String w : words) {
                Log.add("check " + w);
                if (await(Sched.v(w.startsWith("b")))) {
                  return await(Sched.v(w + "!"));
                }
              }
              return "none";
            }
            """).args(List.of("apple", "banana", "berry")).args(List.of("x")),

        // ---------------------------------------------------------------- labels
        Case.task("labelled_break_outer", """
            @Coroutine static String run(int target) {
              String found = "none";
              outer:
              for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                  int p = await(Sched.v(i * j));
                  Log.add(i + "*" + j);
                  if (p == target) {
                    found = i + "," + j;
                    break outer;
                  }
                }
              }
              return found;
            }
            """).args(6).args(100),
        Case.task("labelled_continue_outer", """
            @Coroutine static int run() {
              int count = 0;
              rows:
              for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                  if (j > i) {
                    Log.add("next row after " + i + "," + j);
                    continue rows;
                  }
                  count += await(Sched.v(1));
                }
              }
              return count;
            }
            """),
        Case.task("labelled_block_break", """
            @Coroutine static String run(int a) {
              String r = "start";
              check:
              {
                if (await(Sched.v(a)) < 0) {
                  r = "negative";
                  break check;
                }
                r = await(Sched.v("checked"));
                if (a == 0) break check;
                r = r + a;
              }
              Log.add(r);
              return r;
            }
            """).args(-1).args(0).args(5),
        Case.task("labelled_while_and_do", """
            @Coroutine static String run() {
              StringBuilder sb = new StringBuilder();
              int i = 0;
              loop:
              while (i < 5) {
                i++;
                int j = 0;
                inner:
                do {
                  j++;
                  if (await(Sched.v(j)) == 2) continue inner;
                  if (j + i == 6) continue loop;
                  if (i == 4) break loop;
                  sb.append(i).append(j).append(' ');
                } while (j < 3);
                Log.add("row " + i);
              }
              return sb.toString();
            }
            """),
        Case.task("labelled_foreach_chars", """
            @Coroutine static List<String> run() {
              List<String> out = new ArrayList<>();
              words:
              for (String w : List.of("abc", "xyz", "aaa")) {
                for (char ch : w.toCharArray()) {
                  if (await(Sched.v(ch)) == 'y') continue words;
                  if (ch == 'a' && out.size() > 2) break words;
                  out.add(w + ch);
                }
                Log.add("done " + w);
              }
              return out;
            }
            """),

        // ---------------------------------------------------------------- returns, nesting, void
        Case.task("return_from_nested_while", """
            @Coroutine static int run(int limit) {
              int i = 0;
              while (i < 10) {
                int j = 0;
                while (j < 10) {
                  int p = await(Sched.v(i * 10 + j));
                  if (p >= limit) {
                    Log.add("ret " + i + j);
                    return p + cost(i);
                  }
                  j += 4;
                }
                i += 3;
              }
              return -1;
            }
            @Coroutine static int cost(int x) {
              return await(Sched.v(x * 1000));
            }
            """).args(35).args(1000),
        Case.task("return_void_from_loop", """
            @Coroutine static void run(int n) {
              for (int i = 0; ; i++) {
                if (i == n) {
                  Log.add("return at " + i);
                  return;
                }
                Log.add(await(Sched.v("step " + i)));
              }
            }
            """).args(0).args(3),
        Case.task("nested_loops_three_kinds", """
            @Coroutine static int run() {
              int total = 0;
              for (int a = 0; a < 2; a++) {
                total += await(Sched.v(100));
                int b = 0;
                while (b < 2) {
                  total += await(Sched.v(10));
                  int c = 0;
                  do {
                    total += add(a, b, c);
                    c++;
                  } while (c < 2);
                  b++;
                }
                Log.add("a " + a + " total " + total);
              }
              return total;
            }
            @Coroutine static int add(int a, int b, int c) {
              Log.add("" + a + b + c);
              return await(Sched.v(a * 4 + b * 2 + c));
            }
            """),
        Case.task("nested_loops_other_class", """
            @Coroutine static String run(int n) {
              StringBuilder sb = new StringBuilder();
              for (int i = 1; i <= n; i++) {
                for (int j = 1; j <= i; j++) {
                  sb.append(Other.mul(i, j)).append(j < i ? "," : "");
                }
                sb.append(await(Sched.v(";")));
              }
              return sb.toString();
            }
            """).with("""
            public final class Other {
              @Coroutine static int mul(int a, int b) {
                Log.add(a + "x" + b);
                return await(Sched.v(a * b));
              }
            }
            """).args(3),
        Case.task("void_entry_and_helper", """
            @Coroutine static void run(int n) {
              for (int i = 0; i < n; i++) {
                say(i);
              }
              Log.add("done");
            }
            @Coroutine static void say(int i) {
              if (i % 2 == 1) {
                Log.add("odd " + i);
                return;
              }
              String s = await(Sched.v("even " + i));
              Log.add(s);
            }
            """).args(4));
  }

  @TestFactory
  Stream<DynamicTest> differential() {
    return DiffHarness.tests(cases());
  }
}

package dev.coframe.processor.diff;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential cases for expressions with suspension points inside: call arguments, receivers,
 * binary, unary, ternary and compound-assignment operators, short-circuit operands, array element
 * and field assignment targets (with the exact JLS 15.26 order of null and bounds checks), string
 * concatenation, casts, array and object creation.
 */
class ExpressionsDiffTest {

  static final String BOX = "final class Box { int f; Box next; }";

  static List<Case> cases() {
    return List.of(
        // ---------------------------------------------------------------- arguments and receivers
        Case.task("char_and_float_results_compare_as_values", """
            @Coroutine static char h() { return await(Sched.v('\\u00e9')); }
            @Coroutine static float g() { return await(Sched.v(1.5f)); }
            @Coroutine static String run() {
              Character c = '\\u00e9';
              Float f = 1.5f;
              return "" + (h() == c) + (g() == f);
            }
            """),
        Case.task("numeric_conditional_unboxes_outside_poly_contexts", """
            @Coroutine static String run(boolean c) {
              Integer x = null;
              return "v " + (c ? await(Sched.v(x)) : 1) + await(Sched.v("!"));
            }
            """).args(true).args(false),
        Case.task("conditional_over_a_class_type_variable_is_numeric", """
            @Coroutine static boolean run(boolean c) {
              List<Integer> xs = List.of(5);
              return (c ? 9L : xs.get(0)) < await(Sched.v(10L));
            }
            """).args(true).args(false),
        Case.task("boxed_left_operand_unboxed_before_the_right_runs", """
            static int one() {
              Log.add("one");
              return 1;
            }
            @Coroutine static String run(Integer boxed, Boolean flag) {
              Log.add("flip " + flip(flag));
              return "sum " + sum(boxed);
            }
            @Coroutine static int sum(Integer boxed) {
              return boxed + await(Sched.v(one()));
            }
            @Coroutine static Boolean flip(Boolean b) {
              b ^= await(Sched.v(one() > 0));
              return b;
            }
            """).args(2, true).args(null, true).args(2, null),
        // a box the context unboxes is unboxed where javac does it: before later operands run (a null throws then)
        Case.task("null_box_unboxed_before_a_later_suspending_operand", """
            static int two(int a, int b) { Log.add("two"); return a + b; }
            static int mark(String s) { Log.add("mark " + s); return 1; }
            @Coroutine static String run(Integer box) {
              int[] arr = new int[4];
              String r = "";
              try {
                arr[box] = await(Sched.v(mark("index")));
                r += "a" + arr[1];
              } catch (NullPointerException e) { r += "npe1 "; }
              try {
                arr[box] += await(Sched.v(mark("compound")));
                r += "b" + arr[1];
              } catch (NullPointerException e) { r += "npe2 "; }
              try {
                r += two(box, await(Sched.v(mark("argument"))));
              } catch (NullPointerException e) { r += "npe3 "; }
              try {
                int[] xs = new int[] { box, await(Sched.v(mark("element"))) };
                r += xs[0] + xs[1];
              } catch (NullPointerException e) { r += "npe4 "; }
              try {
                long[] ys = { box, await(Sched.v(mark("long element"))) };
                r += ys[0];
              } catch (NullPointerException e) { r += "npe5"; }
              return r;
            }
            """).args(1).args(new Object[] {null}),
        Case.task("var_of_an_awaited_factory_task_kept_across_a_suspension", """
            @Coroutine static int one(int x) { return await(Sched.v(x)); }
            @Coroutine static int run(int k) {
              var x = await(CaseCoroutines.one(k));
              var t = CaseCoroutines.one(k + 1);
              int y = await(Sched.v(2));
              return x * y + await(t);
            }
            """).args(3),
        Case.task("source_quoted_in_comments_stays_a_comment", """
            @Coroutine static String run(String s) {
              String t = "\\\\u00zz */ \\u0041" + await(Sched.v(s)) + "*/";
              return t;
            }
            """).args("x"),
        Case.task("args_order_mixed_with_plain_calls", """
            @Coroutine static String run() {
              return join3(mark("a"), await(Sched.v("b")), mark("c")) + join3(await(Sched.v("d")), mark("e"), echo("f"));
            }
            static String mark(String s) {
              Log.add("mark " + s);
              return s;
            }
            static String join3(String a, String b, String c) {
              Log.add("join3 " + a + b + c);
              return a + b + c;
            }
            @Coroutine static String echo(String s) {
              Log.add("echo " + s);
              return await(Sched.v(s));
            }
            """),
        Case.task("receiver_is_await", """
            @Coroutine static int run() {
              int n = await(Sched.v("abc")).length();
              String up = await(Sched.v("xy")).toUpperCase();
              up += name().substring(1);
              Log.add(up);
              return n * 10 + up.length() + await(Sched.v("four")).length();
            }
            @Coroutine static String name() {
              Log.add("name");
              return await(Sched.v("Bob"));
            }
            """),
        Case.task("receiver_is_await_of_inferred_generic_value", """
            @Coroutine static int run() {
              int n = await(Sched.v(List.of(1, 2, 3))).size();
              Log.add(n);
              return n + await(Sched.v(new ArrayList<String>())).size();
            }
            """),
        Case.task("receiver_chain_with_await_args", """
            @Coroutine static String run() {
              StringBuilder sb = new StringBuilder("<");
              sb.append(await(Sched.v("a"))).append(tag(1)).append('-').append(await(Sched.v(2)));
              Log.add(sb.length());
              return sb.append(">").toString();
            }
            @Coroutine static String tag(int i) {
              Log.add("tag " + i);
              return await(Sched.v("t" + i));
            }
            """),
        Case.task("receiver_evaluated_before_args", """
            @Coroutine static String run() {
              String r = pick("first").concat(await(Sched.v("-")));
              Log.add(r);
              r = pick("second").concat(suffix());
              Log.add(r);
              return r;
            }
            static String pick(String s) {
              Log.add("pick " + s);
              return s;
            }
            @Coroutine static String suffix() {
              Log.add("suffix");
              return await(Sched.v("!"));
            }
            """),
        Case.task("call_on_typed_local_plus_await", """
            @Coroutine static int run(List<String> list) {
              int n = list.size() + await(Sched.v(10));
              Map<String, Integer> m = new HashMap<>();
              for (String s : list) {
                m.put(s, m.getOrDefault(s, 0) + await(Sched.v(1)));
              }
              Log.add(new TreeMap<>(m));
              return n * 100 + m.get("a") + list.indexOf(await(Sched.v("b")));
            }
            """).args(List.of("a", "b", "a")),
        Case.task("library_calls_with_suspending_args", """
            @Coroutine static int run() {
              int m = Math.max(f(1), await(Sched.v(5)));
              int n = Math.min(f(m > 3 ? 2 : 3), Integer.parseInt(await(Sched.v("7"))));
              return m * 10 + n;
            }
            @Coroutine static int f(int x) {
              Log.add("f " + x);
              return await(Sched.v(x * 3));
            }
            """),

        // ---------------------------------------------------------------- binary / unary / ternary
        Case.task("binary_arithmetic", """
            @Coroutine static int run(int a) {
              int r = f(1) * 10 + await(Sched.v(a)) - f(3) / 2 % 7;
              Log.add("r " + r);
              return r;
            }
            @Coroutine static int f(int x) {
              Log.add("f" + x);
              return await(Sched.v(x + 10));
            }
            """).args(4),
        Case.task("binary_order_with_plain_calls", """
            @Coroutine static int run() {
              int r = mark(1) + f(2) * mark(3) - f(mark(4));
              return r;
            }
            static int mark(int x) {
              Log.add("mark " + x);
              return x;
            }
            @Coroutine static int f(int x) {
              Log.add("f " + x);
              return await(Sched.v(x * 100));
            }
            """),
        Case.task("binary_left_operand_read_before_right", """
            @Coroutine static int run() {
              int i = 1;
              int r = i + (i = await(Sched.v(10))) + i;
              Log.add("r " + r + " i " + i);
              int j = 5;
              int s = j * inc(j++) + j;
              Log.add("s " + s + " j " + j);
              return r * 1000 + s;
            }
            @Coroutine static int inc(int x) {
              Log.add("inc " + x);
              return await(Sched.v(x + 1));
            }
            """),
        Case.task("unary_operators", """
            @Coroutine static String run() {
              int neg = -f(2);
              boolean not = !await(Sched.v(false));
              int inv = ~await(Sched.v(5));
              int plus = +f(-3);
              long castNeg = -(long) await(Sched.v(7));
              String r = neg + " " + not + " " + inv + " " + plus + " " + castNeg;
              Log.add(r);
              return r;
            }
            @Coroutine static int f(int x) {
              return await(Sched.v(x * 3));
            }
            """),
        Case.task("increments_around_calls", """
            @Coroutine static int run() {
              int i = 0;
              int r = i++ + f(i) + ++i;
              Log.add("i " + i + " r " + r);
              int k = 10;
              k -= f(k--);
              Log.add("k " + k);
              return r * 1000 + k;
            }
            @Coroutine static int f(int x) {
              Log.add("f " + x);
              return await(Sched.v(x * 2));
            }
            """),
        Case.task("ternary_branches", """
            @Coroutine static String run(boolean c) {
              int r = await(Sched.v(c)) ? f(1) : f(2);
              String s = c ? "yes" : await(Sched.v("no"));
              String t = r > 15 ? await(Sched.v("big")) : "small";
              Log.add(r + s + t);
              return r + s + t;
            }
            @Coroutine static int f(int x) {
              Log.add("f " + x);
              return await(Sched.v(x * 10));
            }
            """).args(true).args(false),
        Case.task("ternary_nested", """
            @Coroutine static String run(int a) {
              String r = a < 0 ? await(Sched.v("neg")) : a == 0 ? "zero" : a < await(Sched.v(10)) ? name("small") : name("large");
              Log.add(r);
              return r;
            }
            @Coroutine static String name(String n) {
              Log.add("name " + n);
              return await(Sched.v(n.toUpperCase()));
            }
            """).args(-1).args(0).args(5).args(50),
        Case.task("and_short_circuit", """
            @Coroutine static String run(int a) {
              boolean b1 = a > 0 && check("b1", a > 5);
              boolean b2 = check("b2", a % 2 == 0) && await(Sched.v(a > 3));
              boolean b3 = a > 0 && await(Sched.v(a < 10)) && check("b3", true);
              String r = "" + b1 + b2 + b3;
              Log.add(r);
              return r;
            }
            @Coroutine static boolean check(String what, boolean v) {
              Log.add(what);
              return await(Sched.v(v));
            }
            """).args(-2).args(4).args(7).args(12),
        Case.task("or_short_circuit", """
            @Coroutine static String run(int a) {
              boolean b1 = a > 0 || check("b1", a == -1);
              boolean b2 = check("b2", a % 2 == 0) || await(Sched.v(a > 3));
              boolean b3 = a == 1 || await(Sched.v(a == 2)) || check("b3", a == 3);
              String r = "" + b1 + b2 + b3;
              Log.add(r);
              return r;
            }
            @Coroutine static boolean check(String what, boolean v) {
              Log.add(what);
              return await(Sched.v(v));
            }
            """).args(-1).args(1).args(2).args(3).args(5),
        Case.task("short_circuit_guards_in_conditions", """
            @Coroutine static int run(List<Integer> xs) {
              int i = 0;
              while (i < xs.size() && await(Sched.v(xs.get(i))) >= 0) {
                i++;
              }
              Log.add("stopped at " + i);
              if (i == xs.size() || positive(xs.get(i) * -1)) {
                return i;
              }
              return -i;
            }
            @Coroutine static boolean positive(int x) {
              Log.add("positive " + x);
              return await(Sched.v(x > 0));
            }
            """).args(List.of(1, 2, -3, 4)).args(List.of(1, 2)),
        Case.task("non_short_circuit_boolean_ops", """
            @Coroutine static String run() {
              boolean a = check("a", false) & check("b", true);
              boolean b = check("c", true) | check("d", false);
              boolean c = check("e", true) ^ await(Sched.v(true));
              return "" + a + b + c;
            }
            @Coroutine static boolean check(String w, boolean v) {
              Log.add(w);
              return await(Sched.v(v));
            }
            """),

        // ---------------------------------------------------------------- compound assignment
        Case.task("compound_operators_in_loop", """
            @Coroutine static long run() {
              long acc = 1;
              int x = 100;
              for (int i = 1; i <= 3; i++) {
                acc += f(i);
                acc *= await(Sched.v(i + 1));
                x -= f(i);
                x <<= await(Sched.v(1));
                x |= f(0);
                Log.add(acc + "/" + x);
              }
              String s = "s";
              s += f(7);
              s += await(Sched.v('c'));
              Log.add(s);
              return acc * 1_000_000 + x + s.length();
            }
            @Coroutine static int f(int x) {
              Log.add("f " + x);
              return await(Sched.v(x * 3));
            }
            """),
        Case.task("compound_static_field_saved_before_call", """
            static int count;
            @Coroutine static int run() {
              count = 1;
              count += bump();
              Log.add("count " + count);
              Case.count *= bump();
              Log.add("count " + count);
              return count;
            }
            @Coroutine static int bump() {
              count += 100;
              Log.add("bump " + count);
              return await(Sched.v(5));
            }
            """),
        Case.task("compound_array_element_postincrement", """
            @Coroutine static String run() {
              int[] arr = new int[4];
              int i = 0;
              arr[i++] += f(i);
              arr[i++] += f(i);
              arr[i] = f(i++) + i;
              arr[await(Sched.v(3))] -= f(i);
              String r = Arrays.toString(arr) + " i=" + i;
              Log.add(r);
              return r;
            }
            @Coroutine static int f(int x) {
              Log.add("f " + x);
              return await(Sched.v(x * 10));
            }
            """),
        Case.task("compound_field_of_null_throws_before_rhs", """
            @Coroutine static int run() {
              Box o = await(Sched.v((Box) null));
              Log.add("before");
              o.f += g();
              Log.add("after");
              return 0;
            }
            @Coroutine static int g() {
              Log.add("g runs");
              return await(Sched.v(1));
            }
            """).with(BOX),
        Case.task("assign_field_of_null_throws_after_rhs", """
            @Coroutine static int run() {
              Box o = await(Sched.v((Box) null));
              Log.add("before");
              o.f = g();
              Log.add("after");
              return 0;
            }
            @Coroutine static int g() {
              Log.add("g runs");
              return await(Sched.v(1));
            }
            """).with(BOX),
        Case.task("compound_array_out_of_bounds_before_rhs", """
            @Coroutine static int run() {
              int[] arr = new int[2];
              int i = await(Sched.v(5));
              Log.add("before");
              arr[i] += g();
              Log.add("after");
              return arr[0];
            }
            @Coroutine static int g() {
              Log.add("g runs");
              return await(Sched.v(1));
            }
            """),
        Case.task("assign_array_out_of_bounds_after_rhs", """
            @Coroutine static int run() {
              int[] arr = new int[2];
              int i = await(Sched.v(5));
              Log.add("before");
              arr[i] = g();
              Log.add("after");
              return arr[0];
            }
            @Coroutine static int g() {
              Log.add("g runs");
              return await(Sched.v(1));
            }
            """),
        Case.task("compound_null_array_before_rhs", """
            @Coroutine static int run() {
              int[] arr = await(Sched.v((int[]) null));
              Log.add("before");
              arr[0] += g();
              Log.add("after");
              return 0;
            }
            @Coroutine static int g() {
              Log.add("g runs");
              return await(Sched.v(1));
            }
            """),
        Case.task("assign_null_array_after_rhs", """
            @Coroutine static int run() {
              int[] arr = await(Sched.v((int[]) null));
              Log.add("before");
              arr[0] = g();
              Log.add("after");
              return 0;
            }
            @Coroutine static int g() {
              Log.add("g runs");
              return await(Sched.v(1));
            }
            """),

        // ---------------------------------------------------------------- assignment targets
        Case.task("field_assignment_targets", """
            static String last;
            @Coroutine static String run() {
              Box b = new Box();
              b.f = g(2);
              b.f += g(3);
              b.next = new Box();
              b.next.f = await(Sched.v(7));
              b.next.f *= g(2);
              last = await(Sched.v("L"));
              Case.last += g(1);
              String r = b.f + "," + b.next.f + "," + last;
              Log.add(r);
              return r;
            }
            @Coroutine static int g(int x) {
              Log.add("g " + x);
              return await(Sched.v(x));
            }
            """).with(BOX),
        Case.task("field_target_receiver_evaluated_first", """
            @Coroutine static int run() {
              Box b = new Box();
              box(b, "first").f = g(4);
              box(b, "second").f += g(5);
              return b.f;
            }
            static Box box(Box b, String why) {
              Log.add("box " + why);
              return b;
            }
            @Coroutine static int g(int x) {
              Log.add("g " + x);
              return await(Sched.v(x));
            }
            """).with(BOX),
        Case.task("array_index_and_value_suspend", """
            @Coroutine static String run() {
              String[] names = new String[3];
              names[await(Sched.v(1))] = name("b");
              names[idx(0)] = await(Sched.v("a"));
              names[idx(2)] = name("c") + names[0];
              Log.add(Arrays.toString(names));
              return String.join("", names);
            }
            @Coroutine static int idx(int i) {
              Log.add("idx " + i);
              return await(Sched.v(i));
            }
            @Coroutine static String name(String n) {
              Log.add("name " + n);
              return await(Sched.v(n));
            }
            """),
        Case.task("array_reference_evaluated_before_rhs", """
            static int[] data;
            @Coroutine static String run() {
              data = new int[] {1, 2, 3};
              int[] first = data;
              data[0] = swap(10);
              data[1] += swap(20);
              String r = Arrays.toString(first) + Arrays.toString(data);
              Log.add(r);
              return r;
            }
            @Coroutine static int swap(int v) {
              data = new int[] {v, v, v};
              Log.add("swap " + v);
              return await(Sched.v(v + 1));
            }
            """),
        Case.task("assignment_expression_values", """
            @Coroutine static String run() {
              int a, b;
              a = b = f(3);
              int c = (a = f(a)) + a;
              String s;
              Log.add(s = await(Sched.v("logged")));
              return a + " " + b + " " + c + " " + s;
            }
            @Coroutine static int f(int x) {
              Log.add("f " + x);
              return await(Sched.v(x * 2));
            }
            """),

        // ---------------------------------------------------------------- strings, casts, creation
        Case.task("string_concatenation", """
            @Coroutine static String run(int n) {
              String s = "a" + f(1) + "b" + await(Sched.v("c")) + 'd' + 1.5 + n + f(n) + null + true;
              Log.add(s);
              String t = f(1) + f(2) + "x";
              return s + "|" + t;
            }
            @Coroutine static int f(int x) {
              Log.add("f " + x);
              return await(Sched.v(x));
            }
            """).args(7),
        Case.task("string_compound_concatenation", """
            @Coroutine static String run(List<String> parts) {
              String s = "";
              for (String p : parts) {
                s += await(Sched.v(p)) + ",";
                Log.add(s);
              }
              s += s.length();
              return s;
            }
            """).args(List.of("x", "yy")),
        Case.task("casts_and_boxing", """
            @Coroutine static String run() {
              long l = (long) await(Sched.v(3));
              Object o = await(Sched.v("o"));
              String s = (String) o + (String) await(Sched.v((Object) "p"));
              Integer boxed = await(Sched.v(5));
              int unboxed = boxed + f(1);
              double d = f(1) / 2.0 + await(Sched.v(0.25));
              char c = (char) (await(Sched.v('a')) + 1);
              String r = l + s + unboxed + "/" + d + c;
              Log.add(r);
              return r;
            }
            @Coroutine static int f(int x) {
              return await(Sched.v(x));
            }
            """),
        Case.task("instanceof_and_pattern_binding", """
            @Coroutine static String run(Object in) {
              Object o = await(Sched.v(in));
              if (o instanceof String s) {
                int n = len(s);
                return s + n;
              }
              if (await(Sched.v(o)) instanceof Integer) {
                return "int" + await(Sched.v(((Integer) o) + 1));
              }
              return "other";
            }
            @Coroutine static int len(String s) {
              Log.add("len " + s);
              return await(Sched.v(s.length()));
            }
            """).args("abc").args(41).args(2.5),
        Case.task("array_creation", """
            @Coroutine static String run() {
              int[] a = {f(1), await(Sched.v(2)), f(3)};
              int[] b = new int[f(1)];
              String[][] c = new String[f(1)][await(Sched.v(2))];
              c[0][1] = "x";
              int[] d = new int[] {await(Sched.v(7)), a.length};
              String r = Arrays.toString(a) + b.length + Arrays.deepToString(c) + Arrays.toString(d);
              Log.add(r);
              return r;
            }
            @Coroutine static int f(int x) {
              Log.add("f " + x);
              return await(Sched.v(x));
            }
            """),
        Case.task("object_creation_arguments", """
            @Coroutine static String run() {
              StringBuilder sb = new StringBuilder(await(Sched.v("x")));
              List<Integer> xs = List.of(f(1), f(2), await(Sched.v(3)));
              Pair p = new Pair(f(4), name());
              String r = sb + " " + xs + " " + p.n + p.s;
              Log.add(r);
              return r;
            }
            @Coroutine static int f(int x) {
              Log.add("f " + x);
              return await(Sched.v(x));
            }
            @Coroutine static String name() {
              Log.add("name");
              return await(Sched.v("N"));
            }
            """).with("""
            final class Pair {
              final int n;
              final String s;
              Pair(int n, String s) {
                Log.add("new Pair");
                this.n = n;
                this.s = s;
              }
            }
            """),
        Case.task("nested_awaits_and_calls", """
            @Coroutine static int run() {
              int a = await(Sched.v(await(Sched.v(3)) + 1));
              int b = f(f(f(1)));
              String c = await(Sched.v("<" + await(Sched.v("in")) + await(Sched.v("ner"))));
              Log.add(a + " " + b + " " + c);
              return a * 100 + b + c.length();
            }
            @Coroutine static int f(int x) {
              Log.add("f " + x);
              return await(Sched.v(x * 2));
            }
            """),
        Case.task("return_expressions", """
            @Coroutine static int run(int a, int b) {
              if (a > b) return f(a) - f(b);
              return f(b) * 2 + (a == b ? f(0) : await(Sched.v(1)));
            }
            @Coroutine static int f(int x) {
              Log.add("f " + x);
              return await(Sched.v(x + 1));
            }
            """).args(3, 1).args(1, 3).args(2, 2),
        Case.task("long_float_double_arithmetic", """
            @Coroutine static double run() {
              long big = Long.MAX_VALUE / await(Sched.v(2L));
              double d = big / (double) await(Sched.v(4L));
              float f = 1.5f * await(Sched.v(2.0f));
              int div = 7 / await(Sched.v(2)) % 3;
              Log.add(big + " " + d + " " + f + " " + div);
              return d + f + div;
            }
            """),
        Case.task("division_by_zero_before_right_operand", """
            @Coroutine static int run() {
              int z = await(Sched.v(0));
              Log.add("z " + z);
              return mark(1) / z + f(2);
            }
            static int mark(int x) {
              Log.add("mark " + x);
              return x;
            }
            @Coroutine static int f(int x) {
              Log.add("f " + x);
              return await(Sched.v(x));
            }
            """));
  }

  @TestFactory
  Stream<DynamicTest> differential() {
    return DiffHarness.tests(cases());
  }
}

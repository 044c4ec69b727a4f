package dev.coframe.processor.diff;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential cases for coroutine calls and exceptions: chains of static coroutines, calls into
 * a second class, instance coroutines (final classes), generic coroutines, recursion, {@code void}
 * coroutines, awaiting futures and factory tasks, and exceptions — thrown by the body, by a child
 * (checked and unchecked, propagating to the parent), by a failed awaitable, during argument
 * evaluation.
 */
class CallsAndExceptionsDiffTest {

  static List<Case> cases() {
    return List.of(
        // ---------------------------------------------------------------- static calls
        Case.task("static_call_chain", """
            @Coroutine static int run(int x) {
              Log.add("run");
              return a(x) + 1;
            }
            @Coroutine static int a(int x) {
              Log.add("a");
              return b(x) * 2;
            }
            @Coroutine static int b(int x) {
              Log.add("b");
              int y = await(Sched.v(x));
              return c(y) + y;
            }
            @Coroutine static int c(int x) {
              Log.add("c");
              return await(Sched.v(x + 100));
            }
            """).args(5),
        Case.task("other_class_static_calls", """
            @Coroutine static String run(String s) {
              String t = Other.twice(s);
              int n = Other.count(t, 'a');
              return t + n + Other.twice(Other.twice("-"));
            }
            """).with("""
            public final class Other {
              @Coroutine static String twice(String s) {
                Log.add("twice " + s);
                return await(Sched.v(s + s));
              }
              @Coroutine static int count(String s, char c) {
                int n = 0;
                for (char x : s.toCharArray()) if (await(Sched.v(x)) == c) n++;
                return n;
              }
            }
            """).args("ab"),
        Case.task("instance_coroutines_of_a_generic_class", """
            @Coroutine static String run(String a, String b) {
              Box<String> box = new Box<>(a);
              String m = box.max(b);
              Log.add("max " + m);
              return m + box.items + Box.biggest(Arrays.asList(a, b, "c"));
            }
            """).with("""
            final class Box<E extends Comparable<E>> {
              final E value;
              final List<E> items = new ArrayList<>();
              Box(E value) { this.value = value; }
              @Coroutine E get() {
                E v = await(Sched.v(value));
                items.add(v);
                return v;
              }
              @Coroutine E max(E other) {
                E mine = get();
                return mine.compareTo(other) >= 0 ? mine : other;
              }
              @Coroutine static <T extends Comparable<T>> T biggest(List<T> xs) {
                T best = null;
                for (T x : xs) {
                  T y = await(Sched.v(x));
                  if (best == null || y.compareTo(best) > 0) best = y;
                }
                return best;
              }
            }
            """).args("m", "k").args("a", "z"),
        Case.task("char_float_short_and_array_results", """
            @Coroutine static char initial(String s) {
              return await(Sched.v(s)).charAt(0);
            }
            @Coroutine static float half(float f) {
              return await(Sched.v(f)) / 2;
            }
            @Coroutine static short small(int x) {
              return (short) (x + await(Sched.v(1)));
            }
            @Coroutine static int[] pair(int a) {
              return new int[] {a, await(Sched.v(a + 1))};
            }
            @Coroutine static String run(String s) {
              char c = initial(s);
              float h = half(3f);
              short k = small(c);
              int[] p = pair(k);
              return "" + c + h + k + Arrays.toString(p) + (initial(s) + half(1f));
            }
            """).args("zeta"),
        Case.task("calls_in_every_position", """
            @Coroutine static int run() {
              int[] arr = new int[f(3)];
              arr[f(0)] = f(5);
              if (f(1) > 0) arr[1] = f(f(1));
              while (arr[2] < f(4)) arr[2] += f(1);
              return arr[0] + arr[1] + arr[2];
            }
            @Coroutine static int f(int x) {
              Log.add("f " + x);
              return await(Sched.v(x));
            }
            """),
        Case.task("varargs_coroutine", """
            @Coroutine static int sum(int... xs) {
              int s = 0;
              for (int x : xs) s += await(Sched.v(x));
              Log.add("sum of " + xs.length);
              return s;
            }
            @Coroutine static int run() {
              return sum() + sum(1) + sum(1, 2, sum(3, 4)) + sum(new int[] {10, 20});
            }
            """),
        Case.task("overloads_by_arity_and_type", """
            @Coroutine static String g(int x) {
              return await(Sched.v("int " + x));
            }
            @Coroutine static String g(String x) {
              return await(Sched.v("str " + x));
            }
            @Coroutine static String g(int x, int y) {
              return g(x + y) + "!";
            }
            @Coroutine static String run() {
              String r = g(1) + "," + g("a") + "," + g(2, 3);
              Log.add(r);
              return r;
            }
            """),
        Case.task("static_fields_across_calls", """
            static int calls;
            static List<String> seen = new ArrayList<>();
            @Coroutine static int visit(String s) {
              calls++;
              seen.add(await(Sched.v(s)));
              return calls;
            }
            @Coroutine static String run() {
              visit("a");
              visit("b");
              int n = visit("c");
              return n + " " + seen + " " + calls;
            }
            """),
        Case.task("void_children_and_discarded_results", """
            @Coroutine static void log(String s) {
              Log.add(await(Sched.v(s)));
            }
            @Coroutine static void logTwice(String s) {
              log(s);
              log(s + s);
            }
            @Coroutine static int f(int x) {
              Log.add("f " + x);
              return await(Sched.v(x));
            }
            @Coroutine static int run() {
              log("a");
              logTwice("b");
              Other.note("c");
              f(1);
              await(Sched.v("ignored"));
              return f(2);
            }
            """).with("""
            public final class Other {
              @Coroutine static void note(String s) {
                Log.add("note " + s);
                await(Sched.v(0));
              }
            }
            """),
        Case.task("await_completion_stages", """
            @Coroutine static String run() {
              String a = await(Sched.cf("a"));
              int b = await(Sched.cf(2));
              b += await(Sched.cf(3));
              var c = Sched.cf("c");
              Log.add("between");
              return a + b + await(c);
            }
            """),
        Case.task("await_factory_tasks", """
            @Coroutine static int f(int x) {
              Log.add("f " + x);
              return await(Sched.v(x + 1));
            }
            @Coroutine static int run() {
              int a = await(CaseCoroutines.f(1));
              dev.coframe.runtime.Task<Integer> t = CaseCoroutines.f(10);
              Log.add("created");
              return a + await(t);
            }
            """),
        Case.task("await_factory_task_held_in_var", """
            @Coroutine static int f(int x) {
              Log.add("f " + x);
              return await(Sched.v(x + 1));
            }
            @Coroutine static int run() {
              var t = CaseCoroutines.f(10);
              Log.add("created");
              return await(t);
            }
            """),
        Case.task("many_sequential_suspensions", """
            @Coroutine static long run(int n) {
              long sum = 0;
              for (int i = 0; i < n; i++) sum += await(Sched.v(i));
              Log.add("sum " + sum);
              return sum;
            }
            """).args(20_000),

        // ---------------------------------------------------------------- instance coroutines
        Case.task("instance_coroutines_same_class", """
            int total;
            final String name;
            Case(String name) {
              this.name = name;
            }
            @Coroutine int add(int x) {
              total += await(Sched.v(x));
              Log.add(name + " total " + total);
              return total;
            }
            @Coroutine String describe() {
              return name + "=" + add(0) + "/" + this.total;
            }
            @Coroutine static String run() {
              Case c = new Case("c");
              c.add(1);
              c.add(2);
              int t = c.add(3);
              return t + " " + c.describe();
            }
            """),
        Case.task("instance_coroutines_other_class", """
            @Coroutine static int run(int n) {
              Counter c = new Counter();
              for (int i = 0; i < n; i++) {
                c.inc(i);
              }
              Counter d = c;
              return d.inc(100) + c.value;
            }
            """).with("""
            public final class Counter {
              int value;
              @Coroutine int inc(int by) {
                int old = value;
                value = old + await(Sched.v(by));
                Log.add("inc " + old + "->" + value);
                return value;
              }
            }
            """).args(4),
        Case.task("instance_receiver_expressions", """
            final String name;
            Case(String name) {
              this.name = name;
            }
            static Case pick(Case a, Case b, boolean first) {
              Log.add("pick " + first);
              return first ? a : b;
            }
            @Coroutine String hello(String who) {
              Log.add(name + " hello " + who);
              return await(Sched.v(name + who));
            }
            @Coroutine static String run() {
              Case a = new Case("a");
              Case b = new Case("b");
              String r = pick(a, b, await(Sched.v(true))).hello(await(Sched.v("x")));
              r += (await(Sched.v(false)) ? a : b).hello("y");
              return r;
            }
            """),
        Case.task("instance_call_on_null_receiver", """
            @Coroutine static int run() {
              Counter c = await(Sched.v((Counter) null));
              Log.add("before");
              return c.inc(arg(5));
            }
            @Coroutine static int arg(int x) {
              Log.add("arg " + x);
              return await(Sched.v(x));
            }
            """).with("""
            public final class Counter {
              int value;
              @Coroutine int inc(int by) {
                value += await(Sched.v(by));
                return value;
              }
            }
            """),

        // ---------------------------------------------------------------- generics
        Case.task("generic_identity", """
            @Coroutine static <T> T id(T x) {
              Log.add("id " + x);
              return await(Sched.v(x));
            }
            @Coroutine static String run() {
              String s = id("a");
              int n = id(3);
              List<String> l = id(List.of("p", "q"));
              Integer boxed = Case.<Integer>id(4);
              return s + n + l + boxed + id('c');
            }
            """),
        Case.task("generic_bounded", """
            @Coroutine static <T extends Comparable<T>> T max(T a, T b) {
              T x = await(Sched.v(a));
              T y = await(Sched.v(b));
              Log.add("max " + x + " " + y);
              return x.compareTo(y) >= 0 ? x : y;
            }
            @Coroutine static String run() {
              String a = max("pear", "apple");
              int b = max(3, 7);
              double c = max(max(1.5, 0.5), 2.5);
              return a + b + c;
            }
            """),
        Case.task("generic_collections", """
            @Coroutine static <T> List<T> twice(List<T> xs) {
              List<T> out = new ArrayList<>();
              for (T x : xs) {
                out.add(x);
                out.add(await(Sched.v(x)));
              }
              return out;
            }
            @Coroutine static <K, V> Map<V, K> invert(Map<K, V> m) {
              Map<V, K> out = new TreeMap<>();
              for (Map.Entry<K, V> e : m.entrySet()) {
                out.put(await(Sched.v(e.getValue())), e.getKey());
              }
              return out;
            }
            @Coroutine static String run() {
              List<Integer> a = twice(List.of(1, 2));
              Map<String, Integer> m = new TreeMap<>();
              m.put("one", 1);
              m.put("two", 2);
              Map<Integer, String> inv = invert(m);
              Log.add(a);
              return a + " " + inv;
            }
            """),

        // ---------------------------------------------------------------- recursion
        Case.task("recursion_fib", """
            @Coroutine static int fib(int n) {
              if (n < 2) return await(Sched.v(n));
              return fib(n - 1) + fib(n - 2);
            }
            @Coroutine static int run(int n) {
              int r = fib(n);
              Log.add("fib " + n + " = " + r);
              return r;
            }
            """).args(0).args(1).args(12),
        Case.task("recursion_deep", """
            @Coroutine static int depth(int n) {
              if (n == 0) return 0;
              return depth(n - 1) + 1;
            }
            @Coroutine static long sum(int n) {
              if (n == 0) return await(Sched.v(0L));
              long rest = sum(n - 1);
              return rest + n;
            }
            @Coroutine static long run(int n) {
              return depth(n) + sum(n);
            }
            """).args(1000),
        Case.task("recursion_mutual", """
            @Coroutine static boolean isEven(int n) {
              return n == 0 ? await(Sched.v(true)) : isOdd(n - 1);
            }
            @Coroutine static boolean isOdd(int n) {
              return n == 0 ? await(Sched.v(false)) : isEven(n - 1);
            }
            @Coroutine static String run(int n) {
              return n + ":" + isEven(n) + isOdd(n);
            }
            """).args(7).args(10),

        // ---------------------------------------------------------------- exceptions
        Case.task("throw_unchecked_after_await", """
            @Coroutine static int run(int a) {
              int x = await(Sched.v(a));
              Log.add("x " + x);
              if (x > 0) {
                throw new IllegalArgumentException("bad " + x);
              }
              return x;
            }
            """).args(-1).args(3),
        Case.task("throw_checked", """
            @Coroutine static String run(String path) throws IOException {
              String p = await(Sched.v(path));
              if (p.isEmpty()) {
                throw new IOException("empty path");
              }
              Log.add("ok " + p);
              return p;
            }
            """).args("").args("x"),
        Case.task("child_throws_unchecked", """
            @Coroutine static int child(int x) {
              Log.add("child " + x);
              int y = await(Sched.v(x));
              if (y == 2) throw new IllegalStateException("child failed at " + y);
              return y;
            }
            @Coroutine static int run() {
              int sum = 0;
              for (int i = 0; i < 5; i++) {
                sum += child(i);
                Log.add("sum " + sum);
              }
              return sum;
            }
            """),
        Case.task("child_throws_checked", """
            @Coroutine static String load(String key) throws AppException {
              String v = await(Sched.v(key));
              if (v.startsWith("x")) throw new AppException("no " + v);
              return v.toUpperCase();
            }
            @Coroutine static String run(String a, String b) throws AppException {
              String r = load(a);
              Log.add("loaded " + r);
              return r + load(b);
            }
            """).with("""
            public final class AppException extends Exception {
              public AppException(String message) {
                super(message);
              }
            }
            """).args("a", "b").args("a", "xb").args("xa", "b"),
        Case.task("child_in_other_class_throws", """
            @Coroutine static int run(int n) {
              int i = 0;
              while (true) {
                i += Other.check(i, n);
              }
            }
            """).with("""
            public final class Other {
              @Coroutine static int check(int i, int n) {
                Log.add("check " + i);
                if (await(Sched.v(i)) >= n) throw new ArithmeticException("limit " + n);
                return 1;
              }
            }
            """).args(3),
        Case.task("failed_awaitable_checked", """
            @Coroutine static int run(int a) throws IOException {
              int x = await(Sched.v(a));
              Log.add("got " + x);
              if (x > 1) {
                int y = await(Sched.<Integer>fail(new IOException("io " + x)));
                Log.add("unreachable " + y);
              }
              return x;
            }
            """).args(1).args(2),
        Case.task("failed_awaitable_unchecked_in_void", """
            @Coroutine static void run() {
              Log.add("start");
              await(Sched.fail(new UnsupportedOperationException("nope")));
              Log.add("unreachable");
            }
            """),
        Case.task("exception_while_evaluating_arguments", """
            @Coroutine static String run() {
              return join(await(Sched.v("a")), boom("b"), name("c"));
            }
            static String join(String a, String b, String c) {
              Log.add("join");
              return a + b + c;
            }
            @Coroutine static String boom(String s) {
              Log.add("boom " + s);
              await(Sched.v(0));
              throw new IllegalStateException("boom " + s);
            }
            @Coroutine static String name(String s) {
              Log.add("name " + s);
              return await(Sched.v(s));
            }
            """),
        Case.task("null_pointer_after_await", """
            @Coroutine static int run() {
              String s = await(Sched.v((String) null));
              Log.add("got null");
              return s.length() + f();
            }
            @Coroutine static int f() {
              Log.add("f");
              return await(Sched.v(1));
            }
            """),
        Case.task("error_from_child", """
            @Coroutine static int child() {
              await(Sched.v(1));
              throw new AssertionError("custom error");
            }
            @Coroutine static int run() {
              Log.add("start");
              int x = child();
              Log.add("unreachable");
              return x;
            }
            """));
  }

  @TestFactory
  Stream<DynamicTest> differential() {
    return DiffHarness.tests(cases());
  }
}

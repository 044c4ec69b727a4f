package dev.coframe.processor.diff;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential cases from programs written against the README alone, as a new user would (issue
 * 5): records and enums with coroutines, accessors and component fields, patterns in statements
 * that do not suspend, names that clash with package segments, nested arrays, method references
 * whose receiver suspends, and the one-awaiter rule of lazy tasks. Java 21 forms (record patterns,
 * pattern {@code switch}) compile with {@code --release 21} and run when the JDK is 21 or newer.
 */
class UserProgramsDiffTest {

  static List<Case> cases() {
    return List.of(
        // 1. a method call is not the private field of the same name
        Case.task("method_named_like_a_private_field", """
            @Coroutine static int run() {
              R r = new R();
              return r.size() + await(Sched.v(r.size()));
            }
            """).with("""
            final class R {
              private int size = 3;
              int size() { return size; }
              @Coroutine int twice() { return this.size() + await(Sched.v(size())); }
            }
            """),
        Case.task("this_method_named_like_a_private_field", """
            @Coroutine static int run() {
              return new R().twice();
            }
            """).with("""
            final class R {
              private int size = 3;
              int size() { return size; }
              @Coroutine int twice() { return this.size() + await(Sched.v(size())); }
            }
            """),
        Case.task("record_accessor_from_a_static_coroutine_of_the_record", """
            @Coroutine static int run() {
              return Item.total(new Item("a", 2), new Item("b", 5));
            }
            """).with("""
            record Item(String name, int qty) {
              @Coroutine static int total(Item a, Item b) {
                return a.qty() + await(Sched.v(b.qty()));
              }
            }
            """),
        // 2. a lazy task has one awaiter; its result is taken once
        Case.task("lazy_task_awaited_twice_fails_in_both_modes", """
            @Coroutine static int one() { return await(Sched.v(1)); }
            @Coroutine static int run() {
              dev.coframe.runtime.Task<Integer> t = CaseCoroutines.one();
              int a = await(t);
              Log.add("a " + a);
              int b = await(t);
              return a + b;
            }
            """),
        Case.task("lazy_task_awaited_by_a_second_coroutine_fails", """
            @Coroutine static int one() { return await(Sched.v(1)); }
            @Coroutine static int first(dev.coframe.runtime.Task<Integer> t) { return await(t) + 10; }
            @Coroutine static int run() {
              dev.coframe.runtime.Task<Integer> t = CaseCoroutines.one();
              int a = first(t);
              Log.add("a " + a);
              return a + first(t);
            }
            """),
        Case.task("launched_task_may_be_awaited_by_many", """
            @Coroutine static int one() { return await(Sched.v(1)); }
            @Coroutine static int first(dev.coframe.runtime.Task<Integer> t) { return await(t) + 10; }
            @Coroutine static int run() {
              dev.coframe.runtime.Task<Integer> t =
                  dev.coframe.runtime.Launch.on(dev.coframe.runtime.InlineExecutor.INSTANCE).start(CaseCoroutines::one);
              int a = await(t);
              return a + await(t) + first(t) + first(t);
            }
            """),
        // 3. this.y() in a record
        Case.task("record_this_accessor_call", """
            @Coroutine static int run() {
              return new P(3, 4).sum();
            }
            """).with("""
            record P(int x, int y) {
              @Coroutine int sum() { return this.x() + await(Sched.v(this.y())) + y; }
            }
            """),
        // a qualified type's first segment is a package or a type, never a variable (JLS 6.5.4): a
        // local and a field named dev do not make dev.coframe.runtime.Task read them (found by
        // random program 23081: the processor renamed it as the local, or refused it as the field)
        Case.task("a_qualified_type_beside_a_local_and_a_field_of_its_first_name", """
            static int dev = 3;
            @Coroutine static int h(int x) { return await(Sched.v(x)) + dev; }
            @Coroutine static String run(int k) {
              int dev = k;
              {
                dev.coframe.runtime.Task<?> task0 = CaseCoroutines.h(dev);
                Log.add("holds task0");
                Log.add("task0 " + await(task0));
              }
              java.util.List<dev.coframe.runtime.Task<Integer>> tasks = new java.util.ArrayList<>();
              Object o = (dev.coframe.runtime.Task<?>) null;
              dev += await(Sched.v(1));
              return "dev " + dev + " " + tasks.size() + " " + (o instanceof dev.coframe.runtime.Task);
            }
            """).args(2).args(5),
        // javac fails to attribute (for the typer's scope) a statement that calls an accessor
        // without this. beside a var declared earlier; the scope where an earlier statement starts
        // types the var (found by random program 22675)
        Case.task("record_accessor_without_this_beside_an_earlier_var", """
            static int total;
            static int n(int v) { return v; }
            @Coroutine static String run(boolean flag) {
              return new P(1.5, flag, 2.5).make(3);
            }
            """).with("""
            record P(double a, boolean b, double c) {
              @Coroutine String make(int k) {
                if (await(Sched.v(Case.n(k))) == 2) {
                  Log.add("two");
                }
                var d0 = await(Sched.cf(await(Sched.v(1e10))));
                Case.total = k = Case.n((await(Sched.v(await(Sched.v(100)))) >> 2));
                var r1 = new P((await(Sched.v(b())) ? c() : d0), await(Sched.v(true)), -1.5);
                return r1 + " " + Case.total + " " + k;
              }
            }
            """).args(true).args(false),
        // 4. another instance's component field, legal inside the record
        Case.task("record_component_field_of_another_instance", """
            @Coroutine static int run() {
              P a = new P(1, 2);
              return a.plus(new P(10, 20)) + P.dot(a, new P(3, 4));
            }
            """).with("""
            record P(int x, int y) {
              @Coroutine int plus(P o) { return o.x + await(Sched.v(o.y)) + x; }
              @Coroutine static int dot(P a, P b) { return a.x * b.x + await(Sched.v(a.y * b.y)); }
            }
            """),
        // 5. an enum switch inside an enum's own coroutine
        Case.task("enum_switch_inside_the_enums_coroutine", """
            @Coroutine static int run() {
              return Level.LOW.weight() + Level.HIGH.weight() + Level.score(Level.HIGH);
            }
            """).with("""
            enum Level {
              LOW, HIGH;
              @Coroutine int weight() {
                int w = await(Sched.v(10));
                switch (this) {
                  case LOW: return w + 1;
                  case HIGH: return w + 2;
                  default: return w;
                }
              }
              @Coroutine static int score(Level l) {
                int base = await(Sched.v(100));
                switch (l) {
                  case LOW: return base;
                  default: return base * 2;
                }
              }
            }
            """),
        // 10. a method reference whose receiver awaits
        Case.task("method_reference_with_an_awaited_receiver", """
            @Coroutine static int run(String s) {
              java.util.function.Function<String, Integer> f = await(Sched.v(s))::indexOf;
              return f.apply("c") + await(Sched.v(1));
            }
            """).args("abc"),
        Case.task("method_reference_with_a_null_awaited_receiver", """
            @Coroutine static String run() {
              String s = null;
              Log.add("before");
              java.util.function.Supplier<Integer> f = await(Sched.v(s))::length;
              Log.add("after");
              return "no";
            }
            """),
        // 11. nested array creation whose initializer suspends
        Case.task("two_dimensional_array_creation_that_suspends", """
            @Coroutine static String run(int v) {
              int[][] a = new int[][] { new int[] { await(Sched.v(v)) }, { 2, v } };
              int[][] b = {{ await(Sched.v(v + 1)) }, {}};
              int[][] c = new int[await(Sched.v(2))][];
              String[][][] d = new String[][][] {{{ await(Sched.v("s")) }}};
              return Arrays.deepToString(a) + Arrays.deepToString(b) + c.length + Arrays.deepToString(d);
            }
            """).args(7),
        // 13. locals, parameters and lambda parameters named like package segments
        Case.task("names_like_package_segments", """
            static final int RATE = 3;
            static int rate(int x) { return x * RATE; }
            @Coroutine static int price(int x) { return await(Sched.v(x + 1)); }
            @Coroutine static int run(int cases) {
              String dev = "d";
              int java = price(cases);
              List<Integer> xs = List.of(1, 2);
              int sum = 0;
              for (int i = 0; i < xs.size(); i++) {
                int javax = price(xs.get(i));
                sum += javax + xs.stream().mapToInt(cases2 -> rate(cases2)).sum();
              }
              Function<Integer, Integer> f = cases3 -> rate(cases3) + RATE;
              Function<Integer, Integer> g = dev2 -> { int cases4 = rate(dev2); return cases4; };
              return java + sum + f.apply(1) + g.apply(2) + dev.length() + price(RATE) + viaLambda(xs);
            }
            @Coroutine static int viaLambda(List<Integer> xs) {
              int w = await(Sched.v(1));
              {
                String javax = "j";
                int cases = rate(javax.length());
                w += cases;
              }
              return w + xs.stream().mapToInt(cases -> rate(cases) + price0()).sum();
            }
            static int price0() { return 0; }
            """).args(5),
        // user names like generated ones: a temporary, the receiver, the body's own variables
        Case.task("names_like_generated_names", """
            @Coroutine static int run(int k) {
              int t$1 = await(Sched.v(k));
              int state = t$1 + 1;
              int next$ = List.of(1, 2).stream().mapToInt(aw$ -> aw$ + t$1).sum();
              return new Acc(state).add(next$, await(Sched.v(3))) + state;
            }
            """).with("""
            final class Acc {
              final int base;
              Acc(int base) { this.base = base; }
              @Coroutine int add(int self$, int frame$) {
                int t$2 = await(Sched.v(self$));
                return base + t$2 + frame$;
              }
            }
            """).args(4),
        // outer.new Inner(..) with a suspending argument: the outer instance is evaluated first
        Case.task("qualified_inner_class_creation_that_suspends", """
            @Coroutine static int run(int k) {
              return new Outer(k).make();
            }
            """).with("""
            final class Outer {
              final int base;
              Outer(int base) { this.base = base; }
              final class In {
                final int v;
                In(int x) { v = base + x; Log.add("In " + v); }
              }
              static Outer logged(Outer o) { Log.add("outer"); return o; }
              @Coroutine final int make() {
                In a = this.new In(await(Sched.v(1)));
                In b = logged(this).new In(await(Sched.v(2)));
                Outer none = null;
                try {
                  none.new In(await(Sched.v(3)));
                } catch (NullPointerException e) {
                  Log.add("npe before the argument");
                }
                return a.v + b.v;
              }
            }
            """).args(10),
        // also found: an awaited value only javac's inference can type, where only the target crosses
        Case.task("awaited_value_typed_by_inference", """
            static <T> T pick(java.util.function.Supplier<T> s) { return s.get(); }
            @Coroutine static int run(int n) {
              java.util.concurrent.Executor pool = Runnable::run;
              int sum = 0;
              if (await(pick(() -> Sched.v(2))) > 1) {
                sum += 100;
              }
              for (int i = 0; i < n; i++) {
                sum += await(java.util.concurrent.CompletableFuture.supplyAsync(() -> 1, pool));
                sum += await(Sched.v(i));
              }
              return sum + new Box<String>("b").size(pool);
            }
            """).with("""
            final class Box<T> {
              final T item;
              Box(T item) { this.item = item; }
              @Coroutine int size(java.util.concurrent.Executor pool) {
                int sum = await(Sched.v(1));
                sum += await(java.util.concurrent.CompletableFuture.supplyAsync(() -> item.toString().length(), pool));
                return sum;
              }
            }
            """).args(3));
  }

  /** Java 21 bodies: record patterns and pattern {@code switch}, in statements that do not suspend. */
  static List<Case> java21() {
    String point = "record P(int x, int y) {}";
    String pick = """
        static Object pick(int k) {
          return switch (k) {
            case 0 -> new P(3, 4);
            case 1 -> new P(9, 1);
            case 2 -> 7;
            case 3 -> 3;
            case 4 -> "x";
            case 5 -> new Line(new P(1, 2), new P(3, 4));
            case 6 -> 2.5;
            default -> null;
          };
        }
        record Line(P from, P to) {}
        """;
    return List.of(
        // 6. a record pattern with var components
        Case.task("record_pattern_with_var_components", pick + """
            @Coroutine static int run(int k) {
              Object o = pick(k);
              int w = await(Sched.v(1));
              if (o instanceof P(var x, var y)) {
                Log.add("matched " + x);
                return x + y + w;
              }
              if (!(o instanceof Line(P(var a, var b), var c))) {
                return -1;
              }
              return a * b + c.x();
            }
            """).with(point).args(0).args(4).args(5).args(7),
        Case.task("record_pattern_bindings_live_across_a_suspension", pick + """
            @Coroutine static int run(int k) {
              Object o = pick(k);
              if (!(o instanceof P(var a, int b))) {
                return -1;
              }
              int w = await(Sched.v(a));
              return a * b + w + await(Sched.v(b));
            }
            """).with(point).args(0).args(4),
        // 7. pattern switch in a body that suspends elsewhere; repeated binding names
        Case.task("pattern_switch_that_does_not_suspend", pick + """
            @Coroutine static String run(int k) {
              Object o = pick(k);
              int w = await(Sched.v(1));
              String s = switch (o) {
                case Integer i when i > 5 -> "big " + i;
                case Integer i -> "int " + i;
                case String i -> "str " + i;
                case P(var x, var y) when x > y -> "p> " + x;
                case P(int x, int y) -> "p " + (x + y);
                case null -> "null";
                default -> "other";
              };
              switch (o) {
                case Integer i: Log.add("statement int " + i); break;
                case String str: Log.add("statement str " + str); break;
                case null, default: Log.add("statement other");
              }
              return s + w + await(Sched.v("!"));
            }
            """).with(point).args(0).args(1).args(2).args(3).args(4).args(6).args(7),
        // 8. record patterns with explicit component types, nested
        Case.task("nested_record_patterns_with_explicit_types", pick + """
            @Coroutine static int run(int k) {
              Object o = pick(k);
              Log.add("start");
              if (o instanceof Line(P(int x1, int y1), P(int x2, var y2)) && await(Sched.v(x1)) >= 0) {
                return x1 + y1 + x2 + y2 + await(Sched.v(100));
              }
              return 0;
            }
            """).with(point).args(5).args(0));
  }

  @TestFactory
  Stream<DynamicTest> differential() {
    return DiffHarness.tests(cases());
  }

  @TestFactory
  Stream<DynamicTest> differentialJava21() {
    Assumptions.assumeTrue(Runtime.version().feature() >= 21, "record patterns and pattern switch need JDK 21");
    return DiffHarness.tests(java21(), List.of("--release", "21"));
  }
}

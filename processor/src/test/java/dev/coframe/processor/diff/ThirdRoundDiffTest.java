package dev.coframe.processor.diff;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential cases from what peers' ported test suites (Regenerator, Kotlin's
 * {@code SequenceBuilderTest}, CPython's {@code test_generators}, Roslyn's async tests) and the third
 * round of new-user programs found (issue 15): each failed to compile or gave another result than
 * direct mode before its fix.
 */
class ThirdRoundDiffTest {

  static List<Case> cases() {
    return List.of(
        // 1. a for whose initialiser is an assignment (Regenerator, "for-of loops / should work inside of generators")
        Case.gen("gen_for_with_assignment_initialiser", """
            @Coroutine static void gen(int n, Yield<Integer> out) {
              int i;
              for (i = 0; i < n; ++i) out.yield(i);
              Log.add("after " + i);
            }
            """).args(0).args(3),
        Case.task("for_with_assignments_and_a_call_initialising", """
            @Coroutine static int run(int n) {
              int i, s;
              long calls = 0;
              for (i = 0, s = 1, calls++; i < n; ++i) s += await(Sched.v(i));
              return s * 100 + i + (int) calls;
            }
            """).args(0).args(4),
        // 2. overloads whose erased parameter types share a simple name: frames named by canonical names
        Case.task("overloads_on_types_of_one_simple_name", """
            @Coroutine static int f(List l) { return l.n + await(Sched.v(1)); }
            @Coroutine static int f(java.util.List<Integer> l) { return l.size() + await(Sched.v(10)); }
            @Coroutine static int run(int n) {
              return f(new List(n)) * 1000 + f(java.util.List.of(1, 2, n));
            }
            """).with("""
            final class List {
              final int n;
              List(int n) { this.n = n; }
            }
            """).args(4),
        // 3. a nested record's component field read from a coroutine of the enclosing class
        Case.gen("gen_nested_record_component_read_from_the_enclosing_class", """
            record B(int n) {
              record C(String m) {}
            }
            @Coroutine static void gen(int k, Yield<Integer> out) {
              B b = new B(k);
              out.yield(b.n);
              B.C c = new B.C("x" + k);
              out.yield(c.m.length() + b.n);
            }
            """).args(7),
        Case.task("nested_record_component_read_across_a_suspension", """
            record P(int x, int y) {}
            @Coroutine static int run(int k) {
              P p = new P(k, k + 1);
              int a = await(Sched.v(p.x));
              return a * 10 + p.y;
            }
            """).args(2),
        // 16. awaits whose type only javac's inference knows, an index kept across the right side's await (Roslyn)
        Case.task("compound_array_element_indexed_by_a_lambda_typed_await", """
            static <T> java.util.concurrent.CompletableFuture<T> startNew(Supplier<T> s) {
              return java.util.concurrent.CompletableFuture.completedFuture(s.get());
            }
            @Coroutine static int run(int k) {
              int[] arr = new int[3];
              arr[await(startNew(() -> k))] += await(startNew(() -> 42));
              arr[await(Sched.v(k + 1)) % 3] -= await(startNew(() -> 5));
              Log.add(Arrays.toString(arr));
              return arr[k];
            }
            """).args(0).args(1),
        // 17. a held task awaited once on each of exclusive branches
        Case.task("held_task_awaited_on_exclusive_branches", """
            @Coroutine static int leaf(int x) { Log.add("leaf " + x); return x + await(Sched.v(1)); }
            @Coroutine static int run(int k) {
              dev.coframe.runtime.Task<Integer> t = CaseCoroutines.leaf(k);
              Log.add("held");
              int a;
              if (k % 2 == 0) {
                a = await(t) * 10;
              } else {
                a = -await(t);
              }
              dev.coframe.runtime.Task<Integer> u = CaseCoroutines.leaf(a);
              int b = switch (k) { case 0 -> await(u); case 1 -> await(u) * 2; default -> k > 2 ? await(u) : 0; };
              return a + b;
            }
            """).args(0).args(1).args(2).args(3));
  }

  @TestFactory
  Stream<DynamicTest> differential() {
    return DiffHarness.tests(cases());
  }
}

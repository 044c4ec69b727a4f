package dev.coframe.processor.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coframe.testing.Log;
import dev.coframe.testing.RunContext;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Generator semantics: every case runs direct (the body with a sink, the reference) and lowered
 * (iterated), elements and side effects compared — jumps and returns through {@code finally}, a
 * {@code finally} overriding what was pending, yields inside {@code finally}, nesting order,
 * labelled jumps out of nested {@code try} blocks, side effects of a yield's operands, resources,
 * primitive generators; and closed early, which runs the pending {@code finally} blocks once,
 * innermost first, and no {@code catch} (direct mode: the sink throws an {@code Error} at the last
 * element taken). Two behaviours direct mode cannot show are asserted exactly: re-entering a
 * running generator, and yielding while being closed.
 */
class GeneratorSemanticsTest {

  static List<Case> cases() {
    List<Case> cs = new ArrayList<>();
    // ------------------------------------------------------------ jumps through finally
    cs.add(Case.gen("g_return_through_finally", """
        @Coroutine static void gen(int n, Yield<Integer> out) {
          try {
            out.yield(1);
            if (n > 0) return;
            out.yield(2);
          } finally {
            Log.add("finally");
            out.yield(9);
          }
          out.yield(3);
        }
        """).args(1).args(0));
    cs.add(Case.gen("g_break_through_finally", """
        @Coroutine static void gen(int n, Yield<Integer> out) {
          for (int i = 0; i < n; i++) {
            try {
              out.yield(i);
              if (i == 2) break;
            } finally {
              out.yield(100 + i);
            }
          }
          out.yield(-1);
        }
        """).args(5));
    cs.add(Case.gen("g_continue_through_finally", """
        @Coroutine static void gen(int n, Yield<Integer> out) {
          for (int i = 0; i < n; i++) {
            try {
              if (i % 2 == 0) continue;
              out.yield(i);
            } finally {
              out.yield(-i);
            }
          }
        }
        """).args(5));
    cs.add(Case.gen("g_labelled_break_out_of_nested_try", """
        @Coroutine static void gen(Yield<String> out) {
          outer:
          for (int i = 0; i < 3; i++) {
            try {
              for (int j = 0; j < 3; j++) {
                try {
                  out.yield(i + "" + j);
                  if (i == 1 && j == 1) break outer;
                } finally {
                  out.yield("inner " + i + j);
                }
              }
            } finally {
              out.yield("outer " + i);
            }
          }
          out.yield("done");
        }
        """));
    cs.add(Case.gen("g_labelled_continue_out_of_nested_try", """
        @Coroutine static void gen(Yield<String> out) {
          outer:
          for (int i = 0; i < 3; i++) {
            try {
              for (int j = 0; j < 3; j++) {
                try {
                  if (j == 1) continue outer;
                  out.yield(i + "" + j);
                } finally {
                  Log.add("inner finally " + i + j);
                }
              }
            } finally {
              out.yield("outer " + i);
            }
          }
        }
        """));
    cs.add(Case.gen("g_labelled_block_break_through_finally", """
        @Coroutine static void gen(boolean early, Yield<Integer> out) {
          block: {
            try {
              out.yield(1);
              if (early) break block;
              out.yield(2);
            } finally {
              out.yield(3);
            }
            out.yield(4);
          }
          out.yield(5);
        }
        """).args(true).args(false));
    // ------------------------------------------------------------ finally overriding what was pending
    cs.add(Case.gen("g_finally_return_overrides_pending_throw", """
        @Coroutine static void gen(Yield<Integer> out) {
          try {
            out.yield(1);
            throw new IllegalStateException("lost");
          } finally {
            out.yield(2);
            return;
          }
        }
        """));
    cs.add(Case.gen("g_finally_break_overrides_pending_throw", """
        @Coroutine static void gen(Yield<Integer> out) {
          for (int i = 0; i < 3; i++) {
            try {
              out.yield(i);
              if (i == 1) throw new IllegalStateException("lost");
            } finally {
              if (i == 1) break;
            }
          }
          out.yield(99);
        }
        """));
    cs.add(Case.gen("g_finally_continue_overrides_pending_return", """
        @Coroutine static void gen(Yield<Integer> out) {
          for (int i = 0; i < 3; i++) {
            try {
              out.yield(i);
              return;
            } finally {
              out.yield(-i);
              continue;
            }
          }
          out.yield(100);
        }
        """));
    cs.add(Case.gen("g_finally_throw_overrides_pending_return", """
        @Coroutine static void gen(Yield<Integer> out) {
          try {
            out.yield(1);
            return;
          } finally {
            out.yield(2);
            throw new IllegalArgumentException("from finally");
          }
        }
        """));
    cs.add(Case.gen("g_yield_in_finally_while_return_pending", """
        @Coroutine static void gen(Yield<String> out) {
          try {
            out.yield("body");
            return;
          } finally {
            out.yield("finally 1");
            out.yield("finally 2");
          }
        }
        """));
    cs.add(Case.gen("g_yield_in_finally_while_throw_pending", """
        @Coroutine static void gen(Yield<String> out) throws java.io.IOException {
          try {
            out.yield("body");
            throw new java.io.IOException("pending");
          } finally {
            out.yield("finally");
          }
        }
        """));
    // ------------------------------------------------------------ nesting, catching, rethrowing
    cs.add(Case.gen("g_nested_finally_order", """
        @Coroutine static void gen(Yield<String> out) {
          try {
            try {
              try {
                out.yield("a");
              } finally {
                out.yield("f1");
              }
            } finally {
              out.yield("f2");
            }
          } finally {
            out.yield("f3");
          }
        }
        """));
    cs.add(Case.gen("g_exception_caught_two_levels_up", """
        @Coroutine static void gen(int k, Yield<String> out) {
          try {
            try {
              out.yield("x");
              if (k > 0) throw new IllegalStateException("k" + k);
            } catch (IllegalArgumentException e) {
              out.yield("wrong catch");
            } finally {
              out.yield("inner finally");
            }
          } catch (IllegalStateException e) {
            out.yield("caught " + e.getMessage());
          }
          out.yield("end");
        }
        """).args(0).args(2));
    cs.add(Case.gen("g_catch_rethrows_and_outer_finally_runs", """
        @Coroutine static void gen(Yield<String> out) {
          try {
            try {
              out.yield("body");
              throw new IllegalStateException("first");
            } catch (IllegalStateException e) {
              out.yield("catch");
              throw new IllegalArgumentException("second");
            }
          } finally {
            out.yield("finally");
          }
        }
        """));
    cs.add(Case.gen("g_multi_catch_yields", """
        @Coroutine static void gen(int k, Yield<String> out) {
          try {
            out.yield("start");
            if (k == 0) throw new IllegalStateException("s");
            if (k == 1) throw new UnsupportedOperationException("u");
          } catch (IllegalStateException | UnsupportedOperationException e) {
            out.yield(e.getClass().getSimpleName());
          }
        }
        """).args(0).args(1).args(2));
    cs.add(Case.gen("g_throw_after_elements", """
        @Coroutine static void gen(int n, Yield<Integer> out) {
          for (int i = 0; i < n; i++) out.yield(i);
          throw new IllegalStateException("after " + n);
        }
        """).args(3));
    cs.add(Case.gen("g_checked_exception_from_the_body", """
        @Coroutine static void gen(Yield<Integer> out) throws java.io.IOException {
          out.yield(1);
          if (Log.take() != null) throw new java.io.FileNotFoundException("nope");
        }
        """));
    cs.add(Case.gen("g_try_in_a_loop_every_path", """
        @Coroutine static void gen(int n, Yield<String> out) {
          for (int i = 0; i < n; i++) {
            try {
              if (i % 3 == 0) throw new IllegalStateException("t" + i);
              out.yield("ok " + i);
            } catch (IllegalStateException e) {
              out.yield("caught " + e.getMessage());
              if (i == 3) continue;
            } finally {
              out.yield("f" + i);
            }
          }
        }
        """).args(5));
    // ------------------------------------------------------------ operands and side effects
    cs.add(Case.gen("g_operands_of_a_yield_evaluated_once", """
        static int counter;
        static int tick(String s) { Log.add("tick " + s); return ++counter; }
        @Coroutine static void gen(Yield<Integer> out) {
          counter = 0;
          out.yield(tick("a") * 10 + tick("b"));
          out.yield(tick("c"));
        }
        """));
    cs.add(Case.gen("g_locals_survive_each_yield", """
        @Coroutine static void gen(int n, Yield<String> out) {
          StringBuilder sb = new StringBuilder();
          long total = 0;
          double avg = 0;
          for (int i = 1; i <= n; i++) {
            sb.append(i);
            total += i;
            avg = (double) total / i;
            out.yield(sb + " " + total + " " + avg);
          }
        }
        """).args(4));
    cs.add(Case.gen("g_yield_inside_switch_arms", """
        @Coroutine static void gen(int n, Yield<String> out) {
          for (int i = 0; i < n; i++) {
            switch (i % 3) {
              case 0 -> out.yield("zero " + i);
              case 1 -> {
                out.yield("one");
                out.yield("again");
              }
              default -> Log.add("skip " + i);
            }
          }
        }
        """).args(5));
    cs.add(Case.gen("g_yield_all_of_lists", """
        @Coroutine static void gen(Yield<Integer> out) {
          out.yieldAll(List.of(1, 2));
          out.yieldAll(new ArrayList<Integer>());
          out.yield(3);
          out.yieldAll(List.of(4));
        }
        """));
    cs.add(Case.gen("g_foreach_over_arrays_and_lists", """
        @Coroutine static void gen(Yield<String> out) {
          String[] words = {"a", "b"};
          for (String w : words) out.yield(w);
          int[] nums = {1, 2};
          for (int x : nums) out.yield("n" + x);
          for (Integer x : List.of(7, 8)) out.yield("l" + x);
        }
        """));
    cs.add(Case.gen("g_instance_generator_of_a_record", """
        @Coroutine static void gen(int n, Yield<Integer> out) {
          for (int x : CaseCoroutines.evens(new Range(1, n))) out.yield(x);
        }
        @Coroutine static void evens(Range r, Yield<Integer> out) {
          for (int i = r.from(); i <= r.to(); i++) if (i % 2 == 0) out.yield(i);
        }
        """).with("record Range(int from, int to) {}").args(6));
    // ------------------------------------------------------------ resources
    cs.add(Case.gen("g_resources_closed_after_the_last_element", TryDiffTest.RES.replace("final class Res",
        "static final class Res") + """
        @Coroutine static void gen(Yield<Integer> out) throws IOException {
          try (Res a = new Res("a", false); Res b = new Res("b", false)) {
            out.yield(a.use());
            out.yield(b.use());
          }
          out.yield(0);
        }
        """));
    cs.add(Case.gen("g_resource_close_failure_suppressed_into_body_failure", TryDiffTest.RES.replace("final class Res",
        "static final class Res") + """
        @Coroutine static void gen(Yield<String> out) throws IOException {
          try (Res a = new Res("a", true)) {
            out.yield("x");
            throw new IllegalStateException("body");
          }
        }
        """));
    // ------------------------------------------------------------ primitive generators
    cs.add(Case.gen("g_int_generator", """
        @Coroutine static void gen(int n, IntYield out) {
          for (int i = 0; i < n; i++) out.yield(i * i);
        }
        """).args(5));
    cs.add(Case.gen("g_long_generator_with_finally", """
        @Coroutine static void gen(LongYield out) {
          try {
            out.yield(1L << 40);
          } finally {
            out.yield(-1L);
          }
        }
        """));
    cs.add(Case.gen("g_double_generator", """
        @Coroutine static void gen(int n, DoubleYield out) {
          double x = 1;
          for (int i = 0; i < n; i++) {
            out.yield(x);
            x /= 2;
          }
        }
        """).args(4));
    // ------------------------------------------------------------ closed early
    cs.add(Case.gen("g_close_runs_finally_once", """
        @Coroutine static void gen(Yield<Integer> out) {
          try {
            out.yield(1);
            out.yield(2);
            out.yield(3);
          } finally {
            Log.add("finally");
          }
          Log.add("after");
        }
        """).closeAfter(2));
    cs.add(Case.gen("g_close_runs_nested_finally_innermost_first", """
        @Coroutine static void gen(Yield<Integer> out) {
          try {
            try {
              try {
                out.yield(1);
                out.yield(2);
              } finally {
                Log.add("f1");
              }
            } finally {
              Log.add("f2");
            }
          } finally {
            Log.add("f3");
          }
        }
        """).closeAfter(1));
    cs.add(Case.gen("g_close_skips_catch_blocks", """
        @Coroutine static void gen(Yield<Integer> out) {
          try {
            out.yield(1);
            out.yield(2);
          } catch (RuntimeException e) {
            Log.add("catch must not run");
          } finally {
            Log.add("finally");
          }
        }
        """).closeAfter(1));
    cs.add(Case.gen("g_close_outside_any_try_runs_nothing", """
        @Coroutine static void gen(Yield<Integer> out) {
          out.yield(1);
          try {
            out.yield(2);
          } finally {
            Log.add("not reached");
          }
        }
        """).closeAfter(1));
    cs.add(Case.gen("g_close_before_start_runs_nothing", """
        @Coroutine static void gen(Yield<Integer> out) {
          Log.add("started");
          try {
            out.yield(1);
          } finally {
            Log.add("finally");
          }
        }
        """).closeAfter(0));
    cs.add(Case.gen("g_close_after_the_end_runs_nothing_more", """
        @Coroutine static void gen(Yield<Integer> out) {
          try {
            out.yield(1);
          } finally {
            Log.add("finally once");
          }
        }
        """).closeAfter(5));
    cs.add(Case.gen("g_close_in_a_loop_body_reads_the_current_locals", """
        @Coroutine static void gen(Yield<Integer> out) {
          for (int i = 0; i < 10; i++) {
            String label = "round " + i;
            try {
              out.yield(i);
              label = "changed";
            } finally {
              Log.add("finally " + label);
            }
          }
        }
        """).closeAfter(3));
    cs.add(Case.gen("g_close_inside_a_finally_runs_the_outer_ones", """
        @Coroutine static void gen(Yield<String> out) {
          try {
            try {
              out.yield("body");
            } finally {
              out.yield("inner finally");
              Log.add("rest of inner finally");
            }
          } finally {
            Log.add("outer finally");
          }
        }
        """).closeAfter(2));
    cs.add(Case.gen("g_close_closes_resources_in_reverse", TryDiffTest.RES.replace("final class Res",
        "static final class Res") + """
        @Coroutine static void gen(Yield<Integer> out) throws IOException {
          try (Res a = new Res("a", false); Res b = new Res("b", false)) {
            out.yield(1);
            out.yield(2);
          }
        }
        """).closeAfter(1));
    cs.add(Case.gen("g_close_whose_finally_throws", """
        @Coroutine static void gen(Yield<Integer> out) {
          try {
            out.yield(1);
            out.yield(2);
          } finally {
            throw new IllegalStateException("finally fails");
          }
        }
        """).closeAfter(1));
    cs.add(Case.gen("g_close_an_int_generator_in_try", """
        @Coroutine static void gen(IntYield out) {
          int i = 0;
          try {
            while (true) out.yield(i++);
          } finally {
            Log.add("stopped at " + i);
          }
        }
        """).closeAfter(4));
    cs.add(Case.gen("g_close_in_a_labelled_loop_with_switch", """
        @Coroutine static void gen(Yield<String> out) {
          outer:
          for (int i = 0; i < 5; i++) {
            try {
              switch (i) {
                case 1 -> { continue outer; }
                case 3 -> { break outer; }
                default -> out.yield("i" + i);
              }
            } finally {
              Log.add("f" + i);
            }
          }
        }
        """).closeAfter(2));
    // ------------------------------------------------------------ yieldAll closes its delegate (issue 15 item 7)
    String delegate = """
        @Coroutine static void inner(int n, Yield<Integer> out) {
          try {
            for (int i = 0; i < n; i++) out.yield(i);
          } finally {
            Log.add("inner finally");
          }
        }
        """;
    cs.add(Case.gen("g_yieldall_closes_its_delegate_generator_first", delegate + """
        @Coroutine static void gen(Yield<Integer> out) {
          try {
            out.yieldAll(CaseCoroutines.inner(5));
            out.yield(100);
          } finally {
            Log.add("outer finally");
          }
        }
        """).closeAfter(2));
    cs.add(Case.gen("g_yieldall_run_to_its_end_then_closed", delegate + """
        @Coroutine static void gen(Yield<Integer> out) {
          try {
            out.yieldAll(CaseCoroutines.inner(2));
            out.yield(100);
            out.yield(101);
          } finally {
            Log.add("outer finally");
          }
        }
        """).closeAfter(3));
    cs.add(Case.gen("g_yieldall_of_nested_delegates_closed", delegate + """
        @Coroutine static void middle(Yield<Integer> out) {
          try {
            out.yield(-1);
            out.yieldAll(CaseCoroutines.inner(3));
          } finally {
            Log.add("middle finally");
          }
        }
        @Coroutine static void gen(Yield<Integer> out) {
          out.yieldAll(CaseCoroutines.middle());
          Log.add("not reached when closed");
        }
        """).closeAfter(3));
    cs.add(Case.gen("g_yieldall_delegate_whose_finally_throws", """
        @Coroutine static void inner(Yield<Integer> out) {
          try {
            out.yield(1);
            out.yield(2);
          } finally {
            throw new IllegalStateException("inner finally fails");
          }
        }
        @Coroutine static void gen(Yield<Integer> out) {
          try {
            out.yieldAll(CaseCoroutines.inner());
          } finally {
            Log.add("outer finally");
          }
        }
        """).closeAfter(1));
    cs.add(Case.gen("g_yieldall_of_a_list_closed", """
        @Coroutine static void gen(Yield<Integer> out) {
          try {
            out.yieldAll(List.of(1, 2, 3));
          } finally {
            Log.add("outer finally");
          }
        }
        """).closeAfter(2));
    return cs;
  }

  @TestFactory
  Stream<DynamicTest> differential() {
    return DiffHarness.tests(cases());
  }

  // ------------------------------------------------------------ what direct mode cannot show

  private static final Case REENTRANT = Case.gen("g_reentrant", """
      static Iterator<Integer> self;
      @Coroutine static void gen(Yield<Integer> out) {
        out.yield(1);
        self.hasNext(); // the body asks its own generator for the next element
        out.yield(2);
      }
      """);

  private static final Case YIELDS_WHILE_CLOSING = Case.gen("g_yields_while_closing", """
      @Coroutine static void gen(Yield<Integer> out) {
        try {
          out.yield(1);
        } finally {
          out.yield(2);
        }
      }
      """);

  private static Object generator(Case c, Map<String, byte[]> classes) throws Exception {
    ClassLoader loader = new MemoryClassLoader(classes, GeneratorSemanticsTest.class.getClassLoader());
    Method f = loader.loadClass(c.entryClass() + "Coroutines").getMethod("gen");
    return f.invoke(null);
  }

  @Test
  void reenteringARunningGeneratorIsAClearError() throws Exception {
    Map<Case, DiffHarness.Build> b = DiffHarness.buildAll(List.of(REENTRANT));
    Map<String, byte[]> classes = b.get(REENTRANT).classes();
    RunContext.sync().install();
    Object g = generator(REENTRANT, classes);
    ClassLoader loader = g.getClass().getClassLoader();
    java.lang.reflect.Field self = loader.loadClass(REENTRANT.entryClass()).getDeclaredField("self");
    self.setAccessible(true);
    self.set(null, g);
    Iterator<?> it = (Iterator<?>) g;
    assertEquals(1, it.next());
    IllegalStateException e = assertThrows(IllegalStateException.class, it::next);
    assertEquals("Case.gen(Yield) is already running: a generator's body cannot ask for its own next element,"
        + " nor two threads iterate it at once", e.getMessage());
  }

  /** Closing a generator suspended inside {@code yieldAll} closes the delegate first (JavaScript's yield*). */
  @Test
  void closingAGeneratorInsideYieldAllRunsTheDelegatesFinallyFirst() throws Exception {
    Case c = cases().stream().filter(k -> k.id.equals("g_yieldall_closes_its_delegate_generator_first")).findFirst()
        .orElseThrow();
    Map<Case, DiffHarness.Build> b = DiffHarness.buildAll(List.of(c));
    RunContext.sync().install();
    Log.take();
    AutoCloseable g = (AutoCloseable) generator(c, b.get(c).classes());
    assertEquals(0, ((Iterator<?>) g).next());
    assertEquals(1, ((Iterator<?>) g).next());
    g.close();
    assertEquals(List.of("inner finally", "outer finally"), Log.take());
  }

  private static final Case FAILS = Case.gen("g_fails_after_one", """
      @Coroutine static void gen(Yield<Integer> out) {
        out.yield(1);
        throw new IllegalArgumentException("boom");
      }
      """);

  /** A failed generator rethrows its failure once, then says it failed at every later use: never a silent end. */
  @Test
  void aGeneratorUsedAfterItFailedKeepsSayingSo() throws Exception {
    Map<Case, DiffHarness.Build> b = DiffHarness.buildAll(List.of(FAILS));
    RunContext.sync().install();
    Iterator<?> g = (Iterator<?>) generator(FAILS, b.get(FAILS).classes());
    assertEquals(1, g.next());
    IllegalArgumentException boom = assertThrows(IllegalArgumentException.class, g::hasNext);
    assertEquals("boom", boom.getMessage());
    for (org.junit.jupiter.api.function.Executable later : List.<org.junit.jupiter.api.function.Executable>of(
        g::hasNext, g::next, g::hasNext)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, later);
      assertSame(boom, e.getCause());
      assertEquals("Case.gen(Yield) failed with java.lang.IllegalArgumentException: boom (thrown by an earlier"
          + " hasNext() or next()): a failed generator produces nothing more", e.getMessage());
    }
    ((AutoCloseable) g).close(); // nothing to run: closing a failed generator is a no-op
  }

  @Test
  void yieldingWhileClosedIsAClearError() throws Exception {
    Map<Case, DiffHarness.Build> b = DiffHarness.buildAll(List.of(YIELDS_WHILE_CLOSING));
    RunContext.sync().install();
    AutoCloseable g = (AutoCloseable) generator(YIELDS_WHILE_CLOSING, b.get(YIELDS_WHILE_CLOSING).classes());
    assertEquals(1, ((Iterator<?>) g).next());
    IllegalStateException e = assertThrows(IllegalStateException.class, g::close);
    assertEquals("Case.gen(Yield) yielded while being closed: a finally block of a generator must not yield",
        e.getMessage());
    assertTrue(!((Iterator<?>) g).hasNext(), "a closed generator has no more elements");
    Log.take();
  }
}

package dev.coframe.processor.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coframe.runtime.AllocatorStats;
import dev.coframe.runtime.Co;
import dev.coframe.runtime.EventLoop;
import dev.coframe.runtime.Launch;
import dev.coframe.runtime.RecyclingAllocator;
import dev.coframe.runtime.Task;
import dev.coframe.runtime.TaskTimeoutException;
import dev.coframe.runtime.WorkStealingPool;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Co.all}, {@code Co.any} and {@code Co.withTimeout} (DESIGN §5.2) on generated code, one
 * test per rule, on an event loop and on a two-worker pool: results in order; the first failure
 * cancels the rest, waits for their cleanup and keeps what their cleanup threw as suppressed, not
 * their cancellations; any's losers cancelled and waited for; a timeout is a TaskTimeoutException
 * after the task's finally ran; a cancelled combinator cancels its members first; and skynet.
 */
class CombinatorsTest {
  private static CompiledCase c;
  private Executor executor;
  private String threads;

  @BeforeAll
  static void compile() {
    c = CompiledCase.of(Case.task("combinators", """
        public static final List<String> log = Collections.synchronizedList(new ArrayList<>());
        public static final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();
        static void note(String s) { log.add(s); }
        static <T> java.util.concurrent.CompletableFuture<T> waitingOn(java.util.concurrent.CompletableFuture<T> gate) {
          if (!gate.isDone()) waiting.incrementAndGet();
          return gate;
        }
        @Coroutine static int value(int v, java.util.concurrent.CompletableFuture<Integer> gate) {
          try {
            int g = gate == null ? 0 : await(waitingOn(gate));
            return v + g;
          } finally {
            note("value " + v + " finally");
          }
        }
        @Coroutine static int failing(String message, java.util.concurrent.CompletableFuture<Integer> gate) {
          try {
            if (gate != null) await(gate);
            throw new IllegalStateException(message);
          } finally {
            note("failing " + message + " finally");
          }
        }
        @Coroutine static int cleanupFails(java.util.concurrent.CompletableFuture<Integer> gate) {
          try {
            return await(waitingOn(gate));
          } catch (Throwable t) {
            note("cleanupFails caught " + t);
            return -1;
          } finally {
            note("cleanupFails finally");
            if (gate != null) throw new IllegalArgumentException("cleanup failed");
          }
        }
        @Coroutine static List<Integer> allOf(dev.coframe.runtime.Task<Integer> a, dev.coframe.runtime.Task<Integer> b,
            dev.coframe.runtime.Task<Integer> c) {
          List<Integer> r = await(dev.coframe.runtime.Co.all(a, b, c));
          note("allOf got " + r);
          return r;
        }
        @Coroutine static int anyOf(dev.coframe.runtime.Task<Integer> a, dev.coframe.runtime.Task<Integer> b) {
          int r = await(dev.coframe.runtime.Co.any(a, b));
          note("anyOf got " + r);
          return r;
        }
        @Coroutine static int timed(long millis, dev.coframe.runtime.Task<Integer> t) {
          try {
            return await(dev.coframe.runtime.Co.withTimeout(java.time.Duration.ofMillis(millis), t));
          } catch (dev.coframe.runtime.TaskTimeoutException e) {
            note("timed caught " + e.getMessage());
            return -1;
          }
        }
        @Coroutine static long skynet(long num, int size, int div) {
          if (size == 1) return num;
          List<dev.coframe.runtime.Task<Long>> children = new ArrayList<>(div);
          for (int i = 0; i < div; i++) {
            children.add(CaseCoroutines.skynet(num + (long) i * (size / div), size / div, div));
          }
          long sum = 0;
          for (long x : await(dev.coframe.runtime.Co.all(children))) sum += x;
          return sum;
        }
        """));
  }

  @BeforeEach
  void clear() {
    c.<List<String>>field("log").clear();
    c.<java.util.concurrent.atomic.AtomicInteger>field("waiting").set(0);
  }

  /** Until {@code n} members wait on their gates (bounded): a member cancelled before it started never runs. */
  private static void untilWaiting(int n) {
    java.util.concurrent.atomic.AtomicInteger w = c.field("waiting");
    for (long i = 0; i < 100_000_000L && w.get() < n; i++) {
      Thread.onSpinWait();
    }
    assertEquals(n, w.get(), "members waiting");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (executor != null) {
      ((AutoCloseable) executor).close();
      executor = null;
    }
  }

  static final String EVENT_LOOP = "event loop";

  private void on(String kind) {
    executor = kind.equals(EVENT_LOOP) ? new EventLoop("combinators") : new WorkStealingPool(2);
  }

  private <T> Task<T> launch(Supplier<Task<T>> body) {
    return Launch.on(executor).start(body);
  }

  private static List<String> log() {
    return c.field("log");
  }

  /** The task's outcome, bounded: its value, or the exception it failed with (its cause, unwrapped). */
  private static Object outcome(Task<?> t) throws Exception {
    try {
      return t.toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (CancellationException e) {
      return e.getCause() instanceof CancellationException ? e.getCause() : e;
    }
  }

  private static CompletableFuture<Integer> gate() {
    return new CompletableFuture<>();
  }

  @ParameterizedTest(name = "on a {0}")
  @ValueSource(strings = {EVENT_LOOP, "work-stealing pool"})
  void allGivesTheResultsInOrderWhateverOrderTheyCompleteIn(String kind) throws Exception {
    on(kind);
    CompletableFuture<Integer> g1 = gate();
    CompletableFuture<Integer> g2 = gate();
    Task<List<Integer>> t = launch(() -> c.task("allOf", c.task("value", 1, g1), c.task("value", 2, g2),
        c.task("value", 3, null)));
    g2.complete(20);
    g1.complete(10);
    assertEquals(List.of(11, 22, 3), outcome(t));
    assertEquals("allOf got [11, 22, 3]", log().get(3), "the parent resumed after all three");
  }

  @ParameterizedTest(name = "on a {0}")
  @ValueSource(strings = {EVENT_LOOP, "work-stealing pool"})
  void allsFirstFailureCancelsTheOthersWaitsForTheirCleanupAndKeepsWhatItThrew(String kind) throws Exception {
    on(kind);
    CompletableFuture<Integer> fail = gate();
    Task<List<Integer>> t = launch(() -> c.task("allOf", c.task("value", 1, gate()), c.task("failing", "boom", fail),
        c.task("cleanupFails", gate())));
    untilWaiting(2);
    fail.complete(0);
    Object e = outcome(t);
    assertTrue(e instanceof IllegalStateException, String.valueOf(e));
    assertEquals("boom", ((Throwable) e).getMessage());
    assertEquals(List.of("cleanup failed"), Arrays.stream(((Throwable) e).getSuppressed()).map(Throwable::getMessage)
        .toList(), "what a cancelled sibling's cleanup threw, not the siblings' cancellations");
    List<String> l = log();
    assertTrue(l.containsAll(List.of("failing boom finally", "value 1 finally", "cleanupFails finally")), l.toString());
    assertEquals(3, l.size(), "no catch saw the cancellation, and the parent did not resume: " + l);
  }

  @ParameterizedTest(name = "on a {0}")
  @ValueSource(strings = {EVENT_LOOP, "work-stealing pool"})
  void anyGivesTheFirstSuccessAndCancelsAndWaitsForTheLosers(String kind) throws Exception {
    on(kind);
    CompletableFuture<Integer> win = gate();
    Task<Integer> t = launch(() -> c.task("anyOf", c.task("value", 1, gate()), c.task("value", 2, win)));
    untilWaiting(2);
    win.complete(40);
    assertEquals(42, outcome(t));
    assertEquals(List.of("value 2 finally", "value 1 finally", "anyOf got 42"), sortedBeforeLast(log()));
  }

  @ParameterizedTest(name = "on a {0}")
  @ValueSource(strings = {EVENT_LOOP, "work-stealing pool"})
  void anyOfTasksThatAllFailGivesTheFirstFailureWithTheOthersSuppressed(String kind) throws Exception {
    on(kind);
    CompletableFuture<Integer> second = gate();
    Task<Integer> t = launch(() -> c.task("anyOf", c.task("failing", "first", null), c.task("failing", "second",
        second)));
    for (int i = 0; i < 10_000_000 && !log().contains("failing first finally"); i++) {
      Thread.onSpinWait(); // until the first has failed (bounded)
    }
    second.complete(0);
    Object e = outcome(t);
    assertTrue(e instanceof IllegalStateException, String.valueOf(e));
    assertEquals("first", ((Throwable) e).getMessage());
    assertEquals(List.of("second"), Arrays.stream(((Throwable) e).getSuppressed()).map(Throwable::getMessage).toList());
  }

  @ParameterizedTest(name = "on a {0}")
  @ValueSource(strings = {EVENT_LOOP, "work-stealing pool"})
  void aTimeoutCancelsTheTaskRunsItsFinallyAndFailsWithTaskTimeoutException(String kind) throws Exception {
    on(kind);
    Task<Integer> t = launch(() -> c.task("timed", 30L, c.task("value", 1, gate())));
    assertEquals(-1, outcome(t));
    assertEquals(1, c.<java.util.concurrent.atomic.AtomicInteger>field("waiting").get(), "it ran, and was cancelled waiting");
    assertEquals(List.of("value 1 finally", "timed caught the task did not complete within 30 ms"), log());
  }

  @ParameterizedTest(name = "on a {0}")
  @ValueSource(strings = {EVENT_LOOP, "work-stealing pool"})
  void aTaskThatCompletesInTimeGivesItsOutcome(String kind) throws Exception {
    on(kind);
    CompletableFuture<Integer> g = gate();
    Task<Integer> t = launch(() -> c.task("timed", 60_000L, c.task("value", 1, g)));
    g.complete(6);
    assertEquals(7, outcome(t));
    Task<Integer> f = launch(() -> c.task("timed", 60_000L, c.task("failing", "late", null)));
    Object e = outcome(f);
    assertTrue(e instanceof IllegalStateException && ((Throwable) e).getMessage().equals("late"), String.valueOf(e));
  }

  @Test
  void theTimeoutExceptionNamesTheDurationAndIsNotACancellation() throws Exception {
    on(EVENT_LOOP);
    Task<Integer> t = launch(() -> Co.withTimeout(Duration.ofMillis(1500), c.task("value", 1, gate())));
    Object e = outcome(t);
    assertTrue(e instanceof TaskTimeoutException, String.valueOf(e));
    assertEquals("the task did not complete within 1500 ms", ((Throwable) e).getMessage());
    assertEquals(Duration.ofMillis(1500), ((TaskTimeoutException) e).timeout());
    assertFalse(t.isCancelled());
  }

  @ParameterizedTest(name = "on a {0}")
  @ValueSource(strings = {EVENT_LOOP, "work-stealing pool"})
  void aCancelledCombinatorCancelsItsMembersFirst(String kind) throws Exception {
    on(kind);
    Task<List<Integer>> t = launch(() -> c.task("allOf", c.task("value", 1, gate()), c.task("value", 2, gate()),
        c.task("cleanupFails", gate())));
    untilWaiting(3);
    assertTrue(t.cancel());
    Object e = outcome(t);
    assertTrue(e instanceof CancellationException, String.valueOf(e));
    assertEquals("Case.allOf(Task, Task, Task) was cancelled", ((Throwable) e).getMessage());
    assertEquals(List.of("cleanup failed"), Arrays.stream(((Throwable) e).getSuppressed()).map(Throwable::getMessage)
        .toList());
    assertEquals(List.of("cleanupFails finally", "value 1 finally", "value 2 finally"), log().stream().sorted().toList());
  }

  @Test
  void aMemberCancelledBeforeItStartedIsAFailureOfTheGroup() throws Exception {
    on(EVENT_LOOP);
    Task<Integer> cancelled = c.task("value", 1, null);
    assertTrue(cancelled.cancel());
    Task<List<Integer>> t = launch(() -> c.task("allOf", c.task("value", 2, gate()), cancelled, c.task("value", 3,
        null)));
    Object e = outcome(t);
    assertTrue(e instanceof CancellationException, String.valueOf(e));
    assertEquals("Case.value(int, CompletableFuture) was cancelled", ((Throwable) e).getMessage());
    assertFalse(t.isCancelled(), "the group failed with its member's cancellation; it was not cancelled");
    Task<Integer> cancelledToo = c.task("value", 1, null);
    assertTrue(cancelledToo.cancel());
    Object te = outcome(launch(() -> Co.withTimeout(Duration.ofMinutes(1), cancelledToo)));
    assertTrue(te instanceof CancellationException, String.valueOf(te));
  }

  @Test
  void inDirectModeTheCombinatorsRunOnTheCallingThread() throws Throwable {
    assertEquals(List.of(1, 2, 3), c.direct("allOf", c.task("value", 1, null), c.task("value", 2, null),
        c.task("value", 3, null)));
    assertEquals(5, (int) c.<Integer>direct("anyOf", c.task("failing", "x", null), c.task("value", 5, null)));
    assertEquals(4, (int) c.<Integer>direct("timed", 60_000L, c.task("value", 4, null)));
  }

  @Test
  void anAllOfNoTasksIsAnEmptyListAndAnAnyOfNoneIsRefused() {
    assertEquals(List.of(), Co.all().join());
    assertEquals("Co.any needs at least one task: there is no first result of none",
        assertThrows(IllegalArgumentException.class, () -> Co.any()).getMessage());
  }

  @Test
  void skynetOfAMillionLeavesOnTwoWorkersCountsEveryFrameBack() throws Exception {
    RecyclingAllocator allocator = new RecyclingAllocator();
    try (WorkStealingPool pool = new WorkStealingPool(2)) {
      for (int run = 0; run < 5; run++) {
        Task<Long> t = Launch.on(pool).with(allocator).start(() -> c.task("skynet", 0L, 1_000_000, 10));
        assertEquals(499_999_500_000L, outcome(t));
      }
    }
    AllocatorStats s = allocator.stats();
    assertEquals(0, s.live(), s.toString());
    // a frame per node, and one per Co.all
    assertEquals(5 * (1_111_111L + 111_111L), s.allocated() + s.reused(), s.toString());
  }

  /** The log's entries but the last, sorted (members finish in any order), then the last. */
  private static List<String> sortedBeforeLast(List<String> l) {
    List<String> head = l.subList(0, l.size() - 1).stream().sorted(java.util.Comparator.reverseOrder()).toList();
    List<String> all = new java.util.ArrayList<>(head);
    all.add(l.get(l.size() - 1));
    return all;
  }
}

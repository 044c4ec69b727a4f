package dev.coframe.processor.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.coframe.runtime.EventLoop;
import dev.coframe.runtime.InlineExecutor;
import dev.coframe.runtime.Launch;
import dev.coframe.runtime.Task;
import dev.coframe.runtime.WorkStealingPool;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cancellation follows LLVM's destroy path (DESIGN §5.1), on generated code: a suspended task does
 * not resume; its pending finally blocks and resource closes run innermost first, the child it
 * awaits before it, on its executor, and no catch block sees anything; a running one stops at its
 * next suspension point; a finally that suspends delays the completion; one that throws is kept in
 * the cancellation as suppressed; a completion that comes after the cancellation changes nothing;
 * a task not started never runs; a finished one is left as it is.
 */
class CancellationTest {
  private static ClassLoader loader;
  private static Class<?> owner;
  /** The executor the tasks are launched on: an event loop, or a work-stealing pool of two workers. */
  private Executor executor;
  private String threads;

  @BeforeAll
  static void compile() throws ReflectiveOperationException {
    Case c = Case.task("cancellation", """
        public static final List<String> log = Collections.synchronizedList(new ArrayList<>());
        public static java.util.concurrent.CountDownLatch reached;
        public static dev.coframe.runtime.Task<Integer> held;
        static void note(String s) { log.add(s + " on " + Thread.currentThread().getName()); }
        static final class Res implements AutoCloseable {
          private final String name;
          Res(String name) { this.name = name; }
          @Override public void close() { note("close " + name); }
        }
        @Coroutine static int leaf(java.util.concurrent.CompletableFuture<Integer> gate) {
          try (Res r = new Res("leaf")) {
            try {
              reached.countDown();
              return await(gate);
            } catch (Throwable t) {
              note("leaf caught " + t);
              return -1;
            } finally {
              note("leaf finally");
            }
          }
        }
        @Coroutine static int middle(java.util.concurrent.CompletableFuture<Integer> gate) {
          try {
            return leaf(gate) + 1;
          } catch (Throwable t) {
            note("middle caught " + t);
            return -2;
          } finally {
            note("middle finally");
          }
        }
        @Coroutine static int top(java.util.concurrent.CompletableFuture<Integer> gate) {
          try (Res r = new Res("top")) {
            return middle(gate) + 1;
          } finally {
            note("top finally");
          }
        }
        @Coroutine static int spin(java.util.concurrent.CompletableFuture<Integer> done) {
          int i = 0;
          try {
            for (;;) {
              i += await(done);
              if (i == 3) reached.countDown();
            }
          } finally {
            note("spin finally");
          }
        }
        @Coroutine static int slowCleanup(java.util.concurrent.CompletableFuture<Integer> gate,
            java.util.concurrent.CompletableFuture<Integer> cleanup) {
          try {
            reached.countDown();
            return await(gate);
          } finally {
            note("cleanup start");
            int c = await(cleanup);
            note("cleanup end " + c);
          }
        }
        @Coroutine static int throwsInFinally(java.util.concurrent.CompletableFuture<Integer> gate) {
          try {
            try {
              reached.countDown();
              return await(gate);
            } finally {
              note("inner finally");
              if (gate != null) throw new IllegalStateException("cleanup failed");
            }
          } catch (IllegalStateException e) {
            note("caught " + e.getMessage());
            return -1;
          } finally {
            note("outer finally");
          }
        }
        @Coroutine static int child(java.util.concurrent.CompletableFuture<Integer> gate) {
          try {
            reached.countDown();
            return await(gate);
          } finally {
            note("child finally");
          }
        }
        @Coroutine static int parent(java.util.concurrent.CompletableFuture<Integer> gate) {
          dev.coframe.runtime.Task<Integer> t = CaseCoroutines.child(gate);
          held = t;
          try {
            return await(t);
          } catch (java.util.concurrent.CancellationException e) {
            note("parent caught " + e.getMessage());
            return 42;
          }
        }
        """);
    DiffHarness.Build b = DiffHarness.buildAll(List.of(c)).get(c);
    if (!b.ok()) {
      fail("does not compile:\n" + b.errors("") + c.describeSources());
    }
    loader = new MemoryClassLoader(b.classes(), CancellationTest.class.getClassLoader());
    owner = loader.loadClass(c.entryClass());
  }

  @BeforeEach
  @SuppressWarnings("unchecked")
  void setUp() throws ReflectiveOperationException {
    ((List<String>) owner.getField("log").get(null)).clear();
    owner.getField("reached").set(null, new CountDownLatch(1));
  }

  /** Launches on {@code kind}'s executor from here on. */
  private void on(String kind) {
    if (kind.equals(EVENT_LOOP)) {
      executor = new EventLoop("cancel-loop");
      threads = "cancel-loop";
    } else {
      executor = new WorkStealingPool(2);
      threads = "coframe-worker";
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    if (executor != null) {
      ((AutoCloseable) executor).close();
      executor = null;
    }
  }

  static final String EVENT_LOOP = "event loop";

  /** The log, each entry's worker thread named without its number (a pool has two). */
  @SuppressWarnings("unchecked")
  private static List<String> log() throws ReflectiveOperationException {
    return ((List<String>) owner.getField("log").get(null)).stream()
        .map(e -> e.replaceAll("coframe-worker-\\d+$", "coframe-worker"))
        .toList();
  }

  private static void awaitReached() throws Exception {
    assertTrue(((CountDownLatch) owner.getField("reached").get(null)).await(10, TimeUnit.SECONDS), "the body got there");
  }

  @SuppressWarnings("unchecked")
  private static Task<Integer> task(String name, Object... args) throws ReflectiveOperationException {
    for (Method m : loader.loadClass("cases.cancellation.CaseCoroutines").getMethods()) {
      if (m.getName().equals(name)) {
        try {
          return (Task<Integer>) m.invoke(null, args);
        } catch (InvocationTargetException e) {
          throw new AssertionError(e.getCause());
        }
      }
    }
    throw new AssertionError("no factory " + name);
  }

  private Task<Integer> launch(String name, Object... args) {
    return Launch.on(executor).start(() -> {
      try {
        return task(name, args);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    });
  }

  /** join(), bounded: the task's outcome as an exception, or null if it completed normally. */
  private static Throwable outcome(Task<Integer> t) throws Exception {
    try {
      t.toCompletableFuture().get(10, TimeUnit.SECONDS);
      return null;
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (CancellationException e) {
      // the task's own cancellation (JDK 23+ wraps it in a new one, "get", whose cause it is)
      return e.getCause() instanceof CancellationException ? e.getCause() : e;
    }
  }

  private String on() {
    return " on " + threads;
  }

  @ParameterizedTest(name = "on a {0}")
  @ValueSource(strings = {EVENT_LOOP, "work-stealing pool"})
  void aTaskSuspendedThreeLevelsDeepRunsEveryFinallyAndCloseOnceInnermostFirstAndNoCatch(String kind) throws Exception {
    on(kind);
    CompletableFuture<Integer> gate = new CompletableFuture<>();
    Task<Integer> t = launch("top", gate);
    awaitReached();
    assertTrue(t.cancel(), "cancelled");
    Throwable e = outcome(t);
    assertTrue(e instanceof CancellationException, String.valueOf(e));
    assertEquals("Case.top(CompletableFuture) was cancelled", e.getMessage());
    assertTrue(t.isDone());
    assertTrue(t.isCancelled());
    assertEquals(List.of("leaf finally" + on(), "close leaf" + on(), "middle finally" + on(), "close top" + on(),
        "top finally" + on()), log(), "children before parents, innermost first, each once, on the task's executor");
    assertFalse(t.cancel(), "a finished task: nothing");
    gate.complete(5); // a completion after the cancellation changes nothing
    assertEquals(5, log().size());
    CancellationException j = assertThrows(CancellationException.class, t::join);
    assertSame(e, j, "every joiner sees the same cancellation");
  }

  @ParameterizedTest(name = "on a {0}")
  @ValueSource(strings = {EVENT_LOOP, "work-stealing pool"})
  void aRunningTaskStopsAtItsNextSuspensionPoint(String kind) throws Exception {
    on(kind);
    Task<Integer> t = launch("spin", CompletableFuture.completedFuture(1));
    awaitReached();
    assertTrue(t.cancel());
    assertTrue(outcome(t) instanceof CancellationException);
    assertEquals(List.of("spin finally" + on()), log());
  }

  @Test
  void aTaskNotStartedCompletesCancelledAndNeverRuns() throws Exception {
    Task<Integer> lazy = task("top", new CompletableFuture<Integer>());
    assertTrue(lazy.cancel());
    assertTrue(lazy.isDone());
    assertTrue(lazy.isCancelled());
    assertEquals("Case.top(CompletableFuture) was cancelled", assertThrows(CancellationException.class, lazy::join)
        .getMessage());
    assertEquals(List.of(), log(), "its body never ran");
    assertEquals(1L, ((CountDownLatch) owner.getField("reached").get(null)).getCount());
  }

  @Test
  void aFinishedTaskIsLeftAsItIs() throws Exception {
    Task<Integer> t = Launch.on(InlineExecutor.INSTANCE).start(() -> {
      try {
        return task("child", CompletableFuture.completedFuture(7));
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    });
    assertEquals(7, t.join());
    assertFalse(t.cancel());
    assertFalse(t.isCancelled());
    assertEquals(7, t.join());
  }

  @ParameterizedTest(name = "on a {0}")
  @ValueSource(strings = {EVENT_LOOP, "work-stealing pool"})
  void aFinallyThatSuspendsDelaysTheCompletion(String kind) throws Exception {
    on(kind);
    CompletableFuture<Integer> gate = new CompletableFuture<>();
    CompletableFuture<Integer> cleanup = new CompletableFuture<>();
    Task<Integer> t = launch("slowCleanup", gate, cleanup);
    awaitReached();
    CompletableFuture<Integer> done = t.toCompletableFuture();
    assertTrue(t.cancel());
    for (int i = 0; i < 10_000 && log().isEmpty(); i++) {
      Thread.yield(); // until the destroy reached the finally's await (bounded)
    }
    assertEquals(List.of("cleanup start" + on()), log());
    assertFalse(done.isDone(), "the finally suspended: the task is not done yet");
    cleanup.complete(9);
    assertTrue(outcome(t) instanceof CancellationException);
    assertEquals(List.of("cleanup start" + on(), "cleanup end 9" + on()), log());
  }

  @ParameterizedTest(name = "on a {0}")
  @ValueSource(strings = {EVENT_LOOP, "work-stealing pool"})
  void aFinallyThatThrowsIsSuppressedAndNoCatchSeesIt(String kind) throws Exception {
    on(kind);
    Task<Integer> t = launch("throwsInFinally", new CompletableFuture<Integer>());
    awaitReached();
    assertTrue(t.cancel());
    Throwable e = outcome(t);
    assertTrue(e instanceof CancellationException, String.valueOf(e));
    assertEquals(1, e.getSuppressed().length);
    assertEquals("cleanup failed", e.getSuppressed()[0].getMessage());
    assertEquals(List.of("inner finally" + on(), "outer finally" + on()), log(), "the outer catch never ran");
  }

  @ParameterizedTest(name = "on a {0}")
  @ValueSource(strings = {EVENT_LOOP, "work-stealing pool"})
  void aChildCancelledBySomeoneElseIsSeenByItsParentsAwait(String kind) throws Exception {
    on(kind);
    CompletableFuture<Integer> gate = new CompletableFuture<>();
    Task<Integer> t = launch("parent", gate);
    awaitReached();
    @SuppressWarnings("unchecked")
    Task<Integer> held = (Task<Integer>) owner.getField("held").get(null);
    assertTrue(held.cancel());
    assertEquals(null, outcome(t));
    assertEquals(42, t.join(), "the parent caught the child's cancellation at its await");
    assertEquals(List.of("child finally" + on(), "parent caught Case.child(CompletableFuture) was cancelled" + on()),
        log());
  }

  @ParameterizedTest(name = "on a {0}")
  @ValueSource(strings = {EVENT_LOOP, "work-stealing pool"})
  void cancellingTheFutureCancelsTheTask(String kind) throws Exception {
    on(kind);
    CompletableFuture<Integer> gate = new CompletableFuture<>();
    Task<Integer> t = launch("child", gate);
    awaitReached();
    assertTrue(t.toCompletableFuture().cancel(true));
    CancellationException e = assertThrows(CancellationException.class, t::join);
    assertEquals("Case.child(CompletableFuture) was cancelled", e.getMessage());
    assertEquals(List.of("child finally" + on()), log());
  }
}

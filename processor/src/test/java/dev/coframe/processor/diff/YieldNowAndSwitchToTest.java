package dev.coframe.processor.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coframe.runtime.EventLoop;
import dev.coframe.runtime.Launch;
import dev.coframe.runtime.Task;
import dev.coframe.runtime.WorkStealingPool;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Co.yieldNow()} and {@code Co.switchTo(executor)} (DESIGN §5.3) on generated code: a yield
 * lets the steps queued on the executor run first, and is a point a cancellation stops a CPU-bound
 * loop at; a switch moves the rest of the task (its children, the parent it returns to), a join
 * from plain Java waits for a task that moved, a rejected switch fails the task; in direct mode
 * both continue at once.
 */
class YieldNowAndSwitchToTest {
  private static CompiledCase c;

  @BeforeAll
  static void compile() {
    c = CompiledCase.of(Case.task("hops", """
        public static final List<String> log = Collections.synchronizedList(new ArrayList<>());
        static String thread() { return Thread.currentThread().getName(); }
        @Coroutine static int turns(String name, int n) {
          for (int i = 0; i < n; i++) {
            log.add(name + i);
            await(dev.coframe.runtime.Co.yieldNow());
          }
          return n;
        }
        @Coroutine static String childThread() {
          await(dev.coframe.runtime.Co.yieldNow());
          return thread();
        }
        @Coroutine static String moved(java.util.concurrent.Executor to) {
          String child = childThread(); // the child awaits where its parent switched to
          return thread() + "|" + child;
        }
        @Coroutine static String hop(java.util.concurrent.Executor to) {
          String before = thread();
          await(dev.coframe.runtime.Co.switchTo(to));
          String after = thread();
          String inner = moved(to);
          return before + "|" + after + "|" + inner + "|" + thread();
        }
        @Coroutine static String childSwitches(java.util.concurrent.Executor to) {
          String parentBefore = thread();
          String child = switcher(to);
          return parentBefore + "|" + child + "|" + thread();
        }
        @Coroutine static String switcher(java.util.concurrent.Executor to) {
          await(dev.coframe.runtime.Co.switchTo(to));
          return thread();
        }
        @Coroutine static long spin(java.util.concurrent.CountDownLatch reached) {
          long i = 0;
          try {
            for (;;) {
              i++;
              if (i == 1000) reached.countDown();
              try {
                await(dev.coframe.runtime.Co.yieldNow());
              } catch (Throwable t) {
                log.add("spin caught " + t);
              }
            }
          } finally {
            log.add("spin finally " + (i >= 1000));
          }
        }
        @Coroutine static String rejected(java.util.concurrent.Executor to) {
          try {
            await(dev.coframe.runtime.Co.switchTo(to));
            log.add("moved");
            return "moved";
          } finally {
            log.add("rejected finally");
          }
        }
        """));
  }

  @BeforeEach
  void clear() {
    c.<List<String>>field("log").clear();
  }

  private static List<String> log() {
    return c.field("log");
  }

  private static <T> T outcome(Task<T> t) throws Exception {
    return t.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @SuppressWarnings("unchecked")
  void yieldingTasksOnOneEventLoopTakeTurns() throws Exception {
    try (EventLoop loop = new EventLoop("turns")) {
      // both launched by one step on the loop, so both first steps are queued before either runs
      CompletableFuture<Task<Integer>[]> launched = new CompletableFuture<>();
      loop.execute(() -> launched.complete(new Task[] {
        Launch.on(loop).start(() -> c.task("turns", "A", 3)), Launch.on(loop).start(() -> c.task("turns", "B", 3))}));
      Task<Integer>[] both = launched.get(10, TimeUnit.SECONDS);
      assertEquals(3, outcome(both[0]));
      assertEquals(3, outcome(both[1]));
    }
    assertEquals(List.of("A0", "B0", "A1", "B1", "A2", "B2"), log());
  }

  @Test
  @SuppressWarnings("unchecked")
  void yieldingTasksOnOneWorkerTakeTurnsBehindItsLocalWork() throws Exception {
    try (WorkStealingPool pool = new WorkStealingPool(1)) {
      // launched by a task on the worker: A to its slot, then B to the slot and A to the deque; B runs
      // first, and each yield goes behind the other's step
      CompletableFuture<Task<Integer>[]> launched = new CompletableFuture<>();
      pool.execute(() -> launched.complete(new Task[] {
        Launch.on(pool).start(() -> c.task("turns", "A", 3)), Launch.on(pool).start(() -> c.task("turns", "B", 3))}));
      Task<Integer>[] both = launched.get(10, TimeUnit.SECONDS);
      assertEquals(3, outcome(both[0]));
      assertEquals(3, outcome(both[1]));
    }
    assertEquals(List.of("B0", "A0", "B1", "A1", "B2", "A2"), log());
  }

  @Test
  void aCpuBoundLoopIsCancelledAtItsYieldAndNoCatchSeesIt() throws Exception {
    try (WorkStealingPool pool = new WorkStealingPool(2)) {
      CountDownLatch reached = new CountDownLatch(1);
      Task<Long> t = Launch.on(pool).start(() -> c.task("spin", reached));
      assertTrue(reached.await(10, TimeUnit.SECONDS));
      assertTrue(t.cancel());
      ExecutionException e = assertThrows(ExecutionException.class, () -> {
        try {
          outcome(t);
        } catch (CancellationException ce) {
          throw new ExecutionException(ce);
        }
      });
      assertTrue(t.isCancelled(), String.valueOf(e.getCause()));
    }
    assertEquals(List.of("spin finally true"), log());
  }

  @Test
  void aSwitchMovesTheRestOfTheTaskItsChildrenIncluded() throws Exception {
    try (EventLoop from = new EventLoop("from"); EventLoop to = new EventLoop("to")) {
      Task<String> t = Launch.on(from).start(() -> c.task("hop", to));
      assertEquals("from|to|to|to|to", outcome(t));
    }
  }

  @Test
  void aParentResumesWhereItsChildSwitchedTo() throws Exception {
    try (EventLoop from = new EventLoop("from"); EventLoop to = new EventLoop("to")) {
      Task<String> t = Launch.on(from).start(() -> c.task("childSwitches", to));
      assertEquals("from|to|to", outcome(t));
    }
  }

  @Test
  void aJoinFromPlainJavaWaitsForATaskThatMovedAway() throws Exception {
    try (EventLoop to = new EventLoop("to")) {
      // the joining thread's loop and strand are reused: each join starts at home again, and the
      // thread that completed the last one is done with them before they are (a race, so repeated)
      for (int i = 0; i < 500; i++) {
        Task<String> t = c.task("hop", to);
        String me = Thread.currentThread().getName();
        assertEquals(me + "|to|to|to|to", t.join());
      }
    }
  }

  @Test
  void aSwitchToAClosedExecutorFailsTheTask() throws Exception {
    EventLoop closed = new EventLoop("closed");
    closed.close();
    try (EventLoop from = new EventLoop("from")) {
      Task<String> t = Launch.on(from).start(() -> c.task("rejected", closed));
      ExecutionException e = assertThrows(ExecutionException.class, () -> outcome(t));
      assertTrue(e.getCause() instanceof RejectedExecutionException, String.valueOf(e.getCause()));
      assertTrue(e.getCause().getMessage().startsWith("Case.rejected(Executor) cannot resume: " + closed),
          e.getCause().getMessage());
    }
    assertEquals(List.of(), log(), "the suspended coroutine does not run again");
  }

  @Test
  void inDirectModeBothContinueAtOnceOnTheCallingThread() throws Throwable {
    String me = Thread.currentThread().getName();
    try (EventLoop to = new EventLoop("to")) {
      assertEquals(me + "|" + me + "|" + me + "|" + me + "|" + me, c.direct("hop", to));
    }
    assertEquals(2, (int) c.<Integer>direct("turns", "D", 2));
    assertEquals(List.of("D0", "D1"), log());
  }
}

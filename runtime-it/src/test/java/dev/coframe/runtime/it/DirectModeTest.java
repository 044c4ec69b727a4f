package dev.coframe.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.coframe.runtime.Co;
import dev.coframe.runtime.EventLoop;
import dev.coframe.runtime.InlineExecutor;
import dev.coframe.runtime.Launch;
import dev.coframe.runtime.Task;
import dev.coframe.runtime.fixtures.ChainsCoroutines;
import dev.coframe.runtime.fixtures.Gate;
import dev.coframe.runtime.fixtures.Posted;
import dev.coframe.runtime.fixtures.Runs;
import dev.coframe.runtime.fixtures.ThrowersCoroutines;
import dev.coframe.runtime.fixtures.ValuesCoroutines;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

/** {@code Co.await} outside a coroutine: lazy tasks run inline, everything else blocks. */
class DirectModeTest {

  /** Starts {@code completer} on another thread once the calling thread is parked waiting. */
  private static Thread whenParked(Runnable completer) {
    Thread waiter = Thread.currentThread();
    Thread t = new Thread(() -> {
      while (waiter.getState() != Thread.State.WAITING && waiter.getState() != Thread.State.TIMED_WAITING) {
        Thread.onSpinWait();
      }
      completer.run();
    }, "completer");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Runs {@code body} on {@code loop}'s thread; answers what it returned or threw. */
  private static Object onLoop(EventLoop loop, ThrowingSupplier<?> body) {
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    loop.execute(() -> {
      try {
        outcome.complete(body.get());
      } catch (Throwable t) {
        outcome.complete(t);
      }
    });
    return outcome.join();
  }

  private static void assertWouldBlock(Object outcome) {
    IllegalStateException e = assertInstanceOf(IllegalStateException.class, outcome);
    assertTrue(e.getMessage().contains("would block event-loop thread direct"), e.getMessage());
  }

  // ------------------------------------------------------------------ on an ordinary thread

  @Test
  void aLazyTaskRunsInlineOnTheCallingThread() {
    Runs runs = new Runs();
    Task<String> t = ValuesCoroutines.constant("v", runs);
    assertEquals("v", Co.await(t));
    assertSame(Thread.currentThread(), runs.thread());
    assertEquals(1, runs.count());
    // a lazy task has one awaiter: its result is taken once, and its frame is recycled
    IllegalStateException again = assertThrows(IllegalStateException.class, () -> Co.await(t));
    assertTrue(again.getMessage().startsWith("stale handle: this Values.constant(Object, Runs) task's run is over"),
        again.getMessage());
    assertEquals(1, runs.count());
  }

  @Test
  void aLazyDeepChainRunsInline() {
    assertEquals(100_000, Co.await(ChainsCoroutines.chain(100_000, null)));
    assertEquals(5, Co.run(ChainsCoroutines.chain(5, null)));
  }

  @Test
  void aFutureCompletedLaterFromAnotherThreadIsWaitedFor() throws Exception {
    CompletableFuture<String> cf = new CompletableFuture<>();
    Thread t = whenParked(() -> cf.complete("later"));
    assertEquals("later", Co.await(cf));
    t.join();
  }

  @Test
  void anAwaitableCompletedLaterFromAnotherThreadIsWaitedFor() throws Exception {
    Gate<Integer> gate = new Gate<>();
    Thread t = whenParked(() -> gate.complete(8));
    assertEquals(8, Co.await(gate));
    t.join();
  }

  @Test
  void aLazyTaskThatSuspendsIsDrivenOnTheCallingThread() throws Exception {
    CompletableFuture<Integer> cf = new CompletableFuture<>();
    Thread t = whenParked(() -> cf.complete(20));
    assertEquals(21, Co.await(ThrowersCoroutines.plusOne(ValuesCoroutines.awaitStage(cf))));
    t.join();
  }

  @Test
  void aLaunchedTaskIsWaitedFor() throws Exception {
    try (EventLoop loop = new EventLoop("launched")) {
      Gate<Integer> gate = new Gate<>();
      Task<Integer> task = Launch.on(loop).start(() -> ChainsCoroutines.chain(4, gate));
      Thread t = whenParked(() -> gate.complete(1));
      assertEquals(5, Co.await(task));
      t.join();
    }
  }

  @Test
  void readyThingsNeedNoWaiting() {
    assertEquals("done", Co.await(CompletableFuture.completedFuture("done")));
    assertEquals(3, Co.await(Posted.immediate(3)));
    assertNull(Co.await(Co.sleep(0)));
    assertNull(Co.await(Co.sleep(java.time.Duration.ZERO)));
    assertNull(Co.await(Co.sleep(1)));
  }

  // ------------------------------------------------------------------ on an event-loop thread

  @Test
  void onAnEventLoopANotReadyAwaitThrows() {
    try (EventLoop loop = new EventLoop("direct")) {
      CompletableFuture<String> cf = new CompletableFuture<>();
      assertWouldBlock(onLoop(loop, () -> Co.await(cf)));

      Gate<String> gate = new Gate<>();
      assertWouldBlock(onLoop(loop, () -> Co.await(gate)));
      assertFalse(gate.hasContinuation(), "no continuation is left behind");

      Gate<Integer> leaf = new Gate<>();
      Task<Integer> launched = Launch.on(InlineExecutor.INSTANCE).start(() -> ChainsCoroutines.chain(2, leaf));
      assertWouldBlock(onLoop(loop, () -> Co.await(launched)));
      assertWouldBlock(onLoop(loop, launched::join));

      assertWouldBlock(onLoop(loop, () -> Co.await(ValuesCoroutines.awaitStage(new CompletableFuture<String>()))));
      assertWouldBlock(onLoop(loop, () -> ValuesCoroutines.awaitStage(new CompletableFuture<String>()).join()));

      assertWouldBlock(onLoop(loop, () -> Co.await(Co.sleep(60_000))));

      leaf.complete(0);
      assertEquals(2, launched.joinInt());
      assertEquals("still usable", onLoop(loop, () -> "still usable"));
    }
  }

  @Test
  void onAnEventLoopWhatCompletesWithoutBlockingIsFine() {
    try (EventLoop loop = new EventLoop("direct-ok")) {
      assertEquals("ready", onLoop(loop, () -> Co.await(CompletableFuture.completedFuture("ready"))));
      Gate<Integer> open = new Gate<>();
      open.complete(6);
      assertEquals(6, onLoop(loop, () -> Co.await(open)));
      assertEquals(1000, onLoop(loop, () -> Co.await(ChainsCoroutines.chain(1000, null))));
      assertEquals(1000, onLoop(loop, () -> ChainsCoroutines.chain(1000, null).joinInt()));
      assertEquals(4, onLoop(loop, () -> Co.await(ChainsCoroutines.chain(3, Posted.immediate(1)))));

      Task<Integer> finished = Launch.on(InlineExecutor.INSTANCE).start(() -> ChainsCoroutines.chain(7, null));
      assertTrue(finished.isDone());
      assertEquals(7, onLoop(loop, () -> Co.await(finished)));
      assertEquals(7, onLoop(loop, finished::join));
    }
  }
}

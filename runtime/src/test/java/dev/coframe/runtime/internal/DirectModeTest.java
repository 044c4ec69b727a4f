package dev.coframe.runtime.internal;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
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
    AtomicInteger runs = new AtomicInteger();
    HandFrames.Constant<String> t = (HandFrames.Constant<String>) HandFrames.constant("v", runs);
    assertEquals("v", Co.await(t));
    assertSame(Thread.currentThread(), t.ranOn);
    assertEquals(1, runs.get());
    // a lazy task has one awaiter: its result is taken once, and its frame is recycled
    IllegalStateException again = assertThrows(IllegalStateException.class, () -> Co.await(t));
    assertTrue(again.getMessage().startsWith("stale handle: this HandFrames.constant(Object) task's run is over"),
        again.getMessage());
    assertEquals(1, runs.get());
  }

  @Test
  void aLazyDeepChainRunsInline() {
    assertEquals(100_000, Co.await(HandFrames.chain(100_000)));
    assertEquals(5, Co.run(HandFrames.chain(5)));
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
    HandFrames.Gate<Integer> gate = new HandFrames.Gate<>();
    Thread t = whenParked(() -> gate.complete(8));
    assertEquals(8, Co.await(gate));
    t.join();
  }

  @Test
  void aLazyTaskThatSuspendsIsDrivenOnTheCallingThread() throws Exception {
    CompletableFuture<Integer> cf = new CompletableFuture<>();
    Thread t = whenParked(() -> cf.complete(20));
    assertEquals(21, Co.await(HandFrames.plusOne(HandFrames.awaitStage(cf))));
    t.join();
  }

  @Test
  void aLaunchedTaskIsWaitedFor() throws Exception {
    try (EventLoop loop = new EventLoop("launched")) {
      HandFrames.Gate<Integer> gate = new HandFrames.Gate<>();
      Task<Integer> task = Launch.on(loop).start(() -> HandFrames.chain(4, gate));
      Thread t = whenParked(() -> gate.complete(1));
      assertEquals(5, Co.await(task));
      t.join();
    }
  }

  @Test
  void readyThingsNeedNoWaiting() {
    assertEquals("done", Co.await(CompletableFuture.completedFuture("done")));
    assertEquals(3, Co.await(new HandFrames.Immediate<>(3)));
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

      HandFrames.Gate<String> gate = new HandFrames.Gate<>();
      assertWouldBlock(onLoop(loop, () -> Co.await(gate)));
      assertFalse(gate.hasContinuation(), "no continuation is left behind");

      HandFrames.Gate<Integer> leaf = new HandFrames.Gate<>();
      Task<Integer> launched = Launch.on(InlineExecutor.INSTANCE).start(() -> HandFrames.chain(2, leaf));
      assertWouldBlock(onLoop(loop, () -> Co.await(launched)));
      assertWouldBlock(onLoop(loop, launched::join));

      assertWouldBlock(onLoop(loop, () -> Co.await(HandFrames.awaitStage(new CompletableFuture<String>()))));
      assertWouldBlock(onLoop(loop, () -> HandFrames.awaitStage(new CompletableFuture<String>()).join()));

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
      HandFrames.Gate<Integer> open = new HandFrames.Gate<>();
      open.complete(6);
      assertEquals(6, onLoop(loop, () -> Co.await(open)));
      assertEquals(1000, onLoop(loop, () -> Co.await(HandFrames.chain(1000))));
      assertEquals(1000, onLoop(loop, () -> HandFrames.chain(1000).joinInt()));
      assertEquals(4, onLoop(loop, () -> Co.await(HandFrames.chain(3, new HandFrames.Immediate<>(1)))));

      Task<Integer> finished = Launch.on(InlineExecutor.INSTANCE).start(() -> HandFrames.chain(7));
      assertTrue(finished.isDone());
      assertEquals(7, onLoop(loop, () -> Co.await(finished)));
      assertEquals(7, onLoop(loop, finished::join));
    }
  }
}

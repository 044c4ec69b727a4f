package dev.coframe.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.coframe.runtime.EventLoop;
import dev.coframe.runtime.InlineExecutor;
import dev.coframe.runtime.Launch;
import dev.coframe.runtime.Task;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A synchronous chain far deeper than the Java stack allows must not overflow it. */
class DeepChainTest {
  private static final int DEPTH = 100_000;

  @Test
  void joinsOnTheCallingThread() {
    assertEquals(DEPTH, HandFrames.chain(DEPTH).joinInt());
  }

  @Test
  void joinBoxesTheSameResult() {
    assertEquals(Integer.valueOf(DEPTH), HandFrames.chain(DEPTH).join());
  }

  @Test
  void launchedInline() {
    Task<Integer> t = Launch.on(InlineExecutor.INSTANCE).start(HandFrames::chain, DEPTH);
    assertTrue(t.isDone(), "a synchronous chain launched inline is done when start returns");
    assertNull(t.exception());
    assertEquals(DEPTH, t.result());
    assertEquals(DEPTH, t.joinInt());
  }

  @Test
  void launchedOnAnEventLoop() {
    try (EventLoop loop = new EventLoop("t")) {
      Task<Integer> t = Launch.on(loop).start(() -> HandFrames.chain(DEPTH));
      assertEquals(DEPTH, t.joinInt());
      assertEquals(DEPTH, t.result());
    }
  }

  @Test
  void shallowChainsStayOnTheFastPath() {
    for (int n = 0; n <= 500; n++) {
      assertEquals(n, HandFrames.chain(n).joinInt());
    }
  }

  @Test
  void onASmallThreadStack() throws InterruptedException {
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread th = new Thread(null, () -> {
      try {
        outcome.set(HandFrames.chain(DEPTH).joinInt());
      } catch (Throwable e) {
        outcome.set(e);
      }
    }, "small-stack", 256 * 1024);
    th.start();
    th.join();
    assertEquals(DEPTH, outcome.get());
  }

  @Test
  void deepChainSuspendedAtItsLeafResumesThroughTheTrampoline() {
    try (EventLoop loop = new EventLoop("leaf")) {
      HandFrames.Posted<Integer> leaf = new HandFrames.Posted<>(loop, 7);
      Task<Integer> t = Launch.on(InlineExecutor.INSTANCE).start(() -> HandFrames.chain(DEPTH, leaf));
      assertEquals(DEPTH + 7, t.joinInt());
    }
  }

  @Test
  void deepChainSuspendedAtItsLeafUnderJoin() {
    HandFrames.Immediate<Integer> leaf = new HandFrames.Immediate<>(3);
    Task<Integer> t = HandFrames.chain(DEPTH, leaf);
    assertFalse(t.isDone());
    assertEquals(DEPTH + 3, t.joinInt());
  }

  @Test
  void deepChainSuspendedAtItsLeafCompletedFromAnotherThread() throws Exception {
    HandFrames.Gate<Integer> leaf = new HandFrames.Gate<>();
    Task<Integer> t = Launch.on(InlineExecutor.INSTANCE).start(() -> HandFrames.chain(DEPTH, leaf));
    assertFalse(t.isDone());
    assertTrue(leaf.hasContinuation(), "the continuation is published once the chain has unwound");
    Thread other = new Thread(() -> leaf.complete(11), "completer");
    other.start();
    other.join();
    assertEquals(DEPTH + 11, t.joinInt());
  }
}

package dev.coframe.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.coframe.runtime.EventLoop;
import dev.coframe.runtime.InlineExecutor;
import dev.coframe.runtime.Launch;
import dev.coframe.runtime.Task;
import dev.coframe.runtime.fixtures.ChainsCoroutines;
import dev.coframe.runtime.fixtures.Gate;
import dev.coframe.runtime.fixtures.Posted;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A synchronous chain far deeper than the Java stack allows must not overflow it. */
class DeepChainTest {
  private static final int DEPTH = 100_000;

  @Test
  void joinsOnTheCallingThread() {
    assertEquals(DEPTH, ChainsCoroutines.chain(DEPTH, null).joinInt());
  }

  @Test
  void joinBoxesTheSameResult() {
    assertEquals(Integer.valueOf(DEPTH), ChainsCoroutines.chain(DEPTH, null).join());
  }

  @Test
  void launchedInline() {
    Task<Integer> t = Launch.on(InlineExecutor.INSTANCE).start(ChainsCoroutines::chain, DEPTH, null);
    assertTrue(t.isDone(), "a synchronous chain launched inline is done when start returns");
    assertNull(t.exception());
    assertEquals(DEPTH, t.result());
    assertEquals(DEPTH, t.joinInt());
  }

  @Test
  void launchedOnAnEventLoop() {
    try (EventLoop loop = new EventLoop("t")) {
      Task<Integer> t = Launch.on(loop).start(() -> ChainsCoroutines.chain(DEPTH, null));
      assertEquals(DEPTH, t.joinInt());
      assertEquals(DEPTH, t.result());
    }
  }

  @Test
  void shallowChainsStayOnTheFastPath() {
    for (int n = 0; n <= 500; n++) {
      assertEquals(n, ChainsCoroutines.chain(n, null).joinInt());
    }
  }

  @Test
  void onASmallThreadStack() throws InterruptedException {
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread th = new Thread(null, () -> {
      try {
        outcome.set(ChainsCoroutines.chain(DEPTH, null).joinInt());
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
      Posted<Integer> leaf = new Posted<>(loop, 7);
      Task<Integer> t = Launch.on(InlineExecutor.INSTANCE).start(() -> ChainsCoroutines.chain(DEPTH, leaf));
      assertEquals(DEPTH + 7, t.joinInt());
    }
  }

  @Test
  void deepChainSuspendedAtItsLeafUnderJoin() {
    Posted<Integer> leaf = Posted.immediate(3);
    Task<Integer> t = ChainsCoroutines.chain(DEPTH, leaf);
    assertFalse(t.isDone());
    assertEquals(DEPTH + 3, t.joinInt());
  }

  @Test
  void deepChainSuspendedAtItsLeafCompletedFromAnotherThread() throws Exception {
    Gate<Integer> leaf = new Gate<>();
    Task<Integer> t = Launch.on(InlineExecutor.INSTANCE).start(() -> ChainsCoroutines.chain(DEPTH, leaf));
    assertFalse(t.isDone());
    assertTrue(leaf.hasContinuation(), "the continuation is published once the chain has unwound");
    Thread other = new Thread(() -> leaf.complete(11), "completer");
    other.start();
    other.join();
    assertEquals(DEPTH + 11, t.joinInt());
  }
}

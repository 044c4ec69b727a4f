package dev.coframe.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.coframe.runtime.Co;
import dev.coframe.runtime.EventLoop;
import dev.coframe.runtime.InlineExecutor;
import dev.coframe.runtime.Launch;
import dev.coframe.runtime.Task;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** A child's failure reaches its parent as the original exception; join() wraps only checked ones. */
class FailureTest {

  // ------------------------------------------------------------------ into the parent

  @Test
  void checkedFailureOfASynchronousChildIsCaughtAsItself() {
    IOException boom = new IOException("boom");
    HandFrames.Recover parent = (HandFrames.Recover) HandFrames.recover(HandFrames.thrower(null, boom));
    assertEquals(-1, parent.joinInt());
    assertSame(boom, parent.caught);
  }

  @Test
  void checkedFailureOfASuspendedChildIsCaughtAsItself() {
    IOException boom = new IOException("late");
    try (EventLoop loop = new EventLoop("fail")) {
      HandFrames.Recover parent = (HandFrames.Recover) HandFrames.recover(
          HandFrames.thrower(new HandFrames.Posted<>(loop, "x"), boom));
      Task<Integer> t = Launch.on(loop).start(() -> parent);
      assertEquals(-1, t.joinInt());
      assertSame(boom, parent.caught);
    }
  }

  @Test
  void failureOfTheAwaitableItselfIsCaughtAsItself() throws Exception {
    IOException boom = new IOException("gate");
    HandFrames.Gate<String> gate = new HandFrames.Gate<>();
    HandFrames.Recover parent = (HandFrames.Recover) HandFrames.recover(HandFrames.thrower(gate, new AssertionError()));
    Task<Integer> t = Launch.on(InlineExecutor.INSTANCE).start(() -> parent);
    assertFalse(t.isDone());
    Thread other = new Thread(() -> gate.fail(boom));
    other.start();
    other.join();
    assertEquals(-1, t.joinInt());
    assertSame(boom, parent.caught);
  }

  @Test
  void uncaughtFailurePassesThroughEveryLevelUnchanged() {
    IllegalArgumentException boom = new IllegalArgumentException("deep");
    Task<Integer> t = Launch.on(InlineExecutor.INSTANCE)
        .start(() -> HandFrames.plusOne(HandFrames.plusOne(HandFrames.recover(HandFrames.thrower(null, boom)))));
    assertSame(boom, assertThrows(IllegalArgumentException.class, t::join));
    assertSame(boom, t.exception());
  }

  @Test
  void failureAtTheLeafOfADeepChainReachesTheRoot() {
    IOException boom = new IOException("leaf");
    HandFrames.Gate<Integer> leaf = new HandFrames.Gate<>();
    leaf.fail(boom);
    Task<Integer> t = HandFrames.chain(50_000, leaf);
    CompletionException e = assertThrows(CompletionException.class, t::joinInt);
    assertSame(boom, e.getCause());
  }

  // ------------------------------------------------------------------ join()

  @Test
  void joinWrapsACheckedFailureInCompletionException() {
    IOException boom = new IOException("checked");
    Task<Integer> t = HandFrames.plusOne(HandFrames.thrower(null, boom));
    CompletionException e = assertThrows(CompletionException.class, t::join);
    assertSame(boom, e.getCause());
    Task<Integer> launched = Launch.on(InlineExecutor.INSTANCE).start(HandFrames::plusOne, HandFrames.thrower(null, boom));
    assertSame(boom, launched.exception());
    assertSame(boom, assertThrows(CompletionException.class, launched::joinInt).getCause());
  }

  @Test
  void joinRethrowsUncheckedExceptionsAndErrorsAsTheyAre() {
    IllegalStateException ise = new IllegalStateException("unchecked");
    assertSame(ise, assertThrows(IllegalStateException.class, HandFrames.plusOne(HandFrames.thrower(null, ise))::join));
    StackOverflowError soe = new StackOverflowError("not a real one");
    assertSame(soe, assertThrows(StackOverflowError.class, HandFrames.thrower(null, soe)::joinInt));
  }

  @Test
  void joinOfALaunchedTaskWrapsTheSameWay() {
    IOException boom = new IOException("launched");
    try (EventLoop loop = new EventLoop("j")) {
      Task<Integer> t = Launch.on(loop).start(() -> HandFrames.plusOne(
          HandFrames.thrower(new HandFrames.Posted<>(loop, 1), boom)));
      assertSame(boom, assertThrows(CompletionException.class, t::join).getCause());
      assertTrue(t.isDone());
      assertSame(boom, t.exception());
      ExecutionException ee = assertThrows(ExecutionException.class, () -> t.toCompletableFuture().get());
      assertSame(boom, ee.getCause());
    }
  }

  @Test
  void failedCompletionStageAwaitedInAFrame() {
    IOException boom = new IOException("stage");
    CompletableFuture<String> cf = new CompletableFuture<>();
    Task<String> t = Launch.on(InlineExecutor.INSTANCE).start(() -> HandFrames.awaitStage(cf));
    assertFalse(t.isDone());
    cf.completeExceptionally(boom);
    assertTrue(t.isDone());
    assertSame(boom, t.exception());
    assertSame(boom, assertThrows(CompletionException.class, t::join).getCause());
  }

  // ------------------------------------------------------------------ direct mode

  @Test
  void directAwaitOfALazyTaskRethrowsTheOriginalCheckedException() {
    IOException boom = new IOException("direct");
    assertSame(boom, assertThrows(IOException.class, () -> Co.await(HandFrames.plusOne(HandFrames.thrower(null, boom)))));
  }

  @Test
  void directAwaitOfASuspendingLazyTaskRethrowsTheOriginalCheckedException() {
    IOException boom = new IOException("direct, later");
    try (EventLoop loop = new EventLoop("d")) {
      Task<Integer> t = HandFrames.plusOne(HandFrames.thrower(new HandFrames.Posted<>(loop, 0), boom));
      assertSame(boom, assertThrows(IOException.class, () -> Co.await(t)));
    }
  }

  @Test
  void directAwaitOfAFailedLaunchedTaskRethrowsTheOriginal() {
    IOException boom = new IOException("launched, direct");
    try (EventLoop loop = new EventLoop("dl")) {
      Task<Integer> t = Launch.on(loop).start(() -> HandFrames.thrower(new HandFrames.Posted<>(loop, 0), boom));
      assertSame(boom, assertThrows(IOException.class, () -> Co.await(t)));
    }
  }

  @Test
  void directAwaitOfFailedFuturesAndAwaitablesRethrowsTheOriginal() {
    IOException boom = new IOException("future");
    assertSame(boom, assertThrows(IOException.class, () -> Co.await(CompletableFuture.failedFuture(boom))));
    HandFrames.Gate<String> gate = new HandFrames.Gate<>();
    gate.fail(boom);
    assertSame(boom, assertThrows(IOException.class, () -> Co.await(gate)));
  }

  @Test
  void takeIntRethrowsTheOriginalChecked() {
    IOException boom = new IOException("take");
    Task<Integer> t = HandFrames.thrower(null, boom);
    CompletionException e = assertThrows(CompletionException.class, t::join);
    assertSame(boom, e.getCause());
    // what generated code sees: the original, undeclared (a parent takes a child's outcome once)
    Frame<Integer> a = (Frame<Integer>) Launch.on(InlineExecutor.INSTANCE).start(() -> HandFrames.thrower(null, boom));
    assertSame(boom, assertThrows(IOException.class, a::takeInt));
    Frame<Integer> b = (Frame<Integer>) Launch.on(InlineExecutor.INSTANCE).start(() -> HandFrames.thrower(null, boom));
    assertSame(boom, assertThrows(IOException.class, b::takeObject));
  }
}

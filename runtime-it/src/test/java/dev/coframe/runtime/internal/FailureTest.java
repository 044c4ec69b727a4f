package dev.coframe.runtime.internal;

import static dev.coframe.runtime.fixtures.ThrowersCoroutines.plusOne;
import static dev.coframe.runtime.fixtures.ThrowersCoroutines.recover;
import static dev.coframe.runtime.fixtures.ThrowersCoroutines.thrower;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.coframe.runtime.fixtures.ThrowersCoroutines;
import dev.coframe.runtime.fixtures.ValuesCoroutines;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A child's failure reaches its parent as the original exception; join() wraps only checked ones.
 * In this package for the last test: what generated code sees when it takes a child's outcome.
 */
class FailureTest {

  // ------------------------------------------------------------------ into the parent

  @Test
  void checkedFailureOfASynchronousChildIsCaughtAsItself() {
    IOException boom = new IOException("boom");
    AtomicReference<IOException> caught = new AtomicReference<>();
    assertEquals(-1, recover(thrower(null, boom), caught).joinInt());
    assertSame(boom, caught.get());
  }

  @Test
  void checkedFailureOfASuspendedChildIsCaughtAsItself() {
    IOException boom = new IOException("late");
    AtomicReference<IOException> caught = new AtomicReference<>();
    try (EventLoop loop = new EventLoop("fail")) {
      Task<Integer> parent = recover(thrower(new Posted<>(loop, "x"), boom), caught);
      Task<Integer> t = Launch.on(loop).start(() -> parent);
      assertEquals(-1, t.joinInt());
      assertSame(boom, caught.get());
    }
  }

  @Test
  void failureOfTheAwaitableItselfIsCaughtAsItself() throws Exception {
    IOException boom = new IOException("gate");
    AtomicReference<IOException> caught = new AtomicReference<>();
    Gate<String> gate = new Gate<>();
    Task<Integer> t = Launch.on(InlineExecutor.INSTANCE).start(() -> recover(thrower(gate, new AssertionError()), caught));
    assertFalse(t.isDone());
    Thread other = new Thread(() -> gate.fail(boom));
    other.start();
    other.join();
    assertEquals(-1, t.joinInt());
    assertSame(boom, caught.get());
  }

  @Test
  void uncaughtFailurePassesThroughEveryLevelUnchanged() {
    IllegalArgumentException boom = new IllegalArgumentException("deep");
    AtomicReference<IOException> caught = new AtomicReference<>();
    Task<Integer> t = Launch.on(InlineExecutor.INSTANCE)
        .start(() -> plusOne(plusOne(recover(thrower(null, boom), caught))));
    assertSame(boom, assertThrows(IllegalArgumentException.class, t::join));
    assertSame(boom, t.exception());
    assertNull(caught.get(), "recover catches only an IOException");
  }

  @Test
  void failureAtTheLeafOfADeepChainReachesTheRoot() {
    IOException boom = new IOException("leaf");
    Gate<Integer> leaf = new Gate<>();
    leaf.fail(boom);
    Task<Integer> t = ChainsCoroutines.chain(50_000, leaf);
    CompletionException e = assertThrows(CompletionException.class, t::joinInt);
    assertSame(boom, e.getCause());
  }

  // ------------------------------------------------------------------ join()

  @Test
  void joinWrapsACheckedFailureInCompletionException() {
    IOException boom = new IOException("checked");
    Task<Integer> t = plusOne(thrower(null, boom));
    CompletionException e = assertThrows(CompletionException.class, t::join);
    assertSame(boom, e.getCause());
    Task<Integer> launched = Launch.on(InlineExecutor.INSTANCE).start(ThrowersCoroutines::plusOne, thrower(null, boom));
    assertSame(boom, launched.exception());
    assertSame(boom, assertThrows(CompletionException.class, launched::joinInt).getCause());
  }

  @Test
  void joinRethrowsUncheckedExceptionsAndErrorsAsTheyAre() {
    IllegalStateException ise = new IllegalStateException("unchecked");
    assertSame(ise, assertThrows(IllegalStateException.class, plusOne(thrower(null, ise))::join));
    StackOverflowError soe = new StackOverflowError("not a real one");
    assertSame(soe, assertThrows(StackOverflowError.class, thrower(null, soe)::joinInt));
  }

  @Test
  void joinOfALaunchedTaskWrapsTheSameWay() {
    IOException boom = new IOException("launched");
    try (EventLoop loop = new EventLoop("j")) {
      Task<Integer> t = Launch.on(loop).start(() -> plusOne(thrower(new Posted<>(loop, 1), boom)));
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
    Task<String> t = Launch.on(InlineExecutor.INSTANCE).start(() -> ValuesCoroutines.awaitStage(cf));
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
    assertSame(boom, assertThrows(IOException.class, () -> Co.await(plusOne(thrower(null, boom)))));
  }

  @Test
  void directAwaitOfASuspendingLazyTaskRethrowsTheOriginalCheckedException() {
    IOException boom = new IOException("direct, later");
    try (EventLoop loop = new EventLoop("d")) {
      Task<Integer> t = plusOne(thrower(new Posted<>(loop, 0), boom));
      assertSame(boom, assertThrows(IOException.class, () -> Co.await(t)));
    }
  }

  @Test
  void directAwaitOfAFailedLaunchedTaskRethrowsTheOriginal() {
    IOException boom = new IOException("launched, direct");
    try (EventLoop loop = new EventLoop("dl")) {
      Task<Integer> t = Launch.on(loop).start(() -> thrower(new Posted<>(loop, 0), boom));
      assertSame(boom, assertThrows(IOException.class, () -> Co.await(t)));
    }
  }

  @Test
  void directAwaitOfFailedFuturesAndAwaitablesRethrowsTheOriginal() {
    IOException boom = new IOException("future");
    assertSame(boom, assertThrows(IOException.class, () -> Co.await(CompletableFuture.failedFuture(boom))));
    Gate<String> gate = new Gate<>();
    gate.fail(boom);
    assertSame(boom, assertThrows(IOException.class, () -> Co.await(gate)));
  }

  @Test
  void takeIntRethrowsTheOriginalChecked() {
    IOException boom = new IOException("take");
    Task<Integer> t = thrower(null, boom);
    CompletionException e = assertThrows(CompletionException.class, t::join);
    assertSame(boom, e.getCause());
    // what generated code sees: the original, undeclared (a parent takes a child's outcome once)
    Frame<Integer> a = Frame.of(Launch.on(InlineExecutor.INSTANCE).start(() -> thrower(null, boom)));
    assertSame(boom, assertThrows(IOException.class, a::takeInt));
    Frame<Integer> b = Frame.of(Launch.on(InlineExecutor.INSTANCE).start(() -> thrower(null, boom)));
    assertSame(boom, assertThrows(IOException.class, b::takeObject));
  }
}

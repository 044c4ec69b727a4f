package dev.coframe.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The {@link Task} surface of a frame: lazy and launched. In this package for what only generated
 * code reaches: the frame behind a factory's handle ({@link Frame#of}) and its take methods.
 */
class TaskApiTest {
  private static final String CONSTANT = "Values.constant(Object, Runs)";

  // ------------------------------------------------------------------ lazy tasks

  @Test
  void aLazyTaskDoesNothingUntilJoined() {
    Runs runs = new Runs();
    Task<String> t = ValuesCoroutines.constant("x", runs);
    Frame<String> frame = Frame.of(t);
    assertEquals(0, runs.count());
    assertFalse(t.isDone());
    assertNull(t.exception());
    IllegalStateException e = assertThrows(IllegalStateException.class, t::result);
    assertTrue(e.getMessage().contains(CONSTANT + " has not completed"), e.getMessage());
    assertTrue(t.toString().startsWith(CONSTANT + " [not started] {v=x"), t.toString());

    assertEquals("x", t.join());
    assertEquals(1, runs.count());
    // the join took the lazy task's result: its frame went back to the allocator
    assertEquals(CONSTANT + " [recycled]", frame.toString());
    assertEquals(CONSTANT + " [stale handle]", t.toString());
    for (Executable stale : List.<Executable>of(t::join, t::isDone, t::result, t::exception, t::toCompletableFuture)) {
      IllegalStateException e2 = assertThrows(IllegalStateException.class, stale);
      assertTrue(e2.getMessage().startsWith("stale handle: this " + CONSTANT + " task's run is over"), e2.getMessage());
    }
    assertEquals(1, runs.count(), "the body never ran again");
  }

  @Test
  void aLaunchedTaskCanBeReadAsOftenAsNeeded() {
    Runs runs = new Runs();
    Task<String> t = Launch.on(InlineExecutor.INSTANCE).start(() -> ValuesCoroutines.constant("x", runs));
    assertEquals("x", t.join());
    assertTrue(t.isDone());
    assertEquals("x", t.result());
    assertNull(t.exception());
    assertEquals("x", t.join(), "a second join reads the same result");
    assertEquals(1, runs.count(), "without running the body again");
    assertEquals(CONSTANT + " [done]", t.toString());
  }

  @Test
  void aFailedTask() {
    IOException boom = new IOException("no");
    Task<Integer> t = Launch.on(InlineExecutor.INSTANCE).start(() -> ThrowersCoroutines.thrower(null, boom));
    assertThrows(Exception.class, t::join);
    assertTrue(t.isDone());
    assertSame(boom, t.exception());
    IllegalStateException e = assertThrows(IllegalStateException.class, t::result);
    assertTrue(e.getMessage().contains("Throwers.thrower(Awaitable, Throwable) failed"), e.getMessage());
    assertSame(boom, e.getCause());
  }

  @Test
  void toCompletableFutureStartsALazyTaskOnTheCallingThread() {
    Runs runs = new Runs();
    Task<String> t = ValuesCoroutines.constant("now", runs);
    CompletableFuture<String> cf = t.toCompletableFuture();
    assertSame(Thread.currentThread(), runs.thread());
    assertTrue(t.isDone());
    assertTrue(cf.isDone());
    assertEquals("now", cf.join());
  }

  @Test
  void toCompletableFutureOfALazyTaskThatSuspends() throws Exception {
    CompletableFuture<Integer> source = new CompletableFuture<>();
    Task<Integer> t = ThrowersCoroutines.plusOne(ValuesCoroutines.awaitStage(source));
    CompletableFuture<Integer> cf = t.toCompletableFuture();
    assertFalse(cf.isDone(), "toCompletableFuture does not block on a suspension");
    assertFalse(t.isDone());
    Thread other = new Thread(() -> source.complete(41));
    other.start();
    assertEquals(42, cf.get(10, TimeUnit.SECONDS));
    other.join();
    assertTrue(t.isDone());
    assertEquals(42, t.result());
  }

  @Test
  void toCompletableFutureOfAFailedLazyTask() {
    IOException boom = new IOException("cf");
    CompletableFuture<Integer> cf = ThrowersCoroutines.thrower(null, boom).toCompletableFuture();
    assertTrue(cf.isCompletedExceptionally());
    assertSame(boom, assertThrows(ExecutionException.class, cf::get).getCause());
  }

  // ------------------------------------------------------------------ launched tasks

  @Test
  void aLaunchedTask() throws Exception {
    try (EventLoop loop = new EventLoop("launch")) {
      Gate<Integer> gate = new Gate<>();
      Task<Integer> t = Launch.on(loop).start(ThrowersCoroutines::plusOne, ChainsCoroutines.chain(10, gate));
      CompletableFuture<Integer> cf = t.toCompletableFuture();
      gate.complete(5);
      assertEquals(16, cf.get(10, TimeUnit.SECONDS));
      assertEquals(16, t.joinInt());
      assertTrue(t.isDone());
      assertEquals(16, t.result());
      assertNull(t.exception());
      assertEquals(16, t.toCompletableFuture().join(), "a future asked for after completion");
    }
  }

  @Test
  void launchTakesANonCapturingTwoArgumentFactory() {
    Task<Integer> t = Launch.on(InlineExecutor.INSTANCE).start(ChainsCoroutines::chain, 12, Posted.immediate(30));
    assertTrue(t.isDone());
    assertEquals(42, t.joinInt());
  }

  @Test
  void launchRejectsWhatIsNotAFrame() {
    Task<String> notAFrame = CompletableFutureTask.of("x");
    assertThrows(IllegalArgumentException.class, () -> Launch.on(InlineExecutor.INSTANCE).start(() -> notAFrame));
  }

  // ------------------------------------------------------------------ primitive joins

  @Test
  void primitiveJoins() {
    assertEquals(100, ChainsCoroutines.chain(100, null).joinInt());
    assertEquals(Long.MAX_VALUE - 1, ValuesCoroutines.longValue(Long.MAX_VALUE - 1).joinLong());
    assertEquals(Long.valueOf(Long.MIN_VALUE), ValuesCoroutines.longValue(Long.MIN_VALUE).join());
    assertEquals(0.1 + 0.2, ValuesCoroutines.doubleValue(0.1 + 0.2).joinDouble());
    assertEquals(-0.0, ValuesCoroutines.doubleValue(-0.0).joinDouble());
    assertTrue(ValuesCoroutines.not(Posted.immediate(false)).joinBoolean());
    assertFalse(ValuesCoroutines.not(Posted.immediate(true)).joinBoolean());
    assertEquals(Boolean.TRUE, ValuesCoroutines.not(Posted.immediate(false)).join());
  }

  @Test
  void primitiveJoinsOfBoxedFramesUnbox() {
    assertEquals(7, ValuesCoroutines.constant(7, null).joinInt());
    assertEquals(7L, ValuesCoroutines.constant(7, null).joinLong());
    assertEquals(2.5, ValuesCoroutines.constant(2.5, null).joinDouble());
    assertTrue(ValuesCoroutines.constant(true, null).joinBoolean());
  }

  @Test
  void primitiveJoinsOfALaunchedTask() {
    try (EventLoop loop = new EventLoop("prims")) {
      assertTrue(Launch.on(loop).start(() -> ValuesCoroutines.not(new Posted<>(loop, false))).joinBoolean());
      assertEquals(9L, Launch.on(loop).start(() -> ValuesCoroutines.longValue(9)).joinLong());
      assertEquals(1.5, Launch.on(loop).start(() -> ValuesCoroutines.doubleValue(1.5)).joinDouble());
    }
  }

  // ------------------------------------------------------------------ a task runs once

  @Test
  void launchingTheSameFrameTwiceFails() {
    Task<String> t = ValuesCoroutines.constant("once", null);
    Launch.on(InlineExecutor.INSTANCE).start(() -> t);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Launch.on(InlineExecutor.INSTANCE).start(() -> t));
    assertTrue(e.getMessage().startsWith(CONSTANT + " was already run"), e.getMessage());
    assertEquals("once", t.join(), "the first run is untouched");
  }

  @Test
  void launchingAJoinedFrameFails() {
    Runs runs = new Runs();
    Task<String> t = ValuesCoroutines.constant("j", runs);
    t.join();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Launch.on(InlineExecutor.INSTANCE).start(() -> t));
    assertTrue(e.getMessage().startsWith("stale handle: this " + CONSTANT), e.getMessage());
    assertEquals(1, runs.count());
  }

  @Test
  void launchingASuspendedFrameAgainFails() {
    Gate<Boolean> gate = new Gate<>();
    Task<Boolean> t = Launch.on(InlineExecutor.INSTANCE).start(() -> ValuesCoroutines.not(gate));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Launch.on(InlineExecutor.INSTANCE).start(() -> t));
    assertTrue(e.getMessage().startsWith("Values.not(Awaitable) was already started"), e.getMessage());
    gate.complete(true);
    assertFalse(t.joinBoolean());
  }

  @Test
  void awaitingAJoinedLazyTaskFails() {
    Task<Integer> child = ValuesCoroutines.constant(1, null);
    child.join();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ThrowersCoroutines.recover(child, new AtomicReference<>()).joinInt(), "join took the lazy task's result");
    assertTrue(e.getMessage().startsWith("stale handle: this " + CONSTANT), e.getMessage());
  }

  @Test
  void awaitingAJoinedLaunchedTaskReadsItsResult() {
    Task<Integer> child = Launch.on(InlineExecutor.INSTANCE).start(() -> ValuesCoroutines.constant(1, null));
    child.join();
    assertEquals(1, ThrowersCoroutines.recover(child, new AtomicReference<>()).joinInt(),
        "a launched task is awaited as often as needed");
  }

  @Test
  void launchingAnAlreadyRunTaskFails() {
    Task<Integer> child = Launch.on(InlineExecutor.INSTANCE).start(() -> ValuesCoroutines.constant(1, null));
    child.join();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Launch.on(InlineExecutor.INSTANCE).start(() -> child));
    assertTrue(e.getMessage().startsWith(CONSTANT + " was already run"), e.getMessage());
  }

  @Test
  void awaitingAnAlreadyLaunchedTaskWaitsForIt() {
    Gate<Integer> gate = new Gate<>();
    Task<Integer> started = Launch.on(InlineExecutor.INSTANCE).start(() -> ChainsCoroutines.chain(3, gate));
    Task<Integer> parent = Launch.on(InlineExecutor.INSTANCE).start(ThrowersCoroutines::plusOne, started);
    assertFalse(parent.isDone());
    gate.complete(10);
    assertTrue(parent.isDone());
    assertEquals(14, parent.joinInt());
  }

  @Test
  void anAwaitedTaskIsItsAwaitersOnly() {
    CompletableFuture<Integer> source = new CompletableFuture<>();
    Task<Integer> child = ValuesCoroutines.awaitStage(source);
    Task<Integer> parent = Launch.on(InlineExecutor.INSTANCE).start(ThrowersCoroutines::plusOne, child);
    assertFalse(child.isDone());
    IllegalStateException e = assertThrows(IllegalStateException.class, child::join);
    assertTrue(e.getMessage().startsWith("Values.awaitStage(CompletionStage) was already awaited"), e.getMessage());
    assertThrows(IllegalStateException.class, child::toCompletableFuture);
    source.complete(1);
    assertEquals(2, parent.joinInt());
  }

  @Test
  void takeBeforeCompletionFails() {
    Gate<Boolean> gate = new Gate<>();
    Frame<Boolean> t = Frame.of(Launch.on(InlineExecutor.INSTANCE).start(() -> ValuesCoroutines.not(gate)));
    IllegalStateException e = assertThrows(IllegalStateException.class, t::takeBoolean);
    assertEquals("Values.not(Awaitable) has not completed", e.getMessage());
    assertEquals("Values.not(Awaitable) [state 1] {a=null}", t.toString(), "the name, the state, its fields");
    gate.complete(false);
    assertTrue(t.takeBoolean());
  }

  /** A {@link Task} that is not a frame. */
  private static final class CompletableFutureTask<T> implements Task<T> {
    private final CompletableFuture<T> cf;

    private CompletableFutureTask(CompletableFuture<T> cf) {
      this.cf = cf;
    }

    static <T> Task<T> of(T v) {
      return new CompletableFutureTask<>(CompletableFuture.completedFuture(v));
    }

    @Override
    public T join() {
      return cf.join();
    }

    @Override
    public int joinInt() {
      return (Integer) join();
    }

    @Override
    public long joinLong() {
      return (Long) join();
    }

    @Override
    public double joinDouble() {
      return (Double) join();
    }

    @Override
    public boolean joinBoolean() {
      return (Boolean) join();
    }

    @Override
    public boolean isDone() {
      return cf.isDone();
    }

    @Override
    public T result() {
      return cf.join();
    }

    @Override
    public Throwable exception() {
      return null;
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
      return cf;
    }
  }
}

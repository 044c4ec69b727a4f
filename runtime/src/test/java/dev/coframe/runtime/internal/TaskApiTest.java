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
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The {@link Task} surface of a frame: lazy and launched. */
class TaskApiTest {
  private static final String CONSTANT = "HandFrames.constant(Object)";

  // ------------------------------------------------------------------ lazy tasks

  @Test
  void aLazyTaskDoesNothingUntilJoined() {
    AtomicInteger runs = new AtomicInteger();
    Task<String> t = HandFrames.constant("x", runs);
    assertEquals(0, runs.get());
    assertFalse(t.isDone());
    assertNull(t.exception());
    IllegalStateException e = assertThrows(IllegalStateException.class, t::result);
    assertTrue(e.getMessage().contains(CONSTANT + " has not completed"), e.getMessage());
    assertTrue(t.toString().startsWith(CONSTANT + " [not started] {v=x"), t.toString());

    assertEquals("x", t.join());
    assertEquals(1, runs.get());
    // the join took the lazy task's result: its frame went back to the allocator
    assertEquals(CONSTANT + " [recycled]", t.toString());
    for (Executable stale : List.<Executable>of(t::join, t::isDone, t::result, t::exception, t::toCompletableFuture)) {
      IllegalStateException e2 = assertThrows(IllegalStateException.class, stale);
      assertTrue(e2.getMessage().startsWith("stale handle: this " + CONSTANT + " task's run is over"), e2.getMessage());
    }
    assertEquals(1, runs.get(), "the body never ran again");
  }

  @Test
  void aLaunchedTaskCanBeReadAsOftenAsNeeded() {
    AtomicInteger runs = new AtomicInteger();
    Task<String> t = Launch.on(InlineExecutor.INSTANCE).start(() -> HandFrames.constant("x", runs));
    assertEquals("x", t.join());
    assertTrue(t.isDone());
    assertEquals("x", t.result());
    assertNull(t.exception());
    assertEquals("x", t.join(), "a second join reads the same result");
    assertEquals(1, runs.get(), "without running the body again");
    assertEquals(CONSTANT + " [done]", t.toString());
  }

  @Test
  void aFailedTask() {
    IOException boom = new IOException("no");
    Task<Integer> t = Launch.on(InlineExecutor.INSTANCE).start(() -> HandFrames.thrower(null, boom));
    assertThrows(Exception.class, t::join);
    assertTrue(t.isDone());
    assertSame(boom, t.exception());
    IllegalStateException e = assertThrows(IllegalStateException.class, t::result);
    assertTrue(e.getMessage().contains("HandFrames.thrower(Awaitable,Throwable) failed"), e.getMessage());
    assertSame(boom, e.getCause());
  }

  @Test
  void toCompletableFutureStartsALazyTaskOnTheCallingThread() {
    HandFrames.Constant<String> t = (HandFrames.Constant<String>) HandFrames.constant("now", null);
    CompletableFuture<String> cf = t.toCompletableFuture();
    assertSame(Thread.currentThread(), t.ranOn);
    assertTrue(t.isDone());
    assertTrue(cf.isDone());
    assertEquals("now", cf.join());
  }

  @Test
  void toCompletableFutureOfALazyTaskThatSuspends() throws Exception {
    CompletableFuture<Integer> source = new CompletableFuture<>();
    Task<Integer> t = HandFrames.plusOne(HandFrames.awaitStage(source));
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
    CompletableFuture<Integer> cf = HandFrames.thrower(null, boom).toCompletableFuture();
    assertTrue(cf.isCompletedExceptionally());
    assertSame(boom, assertThrows(ExecutionException.class, cf::get).getCause());
  }

  // ------------------------------------------------------------------ launched tasks

  @Test
  void aLaunchedTask() throws Exception {
    try (EventLoop loop = new EventLoop("launch")) {
      HandFrames.Gate<Integer> gate = new HandFrames.Gate<>();
      Task<Integer> t = Launch.on(loop).start(HandFrames::plusOne, HandFrames.chain(10, gate));
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
    Task<Integer> t = Launch.on(InlineExecutor.INSTANCE).start(HandFrames::chain, 12, new HandFrames.Immediate<>(30));
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
    assertEquals(100, HandFrames.chain(100).joinInt());
    assertEquals(Long.MAX_VALUE - 1, HandFrames.longValue(Long.MAX_VALUE - 1).joinLong());
    assertEquals(Long.valueOf(Long.MIN_VALUE), HandFrames.longValue(Long.MIN_VALUE).join());
    assertEquals(0.1 + 0.2, HandFrames.doubleValue(0.1 + 0.2).joinDouble());
    assertEquals(-0.0, HandFrames.doubleValue(-0.0).joinDouble());
    assertTrue(HandFrames.not(new HandFrames.Immediate<>(false)).joinBoolean());
    assertFalse(HandFrames.not(new HandFrames.Immediate<>(true)).joinBoolean());
    assertEquals(Boolean.TRUE, HandFrames.not(new HandFrames.Immediate<>(false)).join());
  }

  @Test
  void primitiveJoinsOfBoxedFramesUnbox() {
    assertEquals(7, HandFrames.constant(7, null).joinInt());
    assertEquals(7L, HandFrames.constant(7, null).joinLong());
    assertEquals(2.5, HandFrames.constant(2.5, null).joinDouble());
    assertTrue(HandFrames.constant(true, null).joinBoolean());
  }

  @Test
  void primitiveJoinsOfALaunchedTask() {
    try (EventLoop loop = new EventLoop("prims")) {
      assertTrue(Launch.on(loop).start(() -> HandFrames.not(new HandFrames.Posted<>(loop, false))).joinBoolean());
      assertEquals(9L, Launch.on(loop).start(() -> HandFrames.longValue(9)).joinLong());
      assertEquals(1.5, Launch.on(loop).start(() -> HandFrames.doubleValue(1.5)).joinDouble());
    }
  }

  // ------------------------------------------------------------------ a task runs once

  @Test
  void launchingTheSameFrameTwiceFails() {
    Task<String> t = HandFrames.constant("once", null);
    Launch.on(InlineExecutor.INSTANCE).start(() -> t);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Launch.on(InlineExecutor.INSTANCE).start(() -> t));
    assertTrue(e.getMessage().startsWith(CONSTANT + " was already run"), e.getMessage());
    assertEquals("once", t.join(), "the first run is untouched");
  }

  @Test
  void launchingAJoinedFrameFails() {
    AtomicInteger runs = new AtomicInteger();
    Task<String> t = HandFrames.constant("j", runs);
    t.join();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Launch.on(InlineExecutor.INSTANCE).start(() -> t));
    assertTrue(e.getMessage().startsWith("stale handle: this " + CONSTANT), e.getMessage());
    assertEquals(1, runs.get());
  }

  @Test
  void launchingASuspendedFrameAgainFails() {
    HandFrames.Gate<Boolean> gate = new HandFrames.Gate<>();
    Task<Boolean> t = Launch.on(InlineExecutor.INSTANCE).start(() -> HandFrames.not(gate));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Launch.on(InlineExecutor.INSTANCE).start(() -> t));
    assertTrue(e.getMessage().startsWith("HandFrames.not(Awaitable) was already started"), e.getMessage());
    gate.complete(true);
    assertFalse(t.joinBoolean());
  }

  @Test
  void awaitingAJoinedLazyTaskFails() {
    Task<Integer> child = HandFrames.constant(1, null);
    child.join();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> HandFrames.recover(child).joinInt(),
        "join took the lazy task's result");
    assertTrue(e.getMessage().startsWith("stale handle: this " + CONSTANT), e.getMessage());
  }

  @Test
  void awaitingAJoinedLaunchedTaskReadsItsResult() {
    Task<Integer> child = Launch.on(InlineExecutor.INSTANCE).start(() -> HandFrames.constant(1, null));
    child.join();
    assertEquals(1, HandFrames.recover(child).joinInt(), "a launched task is awaited as often as needed");
  }

  @Test
  void launchingAnAlreadyRunTaskFails() {
    Task<Integer> child = Launch.on(InlineExecutor.INSTANCE).start(() -> HandFrames.constant(1, null));
    child.join();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Launch.on(InlineExecutor.INSTANCE).start(() -> child));
    assertTrue(e.getMessage().startsWith(CONSTANT + " was already run"), e.getMessage());
  }

  @Test
  void awaitingAnAlreadyLaunchedTaskWaitsForIt() {
    HandFrames.Gate<Integer> gate = new HandFrames.Gate<>();
    Task<Integer> started = Launch.on(InlineExecutor.INSTANCE).start(() -> HandFrames.chain(3, gate));
    Task<Integer> parent = Launch.on(InlineExecutor.INSTANCE).start(HandFrames::plusOne, started);
    assertFalse(parent.isDone());
    gate.complete(10);
    assertTrue(parent.isDone());
    assertEquals(14, parent.joinInt());
  }

  @Test
  void anAwaitedTaskIsItsAwaitersOnly() {
    CompletableFuture<Integer> source = new CompletableFuture<>();
    Task<Integer> child = HandFrames.awaitStage(source);
    Task<Integer> parent = Launch.on(InlineExecutor.INSTANCE).start(HandFrames::plusOne, child);
    assertFalse(child.isDone());
    IllegalStateException e = assertThrows(IllegalStateException.class, child::join);
    assertTrue(e.getMessage().startsWith("HandFrames.awaitStage(CompletionStage) was already awaited"), e.getMessage());
    assertThrows(IllegalStateException.class, child::toCompletableFuture);
    source.complete(1);
    assertEquals(2, parent.joinInt());
  }

  @Test
  void takeBeforeCompletionFails() {
    HandFrames.Gate<Boolean> gate = new HandFrames.Gate<>();
    Frame<Boolean> t = (Frame<Boolean>) Launch.on(InlineExecutor.INSTANCE).start(() -> HandFrames.not(gate));
    IllegalStateException e = assertThrows(IllegalStateException.class, t::takeBoolean);
    assertEquals("HandFrames.not(Awaitable) has not completed", e.getMessage());
    assertEquals("HandFrames.not(Awaitable) [state 1] {a=null}", t.toString(), "the name, the state, its fields");
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

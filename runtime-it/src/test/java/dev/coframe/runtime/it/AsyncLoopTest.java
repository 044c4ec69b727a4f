package dev.coframe.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.coframe.runtime.Awaitable;
import dev.coframe.runtime.EventLoop;
import dev.coframe.runtime.InlineExecutor;
import dev.coframe.runtime.Launch;
import dev.coframe.runtime.Task;
import dev.coframe.runtime.fixtures.LoopsCoroutines;
import dev.coframe.runtime.fixtures.Posted;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** A long chain of asynchronous resumptions must not grow the Java stack. */
class AsyncLoopTest {
  private static final int STEPS = 1_000_000;
  /** 0 + 1 + ... + (STEPS - 1). */
  private static final long SUM = (long) STEPS * (STEPS - 1) / 2;

  /** Samples the Java stack depth where the loop body asks for its next awaitable. */
  static final class Probe implements IntFunction<Awaitable<Integer>> {
    private final IntFunction<Awaitable<Integer>> source;
    private int min = Integer.MAX_VALUE;
    private int max;
    private int samples;

    Probe(IntFunction<Awaitable<Integer>> source) {
      this.source = source;
    }

    @Override
    public Awaitable<Integer> apply(int i) {
      if (i % 50_000 == 1) { // i = 0 is the first, not-yet-resumed step
        int depth = StackWalker.getInstance().walk(s -> (int) s.count());
        min = Math.min(min, depth);
        max = Math.max(max, depth);
        samples++;
      }
      return source.apply(i);
    }

    void assertFlat(int expectedSamples) {
      assertEquals(expectedSamples, samples);
      assertEquals(min, max, "the stack grew from " + min + " to " + max + " frames");
    }
  }

  @Test
  void awaitablesPostedToTheLoopTheRootRunsOn() {
    try (EventLoop loop = new EventLoop("async-loop")) {
      Probe probe = new Probe(i -> new Posted<>(loop, i));
      Task<Long> t = Launch.on(loop).start(() -> LoopsCoroutines.asyncLoop(STEPS, probe));
      assertEquals(SUM, t.joinLong());
      assertEquals(SUM, t.result());
      probe.assertFlat(STEPS / 50_000);
    }
  }

  @Test
  void launchedInlineResumedFromAnEventLoop() {
    try (EventLoop loop = new EventLoop("poster")) {
      Probe probe = new Probe(i -> new Posted<>(loop, i));
      Task<Long> t = Launch.on(InlineExecutor.INSTANCE).start(() -> LoopsCoroutines.asyncLoop(STEPS, probe));
      assertEquals(SUM, t.joinLong());
      probe.assertFlat(STEPS / 50_000);
    }
  }

  @Test
  void continuationRunInlineByOnReadyUnderTheInlineExecutor() {
    Probe probe = new Probe(Posted::immediate);
    Task<Long> t = Launch.on(InlineExecutor.INSTANCE).start(() -> LoopsCoroutines.asyncLoop(STEPS, probe));
    assertTrue(t.isDone(), "every resumption ran on the launching thread's trampoline");
    assertEquals(SUM, t.joinLong());
    probe.assertFlat(STEPS / 50_000);
  }

  @Test
  void continuationRunInlineByOnReadyUnderJoin() {
    Probe probe = new Probe(Posted::immediate);
    assertEquals(SUM, LoopsCoroutines.asyncLoop(STEPS, probe).joinLong());
    probe.assertFlat(STEPS / 50_000);
  }

  @Test
  void continuationRunInlineByOnReadyOnAnEventLoop() {
    try (EventLoop loop = new EventLoop("inline-ready")) {
      Probe probe = new Probe(Posted::immediate);
      Task<Long> t = Launch.on(loop).start(() -> LoopsCoroutines.asyncLoop(STEPS, probe));
      assertEquals(SUM, t.joinLong());
      probe.assertFlat(STEPS / 50_000);
    }
  }

  @Test
  void joinedWhileAnotherThreadCompletesEachStep() {
    int steps = 100_000;
    try (EventLoop loop = new EventLoop("remote")) {
      Task<Long> t = LoopsCoroutines.asyncLoop(steps, i -> new Posted<>(loop, i));
      assertEquals((long) steps * (steps - 1) / 2, t.joinLong());
    }
  }

  @Test
  void readyAwaitablesDoNotSuspend() {
    IntFunction<Awaitable<Integer>> ready = i -> new Awaitable<>() {
      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void onReady(Runnable continuation) {
        throw new AssertionError("onReady of a ready awaitable");
      }

      @Override
      public Integer result() {
        return i;
      }
    };
    Probe probe = new Probe(ready);
    Task<Long> t = Launch.on(InlineExecutor.INSTANCE).start(() -> LoopsCoroutines.asyncLoop(STEPS, probe));
    assertTrue(t.isDone());
    assertEquals(SUM, t.joinLong());
    probe.assertFlat(STEPS / 50_000);
  }
}

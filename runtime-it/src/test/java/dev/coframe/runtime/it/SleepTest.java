package dev.coframe.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.coframe.runtime.EventLoop;
import dev.coframe.runtime.InlineExecutor;
import dev.coframe.runtime.Launch;
import dev.coframe.runtime.Task;
import dev.coframe.runtime.fixtures.SleepersCoroutines;
import org.junit.jupiter.api.Test;

/** {@code Co.sleep} awaited inside a frame: the timer only hands the continuation to the strand's executor. */
class SleepTest {

  @Test
  void resumesOnTheLoopItWasLaunchedOn() {
    try (EventLoop loop = new EventLoop("sleepy")) {
      Task<String> t = Launch.on(loop).start(SleepersCoroutines::sleeper, 5L);
      assertEquals("sleepy/sleepy", t.join());
    }
  }

  @Test
  void manySleepersShareOneLoop() {
    try (EventLoop loop = new EventLoop("shared")) {
      @SuppressWarnings("unchecked")
      Task<String>[] ts = new Task[20];
      for (int i = 0; i < ts.length; i++) {
        ts[i] = Launch.on(loop).start(SleepersCoroutines::sleeper, (long) (i % 4));
      }
      for (Task<String> t : ts) {
        assertEquals("shared/shared", t.join());
      }
    }
  }

  @Test
  void underJoinResumesOnTheJoiningThread() {
    String me = Thread.currentThread().getName();
    assertEquals(me + "/" + me, SleepersCoroutines.sleeper(5).join());
  }

  @Test
  void launchedInlineResumesOnTheTimerThread() {
    String me = Thread.currentThread().getName();
    Task<String> t = Launch.on(InlineExecutor.INSTANCE).start(SleepersCoroutines::sleeper, 5L);
    assertEquals(me + "/coframe-timer", t.join());
  }

  @Test
  void aZeroSleepDoesNotSuspend() {
    String me = Thread.currentThread().getName();
    Task<String> t = Launch.on(InlineExecutor.INSTANCE).start(SleepersCoroutines::sleeper, 0L);
    assertTrue(t.isDone());
    assertEquals(me + "/" + me, t.result());
    assertTrue(Launch.on(InlineExecutor.INSTANCE).start(SleepersCoroutines::sleeper, -3L).isDone());
  }
}

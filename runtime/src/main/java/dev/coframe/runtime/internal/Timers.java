package dev.coframe.runtime.internal;

import dev.coframe.runtime.Awaitable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** One shared daemon timer thread; a due timer only hands the continuation to its strand's executor. */
public final class Timers {
  private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, r -> {
    Thread t = new Thread(r, "coframe-timer");
    t.setDaemon(true);
    return t;
  });

  static {
    TIMER.setRemoveOnCancelPolicy(true);
  }

  private Timers() {}

  /** Runs {@code action} on the timer thread after {@code nanos}; the future unschedules it. */
  static ScheduledFuture<?> schedule(long nanos, Runnable action) {
    return TIMER.schedule(action, nanos, TimeUnit.NANOSECONDS);
  }

  public static Awaitable<Void> delay(long millis) {
    return new Awaitable<>() {
      private volatile boolean fired = millis <= 0;

      @Override
      public boolean isReady() {
        return fired;
      }

      @Override
      public void onReady(Runnable continuation) {
        register(continuation);
      }

      /** A timer a cancelled waiter withdraws is unscheduled (removed from the timer queue at once). */
      @Override
      public Registration register(Runnable continuation) {
        ScheduledFuture<?> due = TIMER.schedule(() -> {
          fired = true;
          continuation.run();
        }, millis, TimeUnit.MILLISECONDS);
        return () -> due.cancel(false);
      }

      @Override
      public Void result() {
        return null;
      }

      @Override
      public String toString() {
        return "sleep(" + millis + " ms)";
      }
    };
  }
}

package dev.coframe.runtime;

import dev.coframe.runtime.internal.Hop;
import java.util.Objects;
import java.util.concurrent.Executor;

/** The two {@link Hop}s of {@link Co#yieldNow()} and {@link Co#switchTo(Executor)}. */
final class Hops {
  private Hops() {}

  /** Continue on the same executor, behind what is queued there. */
  static final Hop YIELD = new Hop() {
    @Override
    public Executor destination(Executor current) {
      return current;
    }

    @Override
    public void submit(Executor executor, Runnable step) {
      if (executor instanceof WorkStealingPool) {
        ((WorkStealingPool) executor).executeBehind(step); // a pool's execute would run it next
      } else {
        executor.execute(step); // an event loop's, a join's and the inline trampoline's queues are FIFO
      }
    }

    @Override
    public String toString() {
      return "Co.yieldNow()";
    }
  };

  /** Continue on {@code target}. */
  static Hop to(Executor target) {
    Objects.requireNonNull(target, "executor");
    return new Hop() {
      @Override
      public Executor destination(Executor current) {
        return target;
      }

      @Override
      public void submit(Executor executor, Runnable step) {
        executor.execute(step);
      }

      @Override
      public String toString() {
        return "Co.switchTo(" + target + ")";
      }
    };
  }
}

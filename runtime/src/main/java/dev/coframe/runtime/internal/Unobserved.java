package dev.coframe.runtime.internal;

import java.lang.ref.Cleaner;

/**
 * Failed root tasks whose outcome nobody took (no join, no future, no result or exception asked
 * for): when such a task becomes unreachable, its failure is reported to the default uncaught
 * exception handler (or standard error) instead of being lost — like asyncio's "Task exception was
 * never retrieved". A task observed later, before it is collected, is not reported.
 */
final class Unobserved {
  private static final Cleaner CLEANER = Cleaner.create(r -> {
    Thread t = new Thread(r, "coframe-unobserved-failures");
    t.setDaemon(true);
    return t;
  });

  private Unobserved() {}

  /** Watches {@code frame}; the action holds the strand and the failure, never the frame. */
  static void watch(Frame<?> frame, String name, Throwable failure, Strand strand) {
    CLEANER.register(frame, () -> {
      if (!strand.isObserved()) {
        report(name, failure);
      }
    });
  }

  static void report(String name, Throwable failure) {
    UnobservedFailure e = new UnobservedFailure(name, failure);
    Thread.UncaughtExceptionHandler h = Thread.getDefaultUncaughtExceptionHandler();
    if (h != null) {
      h.uncaughtException(Thread.currentThread(), e);
    } else {
      System.err.println("[coframe] " + e.getMessage());
      failure.printStackTrace();
    }
  }

  /** What is reported: the coroutine that failed unobserved, with its failure as the cause. */
  static final class UnobservedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnobservedFailure(String name, Throwable cause) {
      super("task " + name + " failed and nobody awaited, joined or asked for its outcome: " + cause, cause);
    }
  }
}

package dev.coframe.runtime;

import dev.coframe.runtime.internal.Sneaky;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs each step on the thread that submits it, through a per-thread trampoline: a step submitted
 * while another runs on the same thread is queued and run after it, so chains of resumptions never
 * nest on the Java stack.
 */
public final class InlineExecutor implements Executor {
  /** The one instance. */
  public static final InlineExecutor INSTANCE = new InlineExecutor();

  private static final ThreadLocal<ArrayDeque<Runnable>> PENDING = new ThreadLocal<>();

  private InlineExecutor() {}

  @Override
  public void execute(Runnable step) {
    ArrayDeque<Runnable> pending = PENDING.get();
    if (pending != null) {
      pending.add(step);
      return;
    }
    pending = new ArrayDeque<>();
    PENDING.set(pending);
    // A step that throws must not drop the steps queued behind it (other strands' published
    // continuations): they still run, and the first failure is rethrown to the caller.
    Throwable failure = null;
    try {
      for (Runnable r = step; r != null; r = pending.poll()) {
        try {
          r.run();
        } catch (Throwable t) {
          if (failure == null) {
            failure = t;
          } else if (failure != t) {
            failure.addSuppressed(t);
          }
        }
      }
    } finally {
      PENDING.remove();
    }
    if (failure != null) {
      throw Sneaky.rethrow(failure);
    }
  }

  @Override
  public String toString() {
    return "InlineExecutor";
  }
}

package dev.coframe.runtime;

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
    try {
      for (Runnable r = step; r != null; r = pending.poll()) {
        r.run();
      }
    } finally {
      PENDING.remove();
    }
  }

  @Override
  public String toString() {
    return "InlineExecutor";
  }
}

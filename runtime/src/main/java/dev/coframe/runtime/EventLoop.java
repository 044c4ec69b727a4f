package dev.coframe.runtime;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;

/**
 * A single-thread event loop: steps run one at a time, in submission order, on one daemon thread.
 * Blocking that thread (a direct-mode {@code await} on something not yet done, a {@code join()}
 * that must wait) would deadlock it, so those throw {@link IllegalStateException} there.
 */
public final class EventLoop implements Executor, AutoCloseable {
  private static final ThreadLocal<EventLoop> CURRENT = new ThreadLocal<>();
  private static final Runnable STOP = () -> {};

  private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  /** Starts a loop on a new daemon thread named {@code name}. */
  public EventLoop(String name) {
    thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Whether the calling thread is an event loop's. */
  public static boolean onLoopThread() {
    return CURRENT.get() != null;
  }

  /** Whether the calling thread is this loop's. */
  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  @Override
  public void execute(Runnable step) {
    if (closed) {
      throw new RejectedExecutionException(thread.getName() + " is closed");
    }
    queue.add(step);
  }

  private void loop() {
    CURRENT.set(this);
    for (;;) {
      Runnable step;
      try {
        step = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (step == STOP) {
        return;
      }
      try {
        step.run();
      } catch (Throwable t) {
        Thread.UncaughtExceptionHandler h = thread.getUncaughtExceptionHandler();
        h.uncaughtException(thread, t);
      }
    }
  }

  /** Runs the steps already submitted, then stops the thread and waits for it (unless called on it). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(STOP);
    if (!inLoop()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "EventLoop[" + thread.getName() + "]";
  }
}

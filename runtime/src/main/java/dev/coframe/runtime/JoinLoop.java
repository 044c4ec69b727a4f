package dev.coframe.runtime;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Drives a lazy task to completion on the calling thread: its first step runs at once, and only
 * if it really suspends are its resumptions queued here and run by the joining thread, which
 * blocks only while the task is suspended. A task that completes synchronously costs no queue.
 */
final class JoinLoop implements Executor {
  private volatile LinkedBlockingQueue<Runnable> queue;

  private JoinLoop() {}

  static void run(Frame<?> root) {
    JoinLoop loop = new JoinLoop();
    Strand.startHere(root, loop).observe(); // the joining thread takes the outcome
    while (!root.isDone()) {
      Runnable step = loop.queue().poll();
      if (step == null) {
        // Only a real wait may deadlock an event loop: steps already queued (the first one
        // included) run without blocking.
        EventLoop.checkMayBlock("join() of " + root.coroutineName() + ", which suspended,");
        try {
          step = loop.queue().take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.util.concurrent.CancellationException(
              "interrupted while joining " + root.coroutineName());
        }
      }
      step.run();
    }
  }

  @Override
  public void execute(Runnable step) {
    queue().add(step);
  }

  private LinkedBlockingQueue<Runnable> queue() {
    LinkedBlockingQueue<Runnable> q = queue;
    if (q == null) {
      synchronized (this) {
        q = queue;
        if (q == null) {
          queue = q = new LinkedBlockingQueue<>();
        }
      }
    }
    return q;
  }
}

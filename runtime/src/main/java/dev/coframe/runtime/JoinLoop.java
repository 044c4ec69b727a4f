package dev.coframe.runtime;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Drives a lazy task to completion on the calling thread: the strand's resumptions are queued here
 * and run by the joining thread, which blocks only while the task is really suspended.
 */
final class JoinLoop implements Executor {
  private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

  private JoinLoop() {}

  static void run(Frame<?> root) {
    JoinLoop loop = new JoinLoop();
    Strand.startRoot(root, loop);
    while (!root.isDone()) {
      EventLoop.checkMayBlock("join() of " + root.coroutineName() + ", which suspended,");
      try {
        loop.queue.take().run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.util.concurrent.CancellationException(
            "interrupted while joining " + root.coroutineName());
      }
    }
  }

  @Override
  public void execute(Runnable step) {
    queue.add(step);
  }
}

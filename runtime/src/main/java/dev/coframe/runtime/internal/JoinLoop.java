package dev.coframe.runtime.internal;

import dev.coframe.runtime.EventLoop;
import dev.coframe.runtime.RecyclingAllocator;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Drives a lazy task to completion on the calling thread: its first step runs at once, and only
 * if it really suspends are its resumptions queued here and run by the joining thread, which
 * blocks only while the task is suspended. A task that completes synchronously costs no queue,
 * and a thread keeps its idle loop and strand for the next join: a join allocates nothing.
 */
public final class JoinLoop implements Executor {
  private final Strand strand = Strand.create();
  private volatile LinkedBlockingQueue<Runnable> queue;

  private JoinLoop() {}

  /**
   * Runs {@code root} to completion. An allocated root is recycled by its joiner right after, so
   * nothing refers to its strand any more and the loop is kept for the thread's next join; a root
   * made otherwise keeps its strand (its outcome is read through it), and so does a root whose
   * join failed before it was done.
   */
  public static void run(Frame<?> root) {
    if (root.isDoneFrame()) {
      return; // cancelled before it started: there is nothing to run
    }
    boolean reusable = root.home != null;
    Allocators.PerThread here = RecyclingAllocator.entryOf(root.home);
    if (here == null) {
      here = Allocators.here();
    }
    JoinLoop loop = reusable ? here.idle : null;
    if (loop != null) {
      here.idle = null; // busy: a join nested in this one (a blocking call in a body) takes a new loop
    } else {
      loop = new JoinLoop();
    }
    loop.drive(root, here);
    if (reusable) {
      here.idle = loop;
    }
  }

  private void drive(Frame<?> root, Allocators.PerThread here) {
    Strand.startHere(strand, root, this, here);
    while (!root.isDone()) {
      Runnable step = queue().poll();
      if (step == null) {
        // Only a real wait may deadlock an event loop: steps already queued (the first one
        // included) run without blocking.
        Blocking.check("join() of " + root.coroutineName() + ", which suspended,");
        try {
          step = queue().take();
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

package dev.coframe.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One logical thread of coroutine execution: a root frame and the children it awaits, run by a
 * trampoline on an executor.
 *
 * <p>Children start inline on their parent's Java stack (the synchronous fast path). When a frame
 * suspends, every level of the chain spills and returns; only then, at the bottom of the stack,
 * is the continuation published to the awaitable (LLVM's {@code coro.save}): no other thread can
 * resume a half-unwound chain. When a resumed frame completes, the trampoline resumes its caller
 * in a loop instead of by recursion, and a synchronous chain deeper than {@link #MAX_SYNC_DEPTH}
 * bounces through the same loop, so the Java stack stays bounded both ways.
 */
final class Strand implements Runnable {
  /** How many frames may nest on the Java stack before the chain bounces through the trampoline. */
  static final int MAX_SYNC_DEPTH = 200;

  private final Executor executor;
  /** The root frame until it completes (then dropped: a finished strand keeps nothing alive). */
  private Frame<?> root;

  /** Frames currently nested on the Java stack above the trampoline. */
  int depth;
  /** Set by {@link Frame#call} when the chain is too deep: the child the trampoline must start. */
  Frame<?> bounceTo;
  /** Set by {@link Frame#await} on a real suspension: who suspended, and on what. */
  Frame<?> suspendedFrame;
  Awaitable<?> suspendedOn;
  /** The frame {@link #run()} resumes next. */
  private Frame<?> next;

  /** Written under the lock with the future; read without it by {@link Frame#isDone()}. */
  private volatile boolean finished;
  private CompletableFuture<Object> future; // guarded by this; created on demand

  /** Whether anyone took responsibility for the root's outcome (joined it, asked for it, took a future). */
  private volatile boolean observed;

  private Strand(Executor executor) {
    this.executor = executor;
  }

  /** Claims {@code root} for a new strand and submits its first step to {@code executor}. */
  static Strand startRoot(Frame<?> root, Executor executor) {
    Strand s = claim(root, executor);
    executor.execute(s);
    return s;
  }

  /**
   * Claims {@code root} for a new strand whose resumptions go to {@code executor}, and runs its
   * first step at once on the calling thread (which must be the executor's own).
   */
  static Strand startHere(Frame<?> root, Executor executor) {
    Strand s = claim(root, executor);
    s.run();
    return s;
  }

  private static Strand claim(Frame<?> root, Executor executor) {
    Strand s = new Strand(executor);
    s.root = root;
    root.begin(s, null);
    s.next = root;
    return s;
  }

  static Strand of(Frame<?> frame) {
    if (frame.caller != null) {
      throw new IllegalStateException(
          frame.coroutineName() + " is a child awaited by " + frame.caller.coroutineName()
              + "; only its parent may observe it");
    }
    return frame.strand;
  }

  /** Resumes the frame that was waiting; runs until the strand suspends again or finishes. */
  @Override
  public void run() {
    Frame<?> f = next;
    next = null;
    drive(f);
  }

  private void drive(Frame<?> f) {
    for (;;) {
      depth = 0;
      f.resume();
      if (bounceTo != null) {
        f = bounceTo;
        bounceTo = null;
        continue;
      }
      if (f.isDone()) {
        Frame<?> c = f.caller;
        if (c == null) {
          return;
        }
        f = c;
        continue;
      }
      // A real suspension: the stack has unwound, so the continuation may now be published.
      Awaitable<?> on = suspendedOn;
      next = suspendedFrame;
      suspendedOn = null;
      suspendedFrame = null;
      on.onReady(this::resumeLater);
      return;
    }
  }

  private void resumeLater() {
    executor.execute(this);
  }

  /**
   * The root completed. Takes no frame argument: a child's {@code complete()} shares this code
   * path, and passing {@code this} would make every child escape for the JIT.
   */
  void rootDone() {
    Frame<?> f = root;
    root = null;
    CompletableFuture<Object> cf;
    synchronized (this) {
      finished = true;
      cf = future;
    }
    if (cf != null) {
      settle(cf, f);
    } else if (f.failure() != null && !observed) {
      Unobserved.watch(f, f.coroutineName(), f.failure(), this);
    }
  }

  /** Someone is responsible for the root's outcome now: its failure is theirs to see. */
  boolean isFinished() {
    return finished;
  }

  void observe() {
    observed = true;
  }

  boolean isObserved() {
    return observed;
  }

  @SuppressWarnings("unchecked")
  <T> CompletableFuture<T> future(Frame<T> f) {
    observed = true;
    CompletableFuture<Object> cf;
    boolean settleNow;
    synchronized (this) {
      if (future == null) {
        future = new CompletableFuture<>();
        settleNow = finished;
      } else {
        settleNow = false;
      }
      cf = future;
    }
    if (settleNow) {
      settle(cf, f);
    }
    return (CompletableFuture<T>) cf;
  }

  private static void settle(CompletableFuture<Object> cf, Frame<?> f) {
    Throwable t = f.failure();
    if (t != null) {
      cf.completeExceptionally(t);
    } else {
      cf.complete(f.boxedResult());
    }
  }

  /** Blocks the calling thread until the root is done (not allowed on an event-loop thread). */
  void awaitDone(Frame<?> f) {
    EventLoop.checkMayBlock("join() on " + f.coroutineName());
    try {
      future(f).handle((v, t) -> null).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.util.concurrent.CancellationException("interrupted while joining " + f.coroutineName());
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError(e); // handle() never fails
    }
  }
}

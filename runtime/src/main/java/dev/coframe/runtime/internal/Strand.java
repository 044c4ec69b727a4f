package dev.coframe.runtime.internal;

import dev.coframe.runtime.Awaitable;
import dev.coframe.runtime.EventLoop;
import dev.coframe.runtime.FrameAllocator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One logical thread of coroutine execution — a root frame and the children it awaits, run by a
 * trampoline on an executor — and the context ({@code cx}) every generated body receives.
 *
 * <p>Children run inline on their parent's Java stack (the synchronous fast path): a body calls a
 * child's body directly, and neither allocates nor writes a frame while children complete. When a
 * body must suspend, it writes its live locals into its frame and calls {@link #suspend(Frame,
 * int)}, and so does every body below it on the stack as it returns; only then, at the bottom, is
 * the continuation published to the awaitable (LLVM's {@code coro.save}): no other thread can
 * resume a half-unwound chain. When a resumed frame completes, the trampoline resumes its caller
 * in a loop instead of by recursion, and a synchronous chain deeper than {@link #MAX_DEPTH}
 * bounces through the same loop, so the Java stack stays bounded both ways.
 *
 * <p>The public methods are the protocol of generated code, not for users.
 */
public final class Strand implements Runnable {
  /** How many bodies may nest on the Java stack before the chain bounces through the trampoline. */
  public static final int MAX_DEPTH = 200;

  private Executor executor;
  /** Where the frames of this strand's allocated calls come from (children inherit the root's). */
  private FrameAllocator allocator;
  /** The root frame until it completes (then dropped: a finished strand keeps nothing alive). */
  private Frame<?> root;
  /** Whether the root was launched (its handle may be read by many): never recycled, only counted back. */
  private boolean launched;
  /** The frame the trampoline (or {@link #ready}) is resuming: the one body that may suspend into a running frame. */
  private Frame<?> resuming;

  /** The frame the last suspending body wrote: the top of the chain being unwound; null while bodies run. */
  Frame<?> last;
  /** The depth a resumed body starts at (0 on the trampoline; deeper for a lazy child run by {@link #ready}). */
  private int entryDepth;
  /** The innermost suspended frame and the awaitable it waits for. */
  private Frame<?> innermost;
  private Awaitable<?> on;
  /** A frame too deep to run on this stack: the trampoline runs it next. */
  private Frame<?> bounceTo;
  /** The frame {@link #run()} resumes next. */
  private Frame<?> next;

  /** Whether the root is done; read by {@link Frame#isDone()} from any thread. */
  private volatile boolean finished;
  /** The root's outcome as a future, made on demand (set once per run, by compare-and-exchange). */
  private volatile CompletableFuture<Object> future;
  private static final java.lang.invoke.VarHandle FUTURE;
  private static final java.lang.invoke.VarHandle FINISHED;

  static {
    try {
      java.lang.invoke.MethodHandles.Lookup lookup = java.lang.invoke.MethodHandles.lookup();
      FUTURE = lookup.findVarHandle(Strand.class, "future", CompletableFuture.class);
      OBSERVED = lookup.findVarHandle(Strand.class, "observed", boolean.class);
      FINISHED = lookup.findVarHandle(Strand.class, "finished", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Whether anyone took responsibility for the root's outcome (joined it, asked for it, took a future). */
  private volatile boolean observed;
  private static final java.lang.invoke.VarHandle OBSERVED;

  private Strand() {}

  // ---------------------------------------------------------------- generated code's protocol

  /** Whether the body just called suspended (it wrote itself into its frame) instead of returning its value. */
  public boolean suspended() {
    return last != null;
  }

  /**
   * Before {@code await}: runs a lazy task's frame inline as a child on this strand, or asks an
   * awaitable whether its value is there. Answers true if the value can be taken now; false if the
   * awaiting body must suspend ({@link #suspend}).
   */
  public boolean ready(Object awaited, int depth) {
    if (awaited instanceof Frame) {
      Frame<?> child = (Frame<?>) awaited;
      child.begin(this, null);
      if (depth >= MAX_DEPTH) {
        bounceTo = child;
        last = child;
        return false;
      }
      entryDepth = depth + 1;
      Frame<?> outer = resuming;
      resuming = child;
      child.resume();
      resuming = outer;
      return child.isDoneFrame();
    }
    if (awaited instanceof CompletableFuture) {
      return true; // awaited as itself only when complete (Frame.awaiting)
    }
    Awaitable<?> a = (Awaitable<?>) awaited;
    if (a.isReady()) {
      return true;
    }
    on = a;
    return false;
  }

  /** The depth a resumed body starts at: what its frame's {@code run()} passes as {@code depth}. */
  public int entryDepth() {
    return entryDepth;
  }

  /**
   * A body suspends: {@code f} (created by the body if it had none) holds the locals live at
   * {@code state}; it now waits for the child that suspended below it, or for the awaitable
   * {@link #ready} was just asked about, and becomes the top of the chain being unwound.
   */
  public void suspend(Frame<?> f, int state) {
    f.materialized(this, f == resuming);
    f.state = state;
    Frame<?> child = last;
    if (child != null) {
      child.caller = f;
      f.awaited = child;
    } else {
      f.awaited = on;
      innermost = f;
    }
    last = f;
  }

  /**
   * A body called too deep for the Java stack: it stored its parameters in {@code f} and returns
   * without running; the trampoline runs it from the bottom of the stack once its caller has
   * suspended.
   */
  public void bounce(Frame<?> f) {
    f.materialized(this, false);
    f.state = 0;
    bounceTo = f;
    last = f;
  }

  /** Where this strand's allocated calls take their frames ({@link FrameKind#allocate(Strand)}). */
  FrameAllocator allocator() {
    return allocator;
  }

  // ---------------------------------------------------------------- strands

  /** Claims {@code root} for a new strand and submits its first step to {@code executor}. */
  public static Strand startRoot(Frame<?> root, Executor executor) {
    Strand s = new Strand();
    s.claim(root, executor, FrameAllocator.current());
    s.launched = true;
    executor.execute(s);
    return s;
  }

  /**
   * Claims {@code root} for {@code s} (a new strand, or a joining thread's idle one), whose
   * resumptions go to {@code executor}, and runs its first step at once on the calling thread
   * (which must be the executor's own).
   */
  static void startHere(Strand s, Frame<?> root, Executor executor, Allocators.PerThread here) {
    s.claim(root, executor, here.currentOrDefault());
    s.observe(); // the joining thread takes the outcome
    Frame<?> f = s.next;
    s.next = null;
    s.drive(f, here);
  }

  /** A strand for {@link #startHere}; one a joining thread may keep and reuse once its root is done. */
  static Strand create() {
    return new Strand();
  }

  private void claim(Frame<?> r, Executor e, FrameAllocator a) {
    r.begin(this, null);
    // a joining thread's strand claims the same executor and allocator every time: no store then
    if (executor != e) {
      executor = e;
    }
    if (allocator != a) {
      allocator = a;
    }
    root = r;
    launched = false;
    r.isRoot = true;
    next = r;
    // a reused strand is idle (its last root is done, and no thread refers to it): release
    // stores suffice (no fence), and none where the value is already right
    if (observed) {
      OBSERVED.setRelease(this, false);
    }
    if (finished) {
      FINISHED.setRelease(this, false);
    }
    if (future != null) {
      FUTURE.setRelease(this, (CompletableFuture<Object>) null);
    }
  }

  static Strand of(Frame<?> frame) {
    if (!frame.isRoot) {
      throw new IllegalStateException(frame.coroutineName() + " runs as a child of "
          + (frame.caller == null ? "another coroutine" : frame.caller.coroutineName())
          + "; only its parent may observe it");
    }
    return frame.strand;
  }

  /** Resumes the frame that was waiting; runs until the strand suspends again or finishes. */
  @Override
  public void run() {
    Frame<?> f = next;
    next = null;
    drive(f, Allocators.here());
  }

  private void drive(Frame<?> f, Allocators.PerThread here) {
    // while this strand runs, factories called by its bodies allocate from its allocator
    FrameAllocator previous = Allocators.enter(here, allocator);
    try {
      loop(f);
    } finally {
      here.current = previous;
    }
  }

  private void loop(Frame<?> f) {
    for (;;) {
      entryDepth = 0;
      resuming = f;
      f.resume();
      resuming = null;
      last = null;
      if (bounceTo != null) {
        f = bounceTo;
        bounceTo = null;
        continue;
      }
      if (f.isDoneFrame()) {
        Frame<?> c = f.caller;
        if (c == null) {
          return;
        }
        f = c;
        continue;
      }
      // A real suspension: the stack has unwound, so the continuation may now be published.
      Awaitable<?> a = on;
      next = innermost;
      on = null;
      innermost = null;
      a.onReady(this::resumeLater);
      return;
    }
  }

  /**
   * The awaited value is there: the strand's next step goes to its executor. An executor that rejects
   * it (closed, shut down) fails the task with a {@link RejectedExecutionException} naming the
   * executor, which every joiner and awaiter sees; the suspended coroutines do not run again.
   */
  private void resumeLater() {
    try {
      executor.execute(this);
    } catch (RejectedExecutionException e) {
      Frame<?> r = root;
      if (r != null) {
        next = null;
        r.fail(new RejectedExecutionException(r.coroutineName() + " cannot resume: " + executor
            + " rejected its next step (" + e.getMessage() + ")", e));
      }
    }
  }

  /**
   * The root completed. Takes no frame argument: a child's {@code complete()} shares this code
   * path, and passing {@code this} would make every child escape for the JIT.
   */
  void rootDone() {
    Frame<?> f = root;
    root = null;
    if (launched) {
      f.dropped();
    }
    if (f.isJoinClaimed()) {
      // a lazy root its join took: the joiner, on this thread, reads the outcome next, and no
      // future can exist (a claimed task refuses other observers), so no fence is needed
      FINISHED.setRelease(this, true);
      return;
    }
    // lock-free against future(): each writes its field, then reads the other's (both volatile),
    // so at least one of them sees both and settles; settling twice is harmless
    finished = true;
    CompletableFuture<Object> cf = future;
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

  /** A hint for {@link Unobserved} only (no ordering with the outcome is needed): a release store. */
  void observe() {
    if (!observed) {
      OBSERVED.setRelease(this, true);
    }
  }

  boolean isObserved() {
    return observed;
  }

  @SuppressWarnings("unchecked")
  <T> CompletableFuture<T> future(Frame<T> f) {
    observe();
    CompletableFuture<Object> cf = future;
    if (cf == null) {
      CompletableFuture<Object> mine = new CompletableFuture<>();
      cf = (CompletableFuture<Object>) FUTURE.compareAndExchange(this, null, mine);
      if (cf == null) {
        cf = mine;
      }
    }
    if (finished) {
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
    Blocking.check("join() on " + f.coroutineName());
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

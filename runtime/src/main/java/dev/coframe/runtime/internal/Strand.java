package dev.coframe.runtime.internal;

import dev.coframe.runtime.Awaitable;
import dev.coframe.runtime.EventLoop;
import dev.coframe.runtime.FrameAllocator;
import dev.coframe.runtime.RecyclingAllocator;
import java.util.concurrent.CancellationException;
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
  /**
   * The running thread's cache of {@link #allocator} where that is the default recycling allocator,
   * else null: set at each step ({@link #drive}), so frames come from it with no lookup per frame.
   */
  RecyclingAllocator.Cache local;
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
  /**
   * The innermost suspended frame and what it waits for: an awaitable, or, where a cancellation
   * stopped it at that point, whatever it was about to await (a child it did not start).
   */
  private Frame<?> innermost;
  private Object on;
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

  /**
   * Cancellation (LLVM's destroy path): the outermost frame to destroy, once {@link #cancel} asked
   * for it, from any thread; the strand's thread reads it at each suspension point, stops there, and
   * destroys its frames from the innermost out to it.
   */
  private volatile Frame<?> cancelTarget;
  /** What the target completes with: it names the target, and keeps what finally blocks threw. */
  private CancellationException cancellation;
  /** Whether a destroy runs: a finally block's suspension then proceeds as any other. */
  private boolean destroying;
  /** While suspended on an awaitable: the wake its completion and a cancellation race to claim. */
  private volatile Wake wake;
  /**
   * The join loop that started this strand on its thread ({@link #startHere}), or null: if the
   * strand has moved to another executor ({@code Co.switchTo}) when its root completes, the joiner
   * is woken.
   */
  private Executor joiner;
  /** The joined root completed away from its joiner: published once this thread lets go ({@link #letGo}). */
  private boolean awayDone;
  /** For a member of a group ({@code Co.all}, {@code Co.any}, {@code Co.withTimeout}): the group, and the member's index. */
  private GroupFrame group;
  private int member;
  /** Link of a thread's idle member strands ({@link Allocators.PerThread#idleStrand}). */
  private Strand nextIdle;
  /** How many member strands a thread keeps idle for the next group. */
  private static final int IDLE_STRANDS = 64;

  private Strand() {}

  /** A step that does nothing: it wakes a join loop whose strand completed elsewhere. */
  private static final Runnable NOTHING = () -> {};

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
    if (cancelTarget != null && !destroying) {
      on = awaited; // cancelled while running: it stops here, and does not start what it awaits
      return false;
    }
    if (awaited instanceof Frame) {
      Frame<?> child = (Frame<?>) awaited;
      if (child.isDoneFrame()) {
        return true; // cancelled before it started: its awaiter takes the cancellation
      }
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

  /**
   * A body that must suspend could not get a frame (its allocator refused: an exhausted pool), and
   * fails: the frames its children suspended into below it can never be resumed, so they go back to
   * their allocators (their finally blocks do not run: nothing of theirs runs again).
   */
  void abandonSuspended() {
    Frame<?> f = last;
    last = null;
    innermost = null;
    on = null;
    while (f != null) {
      Object below = f.awaited;
      f.abandon();
      f = below instanceof Frame ? (Frame<?>) below : null;
    }
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
    s.joiner = executor;
    s.observe(); // the joining thread takes the outcome
    Frame<?> f = s.next;
    s.next = null;
    s.drive(f, here);
  }

  /**
   * A strand for member {@code index} of {@code group}, whose root is {@code f}: idle on this thread
   * since a group before, or new. Its first step is {@link #run()}, posted or called in place.
   */
  static Strand member(GroupFrame group, int index, Frame<?> f, Executor executor, FrameAllocator allocator,
      Allocators.PerThread here) {
    Strand s = here.idleStrand;
    if (s != null) {
      here.idleStrand = s.nextIdle;
      here.idleStrands--;
      s.nextIdle = null;
    } else {
      s = new Strand();
    }
    s.claim(f, executor, allocator);
    s.group = group;
    s.member = index;
    return s;
  }

  /** A member strand whose group ended (nothing refers to it any more): kept idle on this thread. */
  void released(Allocators.PerThread here) {
    group = null;
    if (here.idleStrands < IDLE_STRANDS) {
      nextIdle = here.idleStrand;
      here.idleStrand = this;
      here.idleStrands++;
    }
  }

  /** The executor this strand's steps go to. */
  Executor executor() {
    return executor;
  }

  /**
   * Runs a continuation {@code k} that a group's last member made due: a strand's wake on the
   * member's executor {@code from} resumes its strand here at once (the member's thread is one of
   * that executor's), unless {@code maxInPlace} such runs are nested on this thread already; any
   * other goes through its executor.
   */
  static void resumeAfter(Runnable k, Executor from, int maxInPlace) {
    if (from != null && k instanceof Wake) {
      Wake w = (Wake) k;
      Strand s = w.strand;
      Allocators.PerThread here;
      if (s.executor == from && (here = Allocators.here()).inPlace < maxInPlace) {
        if (w.claim()) {
          s.wake = null;
          here.inPlace++;
          try {
            s.run();
          } finally {
            here.inPlace--;
          }
        }
        return;
      }
    }
    k.run();
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
    if (cancelTarget != null) {
      cancelTarget = null; // a cancellation of the last root that came after it was done
    }
    destroying = false;
  }

  static Strand of(Frame<?> frame) {
    if (!frame.isRoot) {
      throw new IllegalStateException(frame.coroutineName() + " runs as a child of "
          + (frame.caller == null ? "another coroutine" : frame.caller.coroutineName())
          + "; only its parent may observe it");
    }
    return frame.strand;
  }

  /**
   * Resumes the frame that was waiting, or starts a launched root; runs until the strand suspends
   * again or finishes. Cancelled meanwhile (whether or not what it waited for arrived), the frame is
   * destroyed instead of resumed, and a root that never ran completes cancelled without running.
   */
  @Override
  public void run() {
    Frame<?> f = next;
    next = null;
    if (cancelTarget != null && !destroying) {
      if (f.state == 0) {
        f.cancelUnstarted();
        endCancellation();
        letGo();
        return;
      }
      destroying = true;
      f.beginDestroy();
    }
    IllegalStateException revoked = f.revokedFailure();
    if (revoked != null) { // its allocator released it (a closed arena): its run fails, its caller takes that
      f.fail(revoked);
      f = f.caller;
      if (f == null) {
        letGo();
        return;
      }
    }
    drive(f, Allocators.here());
  }

  private void drive(Frame<?> f, Allocators.PerThread here) {
    // while this strand runs, factories called by its bodies allocate from its allocator
    FrameAllocator previous = Allocators.enter(here, allocator);
    local = allocator == Allocators.DEFAULT ? Allocators.DEFAULT.defaultCache(here) : null;
    boolean ended;
    try {
      ended = loop(f);
    } finally {
      here.current = previous;
    }
    if (ended) {
      letGo();
    }
  }

  /** Runs {@code f} and what its completions resume; answers whether the root completed (else it suspended). */
  private boolean loop(Frame<?> f) {
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
        if (f == cancelTarget) {
          endCancellation(); // the target is done (cancelled, or it completed first): its caller resumes
        } else if (destroying && c != null) {
          c.beginDestroy(); // destroyed children first: then the frame that awaited it
        }
        if (c == null) {
          return true;
        }
        f = c;
        continue;
      }
      // A real suspension: the stack has unwound, so the continuation may now be published.
      Frame<?> in = innermost;
      Object a = on;
      on = null;
      innermost = null;
      if (cancelTarget != null && !destroying) {
        f = startDestroy(in); // cancelled while it ran: destroyed from the point it stopped at
        continue;
      }
      next = in;
      if (a instanceof Hop) {
        Hop hop = (Hop) a; // yieldNow, switchTo: no wake; a cancellation meanwhile is run()'s to act on
        executor = hop.destination(executor);
        resumeLater(hop);
        return false;
      }
      Wake w = new Wake(this);
      wake = w;
      w.registration = ((Awaitable<?>) a).register(w);
      // a cancellation that came while this published saw no wake yet: whoever claims it acts
      if (cancelTarget != null && !destroying && w.claim()) {
        w.withdraw();
        next = null;
        f = startDestroy(in);
        continue;
      }
      return false;
    }
  }

  private Frame<?> startDestroy(Frame<?> innermost) {
    wake = null;
    destroying = true;
    innermost.beginDestroy();
    return innermost;
  }

  private void endCancellation() {
    cancelTarget = null;
    destroying = false;
  }

  /**
   * This thread is done with the strand: a joined root that completed away from its joiner is
   * published now, and the joiner woken (its queue orders what this thread wrote before its read);
   * a group's member tells its group.
   */
  private void letGo() {
    if (awayDone) {
      awayDone = false;
      FINISHED.setRelease(this, true);
      GroupFrame g = group;
      if (g != null) {
        g.memberDone(member, executor); // the group may release this strand: nothing here touches it after
      } else {
        joiner.execute(NOTHING);
      }
    }
  }

  /**
   * Cancels {@code target}, a frame of this strand (its root, or a child someone holds), from any
   * thread, without blocking: suspended, its destroy is submitted to the strand's executor at once;
   * running, it stops at its next suspension point. Answers false if it completed or is already
   * being cancelled.
   */
  boolean cancel(Frame<?> target) {
    synchronized (this) { // one cancellation at a time; the strand's thread never takes this lock
      if (finished || cancelTarget != null || target.isDoneFrame()) {
        return false;
      }
      cancellation = cancellation(target.coroutineName());
      cancelTarget = target;
    }
    Wake w = wake;
    if (w != null && w.claim()) {
      w.withdraw();
      wake = null;
      resumeLater(null); // the step destroys instead of resuming (run())
    }
    return true;
  }

  /** The cancellation of the coroutine named {@code coroutine}, which every awaiter and joiner sees. */
  static CancellationException cancellation(String coroutine) {
    return new CancellationException(coroutine + " was cancelled");
  }

  /** What a destroyed frame completes with: the cancellation of the frame being cancelled. */
  CancellationException cancellationOf(Frame<?> f) {
    return cancellation;
  }

  /**
   * For generated code: what a finally block threw while its task was being cancelled is kept in the
   * cancellation as suppressed; the destroy goes on.
   */
  public void suppressed(Throwable t) {
    if (t != cancellation) {
      cancellation.addSuppressed(t);
    }
  }

  /**
   * The continuation of one suspension on an awaitable: its completion and a cancellation race to
   * claim it, and only the winner resumes the strand (a completion that comes after a cancellation,
   * or a second one, is ignored).
   */
  private static final class Wake implements Runnable {
    private static final java.lang.invoke.VarHandle CLAIMED;

    static {
      try {
        CLAIMED = java.lang.invoke.MethodHandles.lookup().findVarHandle(Wake.class, "claimed", boolean.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final Strand strand;
    private volatile boolean claimed;
    /** How to withdraw the registration (set right after registering; the claim orders it before use). */
    Awaitable.Registration registration;

    Wake(Strand strand) {
      this.strand = strand;
    }

    boolean claim() {
      return CLAIMED.compareAndSet(this, false, true);
    }

    void withdraw() {
      Awaitable.Registration r = registration;
      if (r != null) {
        r.cancel();
      }
    }

    /** The awaited value is there. */
    @Override
    public void run() {
      if (claim()) {
        strand.wake = null;
        strand.resumeLater(null);
      }
    }
  }

  /**
   * The awaited value is there (or the strand moves, {@code via} a hop): the strand's next step goes
   * to its executor. An executor that rejects it (closed, shut down) fails the task with a {@link
   * RejectedExecutionException} naming the executor, which every joiner and awaiter sees; the
   * suspended coroutines do not run again.
   */
  private void resumeLater(Hop via) {
    try {
      if (via != null) {
        via.submit(executor, this);
      } else {
        executor.execute(this);
      }
    } catch (RejectedExecutionException e) {
      Frame<?> r = root;
      if (r != null) {
        next = null;
        r.fail(new RejectedExecutionException(r.coroutineName() + " cannot resume: " + executor
            + " rejected its next step (" + e.getMessage() + ")", e));
        letGo();
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
      // future can exist (a claimed task refuses other observers), so no fence is needed; but if
      // the strand moved away from the joiner's thread, the joiner would reuse the strand and
      // recycle the root while this thread still unwinds them: they are published when it lets go
      if (group != null || (joiner != null && executor != joiner)) {
        awayDone = true;
        return;
      }
      FINISHED.setRelease(this, true);
      return;
    }
    // lock-free against future(): each writes its field, then reads the other's (both volatile),
    // so at least one of them sees both and settles; settling twice is harmless
    finished = true;
    CompletableFuture<Object> cf = future;
    if (cf != null) {
      settle(cf, f);
    } else if (f.failure() != null && !observed && !f.cancelledFrame()) {
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
  /**
   * A future for users ({@code toCompletableFuture()}): completed with the root's outcome, and
   * cancelling it cancels the task. (The strand's own future, which joins wait on, is never theirs.)
   */
  <T> CompletableFuture<T> userFuture(Frame<T> f) {
    CompletableFuture<T> user = new CompletableFuture<>() {
      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        f.cancel();
        return super.cancel(mayInterruptIfRunning);
      }
    };
    future(f).whenComplete((v, t) -> {
      if (t != null) {
        user.completeExceptionally(t);
      } else {
        user.complete(v);
      }
    });
    return user;
  }

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

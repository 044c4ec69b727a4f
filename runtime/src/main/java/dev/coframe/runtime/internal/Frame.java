package dev.coframe.runtime.internal;

import dev.coframe.runtime.Awaitable;
import dev.coframe.runtime.InlineExecutor;
import dev.coframe.runtime.Task;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Base class of every generated coroutine frame: the lifecycle, the awaiting parent, what the frame
 * awaits while suspended, and the failure slot. A frame is also the {@link Task} handle of its run.
 * Generated frames extend a typed subclass ({@link IntFrame}, {@link RefFrame}, ...), which holds
 * the result unboxed.
 *
 * <p>Protocol with generated code (see {@link StateMachine}): the body is a static method of the
 * frame class, {@code run$(Strand cx, XFrame f, int state, int depth, params..)}, which returns
 * the result directly. A call of another coroutine is a plain call of that coroutine's
 * {@code run$} with no frame ({@code f == null}), followed by a check of
 * {@link Strand#suspended()}: a body that completes without suspending never touches a frame.
 * When a body must suspend — it awaits something not ready ({@link Strand#ready(Object, int)}) or
 * a child it called suspended — it creates its frame if it has none, writes the locals live at that
 * point into it, calls {@link Strand#suspend(Frame, int)} and returns; its caller does the same, up
 * to the strand's trampoline, which publishes the continuation only once the whole stack has
 * unwound (LLVM's {@code coro.save}). Resumed, a frame's {@link #run()} calls its body with itself
 * and its state; the body reads back what it wrote and takes what it awaited
 * ({@link #takeAwaited()}).
 *
 * @param <T> the result type, boxed
 */
public abstract class Frame<T> extends StateMachine implements Task<T>, Cloneable {
  private static final byte NEW = 0;
  private static final byte ACTIVE = 1;
  private static final byte DONE = 2;
  /** Given back to its allocator: a handle still pointing here is stale. */
  private static final byte FREE = 3;

  /**
   * NEW, ACTIVE, DONE or FREE: a plain field, written and read by the strand's thread. Other
   * threads see a root's completion through its strand's volatile {@code finished}, written after
   * the result and this field.
   */
  private byte phase = NEW;
  /** The allocator side this frame goes back to once its result is taken; null if none. */
  FrameHome home;
  /** An embedded frame: a field of its parent's frame, re-armed in place after each run. */
  private boolean embedded;
  /** Runs this frame object has served: a re-armed frame starts a new generation. */
  private int generation;
  /** Link of an allocator's free list or cross-thread return stack. */
  public Frame<?> nextFree;
  /** The {@link FrameKind#id()} of this frame's class, once an allocator handed it out. */
  private int kindId;
  /** The frame awaiting this one on the same strand, or {@code null} for a root. */
  Frame<?> caller;
  /** The strand running this frame; set when it starts. */
  Strand strand;
  /** Whether this frame is its strand's root (launched, joined, or awaited in direct mode). */
  boolean isRoot;
  private Throwable failure;
  /**
   * Whether a coroutine (lowered or in direct mode) awaited this lazy task: the task is then that
   * awaiter's, and its result is taken once (see {@link #claimForAwait()}).
   */
  private boolean claimed;
  /** While suspended: the child frame or the {@link Awaitable} this frame waits for. */
  Object awaited;
  /** Whether this run ended by being cancelled (its failure is then the cancellation). */
  private boolean cancelled;
  /** Whether the body is on its destroy path: entered at {@code -state}, it runs only its finally blocks. */
  private boolean destroying;

  protected Frame() {}

  /** Whether this frame is as constructed: never armed, run, embedded or recycled. */
  final boolean isFresh() {
    return phase == NEW && generation == 0 && !embedded && state == 0;
  }

  /**
   * A new frame of this one's class as constructed, when this one is a {@link FrameKind}'s prototype
   * (fresh, never run): a field-by-field copy of it (generated frames initialize no instance field).
   */
  final Frame<?> copy() {
    try {
      return (Frame<?>) super.clone();
    } catch (CloneNotSupportedException e) {
      throw new AssertionError(e); // a Frame is Cloneable
    }
  }

  /** The result, boxed ({@code null} for {@code void}). Only called after normal completion. */
  protected abstract T boxedResult();

  // ---------------------------------------------------------------- generated code's protocol

  /** The strand this resumed frame runs on: the {@code cx} its {@link #run()} passes to the body. */
  protected final Strand strand() {
    return strand;
  }

  /** The depth the resumed body starts at (see {@link Strand#entryDepth()}). */
  protected final int depth() {
    return strand.entryDepth();
  }

  /** What this frame waited for, taken at its resume point (so a resumed frame keeps nothing else). */
  protected final Object takeAwaited() {
    Object a = awaited;
    awaited = null;
    return a;
  }

  /**
   * Called by the typed base after the body returned to {@link #run()}: whether it suspended (it
   * wrote itself into the strand) instead of completing.
   */
  final boolean bodySuspended() {
    return strand.last == this;
  }

  /**
   * What {@code Co.await(x)} suspends on inside a coroutine: a lazy frame is run as a child on
   * this strand; anything else is awaited as an {@link Awaitable}.
   */
  protected static Object awaiting(Task<?> task) {
    Frame<?> f = of(task);
    if (f != null && f.claimForAwait()) {
      return f;
    }
    return Awaiting.of(task);
  }

  /**
   * The frame behind a task of a generated factory or coroutine (a frame, or the handle a factory
   * gave plain Java, which must still serve its run), or null for a task of another kind.
   */
  @SuppressWarnings("unchecked")
  public static <T> Frame<T> of(Task<T> task) {
    return task instanceof Frame ? (Frame<T>) task : task instanceof RunHandle ? ((RunHandle<T>) task).frame() : null;
  }

  /**
   * For a generated factory: the task of the run this frame was just armed for, as plain Java holds
   * it — a handle that refuses every use once the run is over and its frame recycled.
   */
  public final Task<T> handle() {
    return new RunHandle<>(this, generation);
  }

  /** Refuses a handle of run {@code g} once this frame has gone on to another run. */
  final void checkRun(int g) {
    if (g != generation) {
      throw stale();
    }
  }

  /** Whether this frame still serves run {@code g}. */
  final boolean servesRun(int g) {
    return g == generation;
  }

  /** See {@link #awaiting(Task)}. */
  protected static Object awaiting(Awaitable<?> awaitable) {
    return awaitable;
  }

  /** See {@link #awaiting(Task)}. A future already complete is awaited as itself: no adapter is made. */
  protected static Object awaiting(CompletionStage<?> stage) {
    return stage instanceof CompletableFuture && ((CompletableFuture<?>) stage).isDone() ? stage : Awaiting.of(stage);
  }

  /**
   * The value of what {@link #awaiting} returned, once complete; rethrows its failure as the
   * original exception. Typed by the assignment target or by explicit type arguments (unchecked by
   * design: the processor emits it only where javac already typed the await expression).
   */
  @SuppressWarnings("unchecked")
  protected static <V> V valueOf(Object awaited) {
    return awaited instanceof Frame ? (V) ((Frame<?>) awaited).takeObject()
        : awaited instanceof CompletableFuture ? (V) Awaiting.joinOriginal((CompletableFuture<?>) awaited)
        : (V) ((Awaitable<?>) awaited).result();
  }

  /**
   * {@link #valueOf(Object)} where the awaited value is unboxed at once (lowered code writes it only
   * there): a child frame's result is taken unboxed, without boxing it first.
   */
  protected static int intValueOf(Object awaited) {
    return awaited instanceof Frame ? ((Frame<?>) awaited).takeInt() : Frame.<Integer>valueOf(awaited);
  }

  /** See {@link #intValueOf(Object)}. */
  protected static long longValueOf(Object awaited) {
    return awaited instanceof Frame ? ((Frame<?>) awaited).takeLong() : Frame.<Long>valueOf(awaited);
  }

  /** See {@link #intValueOf(Object)}. */
  protected static double doubleValueOf(Object awaited) {
    return awaited instanceof Frame ? ((Frame<?>) awaited).takeDouble() : Frame.<Double>valueOf(awaited);
  }

  /** See {@link #intValueOf(Object)}. */
  protected static boolean booleanValueOf(Object awaited) {
    return awaited instanceof Frame ? ((Frame<?>) awaited).takeBoolean() : Frame.<Boolean>valueOf(awaited);
  }

  /**
   * {@link #valueOf(Object)} typed by javac from the awaited expression, never evaluated: lowered
   * code writes {@code valueOf(aw$, false ? (EXPR) : null)} where only {@code await(EXPR)}'s own
   * inference knows its type (a generic call with a lambda argument, say). The overloads mirror
   * {@code Co.await}'s, so the type is the one direct mode has.
   */
  protected static <V> V valueOf(Object awaited, Task<V> typeWitness) {
    return valueOf(awaited);
  }

  /** See {@link #valueOf(Object, Task)}. */
  protected static <V> V valueOf(Object awaited, Awaitable<V> typeWitness) {
    return valueOf(awaited);
  }

  /** See {@link #valueOf(Object, Task)}. */
  protected static <V> V valueOf(Object awaited, CompletionStage<V> typeWitness) {
    return valueOf(awaited);
  }

  /*
   * The take methods end a child's run for its parent: they read the outcome, then recycle the
   * frame (see recycle()) before returning the result or rethrowing the failure.
   */

  /** Rethrows the completed child's failure as the original exception; its result is not needed. */
  public final void takeVoid() {
    checkTake();
    recycle();
  }

  /** The completed child's result; rethrows its failure as the original exception. */
  public final Object takeObject() {
    checkTake();
    Object r = boxedResult();
    recycle();
    return r;
  }

  /** The completed child's {@code int} result, unboxed for {@link IntFrame}s. */
  public final int takeInt() {
    checkTake();
    int r = intResult();
    recycle();
    return r;
  }

  /** The completed child's {@code long} result. */
  public final long takeLong() {
    checkTake();
    long r = longResult();
    recycle();
    return r;
  }

  /** The completed child's {@code double} result. */
  public final double takeDouble() {
    checkTake();
    double r = doubleResult();
    recycle();
    return r;
  }

  /** The completed child's {@code boolean} result. */
  public final boolean takeBoolean() {
    checkTake();
    boolean r = booleanResult();
    recycle();
    return r;
  }

  /** Unboxed result for {@code int} frames; others unbox {@link #boxedResult()}. */
  int intResult() {
    return ((Number) boxedResult()).intValue();
  }

  /**
   * Writes the result (of a normal completion) into slot {@code i} of a group's results: a
   * reference into {@code refs}; a primitive into {@code bits}, with its {@link Unboxed} kind in
   * {@code refs} (so no box is made until the slot is read).
   */
  void resultInto(Object[] refs, long[] bits, int i) {
    refs[i] = boxedResult();
  }

  /** Unboxed result for {@code long} frames. */
  long longResult() {
    return ((Number) boxedResult()).longValue();
  }

  /** Unboxed result for {@code double} frames. */
  double doubleResult() {
    return ((Number) boxedResult()).doubleValue();
  }

  /** Unboxed result for {@code boolean} frames. */
  boolean booleanResult() {
    return (Boolean) boxedResult();
  }

  /** Marks normal completion (the typed base has stored the result first), or a destroy path's end. */
  final void complete() {
    if (destroying) {
      completeCancelled();
      return;
    }
    phase = DONE;
    disarmHeld();
    if (isRoot) {
      strand.rootDone();
    }
  }

  /**
   * Marks completion with {@code t} — or, on the destroy path, its end: the runtime's signal that no
   * finally block was left ({@link StateMachine#badState}), or an exception that escaped one, which
   * the cancellation keeps as suppressed.
   */
  @Override
  final void fail(Throwable t) {
    if (destroying) {
      if (t != DESTROYED) {
        strand.suppressed(t);
      }
      completeCancelled();
      return;
    }
    failure = t;
    complete();
  }

  /** A launched root cancelled before its first step ran: it completes cancelled; its body never runs. */
  final void cancelUnstarted() {
    destroying = true;
    completeCancelled();
  }

  /** The destroy path ended: cancelled, nothing kept (its fields cleared, its held tasks disarmed). */
  private void completeCancelled() {
    destroying = false;
    cancelled = true;
    failure = strand.cancellationOf(this);
    awaited = null;
    clearFields();
    phase = DONE;
    disarmHeld();
    if (isRoot) {
      strand.rootDone();
    }
  }

  /**
   * Starts the destroy path of this suspended frame: resumed, its body enters at {@code -state},
   * runs the finally blocks and resource closes around the point it is suspended at, and returns.
   */
  final void beginDestroy() {
    destroying = true;
    state = -state;
  }

  /** Whether this frame's run ended by being cancelled. */
  final boolean cancelledFrame() {
    return cancelled && phase == DONE;
  }

  /**
   * For generated code, at a destroy entry: what the frame awaited is dropped — a child destroyed
   * before it, or never started, goes back to its allocator (or, embedded, is re-armed), unread.
   */
  protected final void dropAwaited() {
    Object a = awaited;
    awaited = null;
    if (a instanceof Frame) {
      ((Frame<?>) a).discard();
    }
  }

  /** A suspended frame that will never resume ({@link Strand#abandonSuspended}): back to its allocator, keeping nothing. */
  final void abandon() {
    awaited = null;
    clearFields();
    phase = DONE;
    disarmHeld();
    recycle();
  }

  /** A child whose outcome nobody takes (destroyed, or never started): recycled unread. */
  final void discard() {
    if (phase == NEW) {
      clearFields();
    }
    if (phase == NEW || phase == DONE) {
      recycle();
    }
  }

  /**
   * For generated parents: {@code f}, the embedded frame of a held task that can no longer be
   * awaited, forgets its arguments, if it is armed and was never started or awaited (null, a frame
   * not made yet, and one that runs or ran are left as they are): nothing a parent keeps is garbage.
   */
  protected static void disarm(Frame<?> f) {
    if (f != null && f.phase == NEW && !f.claimed) {
      f.clearFields();
    }
  }

  /**
   * Generated: nulls the frame's reference fields — the arguments {@code arm$} stored and the locals
   * a suspension kept — of a run that will not read them (never started, or destroyed).
   */
  protected void clearFields() {}

  /**
   * Generated in a frame that embeds held tasks: {@link #disarm} of each, when this frame's run is
   * over (a held task its body left unawaited no longer keeps its arguments).
   */
  protected void disarmHeld() {}

  /** The typed base's result, cleared when the frame is re-armed (a reference would keep garbage). */
  void clearResult() {}

  /**
   * For allocators that release frames still in use ({@code ArenaAllocator.close()}): a later
   * resumption of this frame through its executor fails its run with an {@link
   * IllegalStateException} saying {@code why}, instead of resuming it.
   */
  public final void revoke(String why) {
    home = new Revoked(why); // nothing goes back to an allocator that released everything
  }

  /** The failure of a resumption of a revoked frame, or null if it may run. */
  final IllegalStateException revokedFailure() {
    return home instanceof Revoked ? new IllegalStateException(coroutineName() + " cannot resume: "
        + ((Revoked) home).why) : null;
  }

  /** The home of a revoked frame: what comes back is dropped. */
  private static final class Revoked implements FrameHome {
    final String why;

    Revoked(String why) {
      this.why = why;
    }

    @Override
    public void release(Frame<?> f) {}

    @Override
    public void dropped(Frame<?> f) {}
  }

  /** Made for an elided call site ({@link FrameKind#embed()}): re-armed in place after each run, never given back. */
  final void markEmbedded() {
    embedded = true;
  }

  /**
   * For generated code: {@code f}, allocated for a call whose body completed without suspending
   * (it returned its value directly and never ran as a frame), goes back to its allocator.
   */
  protected static void release(Frame<?> f) {
    FrameHome h = f.home;
    if (f.phase == NEW && h != null) {
      // untouched: nothing of a run was written into it (a body writes its frame only to suspend),
      // and no handle refers to it (only a factory makes one), so there is nothing to re-arm
      f.phase = FREE;
      h.release(f);
    } else {
      f.recycle();
    }
  }

  /**
   * After the result of this frame's run was taken: an allocated frame goes back to its allocator,
   * an embedded one is re-armed in place for its parent's next call; a frame made otherwise (by
   * hand) keeps its outcome.
   */
  final void recycle() {
    FrameHome h = home;
    if (h != null) {
      rearm(FREE);
      h.release(this);
    } else if (embedded) {
      rearm(NEW);
    }
  }

  /** Back to {@code to} (NEW or FREE) for another run: nothing of the last run is kept. */
  private void rearm(byte to) {
    phase = to;
    generation++;
    failure = null;
    claimed = false;
    caller = null;
    strand = null;
    isRoot = false;
    awaited = null;
    state = 0;
    cancelled = false;
    destroying = false;
    clearResult();
  }

  /** Handed out by an allocator (from its free list, or new): fresh, and going back to {@code h}. */
  public final void handedOut(FrameHome h, int kind) {
    phase = NEW;
    home = h;
    kindId = kind;
    nextFree = null;
  }

  /**
   * Handed out again by the allocator side {@code h} it went back to (its kind and home already
   * set): fresh, with no reference stored that is already there.
   */
  public final void reusedFrom(FrameHome h) {
    phase = NEW;
    state = 0; // it held the free list's depth
    if (home != h) {
      home = h;
    }
    nextFree = null;
  }

  /**
   * In a free list (FREE, where no resume index is needed): the list's length from this frame down,
   * which bounds the list per class without a count of its own; kept in {@link #state} so a frame
   * is no larger for it.
   */
  public final int freeDepth() {
    return state;
  }

  /** See {@link #freeDepth()}. */
  public final void freeDepth(int depth) {
    state = depth;
  }

  public final int kindId() {
    return kindId;
  }

  /** The number of runs this frame object served before the current one. */
  final int generation() {
    return generation;
  }

  /** A launched root's run is over: its allocator stops counting it (the frame is never reused). */
  final void dropped() {
    FrameHome h = home;
    if (h != null) {
      home = null;
      h.dropped(this);
    }
  }
  // ---------------------------------------------------------------- lifecycle

  /** Checks a child's run is over; a failure is recycled with the frame and rethrown. */
  private void checkTake() {
    if (phase != DONE) {
      throw new IllegalStateException(coroutineName() + " has not completed");
    }
    Throwable t = failure;
    if (t != null) {
      recycle();
      throw Sneaky.rethrow(t);
    }
  }

  /** Claims a lazy frame for a run; a frame already started or finished cannot be started again. */
  final void begin(Strand s, Frame<?> parent) {
    if (phase != NEW) {
      throw phase == FREE ? stale() : new IllegalStateException(
          coroutineName() + " was already " + (phase == DONE ? "run" : "started")
              + ": a task runs once; call the factory again for a new run");
    }
    phase = ACTIVE;
    // a recycled root joined again runs on the same strand: skip the store and its GC barrier
    if (strand != s) {
      strand = s;
    }
    if (caller != parent) {
      caller = parent;
    }
  }

  /**
   * A body suspends into this frame: a frame it created, or an embedded one its parent passed,
   * starts running on {@code s}. One still running another call (reachable only by misuse the
   * processor could not see) is refused: reusing it would corrupt that call.
   */
  final void materialized(Strand s, boolean resumedHere) {
    if (phase == NEW) {
      phase = ACTIVE;
      strand = s;
    } else if (phase != ACTIVE || !resumedHere) {
      throw new IllegalStateException(coroutineName() + " was called again while a previous call at the same"
          + " site is still in flight: its embedded frame cannot serve two calls at once");
    }
  }

  private IllegalStateException stale() {
    return new IllegalStateException("stale handle: this " + coroutineName() + " task's run is over and its result"
        + " was taken (await and join take a lazy task's result once); its frame was recycled");
  }

  /** Refuses a handle whose frame went back to its allocator. */
  private void checkNotStale() {
    if (phase == FREE) {
      throw stale();
    }
  }

  /**
   * An {@code await} of this task, in direct mode or lowered: answers true if it is lazy (the
   * awaiter runs it and takes its result), false if it was started elsewhere (launched or joined:
   * any number may await its completion). A lazy task has one awaiter and its result is taken
   * once (frames are recycled, as .NET's {@code ValueTask}): a second await fails.
   */
  public final boolean claimForAwait() {
    checkNotStale();
    if (claimed) {
      throw alreadyAwaited();
    }
    if (phase != NEW && !cancelledBeforeItStarted()) {
      return false;
    }
    claimed = true;
    return true;
  }

  /** A lazy task cancelled before anything ran it: its outcome, the cancellation, is its awaiter's to take. */
  private boolean cancelledBeforeItStarted() {
    return phase == DONE && cancelled && !isRoot && strand == null;
  }

  private IllegalStateException alreadyAwaited() {
    return new IllegalStateException(coroutineName() + " was already awaited or joined: a lazy task has one awaiter and"
        + " its result is taken once; to share a result, launch the task (Launch.on(executor).start(..)),"
        + " whose handle any number of coroutines and threads may await or join");
  }

  /** Whether a join took this lazy root: the one observer of its outcome. */
  final boolean isJoinClaimed() {
    return claimed;
  }

  final boolean isDoneFrame() {
    return phase == DONE;
  }

  final Throwable failure() {
    return failure;
  }

  // ---------------------------------------------------------------- Task

  @Override
  public final boolean isDone() {
    checkNotStale();
    Strand s = strand;
    return isRoot ? s.isFinished() : phase == DONE;
  }

  /*
   * The joins: a lazy task joined is run here and its result taken once, so an allocated frame
   * goes back to its allocator afterwards (awaitSuccess answers whether it is the join's to
   * recycle); a started task's handle stays readable.
   */

  @Override
  public final T join() {
    boolean taken = awaitSuccess();
    T r = boxedResult();
    if (taken) {
      recycle();
    }
    return r;
  }

  @Override
  public final int joinInt() {
    boolean taken = awaitSuccess();
    int r = intResult();
    if (taken) {
      recycle();
    }
    return r;
  }

  @Override
  public final long joinLong() {
    boolean taken = awaitSuccess();
    long r = longResult();
    if (taken) {
      recycle();
    }
    return r;
  }

  @Override
  public final double joinDouble() {
    boolean taken = awaitSuccess();
    double r = doubleResult();
    if (taken) {
      recycle();
    }
    return r;
  }

  @Override
  public final boolean joinBoolean() {
    boolean taken = awaitSuccess();
    boolean r = booleanResult();
    if (taken) {
      recycle();
    }
    return r;
  }

  @Override
  public final T result() {
    checkNotStale();
    observe();
    boolean done = isDone();
    if (!done || failure != null) {
      throw new IllegalStateException(
          coroutineName() + (!done ? " has not completed" : " failed"), failure);
    }
    return boxedResult();
  }

  @Override
  public final Throwable exception() {
    checkNotStale();
    observe();
    return isDone() ? failure : null;
  }

  @Override
  public final CompletableFuture<T> toCompletableFuture() {
    checkNotStale();
    if (claimed) {
      throw alreadyAwaited();
    }
    if (cancelledBeforeItStarted()) {
      CompletableFuture<T> cf = new CompletableFuture<>();
      cf.completeExceptionally(failure);
      return cf;
    }
    if (phase == NEW) {
      Strand.startRoot(this, InlineExecutor.INSTANCE);
    }
    return Strand.of(this).userFuture(this);
  }

  @Override
  public final boolean isCancelled() {
    checkNotStale();
    return isDone() && cancelled;
  }

  /**
   * Cancels this task (see {@link Task#cancel()}): one not started completes cancelled at once;
   * one started is its strand's to stop, from any thread.
   */
  @Override
  public final boolean cancel() {
    checkNotStale();
    if (phase == NEW && strand == null) {
      phase = DONE;
      cancelled = true;
      failure = Strand.cancellation(coroutineName());
      clearFields();
      return true;
    }
    Strand s = strand;
    return s != null && s.cancel(this);
  }

  /** A root's outcome is the caller's now; a child's is always its parent's. */
  private void observe() {
    if (isRoot) {
      strand.observe();
    }
  }

  /**
   * Drives a lazy root on the calling thread, or waits for a started one, then rethrows a failure
   * as {@code join()} does. Answers whether this join ran the task lazily: then its result is the
   * join's to take, once, and an allocated frame is recycled after it (a failure at once).
   */
  private boolean awaitSuccess() {
    checkNotStale();
    if (claimed) {
      throw alreadyAwaited();
    }
    observe();
    boolean lazy = false;
    if (cancelledBeforeItStarted()) {
      lazy = home != null; // its outcome is this join's to take, as a lazy run's would be
    } else if (!isDone()) {
      if (phase == NEW) {
        lazy = home != null; // an allocated lazy task: its result is taken by this join
        claimed = lazy;
        JoinLoop.run(this);
      } else {
        Strand.of(this).awaitDone(this);
      }
    }
    Throwable t = failure;
    if (t != null) {
      if (lazy) {
        recycle();
      }
      throw Sneaky.forJoin(t);
    }
    return lazy;
  }

  @Override
  public String toString() {
    return coroutineName() + (phase == NEW ? " [not started]" + heldValues() : phase == DONE ? " [done]"
        : phase == FREE ? " [recycled]" : " [state " + state + "]" + heldValues());
  }
}

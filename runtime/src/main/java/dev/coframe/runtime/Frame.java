package dev.coframe.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * Base class of every generated coroutine frame: the resume index, the lifecycle, the awaiting
 * parent and the failure slot. A frame is also the {@link Task} handle of its run.
 *
 * <p>Protocol with generated code: {@link #resume()} runs the body from {@link #state} until it
 * completes ({@link #complete()} / {@link #fail(Throwable)}) or suspends (it sets the next state,
 * spills its live locals into fields and returns). A child coroutine is started with
 * {@link #call(Frame, Task)}, which runs it inline on the same stack (the synchronous fast path)
 * and answers whether it completed; an external {@link Awaitable} is awaited with
 * {@link #await(Frame, Awaitable)}. Resumption after a real suspension goes through the strand's
 * trampoline ({@link Strand}), so neither deep synchronous chains nor long asynchronous loops grow
 * the Java stack without bound.
 *
 * @param <T> the result type, boxed
 */
public abstract class Frame<T> extends StateMachine implements Task<T> {
  private static final byte NEW = 0;
  private static final byte ACTIVE = 1;
  private static final byte DONE = 2;

  /**
   * NEW, ACTIVE or DONE: a plain field, written and read by the strand's thread (no VarHandle or
   * Unsafe access, which would keep the JIT from removing a child frame that does not escape).
   * Other threads see a root's completion through its strand's volatile {@code finished}, written
   * after the result and this field.
   */
  private byte phase = NEW;
  /** The frame awaiting this one on the same strand, or {@code null} for a root. */
  Frame<?> caller;
  /** The strand running this frame; set when it starts. */
  Strand strand;
  private Throwable failure;
  /**
   * Whether a coroutine (lowered or in direct mode) awaited this lazy task: the task is then that
   * awaiter's, and its result is taken once (see {@link #claimForAwait()}).
   */
  private boolean awaited;

  protected Frame() {}

  /** The result, boxed ({@code null} for {@code void}). Only called after normal completion. */
  protected abstract T boxedResult();

  // ---------------------------------------------------------------- generated code's protocol

  /**
   * Starts {@code task} (a lazy frame, its type not known statically: an awaited {@code Task}) as
   * a child of {@code parent} on the parent's strand and runs it inline until it completes or
   * suspends. Calls of known coroutines use each frame's own {@code runAsChildOf}, whose
   * {@code resume()} call the JIT can inline; this shared path dispatches virtually.
   *
   * @return whether the child completed; if not, the parent must suspend
   */
  protected static boolean call(Frame<?> parent, Task<?> task) {
    Frame<?> child = asLazyFrame(task);
    if (!enter(parent, child)) {
      return false;
    }
    child.resume();
    return leave(parent, child);
  }

  /**
   * The first half of running {@code child} inline as a child of {@code parent}: claims it (a
   * frame runs once) and counts the Java stack depth. Answers false when the chain is too deep
   * for the Java stack: then the child is handed to the strand's trampoline and the parent must
   * suspend without running it.
   */
  protected static boolean enter(Frame<?> parent, Frame<?> child) {
    Strand s = parent.strand;
    child.begin(s, parent);
    if (s.depth >= Strand.MAX_SYNC_DEPTH) {
      // Too deep for the Java stack: unwind and let the strand's trampoline start the child.
      s.bounceTo = child;
      return false;
    }
    s.depth++;
    return true;
  }

  /** The second half, after the child's {@code resume()} returned: whether it completed. */
  protected static boolean leave(Frame<?> parent, Frame<?> child) {
    parent.strand.depth--;
    return child.phase == DONE;
  }

  /**
   * Awaits an external awaitable: answers {@code true} if its value is already there; otherwise
   * records the suspension on the strand (published only after the whole stack has unwound) and
   * answers {@code false}, and the frame must suspend.
   */
  protected static boolean await(Frame<?> frame, Awaitable<?> awaitable) {
    if (awaitable.isReady()) {
      return true;
    }
    Strand s = frame.strand;
    s.suspendedFrame = frame;
    s.suspendedOn = awaitable;
    return false;
  }

  /**
   * What {@code Co.await(x)} suspends on inside a coroutine: a lazy frame becomes a child on
   * this strand; anything else an {@link Awaitable}.
   */
  protected static Object awaiting(Task<?> task) {
    if (task instanceof Frame && ((Frame<?>) task).claimForAwait()) {
      return task;
    }
    return Awaiting.of(task);
  }

  /** See {@link #awaiting(Task)}. */
  protected static Object awaiting(Awaitable<?> awaitable) {
    return awaitable;
  }

  /** See {@link #awaiting(Task)}. */
  protected static Object awaiting(java.util.concurrent.CompletionStage<?> stage) {
    return Awaiting.of(stage);
  }

  /** Starts or awaits what {@link #awaiting} returned; answers whether it is already complete. */
  protected static boolean suspendOn(Frame<?> frame, Object awaited) {
    return awaited instanceof Frame
        ? call(frame, (Frame<?>) awaited)
        : await(frame, (Awaitable<?>) awaited);
  }

  /**
   * The value of what {@link #awaiting} returned, once complete; rethrows its failure as the
   * original exception. Typed by the assignment target (unchecked by design: the processor
   * emits it only where javac already typed the await expression).
   */
  @SuppressWarnings("unchecked")
  protected static <V> V valueOf(Object awaited) {
    return awaited instanceof Frame
        ? (V) ((Frame<?>) awaited).takeObject()
        : (V) ((Awaitable<?>) awaited).result();
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
  protected static <V> V valueOf(Object awaited, java.util.concurrent.CompletionStage<V> typeWitness) {
    return valueOf(awaited);
  }

  /** Rethrows the completed child's failure as the original exception; its result is not needed. */
  public final void takeVoid() {
    checkTake();
  }

  /** The completed child's result; rethrows its failure as the original exception. */
  public final Object takeObject() {
    checkTake();
    return boxedResult();
  }

  /** The completed child's {@code int} result; generated {@code int} frames override {@link #intResult()}. */
  public final int takeInt() {
    checkTake();
    return intResult();
  }

  /** The completed child's {@code long} result. */
  public final long takeLong() {
    checkTake();
    return longResult();
  }

  /** The completed child's {@code double} result. */
  public final double takeDouble() {
    checkTake();
    return doubleResult();
  }

  /** The completed child's {@code boolean} result. */
  public final boolean takeBoolean() {
    checkTake();
    return booleanResult();
  }

  /** Unboxed result for {@code int} frames; others unbox {@link #boxedResult()}. */
  protected int intResult() {
    return ((Number) boxedResult()).intValue();
  }

  /** Unboxed result for {@code long} frames. */
  protected long longResult() {
    return ((Number) boxedResult()).longValue();
  }

  /** Unboxed result for {@code double} frames. */
  protected double doubleResult() {
    return ((Number) boxedResult()).doubleValue();
  }

  /** Unboxed result for {@code boolean} frames. */
  protected boolean booleanResult() {
    return (Boolean) boxedResult();
  }

  /** Marks normal completion; the generated code has stored the result first. */
  protected final void complete() {
    phase = DONE;
    if (caller == null && strand != null) {
      strand.rootDone();
    }
  }

  /** Marks completion with {@code t}. */
  protected final void fail(Throwable t) {
    failure = t;
    complete();
  }

  // ---------------------------------------------------------------- lifecycle

  private void checkTake() {
    if (phase != DONE) {
      throw new IllegalStateException(coroutineName() + " has not completed");
    }
    if (failure != null) {
      throw Sneaky.rethrow(failure);
    }
  }

  private static Frame<?> asLazyFrame(Task<?> task) {
    if (!(task instanceof Frame)) {
      throw new IllegalArgumentException("not a coroutine frame: " + task);
    }
    return (Frame<?>) task;
  }

  /** Claims a lazy frame for a run; a frame already started or finished cannot be started again. */
  final void begin(Strand s, Frame<?> parent) {
    if (phase != NEW) {
      throw new IllegalStateException(
          coroutineName() + " was already " + (phase == DONE ? "run" : "started")
              + ": a task runs once; call the factory again for a new run");
    }
    phase = ACTIVE;
    strand = s;
    caller = parent;
  }

  /**
   * An {@code await} of this task, in direct mode or lowered: answers true if it is lazy (the
   * awaiter runs it and takes its result), false if it was started elsewhere (launched or joined:
   * any number may await its completion). A lazy task has one awaiter and its result is taken
   * once (frames are recycled, as .NET's {@code ValueTask}): a second await fails.
   */
  final boolean claimForAwait() {
    if (awaited) {
      throw alreadyAwaited();
    }
    if (phase != NEW) {
      return false;
    }
    awaited = true;
    return true;
  }

  private IllegalStateException alreadyAwaited() {
    return new IllegalStateException(coroutineName() + " was already awaited: a lazy task has one awaiter and"
        + " its result is taken once; to share a result, launch the task (Launch.on(executor).start(..)),"
        + " whose handle any number of coroutines and threads may await or join");
  }

  final Throwable failure() {
    return failure;
  }

  // ---------------------------------------------------------------- Task

  @Override
  public final boolean isDone() {
    Strand s = strand;
    return caller == null && s != null ? s.isFinished() : phase == DONE;
  }

  @Override
  public final T join() {
    awaitSuccess();
    return boxedResult();
  }

  @Override
  public final int joinInt() {
    awaitSuccess();
    return intResult();
  }

  @Override
  public final long joinLong() {
    awaitSuccess();
    return longResult();
  }

  @Override
  public final double joinDouble() {
    awaitSuccess();
    return doubleResult();
  }

  @Override
  public final boolean joinBoolean() {
    awaitSuccess();
    return booleanResult();
  }

  @Override
  public final T result() {
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
    observe();
    return isDone() ? failure : null;
  }

  @Override
  public final CompletableFuture<T> toCompletableFuture() {
    if (awaited) {
      throw alreadyAwaited();
    }
    if (phase == NEW) {
      Strand.startRoot(this, InlineExecutor.INSTANCE);
    }
    return Strand.of(this).future(this);
  }

  /** A root's outcome is the caller's now; a child's is always its parent's. */
  private void observe() {
    if (caller == null && strand != null) {
      strand.observe();
    }
  }

  /** {@link #awaitDone()}, then rethrows a failure as {@code join()} does. */
  private void awaitSuccess() {
    awaitDone();
    if (failure != null) {
      throw Sneaky.forJoin(failure);
    }
  }

  /** Drives a lazy root on the calling thread, or waits for a started one. */
  private void awaitDone() {
    if (awaited) {
      throw alreadyAwaited();
    }
    observe();
    if (isDone()) {
      return;
    }
    if (phase == NEW) {
      JoinLoop.run(this);
    } else {
      Strand.of(this).awaitDone(this);
    }
  }

  @Override
  public String toString() {
    return coroutineName() + (phase == NEW ? " [not started]" : phase == DONE ? " [done]" : " [state " + state + "]");
  }
}

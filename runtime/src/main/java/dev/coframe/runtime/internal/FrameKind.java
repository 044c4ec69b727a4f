package dev.coframe.runtime.internal;

import dev.coframe.runtime.RecyclingAllocator;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A generated frame class as allocators see it: how to make one, and a small index allocators use
 * to keep their free lists in arrays. Each generated frame class has one, {@code XFrame.KIND}; the
 * operations generated code applies to a frame class's frames go through it.
 *
 * @param <F> the frame class
 */
public final class FrameKind<F extends Frame<?>> {
  private static final AtomicInteger NEXT_ID = new AtomicInteger();

  private final Class<?> type;
  /** A frame of the class as constructed, never run: every frame of the kind is made as a copy of it. */
  private final F prototype;
  private final int id = NEXT_ID.getAndIncrement();

  /**
   * For generated frame classes: {@code KIND = new FrameKind<XFrame>(XCoroutines.CONTRACT$, new
   * XFrame())} in the frame class ({@code XFrame<?>} and {@code new XFrame<>()} for a generic one),
   * where {@code CONTRACT$} is the generated class's checked contract ({@link Contract#check}). Frames are made as
   * copies of {@code prototype} ({@link Object#clone}: no reflection, no method handle, so the
   * frame class is reached from any module), which must be fresh and is never run. The generated
   * source names no method reference, lookup or generic method, which cost javac far more to
   * compile than a constructor with its type argument written (in W5, about a seventh of javac's
   * work on the generated sources).
   */
  public FrameKind(int contract, F prototype) {
    if (contract != Contract.VERSION) {
      throw new IllegalArgumentException("contract " + contract + " is not this runtime's " + Contract.VERSION);
    }
    if (!Objects.requireNonNull(prototype, "prototype").isFresh()) {
      throw new IllegalArgumentException("a frame kind's prototype must be a new frame, never run: " + prototype);
    }
    this.prototype = prototype;
    this.type = prototype.getClass();
  }

  /**
   * A root frame for a factory: from the allocator of the launch window or strand the calling
   * thread is in, else from {@link dev.coframe.runtime.FrameAllocator#defaultAllocator()}. Called out of line, so a
   * factory inlines where plain Java calls it ({@link OutOfLine}).
   */
  @SuppressWarnings("unchecked")
  public F allocate() {
    return (F) OutOfLine.allocate(this);
  }

  /**
   * A frame for a body that must suspend and was given none: from {@code strand}'s allocator (the
   * launch's, inherited by every child).
   */
  public F allocate(Strand strand) {
    try {
      RecyclingAllocator.Cache here = strand.local;
      return here != null ? here.allocate(this) : strand.allocator().allocate(this);
    } catch (RuntimeException | Error e) {
      strand.abandonSuspended(); // a refusal (an exhausted pool): what suspended below cannot be resumed
      throw e;
    }
  }

  /**
   * For generated parents: a frame for an elided call site, made once (no allocator) and kept in the parent's field; re-armed in place after each run.
   */
  public F embed() {
    F f = make();
    f.markEmbedded();
    return f;
  }

  /** A frame made with {@code new}, owned by nobody (allocators count what they make themselves). */
  @SuppressWarnings("unchecked")
  public F make() {
    return (F) prototype.copy();
  }

  public int id() {
    return id;
  }

  /** The frame class. */
  public Class<?> frameClass() {
    return prototype.getClass();
  }

  /** The coroutine the frames are of, as messages name it ({@code Shop.total(List)}). */
  public String coroutine() {
    return prototype.coroutineName();
  }

  @Override
  public String toString() {
    return "FrameKind[" + type.getName() + "]";
  }
}

package dev.coframe.runtime;

import dev.coframe.runtime.internal.AllocatorCounters;
import dev.coframe.runtime.internal.CountingAllocator;
import dev.coframe.runtime.internal.Frame;
import dev.coframe.runtime.internal.FrameHome;
import dev.coframe.runtime.internal.FrameKind;

/**
 * The base of a {@link FrameAllocator} of one's own (DESIGN §5.6): a subclass decides which frames
 * are handed out again and which are kept; the runtime makes new ones, keeps the frames' protocol
 * and counts ({@link #stats()}). Frames are opaque here ({@code Object}s of a generated frame
 * class): a subclass keeps them, hands them out again for their class, or drops them.
 *
 * <p>{@link #admit} is asked before every frame is handed out, on the allocating thread (it may
 * refuse by throwing, which fails the call that asked); {@link #reuse} then offers a frame of the
 * class given back earlier, or null for a new one. {@link #giveBack} and {@link #dropped} may be
 * called on any thread (a frame completes where its task ran), so a subclass that keeps frames
 * synchronizes what it keeps. {@link PoolAllocator} and {@link ArenaAllocator} are written on it.
 */
public abstract class AbstractFrameAllocator extends CountingAllocator {
  private final ThreadLocal<AllocatorCounters> counters = ThreadLocal.withInitial(this::newCounters);
  private final FrameHome home = new FrameHome() {
    @Override
    public void release(Frame<?> f) {
      counters.get().gotBack();
      giveBack(f);
    }

    @Override
    public void dropped(Frame<?> f) {
      counters.get().gotBack();
      AbstractFrameAllocator.this.dropped(f);
    }
  };

  protected AbstractFrameAllocator() {}

  /**
   * A frame of {@code coroutine} is about to be handed out: throw (an {@link
   * IllegalStateException} that names the coroutine, say) to refuse it. The default admits every one.
   */
  protected void admit(String coroutine) {}

  /**
   * A frame of {@code frameClass} given back earlier ({@link #giveBack}) to hand out again, or null
   * to have a new one made. Called on the allocating thread, after {@link #admit}.
   */
  protected abstract Object reuse(Class<?> frameClass);

  /**
   * {@code frame}'s run is over and its result was taken: nothing of the run is kept in it, and it
   * may be handed out again for its class ({@code frame.getClass()}), or dropped. Any thread.
   */
  protected abstract void giveBack(Object frame);

  /** {@code frame} was just handed out (made new, or reused). The default does nothing. */
  protected void handedOut(Object frame) {}

  /**
   * {@code frame} was a launched root: its run is over but its handle may still be read, so it is
   * never handed out again. The default does nothing. Any thread.
   */
  protected void dropped(Object frame) {}

  @Override
  public final <F extends Frame<?>> F allocate(FrameKind<F> kind) {
    admit(kind.coroutine());
    Object kept = reuse(kind.frameClass());
    F f = kept != null ? kind.frameClass().isInstance(kept) ? cast(kept) : refuse(kept, kind) : kind.make();
    f.handedOut(home, kind.id());
    counters.get().handedOut(kept == null);
    handedOut(f);
    return f;
  }

  @SuppressWarnings("unchecked")
  private static <F> F cast(Object frame) {
    return (F) frame;
  }

  private <F> F refuse(Object kept, FrameKind<?> kind) {
    throw new IllegalStateException(getClass().getSimpleName() + ".reuse(" + kind.frameClass().getSimpleName()
        + ") handed out a frame of another class, " + kept.getClass().getName());
  }
}

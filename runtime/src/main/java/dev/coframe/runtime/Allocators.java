package dev.coframe.runtime;

/** The default allocator and the per-thread current one (see {@link FrameAllocator#current()}). */
final class Allocators {
  static final FrameAllocator DEFAULT = new RecyclingAllocator();
  static final ThreadLocal<FrameAllocator> CURRENT = new ThreadLocal<>();

  private Allocators() {}

  /** Makes {@code a} current on this thread; answers the one it replaces, to restore. */
  static FrameAllocator enter(FrameAllocator a) {
    FrameAllocator previous = CURRENT.get();
    if (previous != a) {
      CURRENT.set(a);
    }
    return previous;
  }

  /** Restores {@code previous} (set, not removed: the thread's entry stays, so no entry is allocated per launch). */
  static void leave(FrameAllocator previous, FrameAllocator a) {
    if (previous != a) {
      CURRENT.set(previous);
    }
  }
}

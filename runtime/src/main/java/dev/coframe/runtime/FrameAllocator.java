package dev.coframe.runtime;

import dev.coframe.runtime.internal.Allocators;
import dev.coframe.runtime.internal.Frame;
import dev.coframe.runtime.internal.FrameKind;

/**
 * Where the frames of allocated coroutine calls come from (DESIGN §5, Boost.Capy's frame
 * allocator concept). A launch installs one for its task tree
 * ({@code Launch.on(executor).with(allocator)}); children inherit it; root frames made by a
 * factory outside any launch come from {@link #defaultAllocator()}. Embedded frames (elided calls)
 * never come from an allocator.
 *
 * <p>Implementations: {@link HeapAllocator} (plain {@code new}), {@link RecyclingAllocator} (the
 * default: per-thread free lists), {@link PoolAllocator} (a bounded private pool) and {@link
 * ArenaAllocator} (monotonic, released at once by {@code close()}). Each counts what it does
 * ({@link #stats()}). An allocator of one's own extends {@link AbstractFrameAllocator}, which keeps
 * the frames' protocol and the counting and leaves what is kept and reused to it.
 */
public interface FrameAllocator {
  /**
   * A fresh frame of {@code kind}; it comes back to this allocator once its run is over and its
   * result was taken.
   */
  <F extends Frame<?>> F allocate(FrameKind<F> kind);

  /** The counters since the last {@link #resetStats()}. */
  AllocatorStats stats();

  /** Zeroes the counters (live frames stay counted as live). */
  void resetStats();

  /** The allocator of launches that name none: one shared {@link RecyclingAllocator}. */
  static FrameAllocator defaultAllocator() {
    return Allocators.DEFAULT;
  }

  /**
   * The allocator in effect on the calling thread: the launch window's while a launch creates its
   * root, the strand's while a coroutine runs, else {@link #defaultAllocator()}.
   */
  static FrameAllocator current() {
    return Allocators.here().currentOrDefault();
  }
}

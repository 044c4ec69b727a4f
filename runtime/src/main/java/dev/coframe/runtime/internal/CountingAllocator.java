package dev.coframe.runtime.internal;

import dev.coframe.runtime.AllocatorStats;
import dev.coframe.runtime.FrameAllocator;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every allocator counts: one {@link AllocatorCounters} per thread that used it, registered
 * here and summed when read, so counting needs no shared atomics.
 */
public abstract class CountingAllocator implements FrameAllocator {
  private final CopyOnWriteArrayList<AllocatorCounters> all = new CopyOnWriteArrayList<>();

  /** New counters for the calling thread, counted in this allocator's stats. */
  public final AllocatorCounters newCounters() {
    return AllocatorCounters.register(all);
  }

  @Override
  public final AllocatorStats stats() {
    return AllocatorCounters.sum(all);
  }

  @Override
  public final void resetStats() {
    AllocatorCounters.resetAll(all);
  }

  @Override
  public String toString() {
    // RecyclingAllocator[allocated=.., reused=.., ..]: the stats without their own class name
    return getClass().getSimpleName() + stats().toString().substring("AllocatorStats".length());
  }
}

package dev.coframe.runtime;

/**
 * A snapshot of a {@link FrameAllocator}'s counters. Every frame an allocator hands out counts once
 * in {@link #allocated()} (made with {@code new}) or {@link #reused()} (taken from a free list); an
 * embedded frame never counts. Counted per thread without contention and summed when read, so a
 * snapshot taken while other threads allocate is approximate; {@link #peakLive()} is the sum of each
 * thread's peak, exact for one thread and an upper bound when frames move between threads.
 */
public final class AllocatorStats {
  private final long allocated;
  private final long reused;
  private final long released;
  private final long live;
  private final long peakLive;

  /**
   * A snapshot of these counts, for an allocator of one's own: {@code allocated} frames made, {@code
   * reused} handed out again, {@code released} given back, {@code live} handed out and not yet given
   * back, {@code peakLive} the most live at once.
   */
  public AllocatorStats(long allocated, long reused, long released, long live, long peakLive) {
    this.allocated = allocated;
    this.reused = reused;
    this.released = released;
    this.live = live;
    this.peakLive = peakLive;
  }

  /** Frames made with {@code new}. */
  public long allocated() {
    return allocated;
  }

  /** Frames handed out again from a free list. */
  public long reused() {
    return reused;
  }

  /** Frames given back (whether kept for reuse or dropped). */
  public long released() {
    return released;
  }

  /** Frames handed out and not given back (not reset by {@link FrameAllocator#resetStats()}). */
  public long live() {
    return live;
  }

  /** The most frames live at once since the last reset (see the class comment). */
  public long peakLive() {
    return peakLive;
  }

  /** Allocator calls: {@code allocated() + reused()}. */
  public long calls() {
    return allocated + reused;
  }

  @Override
  public String toString() {
    return "AllocatorStats[allocated=" + allocated + ", reused=" + reused + ", released=" + released + ", live="
        + live + ", peakLive=" + peakLive + "]";
  }
}

package dev.coframe.runtime.internal;

import dev.coframe.runtime.AllocatorStats;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One thread's counters of one allocator: plain fields, written only by that thread, read (racily)
 * by {@link #sum}. No contended atomic on the allocation path.
 */
public final class AllocatorCounters {
  private long allocated;
  private long reused;
  private long released;
  private long live;
  private long peak;

  public void handedOut(boolean made) {
    if (made) {
      allocated++;
    } else {
      reused++;
    }
    if (++live > peak) {
      peak = live;
    }
  }

  public void gotBack() {
    released++;
    live--;
  }

  void reset() {
    allocated = 0;
    reused = 0;
    released = 0;
    peak = Math.max(live, 0);
  }

  /** Registers new counters in {@code all} (for summing) and returns them. */
  public static AllocatorCounters register(CopyOnWriteArrayList<AllocatorCounters> all) {
    AllocatorCounters c = new AllocatorCounters();
    all.add(c);
    return c;
  }

  public static AllocatorStats sum(Iterable<AllocatorCounters> all) {
    long a = 0;
    long u = 0;
    long r = 0;
    long l = 0;
    long p = 0;
    for (AllocatorCounters c : all) {
      a += c.allocated;
      u += c.reused;
      r += c.released;
      l += c.live;
      p += c.peak;
    }
    return new AllocatorStats(a, u, r, l, p);
  }

  public static void resetAll(Iterable<AllocatorCounters> all) {
    for (AllocatorCounters c : all) {
      c.reset();
    }
  }
}

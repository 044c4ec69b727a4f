package dev.coframe.runtime;

import dev.coframe.runtime.internal.AllocatorCounters;
import dev.coframe.runtime.internal.Allocators;
import dev.coframe.runtime.internal.CountingAllocator;
import dev.coframe.runtime.internal.Frame;
import dev.coframe.runtime.internal.FrameHome;
import dev.coframe.runtime.internal.FrameKind;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The default allocator: each thread keeps free lists of frames per frame class (Capy's
 * {@code recycling_memory_resource}, hce's thread-local buckets), so a frame given back is handed
 * out again without allocating. A frame given back on another thread than the one that made it
 * returns to its maker's lists through a lock-free stack, drained by the maker when its list runs
 * dry. Lists are bounded per frame class and in total per thread; frames beyond the bounds are
 * left to the garbage collector.
 */
public final class RecyclingAllocator extends CountingAllocator {
  /** Default bound of one thread's list for one frame class. */
  public static final int DEFAULT_PER_CLASS = 256;
  /** Default bound of all of one thread's lists together. */
  public static final int DEFAULT_TOTAL = 4096;

  private final int perClass;
  private final int total;
  private final ThreadLocal<Cache> caches = ThreadLocal.withInitial(() -> new Cache(Thread.currentThread()));

  public RecyclingAllocator() {
    this(DEFAULT_PER_CLASS, DEFAULT_TOTAL);
  }

  /** An allocator keeping at most {@code perClass} free frames of one class and {@code total} in all, per thread. */
  public RecyclingAllocator(int perClass, int total) {
    if (perClass < 0 || total < 0) {
      throw new IllegalArgumentException("bounds must not be negative: " + perClass + ", " + total);
    }
    this.perClass = perClass;
    this.total = total;
  }

  @Override
  public <F extends Frame<?>> F allocate(FrameKind<F> kind) {
    return mine().allocate(kind);
  }

  /** The calling thread's cache: the default allocator's lives in the thread's entry, any other's in its own thread-local. */
  private Cache mine() {
    return this == Allocators.DEFAULT ? defaultCache(Allocators.here()) : caches.get();
  }

  /** The default allocator's {@link #allocate} on the thread whose entry is {@code here}: one lookup in all. */
  public <F extends Frame<?>> F allocate(FrameKind<F> kind, Allocators.PerThread here) {
    return defaultCache(here).allocate(kind);
  }

  /** The default allocator's cache of the thread whose entry is {@code here}, kept in that entry. */
  private Cache defaultCache(Allocators.PerThread here) {
    Cache c = here.defaultCache;
    if (c == null) {
      here.defaultCache = c = caches.get();
      c.entry = here;
    }
    return c;
  }

  /**
   * The calling thread's entry if {@code home} is its cache of the default allocator, else null:
   * a join of a root a factory just made on this thread finds the entry without a lookup.
   */
  public static Allocators.PerThread entryOf(FrameHome home) {
    return home instanceof Cache c && c.entry != null && c.owner == Thread.currentThread() ? c.entry : null;
  }

  /** One thread's free lists, indexed by {@link FrameKind#id()}, and its counters. */
  public final class Cache implements FrameHome {
    private final Thread owner;
    /** The owner's entry, for the default allocator's cache (see {@link #entryOf}); else null. */
    private Allocators.PerThread entry;
    private final AllocatorCounters counters = newCounters();
    private Frame<?>[] heads = new Frame<?>[16];
    private int[] sizes = new int[16];
    private int kept;
    /** Frames given back by other threads, linked through {@link Frame#nextFree}. */
    private final AtomicReference<Frame<?>> returned = new AtomicReference<>();

    Cache(Thread owner) {
      this.owner = owner;
    }

    @SuppressWarnings("unchecked")
    <F extends Frame<?>> F allocate(FrameKind<F> kind) {
      int id = kind.id();
      if (id >= heads.length) {
        heads = Arrays.copyOf(heads, Math.max(id + 1, heads.length * 2));
        sizes = Arrays.copyOf(sizes, heads.length);
      }
      if (heads[id] == null && returned.get() != null) {
        drainReturned();
      }
      Frame<?> f = heads[id];
      boolean made = f == null;
      if (made) {
        f = kind.make();
      } else {
        heads[id] = f.nextFree;
        sizes[id]--;
        kept--;
      }
      f.handedOut(this, id);
      counters.handedOut(made);
      return (F) f;
    }

    @Override
    public void release(Frame<?> f) {
      if (Thread.currentThread() == owner) {
        counters.gotBack();
        keep(f);
      } else {
        mine().counters.gotBack();
        Frame<?> top;
        do {
          top = returned.get();
          f.nextFree = top;
        } while (!returned.compareAndSet(top, f));
      }
    }

    @Override
    public void dropped(Frame<?> f) {
      (Thread.currentThread() == owner ? this : mine()).counters.gotBack();
    }

    private void keep(Frame<?> f) {
      int id = f.kindId();
      if (id < heads.length && sizes[id] < perClass && kept < total) {
        f.nextFree = heads[id];
        heads[id] = f;
        sizes[id]++;
        kept++;
      } else {
        f.nextFree = null; // over the bounds: left to the garbage collector
      }
    }

    private void drainReturned() {
      for (Frame<?> f = returned.getAndSet(null); f != null; ) {
        Frame<?> next = f.nextFree;
        keep(f);
        f = next;
      }
    }
  }
}

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

  /**
   * The default allocator's cache of the thread whose entry is {@code here}, kept in that entry: a
   * strand running there allocates from it directly ({@link Cache#allocate}), with no lookup per frame.
   */
  public Cache defaultCache(Allocators.PerThread here) {
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
    /** The free lists' heads by kind; each free frame knows its list's length from it down ({@link Frame#freeDepth()}). */
    private Frame<?>[] heads = new Frame<?>[16];
    private int kept;
    private final int perClassBound = perClass;
    private final int totalBound = total;
    /** Frames given back by other threads, linked through {@link Frame#nextFree}. */
    private final AtomicReference<Frame<?>> returned = new AtomicReference<>();

    Cache(Thread owner) {
      this.owner = owner;
    }

    /** A frame of {@code kind} from this thread's lists, or new: called on the owner thread only. */
    @SuppressWarnings("unchecked")
    public <F extends Frame<?>> F allocate(FrameKind<F> kind) {
      int id = kind.id();
      Frame<?>[] hs = heads;
      Frame<?> f;
      if (id < hs.length && (f = hs[id]) != null) { // the fast path: a few plain loads and stores
        hs[id] = f.nextFree;
        kept--;
        f.reusedFrom(this);
        counters.handedOut(false);
        return (F) f;
      }
      return slowAllocate(kind, id);
    }

    /** No free frame of the kind here: the frames other threads gave back are taken in first, else one is made. */
    @SuppressWarnings("unchecked")
    private <F extends Frame<?>> F slowAllocate(FrameKind<F> kind, int id) {
      if (id >= heads.length) {
        heads = Arrays.copyOf(heads, Math.max(id + 1, heads.length * 2));
      }
      if (returned.get() != null) {
        drainReturned();
        if (heads[id] != null) {
          return allocate(kind);
        }
      }
      F f = kind.make();
      f.handedOut(this, id);
      counters.handedOut(true);
      return f;
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
      Frame<?>[] hs = heads;
      if (id < hs.length && kept < totalBound) {
        Frame<?> h = hs[id];
        int depth = h == null ? 1 : h.freeDepth() + 1;
        if (depth <= perClassBound) {
          f.nextFree = h;
          f.freeDepth(depth);
          hs[id] = f;
          kept++;
          return;
        }
      }
      f.nextFree = null; // over the bounds: left to the garbage collector
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

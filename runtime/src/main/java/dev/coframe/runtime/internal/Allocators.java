package dev.coframe.runtime.internal;

import dev.coframe.runtime.FrameAllocator;
import dev.coframe.runtime.RecyclingAllocator;

/**
 * The default allocator, and what a thread keeps for Coframe in one thread-local entry (one
 * lookup per join, not one per concern): its current allocator (see {@link
 * FrameAllocator#current()}) and its idle {@link JoinLoop}.
 */
public final class Allocators {
  public static final RecyclingAllocator DEFAULT = new RecyclingAllocator();
  private static final ThreadLocal<PerThread> STATE = ThreadLocal.withInitial(PerThread::new);

  private Allocators() {}

  /** A thread's entry: read and written by that thread only. */
  public static final class PerThread {
    /** The allocator in effect, or null for {@link #DEFAULT}. */
    public FrameAllocator current;
    /** The join loop (with its strand) the thread keeps between joins; null while a join runs. */
    JoinLoop idle;
    /** Runs nested in place on this thread: a group's last member, a group resumed by its last member. */
    int inPlace;
    /** Member strands idle on this thread, linked, and how many. */
    Strand idleStrand;
    int idleStrands;
    /** The thread's cache of {@link #DEFAULT}, once it has one. */
    public RecyclingAllocator.Cache defaultCache;

    public FrameAllocator currentOrDefault() {
      FrameAllocator a = current;
      return a != null ? a : DEFAULT;
    }
  }

  /** The calling thread's entry: a runtime thread's field ({@link Carrier}), else a thread-local. */
  public static PerThread here() {
    Thread t = Thread.currentThread();
    return t instanceof Carrier ? ((Carrier) t).coframeEntry() : STATE.get();
  }

  /** A frame of {@code kind} from the calling thread's current allocator: a factory's root frame. */
  public static <F extends Frame<?>> F allocate(FrameKind<F> kind) {
    PerThread t = here();
    FrameAllocator a = t.current;
    return a == null || a == DEFAULT ? DEFAULT.allocate(kind, t) : a.allocate(kind);
  }

  /** Makes {@code a} current on this thread; answers the one it replaces, to restore. */
  public static FrameAllocator enter(FrameAllocator a) {
    return enter(here(), a);
  }

  public static FrameAllocator enter(PerThread t, FrameAllocator a) {
    FrameAllocator previous = t.current;
    t.current = a;
    return previous;
  }

  /** Restores {@code previous}. */
  public static void leave(FrameAllocator previous) {
    here().current = previous;
  }
}

package dev.coframe.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * One {@link WorkStealingPool} worker's run queue: a fixed ring of {@value #CAPACITY} runnables in
 * the shape of Chase and Lev's deque. The owner pushes and pops at the bottom (its LIFO end) with
 * plain array writes published by a volatile {@code bottom}; thieves take from the top (the FIFO
 * end) by compare-and-set on {@code top}. The owner may also push at the top ({@link #pushFront}),
 * which is why {@code top} carries a stamp: its index can move back, and a thief that read an index
 * before a steal and a front push restored it must not take the slot again (ABA).
 *
 * <p>Only the owner thread calls {@link #push}, {@link #pushFront}, {@link #pop} and {@link
 * #clearIfEmpty}; any thread calls {@link #steal} and {@link #isEmpty}. Nothing here blocks or
 * allocates; a full ring refuses the push and the caller overflows elsewhere.
 */
final class WorkDeque {
  static final int CAPACITY = 256;
  private static final int MASK = CAPACITY - 1;
  private static final long STAMP_UNIT = 1L << 32;
  private static final long INDEX_MASK = 0xFFFF_FFFFL;
  private static final VarHandle TOP;

  static {
    try {
      TOP = MethodHandles.lookup().findVarHandle(WorkDeque.class, "top", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Runnable[] items = new Runnable[CAPACITY];
  /** Index of the next push at the owner's end; written only by the owner. Indices wrap as ints. */
  private volatile int bottom;
  /** Stamp (high 32 bits) and index (low 32 bits) of the next steal; every change bumps the stamp. */
  private volatile long top;

  /** {@code t} with its index moved by {@code delta} and its stamp bumped. */
  static long moved(long t, int delta) {
    return ((t & ~INDEX_MASK) + STAMP_UNIT) | (((int) t + delta) & INDEX_MASK);
  }

  /** Adds {@code r} at the owner's end; false (nothing changed) when the ring is full. */
  boolean push(Runnable r) {
    int b = bottom;
    if (b - (int) top >= CAPACITY) {
      return false;
    }
    items[b & MASK] = r;
    bottom = b + 1; // volatile: publishes the slot to thieves that read bottom after it
    return true;
  }

  /**
   * Adds {@code r} at the thieves' end, behind everything queued: the owner pops it last and a thief
   * takes it first. False (nothing changed) when the ring is full.
   */
  boolean pushFront(Runnable r) {
    for (;;) {
      long t = top;
      int index = (int) t - 1;
      if (bottom - index > CAPACITY) {
        return false;
      }
      // The slot is outside the live range [top, bottom), so no thief takes what it holds: one that
      // reads it holds a stale top and its compare-and-set fails on the stamp.
      items[index & MASK] = r;
      if (TOP.compareAndSet(this, t, moved(t, -1))) {
        return true;
      }
    }
  }

  /** Takes the runnable pushed last at the owner's end, or null if there is none. */
  Runnable pop() {
    int b = bottom - 1;
    if (b - (int) top < 0) {
      return null; // empty: only the owner adds, so it stays so; skip the fence below
    }
    bottom = b; // volatile write then volatile read of top: thieves now see index b as taken
    long t = top;
    int left = b - (int) t;
    if (left < 0) {
      bottom = b + 1; // thieves emptied it meanwhile
      return null;
    }
    int slot = b & MASK;
    Runnable r = items[slot];
    if (left > 0) {
      items[slot] = null; // no thief can reach index b any more
      return r;
    }
    // the last one: a thief may be taking it too; whoever moves top has it
    boolean won = TOP.compareAndSet(this, t, moved(t, 1));
    bottom = b + 1;
    if (!won) {
      return null;
    }
    items[slot] = null;
    return r;
  }

  /** Takes the runnable at the thieves' end, or null if the ring is empty. Lock-free, any thread. */
  Runnable steal() {
    for (;;) {
      long t = top; // top before bottom: a later bottom only makes the range look larger
      int b = bottom;
      if (b - (int) t <= 0) {
        return null;
      }
      Runnable r = items[(int) t & MASK];
      // null: the owner cleared the slot, so t is stale and the compare-and-set would fail anyway
      if (r != null && TOP.compareAndSet(this, t, moved(t, 1))) {
        return r;
      }
    }
  }

  /** Whether the ring holds nothing at this moment (any thread; a snapshot). */
  boolean isEmpty() {
    long t = top;
    return bottom - (int) t <= 0;
  }

  /**
   * Drops the references a steal leaves in its slot (thieves never write the array: one that cleared
   * a slot could erase the owner's next push of the same runnable there). Owner only, when empty;
   * a thief that reads a cleared slot holds a stale top and retries.
   */
  void clearIfEmpty() {
    if (isEmpty()) {
      Arrays.fill(items, null);
    }
  }
}

package dev.coframe.runtime;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * A bounded private pool of frames (DESIGN §5.6; hce's {@code pool_allocator}, P2477's embedded
 * use): at most {@code capacity} frames of its tasks are live at once. A frame asked for beyond that
 * is refused with an {@link IllegalStateException} naming the pool, its capacity and the coroutine
 * that asked, which fails that call and nothing else (the pool stays as it was). Every frame it gave
 * returns its slot when its run is over — a launched root's too, though a root is never handed out
 * again (its handle may still be read) — and frames given back are handed out again for their
 * class. Thread-safe (frames come back on whatever thread their task completed); one lock, held
 * for a few field writes.
 */
public final class PoolAllocator extends AbstractFrameAllocator {
  private final int capacity;
  private int live;
  private final Map<Class<?>, ArrayDeque<Object>> free = new HashMap<>();

  /**
   * @throws IllegalArgumentException if {@code capacity} is not positive
   */
  public PoolAllocator(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("a PoolAllocator needs a positive capacity, not " + capacity);
    }
    this.capacity = capacity;
  }

  /** How many frames may be live at once. */
  public int capacity() {
    return capacity;
  }

  @Override
  protected synchronized void admit(String coroutine) {
    if (live == capacity) {
      throw new IllegalStateException("PoolAllocator(capacity " + capacity + ") is exhausted: " + coroutine
          + " asked for a frame while all " + capacity + " are live; give the pool a larger capacity, or"
          + " await tasks before making more");
    }
    live++;
  }

  @Override
  protected synchronized Object reuse(Class<?> frameClass) {
    ArrayDeque<Object> kept = free.get(frameClass);
    return kept == null ? null : kept.poll();
  }

  @Override
  protected synchronized void giveBack(Object frame) {
    live--;
    free.computeIfAbsent(frame.getClass(), c -> new ArrayDeque<>()).push(frame);
  }

  @Override
  protected synchronized void dropped(Object frame) {
    live--;
  }

  @Override
  public String toString() {
    return "PoolAllocator(capacity " + capacity + ")" + super.toString().substring("PoolAllocator".length());
  }
}

package dev.coframe.runtime;

import dev.coframe.runtime.internal.Frame;
import java.util.ArrayList;
import java.util.List;

/**
 * A monotonic allocator (DESIGN §5.6): every frame it hands out is new, kept in its batches and
 * never handed out again, and {@link #close()} releases them all at once. After {@code close()} a
 * launch with it throws {@link IllegalStateException} (its root's frame is refused), and a task whose
 * frame came from it and resumes after {@code close()} fails with {@link IllegalStateException}
 * (where the resumption comes through its executor: that frame's run is failed instead of
 * resumed). Frames are counted from it like any allocator's ({@link #stats()}). Thread-safe; meant
 * for a bounded phase of work (a request) whose tasks are all done, or abandoned, when it closes.
 */
public final class ArenaAllocator extends AbstractFrameAllocator implements AutoCloseable {
  /** Frames per batch. */
  private static final int BATCH = 256;

  private final List<Object[]> batches = new ArrayList<>();
  private int used = BATCH;
  private boolean closed;

  @Override
  protected synchronized void admit(String coroutine) {
    if (closed) {
      throw new IllegalStateException("this ArenaAllocator was closed: " + coroutine
          + " cannot have a frame from it (launch with an allocator that is open)");
    }
  }

  @Override
  protected Object reuse(Class<?> frameClass) {
    return null; // monotonic: every frame is new
  }

  /** Keeps every frame handed out in the arena's batches, until {@link #close()}. */
  @Override
  protected synchronized void handedOut(Object frame) {
    if (used == BATCH) {
      batches.add(new Object[BATCH]);
      used = 0;
    }
    batches.get(batches.size() - 1)[used++] = frame;
  }

  @Override
  protected void giveBack(Object frame) {} // released all at once, by close()

  /**
   * Releases every frame the arena handed out: a task whose frame came from it and resumes later
   * fails with {@link IllegalStateException}; launches with it throw from now on. Idempotent.
   */
  @Override
  public void close() {
    List<Object[]> all;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      all = new ArrayList<>(batches);
      batches.clear();
    }
    for (Object[] batch : all) {
      for (Object f : batch) {
        if (f != null) {
          ((Frame<?>) f).revoke("its frame came from an ArenaAllocator that was closed");
        }
      }
    }
  }

  /** Whether {@link #close()} was called. */
  public synchronized boolean isClosed() {
    return closed;
  }
}

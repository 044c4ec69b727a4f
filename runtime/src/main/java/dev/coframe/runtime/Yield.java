package dev.coframe.runtime;

import dev.coframe.runtime.internal.Sneaky;
import java.util.Iterator;

/**
 * The sink of a generator coroutine: a {@code @Coroutine} method with a {@code Yield<T>} parameter
 * suspends at each {@code out.yield(v)}, and its generated factory returns a {@link Generator}.
 * In direct mode the caller passes a sink ({@code Numbers.naturals(3, v -> ...)}).
 *
 * @param <T> the element type
 */
@FunctionalInterface
public interface Yield<T> {
  /** Produces one element. */
  void yield(T value);

  /**
   * Produces every element of {@code values}, in order. Left before its end — the generator is
   * closed (in direct mode, the sink throws), or fails — it closes the iterator it took if that is
   * {@link AutoCloseable} (a delegate {@link Generator} runs its pending {@code finally} blocks), as
   * JavaScript's {@code yield*} and Python's {@code yield from} close their delegate; an exception
   * from that close replaces the one unwinding, as one thrown by a {@code finally} block does.
   */
  default void yieldAll(Iterable<? extends T> values) {
    Iterator<? extends T> it = values.iterator();
    try {
      while (it.hasNext()) {
        this.yield(it.next());
      }
    } catch (Throwable t) {
      if (it instanceof AutoCloseable) {
        try {
          ((AutoCloseable) it).close();
        } catch (Exception e) {
          throw Sneaky.rethrow(e);
        }
      }
      throw t;
    }
  }
}

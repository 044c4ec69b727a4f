package dev.coframe.runtime;

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

  /** Produces every element of {@code values}, in order. */
  default void yieldAll(Iterable<? extends T> values) {
    for (T v : values) {
      this.yield(v);
    }
  }
}

package dev.coframe.runtime;

/**
 * The sink of a generator coroutine of {@code int} elements, which never boxes: a
 * {@code @Coroutine} method with an {@code IntYield} parameter suspends at each {@code out.yield(v)},
 * and its generated factory returns an {@link IntGenerator}. In direct mode the caller passes a
 * sink ({@code Numbers.squares(3, v -> ...)}).
 */
@FunctionalInterface
public interface IntYield {
  /** Produces one element. */
  void yield(int value);
}

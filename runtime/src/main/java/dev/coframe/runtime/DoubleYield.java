package dev.coframe.runtime;

/**
 * The sink of a generator coroutine of {@code double} elements, which never boxes: a
 * {@code @Coroutine} method with an {@code DoubleYield} parameter suspends at each {@code out.yield(v)},
 * and its generated factory returns an {@link DoubleGenerator}. In direct mode the caller passes a
 * sink ({@code Numbers.squares(3, v -> ...)}).
 */
@FunctionalInterface
public interface DoubleYield {
  /** Produces one element. */
  void yield(double value);
}

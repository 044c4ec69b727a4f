package dev.coframe.runtime;

/**
 * The sink of a generator coroutine of {@code long} elements, which never boxes: a
 * {@code @Coroutine} method with an {@code LongYield} parameter suspends at each {@code out.yield(v)},
 * and its generated factory returns an {@link LongGenerator}. In direct mode the caller passes a
 * sink ({@code Numbers.squares(3, v -> ...)}).
 */
@FunctionalInterface
public interface LongYield {
  /** Produces one element. */
  void yield(long value);
}

package dev.coframe.runtime;

import java.util.PrimitiveIterator;

/**
 * The sequence of a generator coroutine with an {@link LongYield} parameter: its elements stay
 * unboxed ({@link #nextLong()}); also the base class of the generated frames of such generators.
 * Single use, like {@link Generator}; see {@link AbstractGenerator}.
 */
public abstract class LongGenerator extends AbstractGenerator implements PrimitiveIterator.OfLong, Iterable<Long> {
  private long current;

  protected LongGenerator() {}

  /** Called by the generated body at a {@code yield}, before it suspends. */
  protected final void yielded(long value) {
    produced();
    current = value;
  }

  @Override
  public final long nextLong() {
    take();
    return current;
  }

  /** Returns this generator, once: a generator is a single-use sequence. */
  @Override
  public final PrimitiveIterator.OfLong iterator() {
    iterateOnce();
    return this;
  }
}

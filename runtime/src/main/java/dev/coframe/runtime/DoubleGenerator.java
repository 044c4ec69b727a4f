package dev.coframe.runtime;

import java.util.PrimitiveIterator;

/**
 * The sequence of a generator coroutine with an {@link DoubleYield} parameter: its elements stay
 * unboxed ({@link #nextDouble()}); also the base class of the generated frames of such generators.
 * Single use, like {@link Generator}; see {@link AbstractGenerator}.
 */
public abstract class DoubleGenerator extends AbstractGenerator implements PrimitiveIterator.OfDouble, Iterable<Double> {
  private double current;

  protected DoubleGenerator() {}

  /** Called by the generated body at a {@code yield}, before it suspends. */
  protected final void yielded(double value) {
    produced();
    current = value;
  }

  @Override
  public final double nextDouble() {
    take();
    return current;
  }

  /** Returns this generator, once: a generator is a single-use sequence. */
  @Override
  public final PrimitiveIterator.OfDouble iterator() {
    iterateOnce();
    return this;
  }
}

package dev.coframe.runtime.internal;

import dev.coframe.runtime.DoubleGenerator;
import java.util.PrimitiveIterator;

/**
 * The base of the generated frames of generator coroutines with an {@link dev.coframe.runtime.DoubleYield} sink:
 * their {@link dev.coframe.runtime.DoubleGenerator}, elements unboxed. See {@link AbstractGenerator}.
 */
public abstract class DoubleGeneratorFrame extends AbstractGenerator implements DoubleGenerator {
  private double current;

  protected DoubleGeneratorFrame() {}

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

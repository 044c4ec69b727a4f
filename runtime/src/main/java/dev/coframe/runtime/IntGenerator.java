package dev.coframe.runtime;

import java.util.PrimitiveIterator;

/**
 * The sequence of a generator coroutine with an {@link IntYield} parameter: its elements stay
 * unboxed ({@link #nextInt()}); also the base class of the generated frames of such generators.
 * Single use, like {@link Generator}; see {@link AbstractGenerator}.
 */
public abstract class IntGenerator extends AbstractGenerator implements PrimitiveIterator.OfInt, Iterable<Integer> {
  private int current;

  protected IntGenerator() {}

  /** Called by the generated body at a {@code yield}, before it suspends. */
  protected final void yielded(int value) {
    produced();
    current = value;
  }

  @Override
  public final int nextInt() {
    take();
    return current;
  }

  /** Returns this generator, once: a generator is a single-use sequence. */
  @Override
  public final PrimitiveIterator.OfInt iterator() {
    iterateOnce();
    return this;
  }
}

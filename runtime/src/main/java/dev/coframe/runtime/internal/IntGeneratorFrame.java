package dev.coframe.runtime.internal;

import dev.coframe.runtime.IntGenerator;
import java.util.PrimitiveIterator;

/**
 * The base of the generated frames of generator coroutines with an {@link dev.coframe.runtime.IntYield} sink:
 * their {@link dev.coframe.runtime.IntGenerator}, elements unboxed. See {@link AbstractGenerator}.
 */
public abstract class IntGeneratorFrame extends AbstractGenerator implements IntGenerator {
  private int current;

  protected IntGeneratorFrame() {}

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

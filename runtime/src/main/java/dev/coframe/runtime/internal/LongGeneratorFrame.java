package dev.coframe.runtime.internal;

import dev.coframe.runtime.LongGenerator;
import java.util.PrimitiveIterator;

/**
 * The base of the generated frames of generator coroutines with an {@link dev.coframe.runtime.LongYield} sink:
 * their {@link dev.coframe.runtime.LongGenerator}, elements unboxed. See {@link AbstractGenerator}.
 */
public abstract class LongGeneratorFrame extends AbstractGenerator implements LongGenerator {
  private long current;

  protected LongGeneratorFrame() {}

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

package dev.coframe.runtime.internal;

import dev.coframe.runtime.Generator;
import java.util.Iterator;

/**
 * A lazy, synchronous sequence produced by a generator coroutine ({@code Yield<T>}); also the
 * base class of the generated generator frames, whose body ({@code run$}) yields with
 * {@link #yielded} and returns at each suspension. Single use: {@link #iterator()} returns the
 * generator itself, once. See {@link AbstractGenerator}.
 *
 * @param <T> the element type
 */
public abstract class GeneratorFrame<T> extends AbstractGenerator implements Generator<T> {
  private T current;

  protected GeneratorFrame() {}

  /** Called by the generated body at a {@code yield}, before it suspends. */
  protected final void yielded(T value) {
    produced();
    current = value;
  }

  @Override
  public final T next() {
    take();
    T v = current;
    current = null;
    return v;
  }

  /** Returns this generator, once: a generator is a single-use sequence. */
  @Override
  public final Iterator<T> iterator() {
    iterateOnce();
    return this;
  }
}

package dev.coframe.runtime;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A lazy, synchronous sequence produced by a generator coroutine; also the base class of the
 * generated generator frames, whose body ({@code run$}) yields with {@link #yielded} and returns at
 * each suspension. Single use: {@link #iterator()} returns the generator itself, once.
 * The body runs on the consumer's thread, from one {@code yield} to the next, as
 * {@link #hasNext()} asks for elements; a failure of the body is rethrown there as the original
 * exception.
 *
 * @param <T> the element type
 */
public abstract class Generator<T> extends StateMachine implements Iterable<T>, Iterator<T>, AutoCloseable {
  private T current;
  private boolean hasCurrent;
  private boolean done;
  private boolean iterated;
  private Throwable failure;

  protected Generator() {}

  /** Called by the generated body at a {@code yield}, before it suspends. */
  protected final void yielded(T value) {
    current = value;
    hasCurrent = true;
  }

  /** The body threw. */
  @Override
  final void fail(Throwable t) {
    failure = t;
    done = true;
  }

  @Override
  public final boolean hasNext() {
    if (hasCurrent) {
      return true;
    }
    if (!done) {
      resume();
      if (!hasCurrent) {
        done = true; // the body returned without yielding: it ended
      }
    }
    if (failure != null) {
      Throwable t = failure;
      failure = null;
      throw Sneaky.rethrow(t);
    }
    return hasCurrent;
  }

  @Override
  public final T next() {
    if (!hasNext()) {
      throw new NoSuchElementException(coroutineName() + " has no more elements");
    }
    T v = current;
    current = null;
    hasCurrent = false;
    return v;
  }

  /** Returns this generator, once: a generator is a single-use sequence. */
  @Override
  public final Iterator<T> iterator() {
    if (iterated) {
      throw new IllegalStateException(coroutineName() + " is single-use and was already iterated");
    }
    iterated = true;
    return this;
  }

  /** Abandons the sequence: no more elements are produced. */
  @Override
  public void close() {
    done = true;
    hasCurrent = false;
    current = null;
  }

  @Override
  public String toString() {
    return coroutineName() + (done ? " [done]" : " [state " + state + "]");
  }
}

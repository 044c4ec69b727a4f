package dev.coframe.runtime;

import java.util.PrimitiveIterator;

/**
 * The sequence of {@code int} elements a generator coroutine with an {@link IntYield} sink
 * produces, never boxed: what its generated factory returns.
 *
 * <p>Lazy, synchronous and single-use: the body runs on the consumer's thread from one {@code yield}
 * to the next, as {@code hasNext()} asks for elements; {@link #iterator()} returns the generator
 * itself, once. A failure of the body is rethrown by the {@code hasNext()} or {@code next()} that ran
 * into it, as the original exception, once; after that every {@code hasNext()} and {@code next()}
 * throws {@link IllegalStateException} with that failure as its cause. A generator's body asking for
 * its own next element, or two threads iterating it at once, is an {@link IllegalStateException}.
 */
public interface IntGenerator extends PrimitiveIterator.OfInt, Iterable<Integer>, AutoCloseable {
  /**
   * This generator, once: a generator is a single-use sequence.
   *
   * @throws IllegalStateException if it was already iterated
   */
  @Override
  PrimitiveIterator.OfInt iterator();

  /**
   * Abandons the sequence: no more elements are produced. If the body is suspended at a
   * {@code yield} inside {@code try} blocks, their {@code finally} blocks and resource closes run
   * now, innermost first (a delegate of {@code yieldAll} is closed first); an exception from them
   * is thrown here. Closing a generator that ended, failed or was closed does nothing.
   */
  @Override
  void close();
}

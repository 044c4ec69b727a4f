package dev.coframe.runtime.internal;

/**
 * What every generator shares, whatever its element type: a lazy, synchronous, single-use
 * sequence whose body runs on the consumer's thread from one {@code yield} to the next, as
 * {@code hasNext()} asks for elements. A failure of the body is rethrown there as the original
 * exception, once; a generator used after it failed throws {@link IllegalStateException} (with that
 * failure as the cause) at every {@code hasNext()} and {@code next()}. {@link #close()} on a
 * generator suspended at a {@code yield} runs the body's pending {@code finally} blocks and resource
 * closes, innermost first (the body's destroy path); a {@code yield} while closing is an error, as is
 * re-entering a generator while its body runs.
 */
public abstract class AbstractGenerator extends StateMachine implements AutoCloseable {
  private boolean hasCurrent;
  private boolean done;
  private boolean iterated;
  private boolean running;
  private boolean closing;
  /** The body's failure, until {@link #hasNext()} rethrew it. */
  private Throwable failure;
  /** The failure already rethrown: every later {@code hasNext()} or {@code next()} says the generator failed. */
  private Throwable failed;

  protected AbstractGenerator() {}

  /** Marks an element produced: called by the typed {@code yielded} of each generator kind. */
  final void produced() {
    if (closing) {
      throw new IllegalStateException(coroutineName() + " yielded while being closed: a finally block of a"
          + " generator must not yield");
    }
    hasCurrent = true;
  }

  /**
   * For generated code: the iterator of a {@code yieldAll} the body is leaving before its end (the
   * generator is being closed, or failed), closed if it is {@link AutoCloseable} — a delegate
   * generator runs its pending {@code finally} blocks now, before the body's own; null (the delegate
   * ran to its end) is nothing to close.
   */
  protected static void closeDelegate(java.util.Iterator<?> it) throws Exception {
    if (it instanceof AutoCloseable) {
      ((AutoCloseable) it).close();
    }
  }

  /** Whether the body is being run by {@link #close()}: it must not yield, only run its finally blocks. */
  protected final boolean closing() {
    return closing;
  }

  @Override
  final void fail(Throwable t) {
    failure = t;
    done = true;
  }

  /**
   * Whether another element is there: runs the body to its next {@code yield} if needed. The body's
   * failure is rethrown here as the original exception, once; after that, this and {@code next()}
   * throw {@link IllegalStateException} with that failure as its cause (a failed sequence has no
   * end to report, so it is never truncated silently).
   */
  public final boolean hasNext() {
    if (failed != null) {
      throw new IllegalStateException(coroutineName() + " failed with " + failed
          + " (thrown by an earlier hasNext() or next()): a failed generator produces nothing more", failed);
    }
    if (hasCurrent) {
      return true;
    }
    if (!done) {
      step();
      if (!hasCurrent) {
        done = true; // the body returned without yielding: it ended
      }
    }
    Throwable t = takeFailure();
    if (t != null) {
      failed = t;
      throw Sneaky.rethrow(t);
    }
    return hasCurrent;
  }

  /** Takes the element {@link #hasNext()} found (the typed {@code next} reads it first). */
  final void take() {
    if (!hasNext()) {
      throw new java.util.NoSuchElementException(coroutineName() + " has no more elements");
    }
    hasCurrent = false;
  }

  private void step() {
    if (running) {
      throw new IllegalStateException(coroutineName() + " is already running: a generator's body cannot ask"
          + " for its own next element, nor two threads iterate it at once");
    }
    running = true;
    try {
      resume();
    } finally {
      running = false;
    }
  }

  private Throwable takeFailure() {
    Throwable t = failure;
    failure = null;
    return t;
  }

  /** Claims the single iteration of this sequence. */
  final void iterateOnce() {
    if (iterated) {
      throw new IllegalStateException(coroutineName() + " is single-use and was already iterated");
    }
    iterated = true;
  }

  /**
   * Abandons the sequence: no more elements are produced. If the body is suspended at a
   * {@code yield} inside {@code try} blocks, their {@code finally} blocks and resource closes run
   * now, innermost first; an exception from them is thrown here.
   */
  @Override
  public void close() {
    if (done || running) {
      done = true;
      return;
    }
    done = true;
    hasCurrent = false;
    if (state > 0) {
      closing = true;
      state = -state; // the body's destroy entry for the yield it is suspended at
      step();
      Throwable t = takeFailure();
      if (t != null) {
        throw Sneaky.rethrow(t); // close() says it; the closed generator then simply has no more elements
      }
    }
  }

  @Override
  public String toString() {
    return coroutineName() + (done ? " [done]" : " [state " + state + "]" + heldValues());
  }
}

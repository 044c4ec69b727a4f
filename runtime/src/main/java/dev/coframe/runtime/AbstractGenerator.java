package dev.coframe.runtime;

/**
 * What every generator shares, whatever its element type: a lazy, synchronous, single-use
 * sequence whose body runs on the consumer's thread from one {@code yield} to the next, as
 * {@code hasNext()} asks for elements. A failure of the body is rethrown there as the original
 * exception. {@link #close()} on a generator suspended at a {@code yield} runs the body's pending
 * {@code finally} blocks and resource closes, innermost first (the body's destroy path); a
 * {@code yield} while closing is an error, as is re-entering a generator while its body runs.
 */
public abstract class AbstractGenerator extends StateMachine implements AutoCloseable {
  private boolean hasCurrent;
  private boolean done;
  private boolean iterated;
  private boolean running;
  private boolean closing;
  private Throwable failure;

  protected AbstractGenerator() {}

  /** Marks an element produced: called by the typed {@code yielded} of each generator kind. */
  final void produced() {
    if (closing) {
      throw new IllegalStateException(coroutineName() + " yielded while being closed: a finally block of a"
          + " generator must not yield");
    }
    hasCurrent = true;
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

  /** Whether another element is there: runs the body to its next {@code yield} if needed. */
  public final boolean hasNext() {
    if (hasCurrent) {
      return true;
    }
    if (!done) {
      step();
      if (!hasCurrent) {
        done = true; // the body returned without yielding: it ended
      }
    }
    rethrowFailure();
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

  private void rethrowFailure() {
    if (failure != null) {
      Throwable t = failure;
      failure = null;
      throw Sneaky.rethrow(t);
    }
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
      rethrowFailure();
    }
  }

  @Override
  public String toString() {
    return coroutineName() + (done ? " [done]" : " [state " + state + "]" + heldValues());
  }
}

package dev.coframe.runtime;

/**
 * What every generated state machine — a task's {@link Frame} or a {@link Generator} — shares with
 * its generated subclass: the resume index, the body, its name for messages, and the small helpers
 * lowered code calls. Generated code calls these unqualified (they are inherited), so no user
 * variable can obscure them.
 */
public abstract class StateMachine {
  /** The resume index: where {@link #resume()} continues. Owned by generated code. */
  protected int state;

  protected StateMachine() {}

  /** Runs the body from {@link #state} until it completes or suspends. Never throws. */
  protected abstract void resume();

  /** The coroutine's name and erased signature, for messages: {@code Shop.total(List)}. */
  protected abstract String coroutineName();

  /** For a {@code default} branch of a generated switch: a state that cannot be reached. */
  protected final IllegalStateException badState() {
    return new IllegalStateException(coroutineName() + ": no resume point " + state);
  }

  /**
   * Always true: lowered code writes {@code o instanceof P(int x$match) && bound(x = x$match)} to
   * keep a pattern variable whose scope spans several states in a local of {@code resume()}.
   */
  protected static boolean bound(Object value) {
    return true;
  }

  /** See {@link #bound(Object)}. */
  protected static boolean bound(int value) {
    return true;
  }

  /** See {@link #bound(Object)}. */
  protected static boolean bound(long value) {
    return true;
  }

  /** See {@link #bound(Object)}. */
  protected static boolean bound(float value) {
    return true;
  }

  /** See {@link #bound(Object)}. */
  protected static boolean bound(double value) {
    return true;
  }

  /** See {@link #bound(Object)}. */
  protected static boolean bound(boolean value) {
    return true;
  }
}

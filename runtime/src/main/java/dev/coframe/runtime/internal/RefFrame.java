package dev.coframe.runtime.internal;

/**
 * Base of the generated frames of coroutines that return a reference.
 *
 * @param <T> the result type
 */
public abstract class RefFrame<T> extends Frame<T> {
  private T result;

  protected RefFrame() {}

  /** Ends a run of the body that returned {@code r}, unless the body suspended. */
  protected final void done(T r) {
    if (!bodySuspended()) {
      result = r;
      complete();
    }
  }

  @Override
  final void clearResult() {
    result = null;
  }

  @Override
  protected final T boxedResult() {
    return result;
  }
}

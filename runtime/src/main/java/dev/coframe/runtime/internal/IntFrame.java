package dev.coframe.runtime.internal;

/**
 * Base of the generated frames of coroutines that return {@code int}: the result stays
 * unboxed.
 */
public abstract class IntFrame extends Frame<Integer> {
  private int result;

  protected IntFrame() {}

  /** Ends a run of the body that returned {@code r}, unless the body suspended. */
  protected final void done(int r) {
    if (!bodySuspended()) {
      result = r;
      complete();
    }
  }

  @Override
  protected final Integer boxedResult() {
    return result;
  }

  @Override
  final int intResult() {
    return result;
  }

  @Override
  final void resultInto(Object[] refs, long[] bits, int i) {
    bits[i] = result;
    refs[i] = Unboxed.INT;
  }
}

package dev.coframe.runtime.internal;

/**
 * Base of the generated frames of coroutines that return {@code boolean}: the result stays
 * unboxed.
 */
public abstract class BooleanFrame extends Frame<Boolean> {
  private boolean result;

  protected BooleanFrame() {}

  /** Ends a run of the body that returned {@code r}, unless the body suspended. */
  protected final void done(boolean r) {
    if (!bodySuspended()) {
      result = r;
      complete();
    }
  }

  @Override
  protected final Boolean boxedResult() {
    return result;
  }

  @Override
  final boolean booleanResult() {
    return result;
  }

  @Override
  final void resultInto(Object[] refs, long[] bits, int i) {
    bits[i] = result ? 1 : 0;
    refs[i] = Unboxed.BOOLEAN;
  }
}

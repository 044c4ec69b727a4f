package dev.coframe.runtime.internal;

/**
 * Base of the generated frames of coroutines that return {@code long}: the result stays
 * unboxed.
 */
public abstract class LongFrame extends Frame<Long> {
  private long result;

  protected LongFrame() {}

  /** Ends a run of the body that returned {@code r}, unless the body suspended. */
  protected final void done(long r) {
    if (!bodySuspended()) {
      result = r;
      complete();
    }
  }

  @Override
  protected final Long boxedResult() {
    return result;
  }

  @Override
  final long longResult() {
    return result;
  }

  @Override
  final void resultInto(Object[] refs, long[] bits, int i) {
    bits[i] = result;
    refs[i] = Unboxed.LONG;
  }
}

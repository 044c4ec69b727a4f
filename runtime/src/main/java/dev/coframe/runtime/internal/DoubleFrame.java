package dev.coframe.runtime.internal;

/**
 * Base of the generated frames of coroutines that return {@code double}: the result stays
 * unboxed.
 */
public abstract class DoubleFrame extends Frame<Double> {
  private double result;

  protected DoubleFrame() {}

  /** Ends a run of the body that returned {@code r}, unless the body suspended. */
  protected final void done(double r) {
    if (!bodySuspended()) {
      result = r;
      complete();
    }
  }

  @Override
  protected final Double boxedResult() {
    return result;
  }

  @Override
  final double doubleResult() {
    return result;
  }

  @Override
  final void resultInto(Object[] refs, long[] bits, int i) {
    bits[i] = Double.doubleToRawLongBits(result);
    refs[i] = Unboxed.DOUBLE;
  }
}

package dev.coframe.runtime.internal;

/**
 * Base of the generated frames of coroutines that return {@code float}: the result stays
 * unboxed. It travels to an awaiting coroutine as {@code double} ({@code takeDouble()}), exactly.
 */
public abstract class FloatFrame extends Frame<Float> {
  private float result;

  protected FloatFrame() {}

  /** Ends a run of the body that returned {@code r}, unless the body suspended. */
  protected final void done(float r) {
    if (!bodySuspended()) {
      result = r;
      complete();
    }
  }

  @Override
  protected final Float boxedResult() {
    return result;
  }

  @Override
  final double doubleResult() {
    return result;
  }

  @Override
  final void resultInto(Object[] refs, long[] bits, int i) {
    bits[i] = Float.floatToRawIntBits(result);
    refs[i] = Unboxed.FLOAT;
  }
}

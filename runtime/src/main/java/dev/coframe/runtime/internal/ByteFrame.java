package dev.coframe.runtime.internal;

/**
 * Base of the generated frames of coroutines that return {@code byte}: the result stays
 * unboxed. It travels to an awaiting coroutine as {@code int} ({@code takeInt()}), exactly.
 */
public abstract class ByteFrame extends Frame<Byte> {
  private byte result;

  protected ByteFrame() {}

  /** Ends a run of the body that returned {@code r}, unless the body suspended. */
  protected final void done(byte r) {
    if (!bodySuspended()) {
      result = r;
      complete();
    }
  }

  @Override
  protected final Byte boxedResult() {
    return result;
  }

  @Override
  final int intResult() {
    return result;
  }

  @Override
  final void resultInto(Object[] refs, long[] bits, int i) {
    bits[i] = result;
    refs[i] = Unboxed.BYTE;
  }
}

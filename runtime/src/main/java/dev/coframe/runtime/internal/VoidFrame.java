package dev.coframe.runtime.internal;

/** Base of the generated frames of {@code void} coroutines ({@code Task<Void>}). */
public abstract class VoidFrame extends Frame<Void> {
  protected VoidFrame() {}

  /** Ends a run of the body, unless it suspended. */
  protected final void done() {
    if (!bodySuspended()) {
      complete();
    }
  }

  @Override
  protected final Void boxedResult() {
    return null;
  }
}

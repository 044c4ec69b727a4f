package dev.coframe.runtime.internal;

import dev.coframe.runtime.Awaitable;
import java.util.concurrent.Executor;

/**
 * An awaitable that moves the strand awaiting it instead of waiting for a value: {@code
 * Co.yieldNow()} (behind the work queued on its executor) and {@code Co.switchTo(executor)}. The
 * strand recognises it once its stack has unwound, sets its executor to {@link
 * #destination(Executor)} and submits its next step there with {@link #submit}; a cancellation that
 * comes meanwhile destroys the frames instead of resuming them.
 *
 * <p>Outside a strand (direct mode) there is nowhere to move: {@code Co.await} continues at once,
 * and so does a continuation given to {@link #onReady}.
 */
public abstract class Hop implements Awaitable<Void> {
  /** The executor the strand continues on, given the one it runs on. */
  public abstract Executor destination(Executor current);

  /** Submits the strand's next step to {@code executor} (its destination). */
  public abstract void submit(Executor executor, Runnable step);

  @Override
  public final boolean isReady() {
    return false;
  }

  @Override
  public final void onReady(Runnable continuation) {
    continuation.run();
  }

  @Override
  public final Void result() {
    return null;
  }
}

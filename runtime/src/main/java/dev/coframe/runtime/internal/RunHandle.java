package dev.coframe.runtime.internal;

import dev.coframe.runtime.Task;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link Task} a generated factory gives plain Java: a frame and the run it was made for (its
 * generation), as .NET's {@code ValueTask} is a source and a token. A recycled frame serves other
 * runs; a handle of an earlier run then refuses every use ("stale handle") instead of reading the
 * later run's result. Where the handle does not escape ({@code XCoroutines.f(x).joinInt()}), escape
 * analysis removes its allocation: its joins call the frame's out of line ({@link OutOfLine}), so
 * they inline where the user's code joins.
 *
 * @param <T> the result type
 */
final class RunHandle<T> implements Task<T> {
  private final Frame<T> frame;
  private final int generation;

  RunHandle(Frame<T> frame, int generation) {
    this.frame = frame;
    this.generation = generation;
  }

  /** The frame, while it still serves this handle's run; else the stale-handle error. */
  Frame<T> frame() {
    frame.checkRun(generation);
    return frame;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T join() {
    return (T) OutOfLine.join(frame());
  }

  @Override
  public int joinInt() {
    return OutOfLine.joinInt(frame());
  }

  @Override
  public long joinLong() {
    return OutOfLine.joinLong(frame());
  }

  @Override
  public double joinDouble() {
    return OutOfLine.joinDouble(frame());
  }

  @Override
  public boolean joinBoolean() {
    return OutOfLine.joinBoolean(frame());
  }

  @Override
  public boolean isDone() {
    return frame().isDone();
  }

  @Override
  public boolean isCancelled() {
    return frame().isCancelled();
  }

  @Override
  public boolean cancel() {
    return frame().cancel();
  }

  @Override
  public T result() {
    return frame().result();
  }

  @Override
  public Throwable exception() {
    return frame().exception();
  }

  @Override
  public CompletableFuture<T> toCompletableFuture() {
    return frame().toCompletableFuture();
  }

  @Override
  public String toString() {
    return frame.servesRun(generation) ? frame.toString() : frame.coroutineName() + " [stale handle]";
  }
}

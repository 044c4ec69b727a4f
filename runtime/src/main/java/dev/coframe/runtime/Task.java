package dev.coframe.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * The handle of a coroutine run. A task returned by a generated factory is <em>lazy</em>: it
 * starts when it is awaited, joined or launched.
 *
 * <p>{@link #join()} rethrows unchecked exceptions and errors as they are and wraps a checked
 * exception in {@link java.util.concurrent.CompletionException}, as
 * {@link CompletableFuture#join()} does. Inside a coroutine, awaiting a task rethrows the
 * original exception.
 *
 * @param <T> the result type ({@code Void} for a {@code void} coroutine)
 */
public interface Task<T> {
  /** Runs the task to completion on the calling thread (if not started) or waits for it. */
  T join();

  /** {@link #join()} for an {@code int} result, without boxing. */
  int joinInt();

  /** {@link #join()} for a {@code long} result, without boxing. */
  long joinLong();

  /** {@link #join()} for a {@code double} result, without boxing. */
  double joinDouble();

  /** {@link #join()} for a {@code boolean} result, without boxing. */
  boolean joinBoolean();

  /** Whether the task has completed, normally, by failing or by being cancelled. */
  boolean isDone();

  /** Whether the task completed by being cancelled (a task of another kind that cannot be: false). */
  default boolean isCancelled() {
    return false;
  }

  /**
   * Cancels the task, as LLVM's destroy path does (DESIGN §5.1): a task not started completes
   * cancelled and its body never runs; a suspended one does not resume — its pending {@code
   * finally} blocks and resource closes run, innermost first, the child it awaits before it, no
   * {@code catch} block — and a running one stops so at its next suspension point. A {@code finally}
   * that suspends delays the completion until it is done; one that throws has its exception added
   * to the cancellation as suppressed. Every awaiter and joiner then sees a {@link
   * java.util.concurrent.CancellationException} naming the coroutine. Never blocks: the cleanup runs
   * on the task's executor.
   *
   * @return true if this call cancelled the task; false if it had completed or was being cancelled
   *     (or, for a task of another kind than Coframe's, if it cannot be cancelled: the default)
   */
  default boolean cancel() {
    return false;
  }

  /**
   * The result of a task that completed normally.
   *
   * @throws IllegalStateException if the task has not completed, or failed
   */
  T result();

  /** The failure of a completed task, or {@code null} if it completed normally or is not done. */
  Throwable exception();

  /**
   * A future completed with this task's outcome. Starts a lazy task on the calling thread's
   * trampoline first (like {@link #join()} without blocking on its suspensions). Cancelling the
   * future cancels the task.
   */
  CompletableFuture<T> toCompletableFuture();
}

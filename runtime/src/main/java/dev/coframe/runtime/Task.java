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

  /** Whether the task has completed, normally or not. */
  boolean isDone();

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
   * trampoline first (like {@link #join()} without blocking on its suspensions).
   */
  CompletableFuture<T> toCompletableFuture();
}

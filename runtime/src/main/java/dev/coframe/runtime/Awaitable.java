package dev.coframe.runtime;

/**
 * Anything a coroutine can suspend on: the analogue of C++'s {@code await_ready} /
 * {@code await_suspend} / {@code await_resume}.
 *
 * <p>A coroutine first asks {@link #isReady()}; if the value is already there it continues
 * without suspending. Otherwise it suspends and, once its whole stack has unwound, the runtime
 * calls {@link #onReady(Runnable)} exactly once; the awaitable runs the continuation exactly once,
 * on any thread, when the value is there. The runtime then calls {@link #result()}.
 *
 * @param <T> the value type
 */
public interface Awaitable<T> {
  /** Whether the value (or failure) is already there, so awaiting need not suspend. */
  boolean isReady();

  /**
   * Registers the continuation to run once the value is there. Called at most once per await,
   * only after {@link #isReady()} answered {@code false}; may run the continuation at once if the
   * value arrived in between.
   */
  void onReady(Runnable continuation);

  /**
   * The value. Called only once ready; a failure is rethrown as the original exception (checked
   * exceptions included, undeclared).
   */
  T result();
}

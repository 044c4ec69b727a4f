package dev.coframe.runtime;

/**
 * Anything a coroutine can suspend on: the analogue of C++'s {@code await_ready} /
 * {@code await_suspend} / {@code await_resume}.
 *
 * <p>A coroutine first asks {@link #isReady()}; if the value is already there it continues
 * without suspending. Otherwise it suspends and, once its whole stack has unwound, the runtime
 * registers its continuation exactly once ({@link #register(Runnable)}, which by default calls
 * {@link #onReady(Runnable)}); the awaitable runs the continuation exactly once, on any thread, when
 * the value is there. The runtime then calls {@link #result()}. A coroutine cancelled while it
 * waits withdraws its registration: an awaitable that can forget a continuation (a timer, a channel
 * receive) overrides {@link #register(Runnable)} so that nothing is done for a waiter that is gone;
 * one that cannot may run the continuation later, which the runtime then ignores.
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
   * What the runtime calls to register a continuation (instead of {@link #onReady(Runnable)}): the
   * same, answering how to withdraw it. The default calls {@code onReady} and answers a
   * registration that cannot be withdrawn.
   */
  default Registration register(Runnable continuation) {
    onReady(continuation);
    return Registration.PERMANENT;
  }

  /** A continuation registered with an awaitable, which a cancelled waiter withdraws. */
  @FunctionalInterface
  interface Registration {
    /** A registration that cannot be withdrawn: the continuation may still run, and is then ignored. */
    Registration PERMANENT = () -> false;

    /**
     * Withdraws the continuation, if it has not run and the awaitable can: answers whether it will
     * not run. Never blocks; called at most once.
     */
    boolean cancel();
  }

  /**
   * The value. Called only once ready; a failure is rethrown as the original exception (checked
   * exceptions included, undeclared).
   */
  T result();
}

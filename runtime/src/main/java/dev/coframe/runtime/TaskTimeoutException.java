package dev.coframe.runtime;

import java.time.Duration;

/**
 * The failure of a {@link Co#withTimeout(Duration, Task)} task whose task did not complete in time:
 * that task was cancelled (its {@code finally} blocks ran; what they threw is suppressed here).
 * Unchecked, and not a {@link java.util.concurrent.CancellationException}: a timeout is a failure
 * of the task that set it, which a {@code catch} may handle.
 */
public class TaskTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Duration timeout;

  public TaskTimeoutException(Duration timeout) {
    super("the task did not complete within " + describe(timeout));
    this.timeout = timeout;
  }

  /** The duration the task was given. */
  public Duration timeout() {
    return timeout;
  }

  private static String describe(Duration d) {
    long ms = d.toMillis();
    return d.equals(Duration.ofMillis(ms)) ? ms + " ms" : d.toString();
  }
}

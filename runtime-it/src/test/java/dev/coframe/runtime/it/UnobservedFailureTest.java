package dev.coframe.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.coframe.runtime.InlineExecutor;
import dev.coframe.runtime.Launch;
import dev.coframe.runtime.Task;
import dev.coframe.runtime.fixtures.ThrowersCoroutines;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A failed task nobody awaited is reported when it is collected, not dropped; an observed one is not. */
class UnobservedFailureTest {
  private final List<Throwable> reported = new CopyOnWriteArrayList<>();
  /** A permit per report: what a wait for the next report blocks on. */
  private final Semaphore reports = new Semaphore(0);
  private Thread.UncaughtExceptionHandler previous;

  @BeforeEach
  void captureReports() {
    previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
      reported.add(e);
      reports.release();
    });
  }

  @AfterEach
  void restore() {
    Thread.setDefaultUncaughtExceptionHandler(previous);
  }

  private static void launchAndForget(String message) {
    Launch.on(InlineExecutor.INSTANCE).start(() -> ThrowersCoroutines.thrower(null, new IllegalStateException(message)));
  }

  private boolean isReported(String message) {
    return reported.stream().anyMatch(t -> t.getCause() != null && message.equals(t.getCause().getMessage()));
  }

  /** Collects garbage until the failure with {@code message} is reported: up to 200 collections, each followed by a bounded wait for a report. */
  private boolean awaitReport(String message) throws InterruptedException {
    for (int i = 0; i < 200 && !isReported(message); i++) {
      System.gc();
      reports.tryAcquire(25, TimeUnit.MILLISECONDS);
    }
    return isReported(message);
  }

  @Test
  void aFailedTaskNobodyObservedIsReportedWithItsFailure() throws InterruptedException {
    launchAndForget("lost failure");
    assertTrue(awaitReport("lost failure"), "no report of the unobserved failure");
    Throwable r = reported.stream().filter(t -> t.getCause() != null
        && "lost failure".equals(t.getCause().getMessage())).findFirst().orElseThrow();
    assertTrue(r.getMessage().contains("nobody awaited"), r.getMessage());
    assertTrue(r.getMessage().contains("Throwers.thrower(Awaitable, Throwable)"), r.getMessage());
    assertEquals(IllegalStateException.class, r.getCause().getClass());
  }

  @Test
  void aFailedTaskWhoseExceptionWasAskedForIsNotReported() throws InterruptedException {
    Task<Integer> t = Launch.on(InlineExecutor.INSTANCE)
        .start(() -> ThrowersCoroutines.thrower(null, new IllegalStateException("seen failure")));
    assertEquals("seen failure", t.exception().getMessage());
    t = null;
    launchAndForget("sentinel"); // collected in the same cycles: once it is reported, so would the other be
    assertTrue(awaitReport("sentinel"));
    assertTrue(reported.stream().noneMatch(e -> e.getCause() != null
        && "seen failure".equals(e.getCause().getMessage())), "an observed failure was reported: " + reported);
  }
}

package dev.coframe.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.coframe.runtime.InlineExecutor;
import dev.coframe.runtime.Launch;
import dev.coframe.runtime.Task;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A failed task nobody awaited is reported when it is collected, not dropped; an observed one is not. */
class UnobservedFailureTest {
  private final List<Throwable> reported = new CopyOnWriteArrayList<>();
  private Thread.UncaughtExceptionHandler previous;

  @BeforeEach
  void captureReports() {
    previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> reported.add(e));
  }

  @AfterEach
  void restore() {
    Thread.setDefaultUncaughtExceptionHandler(previous);
  }

  private static void launchAndForget(String message) {
    Launch.on(InlineExecutor.INSTANCE).start(() -> HandFrames.thrower(null, new IllegalStateException(message)));
  }

  private boolean awaitReport(String message) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      System.gc();
      for (Throwable t : reported) {
        if (t.getCause() != null && message.equals(t.getCause().getMessage())) {
          return true;
        }
      }
      Thread.sleep(25);
    }
    return false;
  }

  @Test
  void aFailedTaskNobodyObservedIsReportedWithItsFailure() throws InterruptedException {
    launchAndForget("lost failure");
    assertTrue(awaitReport("lost failure"), "no report of the unobserved failure");
    Throwable r = reported.stream().filter(t -> t.getCause() != null
        && "lost failure".equals(t.getCause().getMessage())).findFirst().orElseThrow();
    assertTrue(r.getMessage().contains("nobody awaited"), r.getMessage());
    assertEquals(IllegalStateException.class, r.getCause().getClass());
  }

  @Test
  void aFailedTaskWhoseExceptionWasAskedForIsNotReported() throws InterruptedException {
    Task<Integer> t = Launch.on(InlineExecutor.INSTANCE)
        .start(() -> HandFrames.thrower(null, new IllegalStateException("seen failure")));
    assertEquals("seen failure", t.exception().getMessage());
    t = null;
    launchAndForget("sentinel"); // collected in the same cycles: once it is reported, so would the other be
    assertTrue(awaitReport("sentinel"));
    assertTrue(reported.stream().noneMatch(e -> e.getCause() != null
        && "seen failure".equals(e.getCause().getMessage())), "an observed failure was reported: " + reported);
  }
}

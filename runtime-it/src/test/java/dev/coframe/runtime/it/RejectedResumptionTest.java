package dev.coframe.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.coframe.runtime.EventLoop;
import dev.coframe.runtime.Launch;
import dev.coframe.runtime.Task;
import dev.coframe.runtime.fixtures.ChainsCoroutines;
import dev.coframe.runtime.fixtures.Gate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An executor that rejects a suspended task's resumption (an event loop closed under it) fails the
 * task: every joiner sees a {@link RejectedExecutionException} naming the executor, never a hang.
 */
class RejectedResumptionTest {

  @Test
  void aTaskSuspendedOnAClosedEventLoopFailsWhenItsValueArrives() throws Exception {
    Gate<Integer> value = new Gate<>();
    EventLoop loop = new EventLoop("closing");
    Task<Integer> t = Launch.on(loop).start(() -> ChainsCoroutines.chain(3, value));
    CompletableFuture<Integer> joined = t.toCompletableFuture();
    // the loop runs the first step (which suspends on value) before it stops: close() waits for it
    loop.close();
    value.complete(7); // the resumption goes to the closed loop
    ExecutionException e = assertThrows(ExecutionException.class, () -> joined.get(10, TimeUnit.SECONDS));
    RejectedExecutionException r = assertInstanceOf(RejectedExecutionException.class, e.getCause());
    assertEquals("Chains.chain(int, Awaitable) cannot resume: EventLoop[closing] rejected its next step"
        + " (closing is closed)", r.getMessage());
    assertTrue(t.isDone());
    assertSame(r, t.exception());
    RejectedExecutionException j = assertThrows(RejectedExecutionException.class, t::join);
    assertSame(r, j, "join() rethrows the unchecked failure as it is");
  }

  @Test
  void aLaunchOnAClosedEventLoopIsRejectedAtOnce() {
    EventLoop loop = new EventLoop("closed");
    loop.close();
    RejectedExecutionException e = assertThrows(RejectedExecutionException.class,
        () -> Launch.on(loop).start(() -> ChainsCoroutines.chain(1, null)));
    assertEquals("closed is closed", e.getMessage());
  }
}

package dev.coframe.runtime;

import dev.coframe.runtime.internal.Awaiting;
import dev.coframe.runtime.internal.Blocking;
import dev.coframe.runtime.internal.Frame;
import dev.coframe.runtime.internal.GroupFrame;
import dev.coframe.runtime.internal.Hop;
import dev.coframe.runtime.internal.JoinLoop;
import dev.coframe.runtime.internal.Timers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;

/**
 * The operations a coroutine body uses. Inside a {@code @Coroutine} body the processor lowers
 * {@code await(x)} to a suspension point; the methods here are what runs in <em>direct mode</em>,
 * when the declaration is called as plain Java: a lazy task runs inline, anything else blocks the
 * calling thread until its value is there (on an event-loop thread that would deadlock, so it
 * throws {@link IllegalStateException}). Failures are rethrown as the original exception, checked
 * ones included, so {@code catch (IOException e)} works as written.
 */
public final class Co {
  private Co() {}

  /**
   * Awaits a task: runs a lazy one inline and takes its result (once: a lazy task has one awaiter),
   * or waits for a started one.
   */
  @SuppressWarnings("unchecked")
  public static <T> T await(Task<T> task) {
    Frame<T> frame = Frame.of(task);
    if (frame != null && frame.claimForAwait()) {
      JoinLoop.run(frame);
      return (T) frame.takeObject(); // the result, taken once (the frame is recycled)
    }
    if (!task.isDone()) {
      Blocking.check("await(" + task + ")");
    }
    return Awaiting.joinOriginal(task.toCompletableFuture());
  }

  /**
   * Awaits an awaitable, blocking until it is ready. {@link #yieldNow()} and {@link
   * #switchTo(Executor)} continue at once: plain Java has no executor to move to.
   */
  public static <T> T await(Awaitable<T> awaitable) {
    if (awaitable instanceof Hop) {
      return null;
    }
    if (!awaitable.isReady()) {
      Blocking.check("await(" + awaitable + ")");
      CountDownLatch ready = new CountDownLatch(1);
      awaitable.onReady(ready::countDown);
      try {
        ready.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.util.concurrent.CancellationException("interrupted while awaiting " + awaitable);
      }
    }
    return awaitable.result();
  }

  /** Awaits a completion stage, blocking until it completes. */
  public static <T> T await(CompletionStage<T> stage) {
    CompletableFuture<T> cf = stage.toCompletableFuture();
    if (!cf.isDone()) {
      Blocking.check("await(" + stage + ")");
    }
    return Awaiting.joinOriginal(cf);
  }

  /** Runs a task to completion on the calling thread and returns its result ({@link Task#join()}). */
  public static <T> T run(Task<T> task) {
    return task.join();
  }

  /**
   * Awaited, the coroutine continues behind the work already queued on its executor: on a {@link
   * WorkStealingPool} behind its worker's local work (where another worker may steal it first; work
   * submitted from outside gets its turn every 61st task, as the pool's class description says), on
   * an {@link EventLoop} behind the steps queued on the loop, on the {@link InlineExecutor} behind
   * the steps queued on the thread's trampoline. A CPU-bound loop awaits it to let other coroutines
   * run, and to be a point where a cancellation stops it ({@link Task#cancel()}).
   */
  public static Awaitable<Void> yieldNow() {
    return Hops.YIELD;
  }

  /**
   * Awaited, the coroutine continues on {@code executor}, and so does the rest of its task: the
   * children it awaits, and the coroutine awaiting it once it returns, resume there after their
   * suspensions until a switch moves them again (as a launched task's frames run on its launch's
   * executor). A task joined from plain Java that switches keeps its joiner waiting until it
   * completes wherever it moved. An executor that
   * rejects the step fails the task with a {@link java.util.concurrent.RejectedExecutionException}.
   * A cancellation that comes while it moves destroys it instead of resuming it there.
   */
  public static Awaitable<Void> switchTo(Executor executor) {
    return Hops.to(executor);
  }

  /**
   * A lazy task of the tasks' results in order (DESIGN §5.2). Awaited, joined or launched, it starts
   * every task on its executor — all but the last posted, the last run in place — and completes
   * when all are done. The first failure cancels the others, waits until their cleanup has run, and
   * is rethrown with what the others failed with added as suppressed (of a task it cancelled, only
   * what its {@code finally} blocks threw): no task outlives it. Cancelled itself, it cancels every
   * task first. A task started elsewhere (launched) is waited for, and cancelled likewise; a lazy
   * one is this task's to run, and is run once.
   *
   * @throws NullPointerException if a task is null
   */
  @SafeVarargs
  public static <T> Task<List<T>> all(Task<? extends T>... tasks) {
    return GroupFrame.all(tasks);
  }

  /** {@link #all(Task[])} of a list's tasks, in its order. */
  public static <T> Task<List<T>> all(List<? extends Task<? extends T>> tasks) {
    return GroupFrame.all(tasks);
  }

  /**
   * A lazy task of the first result of the tasks that succeeds: started as {@link #all(Task[])}
   * starts them, it cancels the others on the first success and waits for them; if every task fails,
   * it fails with the first failure, the others added as suppressed.
   *
   * @throws IllegalArgumentException if there is no task
   */
  @SafeVarargs
  public static <T> Task<T> any(Task<? extends T>... tasks) {
    return GroupFrame.any(tasks);
  }

  /** {@link #any(Task[])} of a list's tasks. */
  public static <T> Task<T> any(List<? extends Task<? extends T>> tasks) {
    return GroupFrame.any(tasks);
  }

  /**
   * A lazy task of {@code task}'s outcome if it completes within {@code timeout} (counted from when
   * this task starts); otherwise {@code task} is cancelled — its {@code finally} blocks run, and
   * this task waits for them — and this task fails with {@link TaskTimeoutException}, which is not a
   * cancellation. A task that never suspends cannot be stopped before it completes (a cancellation
   * takes effect at a suspension point), and then its outcome is this task's.
   *
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public static <T> Task<T> withTimeout(Duration timeout, Task<T> task) {
    return GroupFrame.withTimeout(timeout, task);
  }

  /** An awaitable that is ready after {@code millis} milliseconds (at once if not positive). */
  public static Awaitable<Void> sleep(long millis) {
    return Timers.delay(millis);
  }

  /** An awaitable that is ready after {@code duration}. */
  public static Awaitable<Void> sleep(Duration duration) {
    return Timers.delay(duration.toMillis());
  }
}

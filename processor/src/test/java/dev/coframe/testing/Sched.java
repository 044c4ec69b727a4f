package dev.coframe.testing;

import dev.coframe.runtime.Awaitable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Awaitable values whose readiness the harness controls, per {@link RunContext}.
 *
 * <ul>
 *   <li>{@link Mode#SYNC}: every value is ready at once (direct mode, and the lowered code's
 *       synchronous fast path).
 *   <li>{@link Mode#ASYNC}: no value is ready when first asked; each completes later by posting
 *       its completion to the run's event loop, so every {@code await} really suspends and
 *       resumes from the loop.
 *   <li>{@link Mode#MIXED}: each value, independently, is ready at once or completes later,
 *       chosen by the run's seed — synchronous and real suspensions interleaved.
 * </ul>
 *
 * <p>The awaitables also check the {@link Awaitable} protocol ({@code onReady} at most once,
 * {@code result()} only once ready) and count what happened, so the harness can compare how many
 * awaitables each run created and consumed.
 */
public final class Sched {
  /** How awaitables made by {@link #v}, {@link #fail} and {@link #cf} behave. */
  public enum Mode {
    SYNC,
    ASYNC,
    /** Each value independently ready at once or completed later, chosen by the run's seed. */
    MIXED
  }

  /** What the awaitables of one run saw. */
  public record Stats(int created, int suspended, int results, String protocolErrors) {}

  private Sched() {}

  /** Installs a fresh SYNC context on the calling thread. */
  public static RunContext sync() {
    RunContext c = RunContext.sync();
    c.install();
    return c;
  }

  /** Installs a fresh ASYNC context posting to {@code eventLoop} on the calling thread. */
  public static RunContext async(Executor eventLoop) {
    RunContext c = RunContext.async(eventLoop);
    c.install();
    return c;
  }

  /** The calling thread's mode. */
  public static Mode mode() {
    return RunContext.current().mode;
  }

  /** The calling thread's counters. */
  public static Stats stats() {
    return RunContext.current().stats();
  }

  /** An awaitable for {@code value}. */
  public static <T> Awaitable<T> v(T value) {
    return new Value<>(RunContext.current(), value, null);
  }

  /** An awaitable that fails with {@code failure}: {@code result()} rethrows it as is (checked included). */
  public static <T> Awaitable<T> fail(Throwable failure) {
    if (failure == null) {
      throw new NullPointerException("failure");
    }
    return new Value<>(RunContext.current(), null, failure);
  }

  /**
   * A future for {@code value}: already completed in SYNC mode; in ASYNC mode completed later from
   * the event loop.
   */
  public static <T> CompletableFuture<T> cf(T value) {
    RunContext ctx = RunContext.current();
    ctx.check();
    if (ctx.readyNow()) {
      return CompletableFuture.completedFuture(value);
    }
    CompletableFuture<T> f = new CompletableFuture<>();
    post(ctx, () -> f.complete(value));
    return f;
  }

  private static void post(RunContext ctx, Runnable r) {
    if (ctx.loop == null) {
      ctx.protocolErrors.append("[ASYNC value without an event loop]");
      r.run();
      return;
    }
    ctx.loop.execute(r);
  }

  @SuppressWarnings("unchecked")
  static <E extends Throwable> RuntimeException sneakyThrow(Throwable t) throws E {
    throw (E) t;
  }

  private static final class Value<T> implements Awaitable<T> {
    private final RunContext ctx;
    private final T value;
    private final Throwable failure;
    private volatile boolean ready;
    private volatile boolean registered;

    Value(RunContext ctx, T value, Throwable failure) {
      ctx.check();
      this.ctx = ctx;
      this.value = value;
      this.failure = failure;
      this.ready = ctx.readyNow();
      ctx.created.incrementAndGet();
    }

    @Override
    public boolean isReady() {
      return ready;
    }

    @Override
    public void onReady(Runnable continuation) {
      ctx.check();
      if (registered) {
        ctx.protocolErrors.append("[onReady called twice on ").append(this).append(']');
      }
      registered = true;
      if (ready) {
        ctx.protocolErrors.append("[onReady called on a ready awaitable ").append(this).append(']');
        continuation.run();
        return;
      }
      ctx.suspended.incrementAndGet();
      post(
          ctx,
          () -> {
            ready = true;
            continuation.run();
          });
    }

    @Override
    public T result() {
      ctx.check();
      ctx.results.incrementAndGet();
      if (!ready) {
        ctx.protocolErrors.append("[result() before ready on ").append(this).append(']');
        throw new IllegalStateException("Sched: result() of " + this + " before it was ready");
      }
      if (failure != null) {
        throw sneakyThrow(failure);
      }
      return value;
    }

    @Override
    public String toString() {
      return failure != null ? "Sched.fail(" + failure + ")" : "Sched.v(" + value + ")";
    }
  }
}

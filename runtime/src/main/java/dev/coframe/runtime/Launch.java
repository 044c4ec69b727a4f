package dev.coframe.runtime;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Starts root coroutines on an executor: {@code Launch.on(loop).start(() -> ShopCoroutines.total(skus))}.
 *
 * <p>Launching takes a supplier so that what must be in place before the root frame is created
 * (Boost.Capy's launch "window") can be set up first; the non-capturing overloads
 * ({@code start(ShopCoroutines::total, skus)}) avoid allocating a lambda.
 */
public final class Launch {
  private final Executor executor;

  private Launch(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /** Launches onto {@code executor}: the root's first step and every resumption run there. */
  public static Launch on(Executor executor) {
    return new Launch(executor);
  }

  /** Creates the root task with {@code body} and starts it; the returned task is the same handle. */
  public <T> Task<T> start(Supplier<? extends Task<T>> body) {
    return begin(body.get());
  }

  /** {@link #start(Supplier)} for a one-argument factory, without a capturing lambda. */
  public <A, T> Task<T> start(Function<? super A, ? extends Task<T>> factory, A a) {
    return begin(factory.apply(a));
  }

  /** {@link #start(Supplier)} for a two-argument factory, without a capturing lambda. */
  public <A, B, T> Task<T> start(BiFunction<? super A, ? super B, ? extends Task<T>> factory, A a, B b) {
    return begin(factory.apply(a, b));
  }

  private <T> Task<T> begin(Task<T> task) {
    if (!(task instanceof Frame)) {
      throw new IllegalArgumentException("Launch starts the lazy tasks of generated factories, not " + task);
    }
    Strand.startRoot((Frame<?>) task, executor);
    return task;
  }
}

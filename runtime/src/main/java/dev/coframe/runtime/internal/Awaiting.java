package dev.coframe.runtime.internal;

import dev.coframe.runtime.Awaitable;
import dev.coframe.runtime.Task;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Adapters that make tasks started elsewhere and {@link CompletionStage}s {@link Awaitable}. */
public final class Awaiting {
  private Awaiting() {}

  /** A started task: awaited through its completion future. */
  public static <T> Awaitable<T> of(Task<T> task) {
    return of(task.toCompletableFuture());
  }

  public static <T> Awaitable<T> of(CompletionStage<T> stage) {
    CompletableFuture<T> cf = stage.toCompletableFuture();
    return new Awaitable<>() {
      @Override
      public boolean isReady() {
        return cf.isDone();
      }

      @Override
      public void onReady(Runnable continuation) {
        cf.whenComplete((v, t) -> continuation.run());
      }

      @Override
      public T result() {
        return joinOriginal(cf);
      }
    };
  }

  /** The future's value, or its original failure rethrown (unwrapped, checked included). */
  public static <T> T joinOriginal(CompletableFuture<T> cf) {
    try {
      return cf.join();
    } catch (Throwable t) {
      throw Sneaky.rethrow(Sneaky.unwrap(t));
    }
  }
}

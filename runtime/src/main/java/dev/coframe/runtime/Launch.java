package dev.coframe.runtime;

import dev.coframe.runtime.internal.Allocators;
import dev.coframe.runtime.internal.Frame;
import dev.coframe.runtime.internal.Strand;
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
  /** The allocator of the task tree, or null for the one in effect (see {@link FrameAllocator#current()}). */
  private final FrameAllocator allocator;

  private Launch(Executor executor, FrameAllocator allocator) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.allocator = allocator;
  }

  /** Launches onto {@code executor}: the root's first step and every resumption run there. */
  public static Launch on(Executor executor) {
    return new Launch(executor, null);
  }

  /**
   * The same launch with {@code allocator} for the task tree: the root frame the factory makes
   * comes from it (it is current on this thread while the supplier runs, and the one before is
   * restored after, also when the supplier throws), and every allocated frame of the tree after.
   */
  public Launch with(FrameAllocator allocator) {
    return new Launch(executor, Objects.requireNonNull(allocator, "allocator"));
  }

  /** Creates the root task with {@code body} and starts it; the returned task is the same handle. */
  public <T> Task<T> start(Supplier<? extends Task<T>> body) {
    FrameAllocator previous = enter();
    try {
      return begin(body.get());
    } finally {
      leave(previous);
    }
  }

  /** {@link #start(Supplier)} for a one-argument factory, without a capturing lambda. */
  public <A, T> Task<T> start(Function<? super A, ? extends Task<T>> factory, A a) {
    FrameAllocator previous = enter();
    try {
      return begin(factory.apply(a));
    } finally {
      leave(previous);
    }
  }

  /** {@link #start(Supplier)} for a two-argument factory, without a capturing lambda. */
  public <A, B, T> Task<T> start(BiFunction<? super A, ? super B, ? extends Task<T>> factory, A a, B b) {
    FrameAllocator previous = enter();
    try {
      return begin(factory.apply(a, b));
    } finally {
      leave(previous);
    }
  }

  /** Opens the launch window: this launch's allocator current on the thread; answers the one to restore. */
  private FrameAllocator enter() {
    return allocator == null ? null : Allocators.enter(allocator);
  }

  private void leave(FrameAllocator previous) {
    if (allocator != null) {
      Allocators.leave(previous);
    }
  }

  /** Starts the root inside the window, so its strand takes the window's allocator. */
  private <T> Task<T> begin(Task<T> task) {
    Frame<T> root = Frame.of(task);
    if (root == null) {
      throw new IllegalArgumentException("Launch starts the lazy tasks of generated factories, not " + task);
    }
    Strand.startRoot(root, executor);
    return task;
  }
}

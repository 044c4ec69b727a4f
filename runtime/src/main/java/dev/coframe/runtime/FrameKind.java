package dev.coframe.runtime;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A generated frame class as allocators see it: how to make one, and a small index allocators use
 * to keep their free lists in arrays. Each generated frame class has one, {@code XFrame.KIND}.
 *
 * @param <F> the frame class
 */
public final class FrameKind<F extends Frame<?>> {
  private static final AtomicInteger NEXT_ID = new AtomicInteger();

  private final Class<?> type;
  private final Supplier<F> maker;
  private final int id = NEXT_ID.getAndIncrement();

  private FrameKind(Class<?> type, Supplier<F> maker) {
    this.type = Objects.requireNonNull(type, "type");
    this.maker = Objects.requireNonNull(maker, "maker");
  }

  /**
   * For generated frame classes: {@code FrameKind.of(XFrame.class, XFrame::new)} ({@code F} is
   * {@code XFrame<?>} for a generic frame class).
   */
  public static <F extends Frame<?>> FrameKind<F> of(Class<? super F> type, Supplier<F> maker) {
    return new FrameKind<>(type, maker);
  }

  /**
   * A root frame for a factory: from the allocator of the launch window or strand the calling
   * thread is in, else from {@link FrameAllocator#defaultAllocator()}.
   */
  public F allocate() {
    return Allocators.allocate(this);
  }

  /** A frame made with {@code new}, owned by nobody (allocators count what they make themselves). */
  F make() {
    return maker.get();
  }

  int id() {
    return id;
  }

  @Override
  public String toString() {
    return "FrameKind[" + type.getName() + "]";
  }
}

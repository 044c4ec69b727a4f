package dev.coframe.runtime;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A generated frame class as allocators see it: how to make one, and a small index allocators use
 * to keep their free lists in arrays. Each generated frame class has one, {@code XFrame.KIND}; the
 * operations generated code applies to a frame class's frames go through it.
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
   * For generated frame classes: {@code FrameKind.of(MethodHandles.lookup(), XFrame.class)} in the
   * frame class ({@code F} is {@code XFrame<?>} for a generic one). Frames are made through its
   * no-argument constructor, by a {@link Supplier} spun once here as javac would spin
   * {@code XFrame::new} (the frame class's lookup reaches it from any module); the generated source
   * names no method reference, which costs javac more to compile than this call.
   */
  public static <F extends Frame<?>> FrameKind<F> of(MethodHandles.Lookup lookup, Class<? super F> type) {
    try {
      MethodType made = MethodType.methodType(type);
      Object maker = LambdaMetafactory.metafactory(lookup, "get", MethodType.methodType(Supplier.class),
          MethodType.methodType(Object.class), lookup.findConstructor(type, MethodType.methodType(void.class)), made)
          .getTarget().invoke();
      @SuppressWarnings("unchecked")
      Supplier<F> supplier = (Supplier<F>) maker;
      return new FrameKind<>(type, supplier);
    } catch (Throwable e) {
      throw new IllegalStateException("cannot make frames of " + type.getName() + " (a no-argument constructor the"
          + " frame class's lookup reaches): " + e, e);
    }
  }

  /**
   * A root frame for a factory: from the allocator of the launch window or strand the calling
   * thread is in, else from {@link FrameAllocator#defaultAllocator()}.
   */
  public F allocate() {
    return Allocators.allocate(this);
  }

  /**
   * A frame for a body that must suspend and was given none: from {@code strand}'s allocator (the
   * launch's, inherited by every child).
   */
  public F allocate(Strand strand) {
    return strand.allocator().allocate(this);
  }

  /**
   * For generated parents: a frame for an elided call site, made once with {@code new} (no
   * allocator) and kept in the parent's field; re-armed in place after each run.
   */
  public F embed() {
    F f = make();
    f.markEmbedded();
    return f;
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

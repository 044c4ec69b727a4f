package dev.coframe.runtime.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The calls under a task handle ({@link RunHandle}) that the JIT must not inline into the handle's
 * factory and joins: a factory's root allocation and a handle's joins. They go through method
 * handles held in fields that are not final, which the JIT cannot treat as constants, so it calls
 * them instead of compiling them in.
 *
 * <p>Why: {@code XCoroutines.f(x).joinInt()} allocates nothing only if escape analysis removes the
 * handle, which needs both the factory and the handle's join to inline where the user's code calls
 * them. HotSpot inlines no method it has already compiled into more than a small amount of code
 * ("already compiled into a big method"); compiled with the allocator's free lists, or with the
 * strand and the body under a join, the factory and the join were that big, so each call allocated
 * its handle. Out of line, they stay a few instructions each.
 */
final class OutOfLine {
  private static MethodHandle allocate = find(Allocators.class, "allocate", Frame.class, FrameKind.class);
  private static MethodHandle join = frameJoin("join", Object.class);
  private static MethodHandle joinInt = frameJoin("joinInt", int.class);
  private static MethodHandle joinLong = frameJoin("joinLong", long.class);
  private static MethodHandle joinDouble = frameJoin("joinDouble", double.class);
  private static MethodHandle joinBoolean = frameJoin("joinBoolean", boolean.class);

  private OutOfLine() {}

  private static MethodHandle find(Class<?> owner, String name, Class<?> returns, Class<?> parameter) {
    try {
      return MethodHandles.lookup().findStatic(owner, name, MethodType.methodType(returns, parameter));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static MethodHandle frameJoin(String name, Class<?> returns) {
    try {
      return MethodHandles.lookup().findVirtual(Frame.class, name, MethodType.methodType(returns));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** {@link Allocators#allocate(FrameKind)}. */
  static Frame<?> allocate(FrameKind<?> kind) {
    try {
      return (Frame<?>) allocate.invokeExact(kind);
    } catch (Throwable t) {
      throw Sneaky.rethrow(t);
    }
  }

  /** {@link Frame#join()}. */
  static Object join(Frame<?> f) {
    try {
      return (Object) join.invokeExact(f);
    } catch (Throwable t) {
      throw Sneaky.rethrow(t);
    }
  }

  /** {@link Frame#joinInt()}. */
  static int joinInt(Frame<?> f) {
    try {
      return (int) joinInt.invokeExact(f);
    } catch (Throwable t) {
      throw Sneaky.rethrow(t);
    }
  }

  /** {@link Frame#joinLong()}. */
  static long joinLong(Frame<?> f) {
    try {
      return (long) joinLong.invokeExact(f);
    } catch (Throwable t) {
      throw Sneaky.rethrow(t);
    }
  }

  /** {@link Frame#joinDouble()}. */
  static double joinDouble(Frame<?> f) {
    try {
      return (double) joinDouble.invokeExact(f);
    } catch (Throwable t) {
      throw Sneaky.rethrow(t);
    }
  }

  /** {@link Frame#joinBoolean()}. */
  static boolean joinBoolean(Frame<?> f) {
    try {
      return (boolean) joinBoolean.invokeExact(f);
    } catch (Throwable t) {
      throw Sneaky.rethrow(t);
    }
  }
}

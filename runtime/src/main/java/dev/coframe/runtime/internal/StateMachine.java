package dev.coframe.runtime.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * What every generated state machine — a task's {@link Frame} or a {@link dev.coframe.runtime.Generator} — shares with
 * its generated subclass: the resume index, the body, its name for messages, and the small helpers
 * lowered code calls. Generated code calls these unqualified (they are inherited), so no user
 * variable can obscure them.
 *
 * <p>The generated body is a static method {@code run$(.., f, state, ..)} of the frame class; the
 * frame's {@link #run()} calls it with itself. It runs the body from {@code state} on Java locals,
 * writes into the frame only when it suspends, and returns (a task's result, directly).
 */
public abstract class StateMachine {
  /** The resume index: where the body continues. Written by generated code when it suspends. */
  protected int state;

  protected StateMachine() {}

  /** Runs the body from {@link #state}: generated, a call of the frame's static body with this frame. */
  protected abstract void run() throws Throwable;

  /** Runs the body until it completes, fails or suspends. Never throws. */
  protected final void resume() {
    try {
      run();
    } catch (Throwable t) {
      fail(t);
    }
  }

  /** The body ended with {@code t}. */
  abstract void fail(Throwable t);

  /**
   * The coroutine's name and erased signature, for messages: {@code Shop.total(List)}, from the
   * generated class's {@link FrameInfo}.
   */
  protected String coroutineName() {
    FrameInfo info = getClass().getAnnotation(FrameInfo.class);
    return info != null ? info.value() : getClass().getSimpleName();
  }

  /**
   * For a {@code default} branch of a generated switch: a state that cannot be reached — or, for a
   * destroy entry ({@code -state}) where no finally block encloses the point the frame is suspended
   * at, the signal that its destroy path is done ({@link #DESTROYED}).
   */
  protected final Throwable badState(int at) {
    return at < 0 ? DESTROYED : new IllegalStateException(coroutineName() + ": no resume point " + at);
  }

  /**
   * Thrown by a body destroyed where it has nothing to clean up, caught by the runtime around the
   * body and never seen by user code (no user {@code try} encloses the resume dispatch); one shared
   * instance without a stack trace.
   */
  static final Error DESTROYED = new Error("destroyed", null, false, false) {
    private static final long serialVersionUID = 1L;
  };

  /** The values this frame holds (its generated fields): for {@code toString()}. */
  final String heldValues() {
    StringBuilder sb = new StringBuilder();
    for (Field f : getClass().getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      try {
        f.setAccessible(true);
        sb.append(sb.length() == 0 ? " {" : ", ").append(f.getName()).append('=').append(f.get(this));
      } catch (ReflectiveOperationException | RuntimeException e) {
        // a module that does not open the frame's package: show the state only
      }
    }
    return sb.length() == 0 ? "" : sb.append('}').toString();
  }

  /**
   * Always true: lowered code writes {@code o instanceof P(int x$match) && bound(x = x$match)} to
   * keep a pattern variable whose scope spans several states in a local of the body.
   */
  protected static boolean bound(Object value) {
    return true;
  }

  /** See {@link #bound(Object)}. */
  protected static boolean bound(int value) {
    return true;
  }

  /** See {@link #bound(Object)}. */
  protected static boolean bound(long value) {
    return true;
  }

  /** See {@link #bound(Object)}. */
  protected static boolean bound(float value) {
    return true;
  }

  /** See {@link #bound(Object)}. */
  protected static boolean bound(double value) {
    return true;
  }

  /** See {@link #bound(Object)}. */
  protected static boolean bound(boolean value) {
    return true;
  }
}

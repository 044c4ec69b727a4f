package dev.coframe.runtime.internal;

import dev.coframe.runtime.EventLoop;

/** What may not block: an event loop's thread, which blocking would deadlock. */
public final class Blocking {
  private Blocking() {}

  /** Refuses {@code what} (a blocking await or join) on an event-loop thread. */
  public static void check(String what) {
    if (EventLoop.onLoopThread()) {
      throw new IllegalStateException(
          what + " would block event-loop thread " + Thread.currentThread().getName()
              + " and deadlock it; await it inside a coroutine (the generated factory) instead");
    }
  }
}

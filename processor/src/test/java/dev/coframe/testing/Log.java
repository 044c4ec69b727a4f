package dev.coframe.testing;

import java.util.List;

/**
 * The side-effect log of the differential tests: case bodies record what they do, in order, with
 * {@link #add(Object)}; the harness compares the logs of direct mode and of the lowered runs.
 * Entries go to the calling thread's {@link RunContext}. Thread-safe (asynchronous runs log from
 * an event-loop thread). Bounded, so a runaway loop in a broken lowering fails instead of eating
 * the heap.
 */
public final class Log {
  /** More entries than any case writes; past it {@link #add} throws. */
  public static final int LIMIT = 10_000;

  private Log() {}

  /** Records {@code String.valueOf(entry)}. */
  public static void add(Object entry) {
    RunContext.current().add(String.valueOf(entry));
  }

  /** Returns the entries the calling thread's context recorded so far and clears them. */
  public static List<String> take() {
    return RunContext.current().takeLog();
  }
}

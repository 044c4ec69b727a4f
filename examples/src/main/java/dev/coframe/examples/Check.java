package dev.coframe.examples;

import java.util.Objects;

/**
 * Prints a lowered result beside its direct-mode result and stops the run when they differ:
 * direct mode (the body called as plain Java) is the oracle every lowering must agree with.
 */
final class Check {
  private Check() {}

  static <T> T same(String what, T lowered, T direct) {
    boolean same = Objects.equals(lowered, direct);
    System.out.println(same
        ? what + " = " + lowered + "   (lowered and direct agree)"
        : what + " DIFFERS: lowered " + lowered + ", direct " + direct);
    if (!same) {
      throw new AssertionError(what + ": the lowered coroutine gave " + lowered
          + " where the body run as plain Java gives " + direct);
    }
    return lowered;
  }
}

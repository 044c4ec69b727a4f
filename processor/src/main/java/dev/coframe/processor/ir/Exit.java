package dev.coframe.processor.ir;

import java.util.Set;

/**
 * A jump out of a statement kept as written (a {@code break}, {@code continue}, {@code yield} or
 * {@code return} rewritten to continue at a block): where it continues, and the variables its code
 * certainly assigns before it leaves (the yielded value, a finally's pending completion), which
 * are therefore not live along it.
 */
public record Exit(Block target, Set<Var> kills) {
  public Exit {
    kills = Set.copyOf(kills);
  }

  public static Exit to(Block target) {
    return new Exit(target, Set.of());
  }
}

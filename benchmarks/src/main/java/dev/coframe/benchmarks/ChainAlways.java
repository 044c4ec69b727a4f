package dev.coframe.benchmarks;

import dev.coframe.Coroutine;
import dev.coframe.Elide;
import dev.coframe.Elision;

/**
 * W1's chain (see {@link Chain}) under {@code @Elide(ALWAYS)}: every call embedded, so the chain
 * makes no allocator call (the root comes from the default recycling allocator).
 */
@Elide(Elision.ALWAYS)
final class ChainAlways {
  private ChainAlways() {}

  /**
   * Awaits the chain {@code n} times from a running coroutine: the cost of a call of the chain
   * itself, with no join around it (called directly, it is the plain-Java loop).
   */
  @Coroutine
  static int drive(int n) {
    int sum = 0;
    for (int i = 0; i < n; i++) {
      sum += level1(i);
    }
    return sum;
  }

  @Coroutine
  static int level1(int x) {
    return level2(x);
  }

  @Coroutine
  static int level2(int x) {
    return level3(x);
  }

  @Coroutine
  static int level3(int x) {
    return level4(x);
  }

  @Coroutine
  static int level4(int x) {
    return level5(x);
  }

  @Coroutine
  static int level5(int x) {
    return level6(x);
  }

  @Coroutine
  static int level6(int x) {
    return level7(x);
  }

  @Coroutine
  static int level7(int x) {
    return leaf(x);
  }

  @Coroutine
  static int leaf(int x) {
    return x + 1;
  }
}

package dev.coframe.benchmarks;

import dev.coframe.Coroutine;
import java.util.concurrent.CompletableFuture;

/**
 * W1 (DESIGN §8): a depth-8 chain of eight distinct coroutines, level1 awaits level2 ... awaits
 * the leaf, which returns x + 1 without suspending. The same chain as plain Java methods is direct
 * mode (the limit), and as {@code CompletableFuture}-returning methods a peer.
 */
final class Chain {
  private Chain() {}

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

  static CompletableFuture<Integer> cf1(int x) {
    return cf2(x).thenApply(v -> v);
  }

  static CompletableFuture<Integer> cf2(int x) {
    return cf3(x).thenApply(v -> v);
  }

  static CompletableFuture<Integer> cf3(int x) {
    return cf4(x).thenApply(v -> v);
  }

  static CompletableFuture<Integer> cf4(int x) {
    return cf5(x).thenApply(v -> v);
  }

  static CompletableFuture<Integer> cf5(int x) {
    return cf6(x).thenApply(v -> v);
  }

  static CompletableFuture<Integer> cf6(int x) {
    return cf7(x).thenApply(v -> v);
  }

  static CompletableFuture<Integer> cf7(int x) {
    return cfLeaf(x).thenApply(v -> v);
  }

  static CompletableFuture<Integer> cfLeaf(int x) {
    return CompletableFuture.completedFuture(x + 1);
  }
}

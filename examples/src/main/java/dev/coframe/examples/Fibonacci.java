package dev.coframe.examples;

import dev.coframe.Coroutine;
import dev.coframe.runtime.Generator;
import dev.coframe.runtime.Yield;
import java.util.ArrayList;
import java.util.List;

/** A generator: an endless sequence, produced lazily, one {@code yield} at a time. */
final class Fibonacci {
  private Fibonacci() {}

  /** The Fibonacci numbers below {@code limit}; the body runs only as far as the consumer reads. */
  @Coroutine
  static void fibonacci(long limit, Yield<Long> out) {
    long a = 0;
    long b = 1;
    while (a < limit) {
      out.yield(a);
      long next = a + b;
      a = b;
      b = next;
    }
  }

  static void run() {
    System.out.println("== a generator");
    List<Long> lowered = new ArrayList<>();
    try (Generator<Long> g = FibonacciCoroutines.fibonacci(1_000)) {
      for (long v : g) {
        lowered.add(v);
      }
    }
    List<Long> direct = new ArrayList<>();
    fibonacci(1_000, direct::add);
    Check.same("fibonacci below 1000", lowered, direct);
    try (Generator<Long> g = FibonacciCoroutines.fibonacci(Long.MAX_VALUE)) {
      long sum = 0;
      for (int i = 0; i < 50 && g.hasNext(); i++) {
        sum += g.next();
      }
      System.out.println("sum of the first 50 of an (almost) endless sequence: " + sum);
    }
  }
}

package dev.coframe.examples;

import static dev.coframe.runtime.Co.await;

import dev.coframe.Coroutine;
import dev.coframe.Elision;
import dev.coframe.runtime.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * The two loops of P2477 §5. In {@code example} each child task lives only inside one iteration
 * (its frame could be embedded in the parent's: {@code ALWAYS}); in {@code example2} the tasks
 * outlive the loop that created them, so they must be allocated ({@code NEVER}).
 */
final class P2477Loops {
  private P2477Loops() {}

  /** {@code an_elide_controllable_coroutine}: the caller decides its elision with the last argument. */
  @Coroutine
  static int anElideControllableCoroutine(Elision elision) {
    return 43;
  }

  /** P2477's {@code example}: the task is created and awaited in the same iteration. */
  @Coroutine
  static int example(int count) {
    int sum = 0;
    for (int i = 0; i < count; ++i) {
      Task<Integer> t = P2477LoopsCoroutines.anElideControllableCoroutine(Elision.ALWAYS);
      sum += await(t);
    }
    return sum;
  }

  /** P2477's {@code example2}: every task is kept past the loop and awaited afterwards. */
  @Coroutine
  static int example2(int count) {
    List<Task<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < count; ++i) {
      tasks.add(P2477LoopsCoroutines.anElideControllableCoroutine(Elision.NEVER));
    }
    int sum = 0;
    for (Task<Integer> t : tasks) {
      sum += await(t);
    }
    return sum;
  }

  static void run() {
    System.out.println("== P2477 section 5: the two loops");
    Check.same("example(10)", P2477LoopsCoroutines.example(10).joinInt(), example(10));
    Check.same("example2(10)", P2477LoopsCoroutines.example2(10).joinInt(), example2(10));
  }
}

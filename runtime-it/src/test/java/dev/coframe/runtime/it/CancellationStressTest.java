package dev.coframe.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.coframe.runtime.AllocatorStats;
import dev.coframe.runtime.Launch;
import dev.coframe.runtime.RecyclingAllocator;
import dev.coframe.runtime.Task;
import dev.coframe.runtime.WorkStealingPool;
import dev.coframe.runtime.fixtures.VictimsCoroutines;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stress (issue 16's acceptance): 10,000 tasks on a two-worker pool, each awaiting a timer, futures
 * completed from other threads and a child, cancelled at random points from another thread while
 * the completions race them (seeded: which tasks, and when, are the seed's; the interleaving is the
 * machine's). Every finally runs exactly once for each try entered, every task ends (completed or
 * cancelled, never hung: bounded waits), and every frame is counted back.
 */
class CancellationStressTest {
  private static final int TASKS = 10_000;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(ints = {16, 17, 18})
  void tenThousandTasksCancelledAtRandomPointsRunEveryFinallyOnceAndLeakNothing(int seed) throws Exception {
    Random random = new Random(seed);
    AtomicIntegerArray entered = new AtomicIntegerArray(TASKS);
    AtomicIntegerArray left = new AtomicIntegerArray(TASKS);
    RecyclingAllocator allocator = new RecyclingAllocator();
    List<Task<Integer>> tasks = new ArrayList<>(TASKS);
    List<CompletableFuture<Integer>> futures = new ArrayList<>(2 * TASKS);
    boolean[] cancel = new boolean[TASKS];
    ExecutorService completer = Executors.newSingleThreadExecutor();
    try (WorkStealingPool pool = new WorkStealingPool(2)) {
      for (int i = 0; i < TASKS; i++) {
        int slot = i;
        CompletableFuture<Integer> first = new CompletableFuture<>();
        CompletableFuture<Integer> second = new CompletableFuture<>();
        futures.add(first);
        futures.add(second);
        long sleep = random.nextInt(3);
        tasks.add(Launch.on(pool).with(allocator)
            .start(() -> VictimsCoroutines.victim(slot, sleep, first, second, entered, left)));
        cancel[i] = random.nextInt(3) == 0;
      }
      // the futures complete on another thread, in a seeded order, while this thread cancels a third
      // of the tasks in a seeded order of its own: each cancellation meets its task wherever it is
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        order.add(i);
      }
      java.util.Collections.shuffle(order, random);
      CompletableFuture<Void> completed = CompletableFuture.runAsync(() -> {
        for (int k : order) {
          futures.get(k).complete(k);
        }
      }, completer);
      for (int i = 0; i < TASKS; i++) {
        if (cancel[i]) {
          tasks.get(i).cancel();
        }
      }
      completed.get(60, TimeUnit.SECONDS);
      int cancelled = 0;
      for (int i = 0; i < TASKS; i++) {
        Task<Integer> t = tasks.get(i);
        try {
          int r = t.toCompletableFuture().get(60, TimeUnit.SECONDS);
          assertEquals(2 * i + (2 * i + 1) + 1, r, "task " + i);
        } catch (CancellationException | ExecutionException e) {
          Throwable c = e instanceof ExecutionException ? e.getCause() : e;
          assertTrue(c instanceof CancellationException, "task " + i + ": " + c);
          assertTrue(cancel[i], "task " + i + " was not cancelled, yet: " + c);
          assertTrue(t.isCancelled(), "task " + i);
          cancelled++;
        } catch (TimeoutException e) {
          fail("task " + i + " hung: " + t);
        }
        assertEquals(entered.get(i), left.get(i), "task " + i + ": every try entered had its finally run, once");
      }
      // a cancellation may come after its task completed (then it changes nothing)
      assertTrue(cancelled > 0, "some cancellations met their tasks before they completed");
      System.out.println("seed " + seed + ": " + cancelled + " of " + TASKS + " tasks ended cancelled");
    } finally {
      completer.shutdown();
    }
    AllocatorStats s = allocator.stats();
    assertEquals(0, s.live(), s.toString());
  }
}

package dev.coframe.examples;

import static dev.coframe.runtime.Co.await;

import dev.coframe.Coroutine;
import dev.coframe.runtime.Co;
import dev.coframe.runtime.EventLoop;
import dev.coframe.runtime.Launch;
import dev.coframe.runtime.Task;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An asynchronous pipeline on a single-thread event loop: each stage suspends on a timer or on a
 * {@code CompletableFuture} completed by another thread, and resumes on the loop.
 */
final class Pipeline {
  private Pipeline() {}

  static final ExecutorService BACKEND = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "backend");
    t.setDaemon(true);
    return t;
  });

  /** A "remote" lookup answered by another thread. */
  static CompletableFuture<String> lookup(int id) {
    return CompletableFuture.supplyAsync(() -> "item-" + id, BACKEND);
  }

  @Coroutine
  static String fetch(int id) {
    await(Co.sleep(5 * id));
    String name = await(lookup(id));
    log("fetched " + name);
    return name;
  }

  @Coroutine
  static int price(String name) {
    await(Co.sleep(2));
    return name.length() * 10;
  }

  @Coroutine
  static int checkout(List<Integer> ids) {
    int total = 0;
    for (int id : ids) {
      String name = fetch(id);
      total += price(name);
    }
    log("total " + total);
    return total;
  }

  static void log(String what) {
    System.out.println("  [" + Thread.currentThread().getName() + "] " + what);
  }

  static void run() {
    System.out.println("== an asynchronous pipeline on an event loop");
    int lowered;
    try (EventLoop loop = new EventLoop("loop")) {
      Task<Integer> task = Launch.on(loop).start(() -> PipelineCoroutines.checkout(List.of(1, 2, 3)));
      lowered = task.join();
    }
    System.out.println("and in direct mode, on main:");
    Check.same("checkout", lowered, checkout(List.of(1, 2, 3)));
  }
}

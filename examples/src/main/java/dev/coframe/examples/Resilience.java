package dev.coframe.examples;

import static dev.coframe.runtime.Co.await;

import dev.coframe.Coroutine;
import dev.coframe.runtime.Co;
import dev.coframe.runtime.EventLoop;
import dev.coframe.runtime.Launch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * try/catch/finally, try-with-resources and a switch expression around suspension points: a
 * lookup that checks a key's status, and refreshes a stale one from a flaky remote service with
 * retries, closing a connection per attempt. Every line of the log must come out in the same
 * order whether the body runs lowered on an event loop or as plain Java.
 */
final class Resilience {
  private Resilience() {}

  enum Status { FRESH, STALE, MISSING }

  /** A remote failure: unchecked, so that the direct-mode body compiles as it is. */
  static final class RemoteException extends RuntimeException {
    RemoteException(String message) {
      super(message);
    }
  }

  /** A connection whose closing is logged: try-with-resources closes it on every path. */
  static final class Connection implements AutoCloseable {
    private final String name;
    private final List<String> log;

    Connection(String name, List<String> log) {
      this.name = name;
      this.log = log;
      log.add("open " + name);
    }

    @Override
    public void close() {
      log.add("close " + name);
    }
  }

  /** The remote service, answered by another thread: fails the first {@code failures} attempts. */
  static CompletableFuture<String> remote(String key, int attempt, int failures) {
    return CompletableFuture.supplyAsync(() -> {
      if (attempt < failures) {
        throw new RemoteException(key + ": attempt " + attempt + " timed out");
      }
      return key.toUpperCase();
    }, Pipeline.BACKEND);
  }

  @Coroutine
  static Status status(String key) {
    await(Co.sleep(1));
    return key.isEmpty() ? Status.MISSING : key.length() > 3 ? Status.STALE : Status.FRESH;
  }

  /** Up to three attempts; a failure is logged and retried, the last one propagates. */
  @Coroutine
  static String fetchWithRetry(String key, int failures, List<String> log) {
    for (int attempt = 0; ; attempt++) {
      try (Connection c = new Connection(key + "#" + attempt, log)) {
        return await(remote(key, attempt, failures));
      } catch (RemoteException e) {
        log.add("failed: " + e.getMessage());
        if (attempt == 2) {
          throw e;
        }
      } finally {
        log.add("attempt " + attempt + " over");
      }
    }
  }

  @Coroutine
  static String lookup(String key, int failures, List<String> log) {
    return switch (status(key)) {
      case FRESH -> "cached " + key;
      case STALE -> {
        String value = fetchWithRetry(key, failures, log);
        yield "refreshed " + value;
      }
      case MISSING -> throw new IllegalArgumentException("no key given");
    };
  }

  /** The outcome (result or exception) followed by the log, in order. */
  @FunctionalInterface
  interface Lookup {
    String run(String key, int failures, List<String> log) throws Exception;
  }

  static String outcome(Lookup lookup, String key, int failures) {
    List<String> log = new ArrayList<>();
    String result;
    try {
      result = lookup.run(key, failures, log);
    } catch (Exception e) {
      result = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    return result + "\n      log " + log;
  }

  static void run() {
    System.out.println("== try/catch/finally, try-with-resources and switch around suspension");
    try (EventLoop loop = new EventLoop("loop")) {
      Lookup lowered = (key, failures, log) ->
          Launch.on(loop).start(() -> ResilienceCoroutines.lookup(key, failures, log)).join();
      Check.same("lookup(abc)", outcome(lowered, "abc", 0), outcome(Resilience::lookup, "abc", 0));
      Check.same("lookup(item, 1 failure)", outcome(lowered, "item", 1), outcome(Resilience::lookup, "item", 1));
      Check.same("lookup(item, 3 failures)", outcome(lowered, "item", 3), outcome(Resilience::lookup, "item", 3));
      Check.same("lookup(\"\")", outcome(lowered, "", 0), outcome(Resilience::lookup, "", 0));
    }
  }
}

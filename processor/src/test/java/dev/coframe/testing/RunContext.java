package dev.coframe.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state of one run of a case: its side-effect log, how {@link Sched} values behave, and
 * counters of what the awaitables saw. Installed per thread (the worker thread of a direct or
 * synchronous run, every step of an asynchronous run's event loop), so a run that timed out and
 * left a thread running cannot disturb later runs; {@link #abandon()} makes its next
 * {@link Log#add} or {@link Sched} call throw, which ends most runaway loops.
 */
public final class RunContext {
  /** Thrown into the threads of an abandoned run. */
  public static final class Abandoned extends Error {
    Abandoned() {
      super("this run was abandoned by the harness (timed out)");
    }
  }

  private static final ThreadLocal<RunContext> CURRENT = new ThreadLocal<>();
  /** Used by threads with no installed context (plain unit tests). */
  private static final RunContext DEFAULT = new RunContext(Sched.Mode.SYNC, null);

  final Sched.Mode mode;
  final Executor loop;
  private final List<String> log = new ArrayList<>();
  final AtomicInteger created = new AtomicInteger();
  final AtomicInteger suspended = new AtomicInteger();
  final AtomicInteger results = new AtomicInteger();
  final StringBuffer protocolErrors = new StringBuffer();
  private volatile boolean abandoned;
  private java.util.SplittableRandom choices;

  private RunContext(Sched.Mode mode, Executor loop) {
    this.mode = mode;
    this.loop = loop;
  }

  /** A context whose values are ready at once. */
  public static RunContext sync() {
    return new RunContext(Sched.Mode.SYNC, null);
  }

  /** A context whose values complete later, posted to {@code loop}. */
  public static RunContext async(Executor loop) {
    return new RunContext(Sched.Mode.ASYNC, Objects.requireNonNull(loop));
  }

  /** A context whose values are each ready at once or completed later on {@code loop}, as {@code seed} decides. */
  public static RunContext mixed(Executor loop, long seed) {
    RunContext c = new RunContext(Sched.Mode.MIXED, Objects.requireNonNull(loop));
    c.choices = new java.util.SplittableRandom(seed);
    return c;
  }

  /** Whether the next value is ready when first asked. */
  synchronized boolean readyNow() {
    return mode == Sched.Mode.SYNC || (mode == Sched.Mode.MIXED && choices.nextBoolean());
  }

  /** The context of the calling thread. */
  public static RunContext current() {
    RunContext c = CURRENT.get();
    return c != null ? c : DEFAULT;
  }

  /** Makes this the calling thread's context. */
  public void install() {
    CURRENT.set(this);
  }

  /** Removes the calling thread's context. */
  public static void uninstall() {
    CURRENT.remove();
  }

  public Sched.Mode mode() {
    return mode;
  }

  /** Makes the run's threads fail at their next {@link Log} or {@link Sched} call. */
  public void abandon() {
    abandoned = true;
  }

  void check() {
    if (abandoned) {
      throw new Abandoned();
    }
  }

  synchronized void add(String entry) {
    check();
    if (log.size() >= Log.LIMIT) {
      throw new IllegalStateException("Log overflow: more than " + Log.LIMIT + " entries (runaway loop?)");
    }
    log.add(entry);
  }

  /** The entries so far, cleared. */
  public synchronized List<String> takeLog() {
    List<String> copy = new ArrayList<>(log);
    log.clear();
    return copy;
  }

  /** The awaitables' counters so far. */
  public Sched.Stats stats() {
    return new Sched.Stats(created.get(), suspended.get(), results.get(), protocolErrors.toString());
  }
}

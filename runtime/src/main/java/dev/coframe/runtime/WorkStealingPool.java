package dev.coframe.runtime;

import dev.coframe.runtime.internal.Allocators;
import dev.coframe.runtime.internal.Carrier;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * A work-stealing pool of a fixed number of daemon worker threads, named {@code coframe-worker-1}
 * to {@code coframe-worker-N} in every pool (two pools' threads share names; {@link #toString()}
 * tells the pools apart where it matters, in a rejection's message).
 *
 * <p>Each worker has a <em>slot</em> holding the task it made ready last and a deque of 256 tasks,
 * and all share one <em>injection queue</em>. {@link #execute} called on one of this pool's workers
 * puts the task in that worker's slot and moves the slot's previous task to the deque's LIFO end
 * (to the injection queue if the deque is full); called on any other thread it appends the task to
 * the injection queue. A worker takes, in order: its slot, its deque's LIFO end, the injection
 * queue's head, and last the FIFO end of another worker's deque (stealing, from a random worker
 * on). Two exceptions keep work from starving: one task in every {@value #INJECTION_INTERVAL} a
 * worker takes is the injection queue's head if it has one, so work from outside runs however much
 * local work there is; and after {@value #SLOT_RUN_LIMIT} tasks in a row from the slot (two tasks
 * that keep waking each other) the worker takes from its deque, then the injection queue, before
 * the slot again. A task in a slot is never stolen: it waits for its worker to finish the task that
 * is running.
 *
 * <p>So on a pool of one worker the order is exact: when a task submits A, then B, then C, the
 * worker runs C, B, A next (the slot, then the deque's LIFO end), then the tasks submitted from
 * outside, in submission order, as long as neither exception applies (fewer than {@value
 * #INJECTION_INTERVAL} tasks taken since the worker started or last applied the first, fewer than
 * {@value #SLOT_RUN_LIMIT} in a row from its slot) and its deque does not overflow.
 *
 * <p>A worker that finds no task spins briefly, then parks. A task added where another worker can
 * take it (a deque or the injection queue, not a slot) wakes one parked worker if any is parked,
 * never all. A task that throws has its exception passed to its worker thread's
 * uncaught-exception handler, and the worker goes on with the next task (an exception thrown by the
 * handler itself is dropped). A task that leaves its worker interrupted has the interrupt cleared
 * before the next task runs.
 */
public final class WorkStealingPool implements Executor, AutoCloseable {
  /** Most workers a pool can have: worker indices share a 64-bit control word with other fields. */
  static final int MAX_PARALLELISM = 0x7fff;
  /** Every this many tasks a worker takes, it looks at the injection queue first (prime, as Go's). */
  static final int INJECTION_INTERVAL = 61;
  /** Tasks a worker takes from its slot in a row before it looks at its queues first. */
  static final int SLOT_RUN_LIMIT = 16;
  /** Looks for work a worker makes, with {@link Thread#onSpinWait()} between, before it parks. */
  private static final int SPINS = 64;

  // ctl, one 64-bit word changed by compare-and-set: the stack of parked workers (a Treiber stack
  // threaded through Worker.nextIdle), how many are on it, and a version bumped by every change
  // (for the stack's ABA, and so a quiescence check can tell nothing moved while it looked).
  private static final long TOP_MASK = 0xFFFFL; // index + 1 of the stack's top worker; 0: empty
  private static final long COUNT_UNIT = 1L << 16;
  private static final long COUNT_MASK = 0xFFFFL << 16; // workers on the stack
  private static final long VERSION_UNIT = 1L << 32;
  private static final long VERSION_MASK = ~0xFFFF_FFFFL;

  // runState: CLOSED once close() is called, plus a count of outside submitters between their
  // check of CLOSED and the task being in the injection queue (so none can add a task after the
  // pool decided it was finished).
  private static final int CLOSED = 1 << 31;

  private static final VarHandle CTL;
  private static final VarHandle RUN_STATE;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      CTL = lookup.findVarHandle(WorkStealingPool.class, "ctl", long.class);
      RUN_STATE = lookup.findVarHandle(WorkStealingPool.class, "runState", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Worker[] workers;
  private final ConcurrentLinkedQueue<Runnable> injection = new ConcurrentLinkedQueue<>();
  private final boolean shared;
  private volatile long ctl;
  private volatile int runState;
  /** Set once, when the pool is closed and every worker is parked with every queue empty. */
  private volatile boolean terminated;

  /**
   * Starts a pool of {@code parallelism} worker threads, returning once they are started (not
   * waiting for them to run).
   *
   * @throws IllegalArgumentException if {@code parallelism} is below 1 or above 32767
   */
  public WorkStealingPool(int parallelism) {
    this(parallelism, false);
  }

  private WorkStealingPool(int parallelism, boolean shared) {
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new IllegalArgumentException(
          "parallelism " + parallelism + " is not between 1 and " + MAX_PARALLELISM);
    }
    this.shared = shared;
    workers = new Worker[parallelism];
    for (int i = 0; i < parallelism; i++) {
      workers[i] = new Worker(this, i);
    }
    for (Worker w : workers) { // last: a worker may look at every other worker at once
      w.start();
    }
  }

  private static final class Common {
    static final WorkStealingPool POOL =
        new WorkStealingPool(Runtime.getRuntime().availableProcessors(), true);
  }

  /**
   * The pool shared by the whole JVM, made by the first call (which starts its threads; later calls
   * only read it), with one worker per processor {@link Runtime#availableProcessors()} counted
   * then. Its {@link #close()} throws rather than
   * doing nothing (as {@code ForkJoinPool.commonPool()}'s {@code shutdown()} does): this pool's
   * {@code close()} promises that queued work ran and the workers stopped, and a silent no-op would
   * break that promise for whoever relied on it (a {@code try}-with-resources around it, say).
   */
  public static WorkStealingPool common() {
    return Common.POOL;
  }

  /** The pool whose worker is the calling thread, or null on any other thread. */
  static WorkStealingPool current() {
    return Thread.currentThread() instanceof Worker w ? w.pool : null;
  }

  /** The calling thread as this pool's worker, or null if it is not one. */
  private Worker currentWorker() {
    return Thread.currentThread() instanceof Worker w && w.pool == this ? w : null;
  }

  /**
   * Runs {@code task} once on one of the workers; never blocks. On this pool's worker the task goes
   * to that worker's slot, so that worker runs it when the running task returns, before its other
   * work; from any other thread it joins the injection queue's tail, which workers take in
   * submission order (the class description gives the whole order).
   *
   * @throws RejectedExecutionException if this pool was closed and the caller is not one of its
   *     workers (a worker's submission while the pool drains runs); the message names the pool
   * @throws NullPointerException if {@code task} is null
   */
  @Override
  public void execute(Runnable task) {
    Worker w = workerElseSubmit(task);
    if (w == null) {
      return;
    }
    Runnable previous = w.slot;
    w.slot = task;
    if (previous != null) {
      queueLocally(w, previous);
      signalIfParked();
    }
  }

  /**
   * Queues {@code task} behind the work already queued where the caller would see it, for {@code
   * Co.yieldNow()}: on this pool's worker, the slot's task moves to the deque's LIFO end (it runs
   * first) and {@code task} goes to the FIFO end, so the worker runs it after its other local work
   * and a thief takes it first (to the injection queue's tail if the deque is full); from any other
   * thread, the injection queue's tail. Never blocks; rejects as {@link #execute} does.
   */
  void executeBehind(Runnable task) {
    Worker w = workerElseSubmit(task);
    if (w == null) {
      return;
    }
    Runnable previous = w.slot;
    boolean overflowed = false;
    if (previous != null) {
      w.slot = null;
      overflowed = !queueLocally(w, previous);
    }
    // behind the slot's task even if a thief made room meanwhile
    if (overflowed || !w.deque.pushFront(task)) {
      injection.offer(task);
    }
    signalIfParked();
  }

  /** The calling thread as this pool's worker; on any other thread, submits {@code task} and null. */
  private Worker workerElseSubmit(Runnable task) {
    Objects.requireNonNull(task, "task");
    Worker w = currentWorker();
    if (w == null) {
      submitFromOutside(task);
    }
    return w;
  }

  /** Pushes {@code r} at {@code w}'s deque's LIFO end; if it is full, the injection queue's tail and false. */
  private boolean queueLocally(Worker w, Runnable r) {
    if (w.deque.push(r)) {
      return true;
    }
    injection.offer(r);
    return false;
  }

  private void submitFromOutside(Runnable task) {
    boolean closed = ((int) RUN_STATE.getAndAdd(this, 1) & CLOSED) != 0;
    try {
      if (closed) {
        throw new RejectedExecutionException(this + " is closed");
      }
      injection.offer(task);
      signalIfParked();
    } finally {
      if ((int) RUN_STATE.getAndAdd(this, -1) == (CLOSED | 1)) {
        tryTerminate(); // the closed pool may have been waiting for this submitter alone
      }
    }
  }

  // ---- parking ---------------------------------------------------------------------------------
  //
  // No lost wake-up. A submitter publishes its task (a volatile write of a deque's bottom, or the
  // injection queue's compare-and-set), then reads ctl (signalIfParked). A worker about to park
  // pushes itself onto ctl's stack by compare-and-set, then reads every queue again (rescan in
  // awaitWork) and parks only if all are empty. All four are volatile accesses, so they fall in one
  // total order: either the task's publication comes before the worker's rescan, which then sees
  // it, or the worker's push comes before the submitter's read of ctl, which then sees a non-empty
  // stack and wakes the worker on top. A worker woken (popped) reads every queue after its pop,
  // which follows the publication, so it finds the task unless some running worker took it. And if
  // the submitter saw an empty stack, no worker was parked or parking: each one still running reads
  // every queue after that moment before it may park. So a published task is always taken by a
  // worker that is running or is woken for it. A worker whose rescan finds work wakes the stack's
  // top (usually itself) instead of leaving the stack, which a Treiber stack cannot do from inside.

  private void signalIfParked() {
    if ((ctl & TOP_MASK) != 0) {
      signal();
    }
  }

  /** Pops the most recently parked worker, if any, and wakes it. */
  private void signal() {
    for (;;) {
      long c = ctl;
      int top = (int) (c & TOP_MASK);
      if (top == 0) {
        return;
      }
      Worker w = workers[top - 1];
      long next = ((c & VERSION_MASK) + VERSION_UNIT) | ((c - COUNT_UNIT) & COUNT_MASK) | w.nextIdle;
      if (CTL.compareAndSet(this, c, next)) {
        w.idle = false;
        LockSupport.unpark(w);
        return;
      }
    }
  }

  /** Parks {@code w} until a task may be there for it; false once the pool has terminated. */
  private boolean awaitWork(Worker w) {
    for (int i = 0; i < SPINS; i++) {
      if (hasWork()) {
        return true;
      }
      Thread.onSpinWait();
    }
    w.deque.clearIfEmpty();
    w.idle = true;
    long c;
    do {
      c = ctl;
      w.nextIdle = (int) (c & TOP_MASK);
    } while (!CTL.compareAndSet(this, c,
        ((c & VERSION_MASK) + VERSION_UNIT) | ((c + COUNT_UNIT) & COUNT_MASK) | (w.index + 1)));
    if (hasWork()) {
      signal();
    } else if (runState < 0) { // CLOSED is the sign bit
      tryTerminate();
    }
    while (w.idle) {
      if (terminated) {
        return false;
      }
      Thread.interrupted(); // a pending interrupt would make park return at once, forever
      LockSupport.park(this);
    }
    return true;
  }

  private boolean hasWork() {
    if (!injection.isEmpty()) {
      return true;
    }
    for (Worker v : workers) {
      if (!v.deque.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Ends the workers if the pool is closed, no submitter from outside is between its check and its
   * queue write, every worker is parked and every queue is empty. Parked workers run nothing and
   * the closed pool takes nothing new from outside, so the queues cannot change while this looks;
   * the version read before and after shows no worker was woken meanwhile.
   */
  private void tryTerminate() {
    long c = ctl;
    if ((int) ((c & COUNT_MASK) >>> 16) == workers.length
        && runState == CLOSED
        && !hasWork()
        && ctl == c) {
      terminated = true;
      for (Worker w : workers) {
        LockSupport.unpark(w);
      }
    }
  }

  // ---- the workers -----------------------------------------------------------------------------

  private void work(Worker w) {
    for (;;) {
      Runnable task = next(w);
      if (task == null) {
        if (!awaitWork(w)) {
          return;
        }
        continue;
      }
      if (--w.untilInjection == 0) { // counts tasks taken, not looks that found none
        w.untilInjection = INJECTION_INTERVAL;
      }
      Thread.interrupted();
      try {
        task.run();
      } catch (Throwable t) {
        try {
          w.getUncaughtExceptionHandler().uncaughtException(w, t);
        } catch (Throwable ignored) {
          // the handler failed too; the worker must go on
        }
      }
    }
  }

  /** The next task for {@code w} in the order the class description gives, or null if none. */
  private Runnable next(Worker w) {
    Runnable r;
    if (w.untilInjection == 1 && (r = injection.poll()) != null) { // this is the 61st task
      w.slotRuns = 0;
      return r;
    }
    r = w.slot;
    if (r != null && w.slotRuns < SLOT_RUN_LIMIT) {
      w.slot = null;
      w.slotRuns++;
      return r;
    }
    w.slotRuns = 0;
    if ((r = w.deque.pop()) != null || (r = injection.poll()) != null) {
      return r;
    }
    if ((r = w.slot) != null) { // the slot's run was cut short and nothing else was queued
      w.slot = null;
      return r;
    }
    return steal(w);
  }

  private Runnable steal(Worker w) {
    Worker[] ws = workers;
    int n = ws.length;
    if (n == 1) {
      return null;
    }
    int seed = w.seed; // xorshift
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    w.seed = seed;
    int start = (seed & Integer.MAX_VALUE) % n;
    for (int k = 0; k < n; k++) {
      Worker victim = ws[(start + k) % n];
      if (victim != w) {
        Runnable r = victim.deque.steal();
        if (r != null) {
          return r;
        }
      }
    }
    return null;
  }

  private static final class Worker extends Thread implements Carrier {
    final WorkStealingPool pool;
    /** The worker's Coframe entry (its current allocator, its caches), without a thread-local. */
    private final Allocators.PerThread entry = new Allocators.PerThread();
    final int index;
    final WorkDeque deque = new WorkDeque();
    // the owner's alone
    Runnable slot;
    int slotRuns;
    int untilInjection = INJECTION_INTERVAL;
    int seed;
    // parking: idle is cleared by whoever pops this worker off ctl's stack; nextIdle is read by a
    // popper after it read ctl, which this worker wrote after writing nextIdle
    volatile boolean idle;
    int nextIdle;

    Worker(WorkStealingPool pool, int index) {
      // no inherited thread-locals: whichever thread makes the pool (common()'s first caller)
      // would otherwise leak its own into the workers
      super(null, null, "coframe-worker-" + (index + 1), 0, false);
      this.pool = pool;
      this.index = index;
      this.seed = 0x9E3779B9 * (index + 1);
      setDaemon(true);
    }

    @Override
    public Allocators.PerThread coframeEntry() {
      return entry;
    }

    @Override
    public void run() {
      if (Thread.currentThread() != this) {
        throw new IllegalStateException(getName() + " runs only as its own thread");
      }
      pool.work(this);
    }
  }

  // ---- closing ---------------------------------------------------------------------------------

  /**
   * Closes the pool: rejects tasks submitted from outside from now on, runs every task already
   * queued and every task its workers submit meanwhile, then stops the workers, and returns when
   * they have stopped (as {@code ExecutorService.close()}); it blocks until then, and an interrupt
   * does not end the wait (the queued work still runs) but is kept and set again on return. Called
   * again, it waits likewise. Called on one of this pool's workers it does not wait (the worker
   * cannot stop while its task runs): it closes the pool and returns at once, and the workers stop
   * once the work, that task's included, is done.
   *
   * @throws UnsupportedOperationException on {@link #common()}, which is never closed
   */
  @Override
  public void close() {
    if (shared) {
      throw new UnsupportedOperationException(this + " is common(), shared by the JVM: it is never closed");
    }
    int s;
    do {
      s = runState;
    } while ((s & CLOSED) == 0 && !RUN_STATE.compareAndSet(this, s, s | CLOSED));
    tryTerminate(); // every worker may already be parked
    if (currentWorker() != null) {
      return;
    }
    boolean interrupted = false;
    for (Worker w : workers) {
      while (w.isAlive()) {
        try {
          w.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code WorkStealingPool[parallelism=2, workers=coframe-worker-1..2]}. */
  @Override
  public String toString() {
    int n = workers.length;
    return "WorkStealingPool[parallelism=" + n + ", workers=coframe-worker-1" + (n > 1 ? ".." + n : "") + "]";
  }
}

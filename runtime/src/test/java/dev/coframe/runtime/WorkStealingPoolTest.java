package dev.coframe.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link WorkStealingPool}: exactly-once, order, stealing, parking, closing, failures. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkStealingPoolTest {
  private static final long WAIT_SECONDS = 10;

  // ---- helpers ----------------------------------------------------------------------------------

  private static void await(CountDownLatch latch, String what) throws InterruptedException {
    assertTrue(latch.await(WAIT_SECONDS, TimeUnit.SECONDS), what + " did not happen within " + WAIT_SECONDS + " s");
  }

  /** Polls {@code condition}, yielding between looks, for at most {@link #WAIT_SECONDS}. */
  private static void eventually(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail(what + " did not happen within " + WAIT_SECONDS + " s");
      }
      Thread.yield();
    }
  }

  /**
   * The pool's worker threads, found by running {@code n} tasks that wait for each other (so each
   * has a worker of its own); the pool must have {@code n} workers and nothing else running.
   */
  private static List<Thread> workersOf(WorkStealingPool pool, int n) throws InterruptedException {
    CyclicBarrier barrier = new CyclicBarrier(n);
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    CountDownLatch done = new CountDownLatch(n);
    for (int i = 0; i < n; i++) {
      pool.execute(() -> {
        threads.add(Thread.currentThread());
        try {
          barrier.await(WAIT_SECONDS, TimeUnit.SECONDS);
          done.countDown();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
    }
    await(done, n + " tasks meeting on " + n + " workers");
    assertEquals(n, threads.size());
    return new ArrayList<>(threads);
  }

  /** Runs {@code submissions} on a new thread, from outside the pool, and waits for it. */
  private static void submitFromAnotherThread(Runnable submissions) {
    Thread outside = new Thread(submissions);
    outside.start();
    try {
      outside.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    assertFalse(outside.isAlive());
  }

  private static void awaitParked(List<Thread> threads) {
    for (Thread t : threads) {
      eventually(() -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING,
          t.getName() + " parking (state " + t.getState() + ")");
    }
  }

  /** Closes {@code pool} on another thread and waits a bounded time for close() to return. */
  private static void closeWithin(WorkStealingPool pool) throws InterruptedException {
    Thread closer = new Thread(pool::close);
    closer.start();
    closer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    assertFalse(closer.isAlive(), "close() did not return within " + WAIT_SECONDS + " s");
  }

  private static void assertAllOnce(AtomicIntegerArray hits) {
    for (int i = 0; i < hits.length(); i++) {
      if (hits.get(i) != 1) {
        fail("task " + i + " ran " + hits.get(i) + " times");
      }
    }
  }

  /**
   * A node of a tree of {@code leaves} leaves with {@code fanOut} children per inner node, each
   * submitted by its parent (by {@code execute}, or by {@code executeBehind} for every third);
   * leaf {@code i} counts itself in {@code hits[i]} and {@code left}.
   */
  private record FanOut(WorkStealingPool pool, int first, int leaves, int fanOut,
      AtomicIntegerArray hits, LongAdder sum, CountDownLatch left) implements Runnable {
    @Override
    public void run() {
      if (leaves == 1) {
        hits.incrementAndGet(first);
        sum.add(first);
        left.countDown();
        return;
      }
      int per = (leaves + fanOut - 1) / fanOut;
      for (int start = first, k = 0; start < first + leaves; start += per, k++) {
        FanOut child = new FanOut(pool, start, Math.min(per, first + leaves - start), fanOut, hits, sum, left);
        if (k % 3 == 2) {
          pool.executeBehind(child);
        } else {
          pool.execute(child);
        }
      }
    }
  }

  // ---- every task runs exactly once -------------------------------------------------------------

  @Test
  void everyTaskSubmittedFromOutsideRunsExactlyOnce() throws Exception {
    for (int round = 0; round < 3; round++) {
      int perThread = 25_000;
      int threads = 4;
      AtomicIntegerArray hits = new AtomicIntegerArray(perThread * threads);
      WorkStealingPool pool = new WorkStealingPool(2);
      List<Thread> submitters = new ArrayList<>();
      for (int k = 0; k < threads; k++) {
        int base = k * perThread;
        Thread t = new Thread(() -> {
          for (int i = 0; i < perThread; i++) {
            int id = base + i;
            pool.execute(() -> hits.incrementAndGet(id));
          }
        });
        submitters.add(t);
        t.start();
      }
      for (Thread t : submitters) {
        t.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertFalse(t.isAlive());
      }
      pool.close(); // runs everything queued
      assertAllOnce(hits);
    }
  }

  @Test
  void aRecursiveFanOutTo100000LeavesRunsEveryLeafExactlyOnce() throws Exception {
    int leaves = 100_000;
    try (WorkStealingPool pool = new WorkStealingPool(2)) {
      for (int round = 0; round < 3; round++) {
        AtomicIntegerArray hits = new AtomicIntegerArray(leaves);
        LongAdder sum = new LongAdder();
        CountDownLatch left = new CountDownLatch(leaves);
        pool.execute(new FanOut(pool, 0, leaves, 10, hits, sum, left));
        await(left, "every leaf");
        assertEquals((long) leaves * (leaves - 1) / 2, sum.sum());
        assertAllOnce(hits);
      }
    }
  }

  /**
   * Trees started from four outside threads at once, fanning out by {@code execute} and {@code
   * executeBehind}, with inner nodes of 3,000 children that overflow a worker's deque into the
   * injection queue.
   */
  @Test
  void outsideAndWorkerSubmissionsMixedAndOverflowingRunExactlyOnce() throws Exception {
    int trees = 40;
    int leavesPerTree = 6_000;
    AtomicIntegerArray hits = new AtomicIntegerArray(trees * leavesPerTree);
    LongAdder sum = new LongAdder();
    CountDownLatch left = new CountDownLatch(trees * leavesPerTree);
    try (WorkStealingPool pool = new WorkStealingPool(2)) {
      List<Thread> submitters = new ArrayList<>();
      for (int k = 0; k < 4; k++) {
        int firstTree = k * (trees / 4);
        Thread t = new Thread(() -> {
          for (int tree = firstTree; tree < firstTree + trees / 4; tree++) {
            int fanOut = tree % 2 == 0 ? 3_000 : 7;
            pool.execute(new FanOut(pool, tree * leavesPerTree, leavesPerTree, fanOut, hits, sum, left));
          }
        });
        submitters.add(t);
        t.start();
      }
      for (Thread t : submitters) {
        t.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
      }
      await(left, "every leaf");
    }
    assertAllOnce(hits);
  }

  // ---- order ------------------------------------------------------------------------------------

  @Test
  void onOneWorkerTheTaskMadeReadyLastRunsFirst() throws Exception {
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    try (WorkStealingPool pool = new WorkStealingPool(1)) {
      pool.execute(() -> {
        pool.execute(() -> log.add("A"));
        pool.execute(() -> log.add("B"));
      });
    }
    assertEquals(List.of("B", "A"), log);
  }

  /**
   * The order the class javadoc promises, on one worker: the slot, the deque's LIFO end, a behind
   * task at its FIFO end, then what came from outside in submission order.
   */
  @Test
  void onOneWorkerLocalWorkRunsFirstThenBehindThenOutsideWorkInOrder() throws Exception {
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch submitted = new CountDownLatch(1);
    try (WorkStealingPool pool = new WorkStealingPool(1)) {
      pool.execute(() -> {
        log.add("T");
        submitFromAnotherThread(() -> {
          pool.execute(() -> log.add("X1"));
          pool.executeBehind(() -> log.add("X2")); // from outside: the injection queue's tail
        });
        submitted.countDown();
        pool.execute(() -> log.add("A"));
        pool.execute(() -> log.add("B"));
        pool.execute(() -> log.add("C")); // in the slot
        pool.executeBehind(() -> log.add("Y")); // C to the deque first, Y behind A
      });
      await(submitted, "the submissions from outside"); // before close() rejects them
    }
    assertEquals(List.of("T", "C", "B", "A", "Y", "X1", "X2"), log);
  }

  /** However much local work there is, the injection queue's head is taken every 61st task. */
  @Test
  void outsideWorkGetsATurnThoughLocalWorkNeverRunsOut() throws Exception {
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    int rounds = 3 * WorkStealingPool.INJECTION_INTERVAL;
    try (WorkStealingPool pool = new WorkStealingPool(1)) {
      Runnable[] self = new Runnable[1];
      self[0] = () -> {
        log.add("S");
        if (log.size() < rounds) {
          pool.executeBehind(self[0]); // behind the local work: never the slot
        }
      };
      CountDownLatch submitted = new CountDownLatch(1);
      pool.execute(() -> { // the worker's task 1
        log.add("T");
        submitFromAnotherThread(() -> pool.execute(() -> log.add("X")));
        submitted.countDown();
        pool.executeBehind(self[0]);
      });
      await(submitted, "the submission from outside");
    }
    assertEquals(WorkStealingPool.INJECTION_INTERVAL - 1, log.indexOf("X"), log.toString()); // task 61
  }

  /** Two tasks that keep making each other ready hold the slot at most 16 times in a row. */
  @Test
  void tasksPingPongingThroughTheSlotLetQueuedWorkRun() throws Exception {
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    try (WorkStealingPool pool = new WorkStealingPool(1)) {
      Runnable[] ping = new Runnable[2];
      for (int k = 0; k < 2; k++) {
        String name = k == 0 ? "P" : "Q";
        int other = 1 - k;
        ping[k] = () -> {
          log.add(name);
          if (log.size() < 40) {
            pool.execute(ping[other]);
          }
        };
      }
      pool.execute(() -> {
        log.add("T");
        pool.execute(() -> log.add("D"));
        pool.execute(ping[0]); // D moves to the deque
      });
    }
    assertEquals(WorkStealingPool.SLOT_RUN_LIMIT + 1, log.indexOf("D"), log.toString());
    assertEquals(40, log.size());
  }

  // ---- stealing -----------------------------------------------------------------------------------

  /**
   * A task queues 100 children on its worker and waits until one runs elsewhere: only a steal by
   * the other worker can run it. The child left in the slot is never stolen.
   */
  @Test
  void anIdleWorkerStealsFromABusyOnesDequeButNotItsSlot() throws Exception {
    int children = 100;
    Map<Integer, String> ranOn = new ConcurrentHashMap<>();
    AtomicIntegerArray hits = new AtomicIntegerArray(children);
    CountDownLatch stolen = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(children);
    AtomicReference<String> producer = new AtomicReference<>();
    AtomicReference<Boolean> sawSteal = new AtomicReference<>();
    try (WorkStealingPool pool = new WorkStealingPool(2)) {
      pool.execute(() -> {
        Thread me = Thread.currentThread();
        producer.set(me.getName());
        for (int i = 0; i < children; i++) {
          int id = i;
          pool.execute(() -> {
            hits.incrementAndGet(id);
            ranOn.put(id, Thread.currentThread().getName());
            if (Thread.currentThread() != me) {
              stolen.countDown();
            }
            done.countDown();
          });
        }
        try {
          sawSteal.set(stolen.await(WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      });
      await(done, "every child");
    }
    assertTrue(sawSteal.get(), "no child ran while its producer's worker was busy");
    assertAllOnce(hits);
    assertEquals(Set.of("coframe-worker-1", "coframe-worker-2"), new HashSet<>(ranOn.values()));
    assertEquals(producer.get(), ranOn.get(children - 1), "the slot's child ran on another worker");
  }

  // ---- parking --------------------------------------------------------------------------------------

  @Test
  void idleWorkersParkAndNewWorkWakesThem() throws Exception {
    try (WorkStealingPool pool = new WorkStealingPool(2)) {
      List<Thread> workers = workersOf(pool, 2);
      awaitParked(workers);
      CountDownLatch ran = new CountDownLatch(1);
      pool.execute(ran::countDown);
      await(ran, "a task submitted to a parked pool");
      awaitParked(workers);
      workersOf(pool, 2); // both must wake: each task waits for the other
      awaitParked(workers);
    }
  }

  @Test
  void aWorkerLeftInterruptedByATaskStillParksAndTheNextTaskIsNotInterrupted() throws Exception {
    try (WorkStealingPool pool = new WorkStealingPool(1)) {
      List<Thread> worker = workersOf(pool, 1);
      pool.execute(() -> Thread.currentThread().interrupt());
      awaitParked(worker);
      // park reports WAITING even when it returns at once, so the parked state alone does not
      // show the worker is not spinning on park; a cleared interrupt does
      assertFalse(worker.get(0).isInterrupted(), "parked with the interrupt set: park returns at once");
      AtomicReference<Boolean> interrupted = new AtomicReference<>();
      CountDownLatch ran = new CountDownLatch(1);
      pool.execute(() -> {
        interrupted.set(Thread.currentThread().isInterrupted());
        ran.countDown();
      });
      await(ran, "the next task");
      assertFalse(interrupted.get());
    }
  }

  /**
   * Wake-ups raced many times: a task from outside while the workers are anywhere between running
   * and parked; and a worker's task queued on its deque while the worker blocks, so only the other
   * worker, woken by that push, can run it. A lost wake-up is a 10 s timeout.
   */
  @Test
  void noWakeUpIsLostOverManyRounds() throws Exception {
    try (WorkStealingPool pool = new WorkStealingPool(2)) {
      List<Thread> workers = workersOf(pool, 2);
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int round = 0; round < 20_000; round++) {
        if (round % 1_000 == 0) {
          awaitParked(workers);
        } else { // a gap of 0 to 60 us: the task lands anywhere in the workers' spin, announce, park
          long until = System.nanoTime() + random.nextInt(60_000);
          while (System.nanoTime() - until < 0) {
            Thread.onSpinWait();
          }
        }
        CountDownLatch ran = new CountDownLatch(1);
        pool.execute(ran::countDown);
        await(ran, "round " + round + "'s task from outside");
      }
      for (int round = 0; round < 3_000; round++) {
        CountDownLatch stolen = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Boolean> ok = new AtomicReference<>();
        pool.execute(() -> {
          pool.execute(stolen::countDown);
          pool.execute(() -> {}); // moves the first to the deque, which wakes the other worker
          try {
            ok.set(stolen.await(WAIT_SECONDS, TimeUnit.SECONDS));
          } catch (InterruptedException e) {
            ok.set(false);
          }
          done.countDown();
        });
        await(done, "round " + round);
        assertTrue(ok.get(), "round " + round + ": the other worker never took the pushed task");
      }
    }
  }

  // ---- closing --------------------------------------------------------------------------------------

  /**
   * close() is called while the only worker is held; the queued tasks, and the tasks they submit
   * from the worker while the pool drains, all run before close() returns.
   */
  @Test
  void closeRunsTheQueuedWorkAndWhatWorkersSubmitWhileDraining() throws Exception {
    int queued = 1_000;
    AtomicIntegerArray hits = new AtomicIntegerArray(2 * queued + 1);
    CountDownLatch release = new CountDownLatch(1);
    WorkStealingPool pool = new WorkStealingPool(1);
    pool.execute(() -> {
      try {
        release.await(WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      pool.execute(() -> hits.incrementAndGet(2 * queued));
    });
    for (int i = 0; i < queued; i++) {
      int id = i;
      pool.execute(() -> {
        hits.incrementAndGet(id);
        pool.execute(() -> hits.incrementAndGet(queued + id));
      });
    }
    Thread releaser = new Thread(() -> { // releases the worker once close() has begun
      eventually(() -> {
        try {
          pool.execute(() -> {});
          return false;
        } catch (RejectedExecutionException e) {
          return true;
        }
      }, "close() to begin");
      release.countDown();
    });
    releaser.start();
    pool.close();
    assertAllOnce(hits);
    releaser.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
  }

  /**
   * Outside threads submit until rejected while the pool closes, over many rounds: every
   * submission is either rejected or runs before close() returns, never lost in between.
   */
  @Test
  void closeRacingOutsideSubmittersRunsEveryTaskItAccepted() throws Exception {
    for (int round = 0; round < 200; round++) {
      WorkStealingPool pool = new WorkStealingPool(2);
      AtomicInteger accepted = new AtomicInteger();
      AtomicInteger ran = new AtomicInteger();
      CountDownLatch started = new CountDownLatch(2);
      List<Thread> submitters = new ArrayList<>();
      for (int k = 0; k < 2; k++) {
        Thread t = new Thread(() -> {
          started.countDown();
          try {
            for (;;) {
              pool.execute(ran::incrementAndGet);
              accepted.incrementAndGet();
            }
          } catch (RejectedExecutionException expected) {
            // closed
          }
        });
        submitters.add(t);
        t.start();
      }
      await(started, "the submitters");
      if (round % 2 == 0) {
        Thread.yield(); // let the submitters get going; else close at once
      }
      pool.close();
      int ranAtClose = ran.get();
      for (Thread t : submitters) {
        t.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertFalse(t.isAlive());
      }
      assertEquals(accepted.get(), ranAtClose, "round " + round);
    }
  }

  @Test
  void executeAfterCloseIsRejectedNamingThePool() {
    WorkStealingPool pool = new WorkStealingPool(2);
    pool.close();
    RejectedExecutionException e = assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> {}));
    assertEquals("WorkStealingPool[parallelism=2, workers=coframe-worker-1..2] is closed", e.getMessage());
    assertThrows(RejectedExecutionException.class, () -> pool.executeBehind(() -> {}));
  }

  @Test
  void closeTwiceAndFromTwoThreadsAtOnceReturns() throws Exception {
    WorkStealingPool pool = new WorkStealingPool(2);
    List<Thread> workers = workersOf(pool, 2);
    Thread other = new Thread(pool::close);
    other.start();
    pool.close();
    other.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    assertFalse(other.isAlive());
    pool.close();
    for (Thread w : workers) {
      assertFalse(w.isAlive());
    }
  }

  /**
   * close() on a worker returns at once; that task's later submission still runs; the workers stop
   * when it is done, and close() from outside then waits for that.
   */
  @Test
  void closeFromAWorkerReturnsAndTheWorkersStopAfterTheWork() throws Exception {
    WorkStealingPool pool = new WorkStealingPool(2);
    List<Thread> workers = workersOf(pool, 2);
    CountDownLatch closed = new CountDownLatch(1);
    CountDownLatch child = new CountDownLatch(1);
    pool.execute(() -> {
      pool.close();
      closed.countDown();
      pool.execute(child::countDown);
    });
    await(closed, "close() on a worker returning");
    await(child, "the closing task's child");
    assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> {}));
    for (Thread w : workers) {
      w.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
      assertFalse(w.isAlive(), w.getName() + " still runs");
    }
    pool.close();
  }

  @Test
  void workersAreDaemonsNamedPerPoolAndAllEndAtClose() throws Exception {
    WorkStealingPool pool = new WorkStealingPool(3);
    List<Thread> workers = workersOf(pool, 3);
    Set<String> names = new HashSet<>();
    for (Thread w : workers) {
      assertTrue(w.isDaemon(), w.getName());
      names.add(w.getName());
    }
    assertEquals(Set.of("coframe-worker-1", "coframe-worker-2", "coframe-worker-3"), names);
    assertEquals("WorkStealingPool[parallelism=3, workers=coframe-worker-1..3]", pool.toString());
    awaitParked(workers); // nothing left to do: close() itself must see the pool is finished
    closeWithin(pool);
    Set<Thread> live = Thread.getAllStackTraces().keySet();
    for (Thread w : workers) {
      assertFalse(w.isAlive(), w.getName());
      assertFalse(live.contains(w), w.getName());
    }
  }

  // ---- failures, the shared pool, the hooks ---------------------------------------------------------

  @Test
  void aThrowingTaskReachesItsWorkersHandlerAndTheWorkerGoesOn() throws Exception {
    LinkedBlockingQueue<Object> reported = new LinkedBlockingQueue<>();
    AtomicReference<Thread> worker = new AtomicReference<>();
    AtomicReference<Thread> after = new AtomicReference<>();
    CountDownLatch ran = new CountDownLatch(1);
    IllegalStateException boom = new IllegalStateException("boom");
    try (WorkStealingPool pool = new WorkStealingPool(1)) {
      pool.execute(() -> {
        worker.set(Thread.currentThread());
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> {
          reported.add(t);
          reported.add(e);
        });
      });
      pool.execute(() -> {
        throw boom;
      });
      pool.execute(() -> Thread.currentThread().setUncaughtExceptionHandler((t, e) -> {
        throw new IllegalArgumentException("the handler fails too");
      }));
      pool.execute(() -> {
        throw new IllegalStateException("second");
      });
      pool.execute(() -> {
        after.set(Thread.currentThread());
        ran.countDown();
      });
      await(ran, "the task after two failures");
    }
    assertSame(worker.get(), reported.poll(WAIT_SECONDS, TimeUnit.SECONDS));
    assertSame(boom, reported.poll(WAIT_SECONDS, TimeUnit.SECONDS));
    assertNull(reported.poll());
    assertSame(worker.get(), after.get());
  }

  @Test
  void commonIsOneSharedPoolWithAWorkerPerProcessorThatCannotBeClosed() throws Exception {
    WorkStealingPool common = WorkStealingPool.common();
    assertSame(common, WorkStealingPool.common());
    int n = Runtime.getRuntime().availableProcessors();
    assertTrue(common.toString().startsWith("WorkStealingPool[parallelism=" + n + ", "), common.toString());
    Set<String> names = new HashSet<>();
    for (Thread w : workersOf(common, n)) {
      assertTrue(w.isDaemon());
      names.add(w.getName());
    }
    Set<String> expected = new HashSet<>();
    for (int i = 1; i <= n; i++) {
      expected.add("coframe-worker-" + i);
    }
    assertEquals(expected, names);
    assertThrows(UnsupportedOperationException.class, common::close);
    CountDownLatch ran = new CountDownLatch(1);
    common.execute(ran::countDown);
    await(ran, "a task on common() after close() was refused");
  }

  @Test
  void parallelismIsBetweenOneAnd32767AndTasksAreNotNull() {
    assertThrows(IllegalArgumentException.class, () -> new WorkStealingPool(0));
    assertThrows(IllegalArgumentException.class, () -> new WorkStealingPool(-1));
    assertThrows(IllegalArgumentException.class, () -> new WorkStealingPool(WorkStealingPool.MAX_PARALLELISM + 1));
    try (WorkStealingPool pool = new WorkStealingPool(1)) {
      assertEquals("WorkStealingPool[parallelism=1, workers=coframe-worker-1]", pool.toString());
      assertThrows(NullPointerException.class, () -> pool.execute(null));
      assertThrows(NullPointerException.class, () -> pool.executeBehind(null));
    }
  }

  /** current() names the calling worker's pool; a worker of another pool submits as an outsider. */
  @Test
  void currentIsTheCallingWorkersPoolAndAnotherPoolsWorkerIsOutside() throws Exception {
    assertNull(WorkStealingPool.current());
    WorkStealingPool a = new WorkStealingPool(1);
    AtomicReference<Object> seen = new AtomicReference<>();
    AtomicReference<Throwable> rejected = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    try (WorkStealingPool b = new WorkStealingPool(1)) {
      a.close();
      b.execute(() -> {
        seen.set(WorkStealingPool.current());
        try {
          a.execute(() -> {});
        } catch (RejectedExecutionException e) {
          rejected.set(e);
        }
        done.countDown();
      });
      await(done, "the task on b");
      assertSame(b, seen.get());
    }
    assertTrue(rejected.get() instanceof RejectedExecutionException, "a's closed pool took b's worker's task");
    CountDownLatch onA = new CountDownLatch(1);
    try (WorkStealingPool c = new WorkStealingPool(1)) {
      c.execute(() -> {
        seen.set(WorkStealingPool.current());
        onA.countDown();
      });
      await(onA, "the task on c");
      assertSame(c, seen.get());
    }
  }
}

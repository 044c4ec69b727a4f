package dev.coframe.benchmarks;

import dev.coframe.runtime.WorkStealingPool;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Executors under a fan-out of plain runnables, skynet's shape without coroutines: one op is a tree
 * of fan-out 10 down to 1,000,000 leaves (1,111,111 tasks), each inner node submitting its
 * children to the executor and the last child to finish completing its parent through the parent's
 * counter; leaf {@code i} yields {@code i}, so the root's sum is 499999500000. Each executor has
 * two threads: {@link WorkStealingPool}, {@link ForkJoinPool} given the same runnables by {@code
 * execute} and, as it is meant to be used, by {@link RecursiveTask} fork and join, and a {@link
 * ThreadPoolExecutor} on one shared queue. Run: {@code java -cp ... org.openjdk.jmh.Main
 * PoolBenchmark -prof gc} (B/op counts every thread's allocation, the workers' included).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PoolBenchmark {
  static final int FAN_OUT = 10;
  static final int LEAVES = 1_000_000;
  static final long SUM = (long) LEAVES * (LEAVES - 1) / 2;
  private static final int THREADS = 2;

  private WorkStealingPool workStealing;
  private ForkJoinPool forkJoin;
  private ThreadPoolExecutor threadPool;

  @Setup
  public void start() {
    workStealing = new WorkStealingPool(THREADS);
    forkJoin = new ForkJoinPool(THREADS);
    threadPool = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    check("WorkStealingPool", tree(workStealing));
    check("ForkJoinPool.execute", tree(forkJoin));
    check("RecursiveTask", forkJoin.invoke(new Sum(0, LEAVES)));
    check("ThreadPoolExecutor", tree(threadPool));
  }

  private static void check(String what, long sum) {
    if (sum != SUM) {
      throw new AssertionError(what + " summed " + sum + ", not " + SUM);
    }
  }

  @TearDown
  public void stop() throws InterruptedException {
    workStealing.close();
    forkJoin.shutdown(); // ExecutorService.close() is JDK 19's
    threadPool.shutdown();
    forkJoin.awaitTermination(10, TimeUnit.SECONDS);
    threadPool.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Benchmark
  public long workStealingPool() {
    return tree(workStealing);
  }

  @Benchmark
  public long forkJoinPoolExecute() {
    return tree(forkJoin);
  }

  @Benchmark
  public long forkJoinPoolRecursiveTask() {
    return forkJoin.invoke(new Sum(0, LEAVES));
  }

  @Benchmark
  public long threadPoolExecutor() {
    return tree(threadPool);
  }

  /** Runs one tree on {@code executor}, submitting its root from this (outside) thread. */
  static long tree(Executor executor) {
    Root root = new Root(executor);
    executor.execute(root);
    return root.await();
  }

  /** A subtree: a leaf hands its index to its parent; an inner node submits its children. */
  static class Node extends AtomicInteger implements Runnable { // the count of children not done
    private static final AtomicLongFieldUpdater<Node> CHILDREN_SUM =
        AtomicLongFieldUpdater.newUpdater(Node.class, "childrenSum");

    private final Executor executor;
    private final Node parent;
    private final int first;
    private final int leaves;
    private volatile long childrenSum;

    Node(Executor executor, Node parent, int first, int leaves) {
      super(leaves == 1 ? 0 : FAN_OUT);
      this.executor = executor;
      this.parent = parent;
      this.first = first;
      this.leaves = leaves;
    }

    @Override
    public void run() {
      if (leaves == 1) {
        parent.childDone(first);
        return;
      }
      int per = leaves / FAN_OUT;
      for (int i = 0; i < FAN_OUT; i++) {
        executor.execute(new Node(executor, this, first + i * per, per));
      }
    }

    private void childDone(long sum) {
      CHILDREN_SUM.getAndAdd(this, sum);
      // the last child reads the sum after every other child's add (each came before its
      // decrement); the total its own add returned may lack a sibling that added later but
      // decremented first
      if (decrementAndGet() == 0) {
        done(childrenSum);
      }
    }

    void done(long total) {
      parent.childDone(total);
    }
  }

  /** The tree's root: its completion wakes the benchmark thread. */
  static final class Root extends Node {
    private final CountDownLatch finished = new CountDownLatch(1);
    private long total;

    Root(Executor executor) {
      super(executor, null, 0, LEAVES);
    }

    @Override
    void done(long total) {
      this.total = total;
      finished.countDown();
    }

    long await() {
      try {
        finished.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return total;
    }
  }

  /** The same tree as fork/join: forks nine children, computes the tenth in place, joins. */
  static final class Sum extends RecursiveTask<Long> {
    private final int first;
    private final int leaves;

    Sum(int first, int leaves) {
      this.first = first;
      this.leaves = leaves;
    }

    @Override
    protected Long compute() {
      if (leaves == 1) {
        return (long) first;
      }
      int per = leaves / FAN_OUT;
      Sum[] forked = new Sum[FAN_OUT - 1];
      for (int i = 0; i < FAN_OUT - 1; i++) {
        forked[i] = new Sum(first + i * per, per);
        forked[i].fork();
      }
      long sum = new Sum(first + (FAN_OUT - 1) * per, per).compute();
      for (int i = FAN_OUT - 2; i >= 0; i--) { // latest fork first: likely still on this deque
        sum += forked[i].join();
      }
      return sum;
    }
  }
}

package dev.coframe.benchmarks;

import dev.coframe.runtime.FrameAllocator;
import dev.coframe.runtime.HeapAllocator;
import dev.coframe.runtime.Launch;
import dev.coframe.runtime.WorkStealingPool;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * W2 (DESIGN §8), skynet: one op is one tree of 1,000,000 leaves, fan-out 10 (1,111,111 tasks),
 * summing to 499999500000, run from this (outside) thread and waited for. Coframe: every node below
 * the root is a member of its parent's {@code Co.all}, on a 2-worker {@link WorkStealingPool}, MAY
 * and NEVER, with the default recycling allocator and with a {@link HeapAllocator}. Peers in the
 * same run: ForkJoin {@code RecursiveTask} (parallelism 2; forks nine, computes the tenth, joins),
 * {@code CompletableFuture} ({@code supplyAsync} per leaf on a ForkJoinPool of 2, {@code allOf}
 * per node), and virtual threads (one per node, JDK 21+; on JDK 17 the benchmark fails with a
 * message). Run: {@code mvn -q -pl benchmarks exec:exec -Djmh.args="SkynetBenchmark -prof gc"}
 * (B/op counts every thread's allocation; divide by 1,111,111 for bytes per task).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SkynetBenchmark {
  static final int LEAVES = PoolBenchmark.LEAVES;
  static final int FAN_OUT = PoolBenchmark.FAN_OUT;
  private static final int THREADS = 2;
  private static final FrameAllocator HEAP = new HeapAllocator();

  private WorkStealingPool pool;
  private ForkJoinPool forkJoin;
  private ExecutorService virtualThreads;

  @Setup
  public void start() throws Throwable {
    pool = new WorkStealingPool(THREADS);
    forkJoin = new ForkJoinPool(THREADS);
    try {
      virtualThreads = (ExecutorService) MethodHandles.publicLookup()
          .findStatic(java.util.concurrent.Executors.class, "newVirtualThreadPerTaskExecutor",
              MethodType.methodType(ExecutorService.class))
          .invoke();
    } catch (NoSuchMethodException e) {
      virtualThreads = null; // JDK 17: no virtual threads
    }
    check("MAY", mayRecycling());
    check("NEVER", neverHeap());
    check("RecursiveTask", recursiveTask());
    check("CompletableFuture", completableFuture());
  }

  private static void check(String what, long sum) {
    if (sum != PoolBenchmark.SUM) {
      throw new AssertionError(what + " summed " + sum + ", not " + PoolBenchmark.SUM);
    }
  }

  @TearDown
  public void stop() throws InterruptedException {
    pool.close();
    forkJoin.shutdown();
    forkJoin.awaitTermination(10, TimeUnit.SECONDS);
    if (virtualThreads != null) {
      virtualThreads.shutdown();
    }
  }

  @Benchmark
  public long mayRecycling() {
    return Launch.on(pool).start(() -> SkynetCoroutines.skynet(0, LEAVES, FAN_OUT)).joinLong();
  }

  @Benchmark
  public long mayHeap() {
    return Launch.on(pool).with(HEAP).start(() -> SkynetCoroutines.skynet(0, LEAVES, FAN_OUT)).joinLong();
  }

  @Benchmark
  public long neverRecycling() {
    return Launch.on(pool).start(() -> SkynetNeverCoroutines.skynet(0, LEAVES, FAN_OUT)).joinLong();
  }

  @Benchmark
  public long neverHeap() {
    return Launch.on(pool).with(HEAP).start(() -> SkynetNeverCoroutines.skynet(0, LEAVES, FAN_OUT)).joinLong();
  }

  @Benchmark
  public long recursiveTask() {
    return forkJoin.invoke(new PoolBenchmark.Sum(0, LEAVES));
  }

  @Benchmark
  public long completableFuture() {
    return futureSkynet(0, LEAVES).join();
  }

  private CompletableFuture<Long> futureSkynet(long num, int size) {
    if (size == 1) {
      return CompletableFuture.supplyAsync(() -> num, forkJoin);
    }
    int per = size / FAN_OUT;
    @SuppressWarnings("unchecked")
    CompletableFuture<Long>[] children = new CompletableFuture[FAN_OUT];
    for (int i = 0; i < FAN_OUT; i++) {
      long first = num + (long) i * per;
      children[i] = CompletableFuture.supplyAsync(() -> futureSkynet(first, per), forkJoin)
          .thenCompose(f -> f);
    }
    return CompletableFuture.allOf(children).thenApply(v -> {
      long sum = 0;
      for (CompletableFuture<Long> c : children) {
        sum += c.join();
      }
      return sum;
    });
  }

  @Benchmark
  public long virtualThreads() throws Exception {
    if (virtualThreads == null) {
      throw new UnsupportedOperationException("virtual threads need JDK 21+; run this benchmark on JDK 25");
    }
    return threadSkynet(0, LEAVES);
  }

  private long threadSkynet(long num, int size) throws Exception {
    if (size == 1) {
      return num;
    }
    int per = size / FAN_OUT;
    List<Future<Long>> children = new ArrayList<>(FAN_OUT);
    for (int i = 0; i < FAN_OUT; i++) {
      long first = num + (long) i * per;
      children.add(virtualThreads.submit(() -> threadSkynet(first, per)));
    }
    long sum = 0;
    for (Future<Long> c : children) {
      sum += c.get();
    }
    return sum;
  }
}

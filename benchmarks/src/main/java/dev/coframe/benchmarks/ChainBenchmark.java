package dev.coframe.benchmarks;

import dev.coframe.runtime.FrameAllocator;
import dev.coframe.runtime.HeapAllocator;
import dev.coframe.runtime.Launch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W1 (DESIGN §8): the depth-8 chain, one op = one top call joined on the calling thread, as users
 * write it ({@code XCoroutines.level1(x).joinInt()}), in each elision mode beside plain calls and a
 * peer; and, {@code *InLoop}/{@code *InCoroutine}, one op = one call of the chain from a coroutine
 * already running (a thousand per join), which is what elision and the fast entry make cheap. Run: {@code mvn -q install -DskipTests && mvn -q -pl benchmarks exec:exec
 * -Djmh.args="ChainBenchmark -prof gc"}; the regime where the JIT cannot inline the chain adds
 * {@code -jvmArgsAppend -XX:CompileCommand=quiet -jvmArgsAppend
 * -XX:CompileCommand=dontinline,dev.coframe.benchmarks.*::*} (every level, frames included).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChainBenchmark {
  private static final Executor INLINE = Runnable::run;
  private static final FrameAllocator HEAP = new HeapAllocator();

  /** Chain calls per invocation of the in-coroutine benchmarks (their scores are per call). */
  static final int CALLS = 1000;

  private int x = 41;

  /** Plain Java calls: direct mode, the limit. */
  @Benchmark
  public int direct() {
    return Chain.level1(x);
  }

  /** {@code @Elide(ALWAYS)}: every child embedded in its parent's frame; the root recycled. */
  @Benchmark
  public int always() {
    return ChainAlwaysCoroutines.level1(x).joinInt();
  }

  /** No annotation (MAY): the processor proves every call nested and embeds it. */
  @Benchmark
  public int may() {
    return ChainCoroutines.level1(x).joinInt();
  }

  /** {@code @Elide(NEVER)}: eight child frames per op from the default recycling allocator. */
  @Benchmark
  public int neverRecycling() {
    return ChainNeverCoroutines.level1(x).joinInt();
  }

  /** {@code @Elide(NEVER)} launched inline with a {@link HeapAllocator}: every frame a {@code new}. */
  @Benchmark
  public int neverHeap() {
    return Launch.on(INLINE).with(HEAP).start(ChainNeverCoroutines::level1, x).joinInt();
  }

  /** Per chain call inside a running coroutine (DESIGN §4's fast entry): plain Java loop, the limit. */
  @Benchmark
  @OperationsPerInvocation(CALLS)
  public int directInLoop() {
    return Chain.drive(CALLS);
  }

  /** Per chain call inside a running coroutine, ALWAYS: the chain's embedded frames, no join. */
  @Benchmark
  @OperationsPerInvocation(CALLS)
  public int alwaysInCoroutine() {
    return ChainAlwaysCoroutines.drive(CALLS).joinInt();
  }

  /** Per chain call inside a running coroutine, NEVER: eight child frames per call from the allocator. */
  @Benchmark
  @OperationsPerInvocation(CALLS)
  public int neverInCoroutine() {
    return ChainNeverCoroutines.drive(CALLS).joinInt();
  }

  /** The same chain of {@code CompletableFuture}s, each level a {@code thenApply}. */
  @Benchmark
  public int completableFuture() {
    return Chain.cf1(x).join();
  }
}

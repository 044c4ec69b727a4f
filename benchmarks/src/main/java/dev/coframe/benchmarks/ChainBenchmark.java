package dev.coframe.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W1 chain, one op = one top call. Run: {@code mvn -q install -DskipTests && mvn -q -pl benchmarks
 * exec:exec -Djmh.args="ChainBenchmark -prof gc"}.
 *
 * <p>Every Coframe child frame is allocated here (elision is a later step): this measures the
 * lowering's synchronous fast path and the per-call frame, against the limit and a peer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChainBenchmark {
  private int x = 41;

  /** Plain Java calls: direct mode, the limit. */
  @Benchmark
  public int direct() {
    return Chain.level1(x);
  }

  /** The lowered chain, joined on the calling thread (every child frame allocated). */
  @Benchmark
  public int coframe() {
    return ChainCoroutines.level1(x).joinInt();
  }

  /** The same chain of {@code CompletableFuture}s, each level a {@code thenApply}. */
  @Benchmark
  public int completableFuture() {
    return Chain.cf1(x).join();
  }
}

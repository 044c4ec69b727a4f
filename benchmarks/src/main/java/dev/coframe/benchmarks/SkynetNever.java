package dev.coframe.benchmarks;

import static dev.coframe.runtime.Co.await;

import dev.coframe.Coroutine;
import dev.coframe.Elide;
import dev.coframe.Elision;
import dev.coframe.runtime.Co;
import dev.coframe.runtime.Task;
import java.util.ArrayList;
import java.util.List;

/** W2's skynet ({@link Skynet}) under {@code @Elide(NEVER)}: every frame from the allocator. */
@Elide(Elision.NEVER)
final class SkynetNever {
  private SkynetNever() {}

  @Coroutine
  static long skynet(long num, int size, int div) {
    if (size == 1) {
      return num;
    }
    List<Task<Long>> children = new ArrayList<>(div);
    int per = size / div;
    for (int i = 0; i < div; i++) {
      children.add(SkynetNeverCoroutines.skynet(num + (long) i * per, per, div));
    }
    long sum = 0;
    for (long x : await(Co.all(children))) {
      sum += x;
    }
    return sum;
  }
}

package dev.coframe.benchmarks;

import static dev.coframe.runtime.Co.await;

import dev.coframe.Coroutine;
import dev.coframe.runtime.Co;
import dev.coframe.runtime.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * W2 (DESIGN §8), skynet: node {@code num} of {@code size} leaves awaits {@code Co.all} of its ten
 * children; leaf {@code num} returns {@code num}, so a tree of 1,000,000 leaves sums to
 * 499999500000. No annotation: MAY (each child is a task in a list, so its frame is allocated).
 */
final class Skynet {
  private Skynet() {}

  @Coroutine
  static long skynet(long num, int size, int div) {
    if (size == 1) {
      return num;
    }
    List<Task<Long>> children = new ArrayList<>(div);
    int per = size / div;
    for (int i = 0; i < div; i++) {
      children.add(SkynetCoroutines.skynet(num + (long) i * per, per, div));
    }
    long sum = 0;
    for (long x : await(Co.all(children))) {
      sum += x;
    }
    return sum;
  }
}

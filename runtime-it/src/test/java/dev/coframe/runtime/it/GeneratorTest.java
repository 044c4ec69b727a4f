package dev.coframe.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.coframe.runtime.Generator;
import dev.coframe.runtime.fixtures.GeneratorsCoroutines;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A generator frame: {@code naturals(n, failAt, steps)} yields 0..n-1 (see {@code Generators.naturals}). */
class GeneratorTest {
  private static final int NEVER = -1;
  private static final String NATURALS = "Generators.naturals(int, int, AtomicInteger, Yield)";

  @Test
  void iteratesInOrder() {
    List<Integer> seen = new ArrayList<>();
    for (int v : GeneratorsCoroutines.naturals(5, NEVER, null)) {
      seen.add(v);
    }
    assertEquals(List.of(0, 1, 2, 3, 4), seen);
  }

  @Test
  void anEmptySequence() {
    Generator<Integer> g = GeneratorsCoroutines.naturals(0, NEVER, null);
    assertFalse(g.hasNext());
    assertFalse(g.hasNext());
    assertThrows(NoSuchElementException.class, g::next);
  }

  @Test
  void theBodyRunsOnlyAsElementsAreAskedFor() {
    AtomicInteger steps = new AtomicInteger();
    Generator<Integer> g = GeneratorsCoroutines.naturals(3, NEVER, steps);
    assertEquals(0, steps.get());
    assertTrue(g.hasNext());
    assertEquals(1, steps.get());
    assertTrue(g.hasNext(), "hasNext is idempotent");
    assertEquals(1, steps.get());
    assertEquals(0, g.next());
    assertEquals(1, g.next(), "next without hasNext");
    assertEquals(2, steps.get());
    assertEquals(2, g.next());
    assertFalse(g.hasNext());
    assertEquals(4, steps.get());
    assertFalse(g.hasNext());
    assertEquals(4, steps.get(), "a finished body is not resumed again");
  }

  @Test
  void iteratorIsSingleUse() {
    Generator<Integer> g = GeneratorsCoroutines.naturals(3, NEVER, null);
    Iterator<Integer> it = g.iterator();
    assertSame(g, it);
    IllegalStateException e = assertThrows(IllegalStateException.class, g::iterator);
    assertTrue(e.getMessage().contains(NATURALS), e.getMessage());
    assertTrue(e.getMessage().contains("single-use"), e.getMessage());
  }

  @Test
  void theBodysExceptionIsRethrownFromHasNextAsItself() {
    Generator<Integer> g = GeneratorsCoroutines.naturals(10, 3, null);
    List<Integer> seen = new ArrayList<>();
    IOException e = assertThrows(IOException.class, () -> {
      for (int v : g) {
        seen.add(v);
      }
    });
    assertEquals("at 3", e.getMessage());
    assertEquals(List.of(0, 1, 2), seen);
  }

  @Test
  void theBodysExceptionIsRethrownFromNextToo() {
    Generator<Integer> g = GeneratorsCoroutines.naturals(10, 0, null);
    assertEquals("at 0", assertThrows(IOException.class, g::next).getMessage());
  }

  @Test
  void closeStopsIt() {
    AtomicInteger steps = new AtomicInteger();
    Generator<Integer> g = GeneratorsCoroutines.naturals(100, NEVER, steps);
    assertEquals(0, g.next());
    assertEquals(1, g.next());
    assertTrue(g.hasNext());
    g.close();
    assertFalse(g.hasNext(), "the element fetched before close is dropped");
    assertThrows(NoSuchElementException.class, g::next);
    assertEquals(3, steps.get(), "the body is not resumed after close");
    g.close();
  }

  @Test
  void tryWithResourcesAndBreak() {
    AtomicInteger steps = new AtomicInteger();
    int sum = 0;
    try (Generator<Integer> g = GeneratorsCoroutines.naturals(1_000_000, NEVER, steps)) {
      for (int v : g) {
        if (v == 10) {
          break;
        }
        sum += v;
      }
    }
    assertEquals(45, sum);
    assertEquals(11, steps.get());
  }

  @Test
  void aLongSequence() {
    long sum = 0;
    for (int v : GeneratorsCoroutines.naturals(1_000_000, NEVER, null)) {
      sum += v;
    }
    assertEquals(499_999_500_000L, sum);
  }

  @Test
  void toStringShowsTheState() {
    Generator<Integer> g = GeneratorsCoroutines.naturals(2, NEVER, null);
    assertEquals(NATURALS + " [state 0] {n=2, failAt=-1, steps=null, i=0}", g.toString());
    g.next();
    assertEquals(NATURALS + " [state 2] {n=2, failAt=-1, steps=null, i=0}", g.toString(),
        "the state, and what the frame holds");
    g.next();
    assertFalse(g.hasNext());
    assertEquals(NATURALS + " [done]", g.toString());
  }
}

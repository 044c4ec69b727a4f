package dev.coframe.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link WorkDeque}, the ring a {@link WorkStealingPool} worker queues into. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkStealingPoolDequeTest {
  private record Item(int id) implements Runnable {
    @Override
    public void run() {}
  }

  private static Item[] items(int n) {
    Item[] items = new Item[n];
    for (int i = 0; i < n; i++) {
      items[i] = new Item(i);
    }
    return items;
  }

  @Test
  void ownerPopsLifoThievesStealFifoAndAFrontPushGoesBehindBoth() {
    WorkDeque d = new WorkDeque();
    Item[] it = items(4);
    assertTrue(d.push(it[0]));
    assertTrue(d.push(it[1]));
    assertTrue(d.push(it[2]));
    assertTrue(d.pushFront(it[3]));
    assertSame(it[3], d.steal()); // the front push is the thieves' first
    assertSame(it[0], d.steal());
    assertSame(it[2], d.pop());
    assertSame(it[1], d.pop());
    assertNull(d.pop());
    assertNull(d.steal());
    assertTrue(d.isEmpty());
    assertTrue(d.pushFront(it[3])); // on an empty ring the owner pops it too
    assertSame(it[3], d.pop());
  }

  /**
   * The ABA a front push invites: a thief reads top, another thief steals (index + 1), the owner
   * pushes at the front (index - 1, back where the first thief read it); the first thief's
   * compare-and-set must fail, so top differs though its index is the same.
   */
  @Test
  void topRestoredToAnIndexByAFrontPushIsNotTheTopReadBefore() {
    for (long t : new long[] {0, 5, 0xFFFF_FFFFL, 0x7FFF_FFFF_FFFF_FFFFL, -1}) {
      long restored = WorkDeque.moved(WorkDeque.moved(t, 1), -1);
      assertEquals((int) t, (int) restored);
      assertNotEquals(t, restored);
    }
  }

  @Test
  void aFullRingRefusesBothPushesAndKeepsItsContents() {
    WorkDeque d = new WorkDeque();
    Item[] it = items(WorkDeque.CAPACITY + 1);
    for (int i = 0; i < WorkDeque.CAPACITY; i++) {
      assertTrue(i % 2 == 0 ? d.push(it[i]) : d.pushFront(it[i]), "push " + i);
    }
    assertFalse(d.push(it[WorkDeque.CAPACITY]));
    assertFalse(d.pushFront(it[WorkDeque.CAPACITY]));
    int taken = 0;
    while (d.pop() != null) {
      taken++;
    }
    assertEquals(WorkDeque.CAPACITY, taken);
  }

  @Test
  void indicesWrapAroundTheRingAndTheIntRange() {
    WorkDeque d = new WorkDeque();
    Item[] it = items(3);
    // front pushes move top below zero and on; each round leaves the ring empty
    for (int round = 0; round < 10 * WorkDeque.CAPACITY; round++) {
      assertTrue(d.pushFront(it[0]));
      assertTrue(d.push(it[1]));
      assertTrue(d.pushFront(it[2]));
      assertSame(it[2], d.steal());
      assertSame(it[1], d.pop());
      assertSame(it[0], d.pop());
      assertTrue(d.isEmpty());
    }
  }

  /**
   * One owner pushing at both ends and popping, two thieves stealing, a million items: each item
   * pushed is taken exactly once, by someone, and nothing else is taken.
   */
  @Test
  void underRacingThievesEveryItemPushedIsTakenExactlyOnce() throws Exception {
    int n = 1_000_000;
    Item[] it = items(n);
    AtomicIntegerArray taken = new AtomicIntegerArray(n);
    WorkDeque d = new WorkDeque();
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> thieves = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      Thread t = new Thread(() -> {
        try {
          while (!done.get()) {
            take(d.steal(), taken);
          }
        } catch (Throwable e) {
          failure.set(e);
        }
      }, "thief-" + k);
      thieves.add(t);
      t.start();
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int refused = 0;
    int missed = 0;
    for (int i = 0; i < n; i++) {
      // in blocks of 10,000: as many pops as pushes (the ring is often near empty, where owner and
      // thieves race for the last item), then a quarter as many (it fills; a refused push pops
      // until it fits)
      boolean filling = (i / 10_000) % 2 == 1;
      while (!(random.nextInt(4) == 0 ? d.pushFront(it[i]) : d.push(it[i]))) {
        refused++;
        take(d.pop(), taken);
      }
      for (int k = 0; k < 2; k++) {
        if (filling ? random.nextInt(8) == 0 : random.nextBoolean()) {
          Runnable r = d.pop();
          missed += r == null ? 1 : 0;
          take(r, taken);
          d.clearIfEmpty();
        }
      }
    }
    for (Runnable r; (r = d.pop()) != null; ) {
      take(r, taken);
    }
    done.set(true);
    for (Thread t : thieves) {
      t.join(TimeUnit.SECONDS.toMillis(10));
      assertFalse(t.isAlive(), t.getName() + " did not stop");
    }
    if (failure.get() != null) {
      fail(failure.get());
    }
    for (int i = 0; i < n; i++) {
      if (taken.get(i) != 1) {
        fail("item " + i + " taken " + taken.get(i) + " times");
      }
    }
    assertTrue(refused > 0 && missed > 0, "full " + refused + " times, empty " + missed + " times");
  }

  private static void take(Runnable r, AtomicIntegerArray taken) {
    if (r != null) {
      taken.incrementAndGet(((Item) r).id());
    }
  }
}

package dev.coframe.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coframe.runtime.AbstractFrameAllocator;
import dev.coframe.runtime.AllocatorStats;
import dev.coframe.runtime.ArenaAllocator;
import dev.coframe.runtime.EventLoop;
import dev.coframe.runtime.InlineExecutor;
import dev.coframe.runtime.Launch;
import dev.coframe.runtime.PoolAllocator;
import dev.coframe.runtime.Task;
import dev.coframe.runtime.fixtures.ChainsCoroutines;
import dev.coframe.runtime.fixtures.Gate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The pool and arena allocators (DESIGN §5.6), and an allocator of one's own on {@link
 * AbstractFrameAllocator}: every rule, on generated frames ({@code Chains.chain(n, leaf)} suspended
 * at its leaf holds a frame per level, {@code n + 1} in all).
 */
class AllocatorsTest {
  private static Task<Integer> launch(dev.coframe.runtime.FrameAllocator a, int n, Gate<Integer> leaf) {
    return Launch.on(InlineExecutor.INSTANCE).with(a).start(() -> ChainsCoroutines.chain(n, leaf));
  }

  private static Throwable failure(Task<?> t) throws Exception {
    try {
      t.toCompletableFuture().get(10, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  @Test
  void anExhaustedPoolNamesItselfItsCapacityAndTheCoroutineAndBreaksNothingElse() throws Exception {
    PoolAllocator pool = new PoolAllocator(4);
    Gate<Integer> held = new Gate<>();
    Task<Integer> holder = launch(pool, 2, held); // three frames live, suspended
    assertEquals(3, pool.stats().live());
    Gate<Integer> more = new Gate<>();
    Task<Integer> refused = launch(pool, 2, more); // its root takes the last slot; the levels below cannot
    Throwable e = failure(refused);
    assertTrue(e instanceof IllegalStateException, String.valueOf(e));
    assertEquals("PoolAllocator(capacity 4) is exhausted: Chains.chain(int, Awaitable) asked for a frame while all 4"
        + " are live; give the pool a larger capacity, or await tasks before making more", e.getMessage());
    held.complete(40);
    assertEquals(42, holder.join(), "the task that held the pool was not broken");
    AllocatorStats s = pool.stats();
    assertEquals(0, s.live(), "every frame returned its slot, the refused task's included: " + s);
    assertEquals(7, launch(pool, 2, null).join() + 5, "the pool serves again");
  }

  @Test
  void aFrameRefusedAboveOneAlreadySuspendedIntoLeavesNoSlotTaken() throws Exception {
    PoolAllocator pool = new PoolAllocator(5);
    Gate<Integer> held = new Gate<>();
    Task<Integer> holder = launch(pool, 2, held);
    Gate<Integer> more = new Gate<>();
    // root and the leaf's level take the last two slots; the level between is refused
    Task<Integer> refused = launch(pool, 2, more);
    assertTrue(failure(refused) instanceof IllegalStateException);
    more.complete(1); // the leaf's level suspended into its frame before the refusal: nothing resumes it
    held.complete(40);
    assertEquals(42, holder.join());
    assertEquals(0, pool.stats().live(), pool.stats().toString());
  }

  @Test
  void everyFrameAPoolGaveReturnsItsSlotALaunchedRootsIncludedAndIsHandedOutAgain() {
    PoolAllocator pool = new PoolAllocator(3);
    for (int i = 0; i < 100; i++) {
      Gate<Integer> leaf = new Gate<>();
      Task<Integer> t = launch(pool, 2, leaf);
      leaf.complete(i);
      assertEquals(i + 2, t.join());
    }
    AllocatorStats s = pool.stats();
    assertEquals(0, s.live(), s.toString());
    assertEquals(300, s.allocated() + s.reused(), s.toString());
    assertEquals(3, s.peakLive(), s.toString());
    assertTrue(s.reused() >= 198, "the levels' frames were handed out again (roots are not): " + s);
    assertEquals(3, pool.capacity());
    assertTrue(pool.toString().startsWith("PoolAllocator(capacity 3)[allocated="), pool.toString());
    assertEquals("a PoolAllocator needs a positive capacity, not 0",
        assertThrows(IllegalArgumentException.class, () -> new PoolAllocator(0)).getMessage());
  }

  @Test
  void anArenaCountsEveryFrameFromItAndNeverHandsOneOutAgain() {
    try (ArenaAllocator arena = new ArenaAllocator()) {
      for (int i = 0; i < 300; i++) { // past a batch
        Gate<Integer> leaf = new Gate<>();
        Task<Integer> t = launch(arena, 2, leaf);
        leaf.complete(1);
        assertEquals(3, t.join());
      }
      AllocatorStats s = arena.stats();
      assertEquals(900, s.allocated(), s.toString());
      assertEquals(0, s.reused(), s.toString());
      assertEquals(0, s.live(), s.toString());
    }
  }

  @Test
  void afterCloseAnArenaRefusesLaunchesAndItsSuspendedTasksFailWhenTheyResume() throws Exception {
    try (EventLoop loop = new EventLoop("arena")) {
      ArenaAllocator arena = new ArenaAllocator();
      Gate<Integer> leaf = new Gate<>();
      Task<Integer> suspended = Launch.on(loop).with(arena).start(() -> ChainsCoroutines.chain(2, leaf));
      for (int i = 0; i < 10_000_000 && arena.stats().live() < 3; i++) {
        Thread.onSpinWait(); // until it suspended on the loop (bounded)
      }
      arena.close();
      assertTrue(arena.isClosed());
      IllegalStateException launch = assertThrows(IllegalStateException.class,
          () -> Launch.on(loop).with(arena).start(() -> ChainsCoroutines.chain(0, null)));
      assertEquals("this ArenaAllocator was closed: Chains.chain(int, Awaitable) cannot have a frame from it (launch"
          + " with an allocator that is open)", launch.getMessage());
      leaf.complete(1);
      Throwable e = failure(suspended);
      assertTrue(e instanceof IllegalStateException, String.valueOf(e));
      assertEquals("Chains.chain(int, Awaitable) cannot resume: its frame came from an ArenaAllocator that was closed",
          e.getMessage());
      arena.close(); // idempotent
    }
  }

  /** An allocator of one's own: a per-class free list on the documented base. */
  static final class Mine extends AbstractFrameAllocator {
    final List<String> admitted = new ArrayList<>();
    private final ArrayDeque<Object> free = new ArrayDeque<>();

    @Override
    protected synchronized void admit(String coroutine) {
      admitted.add(coroutine);
    }

    @Override
    protected synchronized Object reuse(Class<?> frameClass) {
      Object f = free.peek();
      return f != null && f.getClass() == frameClass ? free.pop() : null;
    }

    @Override
    protected synchronized void giveBack(Object frame) {
      free.push(frame);
    }
  }

  @Test
  void aUsersOwnAllocatorDecidesWhatIsReusedAndIsCounted() {
    Mine mine = new Mine();
    for (int i = 0; i < 10; i++) {
      Gate<Integer> leaf = new Gate<>();
      Task<Integer> t = launch(mine, 1, leaf);
      leaf.complete(i);
      assertEquals(i + 1, t.join());
    }
    AllocatorStats s = mine.stats();
    assertEquals(20, mine.admitted.size());
    assertEquals("Chains.chain(int, Awaitable)", mine.admitted.get(0));
    assertEquals(0, s.live(), s.toString());
    assertEquals(11, s.allocated(), "ten roots (never reused) and one level's frame: " + s);
    assertEquals(9, s.reused(), s.toString());
  }
}

package dev.coframe.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.coframe.runtime.AllocatorStats;
import dev.coframe.runtime.Awaitable;
import dev.coframe.runtime.FrameAllocator;
import dev.coframe.runtime.HeapAllocator;
import dev.coframe.runtime.InlineExecutor;
import dev.coframe.runtime.Launch;
import dev.coframe.runtime.RecyclingAllocator;
import dev.coframe.runtime.Task;
import dev.coframe.runtime.fixtures.ChainsCoroutines;
import dev.coframe.runtime.fixtures.ChainsCoroutines.ChainFrame_int_Awaitable;
import dev.coframe.runtime.fixtures.ChainsCoroutines.SumFrame_AwaitableArray;
import dev.coframe.runtime.fixtures.Gate;
import dev.coframe.runtime.fixtures.ThrowersCoroutines;
import dev.coframe.runtime.fixtures.ValuesCoroutines;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Frame allocators and the frame lifecycle: where frames come from (a launch's allocator, the
 * default one, an embedding parent), when they go back (a lazy root after its join, a child after
 * its parent took its result), how a recycled frame is handed out again, and the clear errors of
 * misuse (a stale handle, an embedded frame still in flight). Allocation is measured with the
 * allocators' counters and the thread's allocated bytes, never with time. A factory gives plain
 * Java a handle of its run; {@link Frame#of} is the frame behind it.
 */
class AllocatorTest {
  private static final String CHAIN = "Chains.chain(int, Awaitable)";

  /** Runs {@code factory} with {@code a} as the calling thread's allocator, as inside a launch window. */
  private static <T> T within(FrameAllocator a, Supplier<T> factory) {
    FrameAllocator previous = Allocators.enter(a);
    try {
      return factory.get();
    } finally {
      Allocators.leave(previous);
    }
  }

  private static void assertStats(FrameAllocator a, long allocated, long reused, long released, long live) {
    AllocatorStats s = a.stats();
    assertEquals(allocated, s.allocated(), "allocated: " + s);
    assertEquals(reused, s.reused(), "reused: " + s);
    assertEquals(released, s.released(), "released: " + s);
    assertEquals(live, s.live(), "live: " + s);
  }

  // ------------------------------------------------------------------ lazy roots

  @Test
  void anAllocatorSaysItsNameAndItsCounters() {
    RecyclingAllocator a = new RecyclingAllocator();
    assertEquals("RecyclingAllocator[allocated=0, reused=0, released=0, live=0, peakLive=0]", a.toString());
    assertEquals("HeapAllocator[allocated=0, reused=0, released=0, live=0, peakLive=0]", new HeapAllocator().toString());
  }

  @Test
  void aJoinedLazyRootGoesBackAndIsHandedOutAgain() {
    RecyclingAllocator a = new RecyclingAllocator();
    Task<Integer> first = within(a, () -> ChainsCoroutines.chain(3, null));
    Frame<Integer> frame = Frame.of(first);
    assertStats(a, 1, 0, 0, 1);
    assertEquals(3, first.joinInt());
    assertStats(a, 1, 0, 1, 0);
    Task<Integer> second = within(a, () -> ChainsCoroutines.chain(4, null));
    assertSame(frame, Frame.of(second), "the same frame object, re-armed");
    assertEquals(4, second.joinInt());
    assertStats(a, 1, 1, 2, 0);
    assertEquals(2, a.stats().calls());
    a.resetStats();
    assertStats(a, 0, 0, 0, 0);
  }

  @Test
  void aKindMakesFreshFramesOfItsClassAndRefusesAPrototypeThatRan() {
    HeapAllocator h = new HeapAllocator();
    Task<Integer> first = within(h, () -> ChainsCoroutines.chain(3, null));
    Task<Integer> second = within(h, () -> ChainsCoroutines.chain(4, null));
    ChainFrame_int_Awaitable ran = (ChainFrame_int_Awaitable) Frame.of(first);
    assertNotSame(ran, Frame.of(second));
    assertSame(ChainFrame_int_Awaitable.class, Frame.of(second).getClass());
    assertEquals(3, first.join()); // each copy of the prototype runs as a frame of its own
    assertEquals(4, second.join());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FrameKind<>(Contract.VERSION, ran));
    assertTrue(e.getMessage().contains("prototype must be a new frame"), e.getMessage());
  }

  @Test
  void aStaleHandleIsRefusedClearly() {
    RecyclingAllocator a = new RecyclingAllocator();
    Task<Integer> t = within(a, () -> ChainsCoroutines.chain(3, null));
    assertEquals(3, t.joinInt());
    IllegalStateException e = assertThrows(IllegalStateException.class, t::joinInt);
    assertTrue(e.getMessage().startsWith("stale handle: this " + CHAIN + " task's run is over"
        + " and its result was taken"), e.getMessage());
  }

  @Test
  void aFailedLazyRootGoesBackToo() {
    HeapAllocator h = new HeapAllocator();
    Task<Integer> t = within(h, () -> ThrowersCoroutines.thrower(null, new IllegalArgumentException("no")));
    assertThrows(IllegalArgumentException.class, t::join);
    assertStats(h, 1, 0, 1, 0);
  }

  @Test
  void boundsLimitWhatAThreadKeeps() {
    RecyclingAllocator none = new RecyclingAllocator(0, 0);
    for (int i = 0; i < 3; i++) {
      within(none, () -> ChainsCoroutines.chain(1, null)).joinInt();
    }
    assertStats(none, 3, 0, 3, 0);
    assertThrows(IllegalArgumentException.class, () -> new RecyclingAllocator(-1, 10));
  }

  @Test
  void aFrameGivenBackOnAnotherThreadReturnsToItsMaker() throws InterruptedException {
    RecyclingAllocator a = new RecyclingAllocator();
    Task<Integer> t = within(a, () -> ChainsCoroutines.chain(2, null));
    Frame<Integer> frame = Frame.of(t);
    int[] got = new int[1];
    Thread other = new Thread(() -> got[0] = t.joinInt());
    other.start();
    other.join();
    assertEquals(2, got[0]);
    assertStats(a, 1, 0, 1, 0);
    Task<Integer> again = within(a, () -> ChainsCoroutines.chain(5, null));
    assertSame(frame, Frame.of(again), "back in this thread's list through the cross-thread stack");
    assertEquals(5, again.joinInt());
    assertStats(a, 1, 1, 2, 0);
  }

  /** Joins {@code chain(8, null)} {@code runs} times, as a user writes it; answers the sum of the results. */
  private static long joinChains(int runs) {
    long sum = 0;
    for (int i = 0; i < runs; i++) {
      sum += ChainsCoroutines.chain(8, null).joinInt();
    }
    return sum;
  }

  @Test
  void aSynchronousJoinAllocatesNothing() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertEquals(8L * 20_000, joinChains(20_000));
    int runs = 100_000;
    // The handle the factory gives is removed by escape analysis once the JIT compiled the loop, which
    // it does in the background: the fewest bytes of up to 200 measured loops, stopping at the first
    // under a byte per join.
    long bytes = Long.MAX_VALUE;
    for (int i = 0; i < 200 && bytes >= runs; i++) {
      long before = threads.getCurrentThreadAllocatedBytes();
      long sum = joinChains(runs);
      bytes = Math.min(bytes, threads.getCurrentThreadAllocatedBytes() - before);
      assertEquals(8L * runs, sum);
    }
    assertTrue(bytes < runs, "a recycled root, a reused join loop and strand: " + (double) bytes / runs
        + " bytes per join");
  }

  // ------------------------------------------------------------------ launches and children

  @Test
  void childrenThatSuspendTakeFramesFromTheLaunchAllocator() {
    HeapAllocator h = new HeapAllocator();
    Gate<Integer> gate = new Gate<>();
    Task<Integer> t = Launch.on(InlineExecutor.INSTANCE).with(h).start(() -> ChainsCoroutines.chain(5, gate));
    // the root, and the five levels below it that suspended with the leaf
    assertStats(h, 6, 0, 0, 6);
    gate.complete(7);
    assertEquals(12, t.joinInt());
    // each child went back when its parent took its result; the launched root is counted back,
    // never reused (its handle may be read again)
    assertStats(h, 6, 0, 6, 0);
    assertEquals(12, t.joinInt());
  }

  @Test
  void theLaunchWindowIsClosedAfterTheSupplierAlsoWhenItThrows() {
    HeapAllocator h = new HeapAllocator();
    FrameAllocator before = FrameAllocator.current();
    IllegalStateException boom = new IllegalStateException("supplier");
    assertSame(boom, assertThrows(IllegalStateException.class, () -> Launch.on(InlineExecutor.INSTANCE).with(h).start(() -> {
      assertSame(h, FrameAllocator.current());
      throw boom;
    })));
    assertSame(before, FrameAllocator.current());
    assertSame(FrameAllocator.defaultAllocator(), before);
  }

  // ------------------------------------------------------------------ embedded frames

  /** The frame {@code sum} embeds for its call of {@code chain}: the generated field {@code chain$frame}. */
  private static ChainFrame_int_Awaitable embeddedChain(SumFrame_AwaitableArray sum) throws ReflectiveOperationException {
    Field f = SumFrame_AwaitableArray.class.getDeclaredField("chain$frame");
    f.setAccessible(true);
    return (ChainFrame_int_Awaitable) f.get(sum);
  }

  @Test
  void anEmbeddedChildIsReArmedInPlaceAndNeverCounted() throws ReflectiveOperationException {
    HeapAllocator h = new HeapAllocator();
    Gate<Integer> g1 = new Gate<>();
    Gate<Integer> g2 = new Gate<>();
    Task<Integer> t = Launch.on(InlineExecutor.INSTANCE).with(h).start(() -> ChainsCoroutines.sum(g1, g2));
    SumFrame_AwaitableArray root = (SumFrame_AwaitableArray) Frame.of(t);
    ChainFrame_int_Awaitable first = embeddedChain(root);
    assertTrue(first != null && first.toString().contains("[state"), "the first leaf suspended the embedded frame");
    g1.complete(10);
    assertSame(first, embeddedChain(root), "one frame for the call site");
    g2.complete(20);
    assertEquals(30, t.joinInt());
    assertSame(first, embeddedChain(root));
    assertTrue(first.toString().contains("[not started]"), "re-armed for the next call: " + first);
    assertStats(h, 1, 0, 1, 0); // the root only: embedded frames never come from an allocator
  }

  @Test
  void anEmbeddedFrameStillInFlightIsRefused() {
    Gate<Integer> g = new Gate<>();
    Task<Integer> t = Launch.on(InlineExecutor.INSTANCE).start(() -> MisuseFrame.misuse(g));
    IllegalStateException e = assertThrows(IllegalStateException.class, t::joinInt);
    assertEquals(CHAIN + " was called again while a previous call at the same site is still"
        + " in flight: its embedded frame cannot serve two calls at once", e.getMessage());
  }

  @Test
  void aRecycledFrameKeepsNothingOfItsLastRun() {
    RecyclingAllocator a = new RecyclingAllocator();
    Task<String> t = within(a, () -> ValuesCoroutines.awaitStage(CompletableFuture.completedFuture("result")));
    Frame<String> frame = Frame.of(t);
    assertEquals("result", t.join());
    assertEquals("Values.awaitStage(CompletionStage) [recycled]", frame.toString());
    assertEquals("Values.awaitStage(CompletionStage) [stale handle]", t.toString());
    assertNull(frame.boxedResult(), "the result is not kept alive by a free frame");
    Task<String> again = within(a, () -> ValuesCoroutines.awaitStage(new CompletableFuture<String>()));
    assertSame(frame, Frame.of(again));
    assertTrue(again.toString().startsWith("Values.awaitStage(CompletionStage) [not started]"), again.toString());
  }

  /**
   * Written by hand, on purpose: a parent that calls {@code chain(0, leaf)} twice at one embedded
   * site, the first call still in flight (suspended at {@code leaf}) — what the processor never emits
   * (it embeds a call only where it proves the child's run nested in the parent's), so no generated
   * frame reaches the refusal. It calls the generated child's body as a generated parent does.
   */
  @FrameInfo("AllocatorTest.misuse(Awaitable)")
  static final class MisuseFrame extends IntFrame {
    static final FrameKind<MisuseFrame> KIND = new FrameKind<>(Contract.VERSION, new MisuseFrame());
    private Awaitable<Integer> leaf;

    static Task<Integer> misuse(Awaitable<Integer> leaf) {
      MisuseFrame f = KIND.allocate();
      f.leaf = leaf;
      return f.handle();
    }

    @Override
    protected void run() throws Throwable {
      ChainFrame_int_Awaitable site = ChainFrame_int_Awaitable.KIND.embed();
      ChainFrame_int_Awaitable.run$(strand(), site, 0, depth() + 1, 0, leaf);
      done(ChainFrame_int_Awaitable.run$(strand(), site, 0, depth() + 1, 0, leaf));
    }
  }
}

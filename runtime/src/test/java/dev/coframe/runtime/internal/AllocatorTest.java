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
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Frame allocators and the frame lifecycle: where frames come from (a launch's allocator, the
 * default one, an embedding parent), when they go back (a lazy root after its join, a child after
 * its parent took its result), how a recycled frame is handed out again, and the clear errors of
 * misuse (a stale handle, an embedded frame still in flight). Allocation is measured with the
 * allocators' counters and the thread's allocated bytes, never with time.
 */
class AllocatorTest {
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
    Task<Integer> first = within(a, () -> HandFrames.chain(3));
    assertStats(a, 1, 0, 0, 1);
    assertEquals(3, first.joinInt());
    assertStats(a, 1, 0, 1, 0);
    Task<Integer> second = within(a, () -> HandFrames.chain(4));
    assertSame(first, second, "the same frame object, re-armed");
    assertEquals(4, second.joinInt());
    assertStats(a, 1, 1, 2, 0);
    assertEquals(2, a.stats().calls());
    a.resetStats();
    assertStats(a, 0, 0, 0, 0);
  }

  @Test
  void aKindMakesFreshFramesOfItsClassAndRefusesAPrototypeThatRan() {
    HeapAllocator h = new HeapAllocator();
    Task<Integer> first = within(h, () -> HandFrames.chain(3));
    Task<Integer> second = within(h, () -> HandFrames.chain(4));
    assertNotSame(first, second);
    assertSame(HandFrames.Chain.class, second.getClass());
    assertEquals(3, first.join()); // each copy of the prototype runs as a frame of its own
    assertEquals(4, second.join());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FrameKind<>(Contract.VERSION, (HandFrames.Chain) first));
    assertTrue(e.getMessage().contains("prototype must be a new frame"), e.getMessage());
  }

  @Test
  void aStaleHandleIsRefusedClearly() {
    RecyclingAllocator a = new RecyclingAllocator();
    Task<Integer> t = within(a, () -> HandFrames.chain(3));
    assertEquals(3, t.joinInt());
    IllegalStateException e = assertThrows(IllegalStateException.class, t::joinInt);
    assertTrue(e.getMessage().startsWith("stale handle: this HandFrames.chain(int,Awaitable) task's run is over"
        + " and its result was taken"), e.getMessage());
  }

  @Test
  void aFailedLazyRootGoesBackToo() {
    HeapAllocator h = new HeapAllocator();
    Task<Integer> t = within(h, () -> HandFrames.thrower(null, new IllegalArgumentException("no")));
    assertThrows(IllegalArgumentException.class, t::join);
    assertStats(h, 1, 0, 1, 0);
  }

  @Test
  void boundsLimitWhatAThreadKeeps() {
    RecyclingAllocator none = new RecyclingAllocator(0, 0);
    for (int i = 0; i < 3; i++) {
      within(none, () -> HandFrames.chain(1)).joinInt();
    }
    assertStats(none, 3, 0, 3, 0);
    assertThrows(IllegalArgumentException.class, () -> new RecyclingAllocator(-1, 10));
  }

  @Test
  void aFrameGivenBackOnAnotherThreadReturnsToItsMaker() throws InterruptedException {
    RecyclingAllocator a = new RecyclingAllocator();
    Task<Integer> t = within(a, () -> HandFrames.chain(2));
    int[] got = new int[1];
    Thread other = new Thread(() -> got[0] = t.joinInt());
    other.start();
    other.join();
    assertEquals(2, got[0]);
    assertStats(a, 1, 0, 1, 0);
    Task<Integer> again = within(a, () -> HandFrames.chain(5));
    assertSame(t, again, "back in this thread's list through the cross-thread stack");
    assertEquals(5, again.joinInt());
    assertStats(a, 1, 1, 2, 0);
  }

  @Test
  void aSynchronousJoinAllocatesNothing() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (int i = 0; i < 20_000; i++) {
      sum += HandFrames.chain(8).joinInt();
    }
    int runs = 100_000;
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < runs; i++) {
      sum += HandFrames.chain(8).joinInt();
    }
    long bytes = threads.getCurrentThreadAllocatedBytes() - before;
    assertEquals(8L * (20_000 + runs), sum);
    assertTrue(bytes < runs, "a recycled root, a reused join loop and strand: " + (double) bytes / runs
        + " bytes per join");
  }

  // ------------------------------------------------------------------ launches and children

  @Test
  void childrenThatSuspendTakeFramesFromTheLaunchAllocator() {
    HeapAllocator h = new HeapAllocator();
    HandFrames.Gate<Integer> gate = new HandFrames.Gate<>();
    Task<Integer> t = Launch.on(InlineExecutor.INSTANCE).with(h).start(() -> HandFrames.chain(5, gate));
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

  @Test
  void anEmbeddedChildIsReArmedInPlaceAndNeverCounted() {
    HeapAllocator h = new HeapAllocator();
    HandFrames.Gate<Integer> g1 = new HandFrames.Gate<>();
    HandFrames.Gate<Integer> g2 = new HandFrames.Gate<>();
    Task<Integer> t = Launch.on(InlineExecutor.INSTANCE).with(h).start(() -> SumFrame.sum(g1, g2));
    SumFrame root = (SumFrame) t;
    HandFrames.Chain first = root.c1;
    assertTrue(first != null && first.toString().contains("[state"), "the first leaf suspended the embedded frame");
    g1.complete(10);
    assertSame(first, root.c1, "one frame for the call site");
    g2.complete(20);
    assertEquals(30, t.joinInt());
    assertSame(first, root.c1);
    assertTrue(first.toString().contains("[not started]"), "re-armed for the next call: " + first);
    assertStats(h, 1, 0, 1, 0); // the root only: embedded frames never come from an allocator
  }

  @Test
  void anEmbeddedFrameStillInFlightIsRefused() {
    HandFrames.Gate<Integer> g = new HandFrames.Gate<>();
    Task<Integer> t = Launch.on(InlineExecutor.INSTANCE).start(() -> SumFrame.misuse(g));
    IllegalStateException e = assertThrows(IllegalStateException.class, t::joinInt);
    assertEquals("HandFrames.chain(int,Awaitable) was called again while a previous call at the same site is still"
        + " in flight: its embedded frame cannot serve two calls at once", e.getMessage());
  }

  @Test
  void aRecycledFrameKeepsNothingOfItsLastRun() {
    RecyclingAllocator a = new RecyclingAllocator();
    Task<String> t = within(a, () -> HandFrames.awaitStage(CompletableFuture.completedFuture("result")));
    assertEquals("result", t.join());
    assertEquals("HandFrames.awaitStage(CompletionStage) [recycled]", t.toString());
    assertNull(((Frame<String>) t).boxedResult(), "the result is not kept alive by a free frame");
    Task<String> again = within(a, () -> HandFrames.awaitStage(new CompletableFuture<>()));
    assertSame(t, again);
    assertTrue(again.toString().startsWith("HandFrames.awaitStage(CompletionStage) [not started]"), again.toString());
  }

  /**
   * A parent with one elided call site, in the generated shape:
   *
   * <pre>{@code
   * @Coroutine static int sum(Awaitable<Integer>... leaves) {
   *   int s = 0;
   *   for (Awaitable<Integer> leaf : leaves) s += chain(0, leaf); // @Elide(ALWAYS)
   *   return s;
   * }
   * }</pre>
   */
  @FrameInfo("AllocatorTest.sum(Awaitable[])")
  static final class SumFrame extends IntFrame {
    static final FrameKind<SumFrame> KIND = new FrameKind<>(Contract.VERSION, new SumFrame());
    private Awaitable<Integer>[] leaves;
    private int i;
    private int s;
    /** The elided call {@code chain(0, leaf)}: made on first use, kept for every later call. */
    HandFrames.Chain c1;
    private boolean misuse;

    @SafeVarargs
    static Task<Integer> sum(Awaitable<Integer>... leaves) {
      SumFrame f = KIND.allocate();
      f.leaves = leaves;
      return f;
    }

    /** Calls the elided site twice without awaiting the first call: what the processor never emits. */
    static Task<Integer> misuse(Awaitable<Integer> leaf) {
      SumFrame f = KIND.allocate();
      @SuppressWarnings("unchecked")
      Awaitable<Integer>[] leaves = new Awaitable[] {leaf};
      f.leaves = leaves;
      f.misuse = true;
      return f;
    }

    @Override
    protected void run() throws Throwable {
      done(run$(strand(), this, state, depth(), leaves));
    }

    static int run$(Strand cx, SumFrame frame, int next, int depth, Awaitable<Integer>[] leaves) throws Throwable {
      int i = 0;
      int s = 0;
      int t = 0;
      if (next == 1) {
        i = frame.i;
        s = frame.s;
        t = ((HandFrames.Chain) frame.takeAwaited()).takeInt();
      }
      for (;;) {
        switch (next) {
          case 0:
            i = 0;
            s = 0;
            // fall through
          case 2:
            if (!(i < leaves.length)) {
              return s;
            }
            // s += chain(0, leaf): the embedded frame, made on first use
            HandFrames.Chain c = frame == null ? null : frame.c1 != null ? frame.c1 : (frame.c1 = HandFrames.Chain.KIND.embed());
            t = HandFrames.Chain.run$(cx, c, 0, depth + 1, 0, leaves[i]);
            if (frame != null && frame.misuse) {
              t = HandFrames.Chain.run$(cx, c, 0, depth + 1, 0, leaves[i]);
            }
            if (cx.suspended()) {
              if (frame == null) {
                frame = KIND.allocate(cx);
              }
              frame.i = i;
              frame.s = s;
              cx.suspend(frame, 1);
              return 0;
            }
            // fall through
          case 1:
            s += t;
            i++;
            next = 2;
            continue;
          default:
            throw frame.badState(next);
        }
      }
    }
  }
}

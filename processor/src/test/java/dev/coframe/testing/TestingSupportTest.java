package dev.coframe.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coframe.runtime.Awaitable;
import dev.coframe.runtime.EventLoop;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The differential harness's own support: {@link Log} and {@link Sched}. */
class TestingSupportTest {
  @BeforeEach
  void install() {
    Sched.sync();
  }

  @AfterEach
  void uninstall() {
    RunContext.uninstall();
  }

  @Test
  void anAbandonedRunFailsAtItsNextCall() {
    RunContext ctx = Sched.sync();
    Log.add("fine");
    ctx.abandon();
    assertThrows(RunContext.Abandoned.class, () -> Log.add("no more"));
    assertThrows(RunContext.Abandoned.class, () -> Sched.v(1));
  }

  @Test
  void contextsArePerThread() throws Exception {
    RunContext mine = Sched.sync();
    Log.add("main");
    Thread t = new Thread(() -> {
      Sched.sync();
      Log.add("other");
    });
    t.start();
    t.join();
    assertEquals(List.of("main"), mine.takeLog());
  }

  @Test
  void logRecordsInOrderAndTakeClears() {
    Log.add("a");
    Log.add(1);
    Log.add(null);
    assertEquals(List.of("a", "1", "null"), Log.take());
    assertEquals(List.of(), Log.take());
  }

  @Test
  void logIsBounded() {
    for (int i = 0; i < Log.LIMIT; i++) {
      Log.add(i);
    }
    assertThrows(IllegalStateException.class, () -> Log.add("one too many"));
    assertEquals(Log.LIMIT, Log.take().size());
  }

  @Test
  void syncValuesAreReadyAtOnce() throws Exception {
    Awaitable<String> a = Sched.v("x");
    assertTrue(a.isReady());
    assertEquals("x", a.result());
    assertTrue(Sched.cf(3).isDone());
    assertEquals(new Sched.Stats(1, 0, 1, ""), Sched.stats());
  }

  @Test
  void failRethrowsTheOriginalCheckedException() {
    IOException e = new IOException("io");
    Awaitable<Integer> a = Sched.fail(e);
    assertTrue(a.isReady());
    IOException thrown = assertThrows(IOException.class, a::result);
    assertSame(e, thrown);
  }

  @Test
  void asyncValuesCompleteLaterFromTheLoop() throws Exception {
    try (EventLoop loop = new EventLoop("sched-test")) {
      Sched.async(loop);
      Awaitable<String> a = Sched.v("later");
      assertFalse(a.isReady());
      CountDownLatch resumed = new CountDownLatch(1);
      boolean[] onLoop = new boolean[1];
      a.onReady(() -> {
        onLoop[0] = EventLoop.onLoopThread();
        resumed.countDown();
      });
      assertTrue(resumed.await(5, TimeUnit.SECONDS));
      assertTrue(onLoop[0], "the continuation runs on the event loop");
      assertTrue(a.isReady());
      assertEquals("later", a.result());
      CompletableFuture<Integer> f = Sched.cf(7);
      assertEquals(7, f.get(5, TimeUnit.SECONDS));
      assertEquals(new Sched.Stats(1, 1, 1, ""), Sched.stats());
    }
  }

  @Test
  void asyncProtocolViolationsAreRecorded() {
    try (EventLoop loop = new EventLoop("sched-test")) {
      Sched.async(loop);
      Awaitable<String> a = Sched.v("early");
      assertThrows(IllegalStateException.class, a::result);
      assertTrue(Sched.stats().protocolErrors().contains("before it was ready")
          || Sched.stats().protocolErrors().contains("before ready"));
    }
  }
}

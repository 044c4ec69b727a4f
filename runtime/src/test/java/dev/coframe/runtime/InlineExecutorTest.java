package dev.coframe.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The per-thread trampoline of {@link InlineExecutor}. */
class InlineExecutorTest {
  private static final InlineExecutor EX = InlineExecutor.INSTANCE;

  @Test
  void nestedStepsRunAfterTheCurrentOneInOrder() {
    List<String> log = new ArrayList<>();
    Thread me = Thread.currentThread();
    EX.execute(() -> {
      log.add("A1");
      EX.execute(() -> {
        log.add("B");
        EX.execute(() -> log.add("D"));
        log.add("B2");
      });
      EX.execute(() -> {
        log.add("C");
        assertSame(me, Thread.currentThread());
      });
      log.add("A2");
    });
    assertEquals(List.of("A1", "A2", "B", "B2", "C", "D"), log);
  }

  @Test
  void aTopLevelStepRunsAtOnce() {
    List<String> log = new ArrayList<>();
    EX.execute(() -> log.add("first"));
    log.add("between");
    EX.execute(() -> log.add("second"));
    assertEquals(List.of("first", "between", "second"), log);
  }

  @Test
  void aMillionSelfResubmissionsDoNotNest() {
    AtomicInteger left = new AtomicInteger(1_000_000);
    AtomicInteger ran = new AtomicInteger();
    Runnable[] step = new Runnable[1];
    step[0] = () -> {
      ran.incrementAndGet();
      if (left.decrementAndGet() > 0) {
        EX.execute(step[0]);
      }
    };
    EX.execute(step[0]);
    assertEquals(1_000_000, ran.get());
  }

  @Test
  void aThrowingStepDoesNotLoseTheStepsQueuedBehindIt() {
    List<String> log = new ArrayList<>();
    IllegalStateException boom = new IllegalStateException("step");
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> EX.execute(() -> {
      EX.execute(() -> log.add("queued before the throw"));
      throw boom;
    }));
    assertSame(boom, thrown);
    assertEquals(List.of("queued before the throw"), log);
    EX.execute(() -> log.add("runs at once afterwards"));
    assertEquals(List.of("queued before the throw", "runs at once afterwards"), log);
  }

  @Test
  void eachThreadHasItsOwnTrampoline() throws InterruptedException {
    List<String> log = new ArrayList<>();
    EX.execute(() -> {
      Thread other = new Thread(() -> EX.execute(() -> {
        synchronized (log) {
          log.add("other thread, at once");
        }
      }));
      other.start();
      try {
        other.join();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      synchronized (log) {
        log.add("outer");
      }
    });
    assertEquals(List.of("other thread, at once", "outer"), log);
  }

  @Test
  void hasAName() {
    assertEquals("InlineExecutor", EX.toString());
  }
}

package dev.coframe.processor.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.coframe.runtime.InlineExecutor;
import dev.coframe.runtime.Launch;
import dev.coframe.runtime.Task;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing a frame keeps is garbage the code will not read again (issue 15 item 11): a held task
 * that can no longer be awaited (the body took the other branch) does not keep its arguments
 * reachable through its armed embedded frame, neither while the body is suspended nor after the run
 * in the recycled root. Checked with a weak reference to an 8 MiB argument and a bounded number of
 * collections.
 */
class RetentionTest {
  private static Class<?> owner;
  private static Method run;

  @BeforeAll
  static void compile() throws ReflectiveOperationException {
    Case c = Case.task("held_task_abandoned", """
        public static java.lang.ref.WeakReference<byte[]> ref;
        public static java.util.concurrent.CompletableFuture<Integer> gate;
        @Coroutine static int f(byte[] big) { return big.length; }
        @Coroutine static int run(boolean use) {
          byte[] big = new byte[8 << 20];
          ref = new java.lang.ref.WeakReference<>(big);
          dev.coframe.runtime.Task<Integer> t = CaseCoroutines.f(big);
          big = null;
          if (use) return await(t);
          return await(gate);
        }
        """);
    DiffHarness.Build b = DiffHarness.buildAll(List.of(c)).get(c);
    if (!b.ok()) {
      fail("does not compile:\n" + b.errors("") + c.describeSources());
    }
    ClassLoader loader = new MemoryClassLoader(b.classes(), RetentionTest.class.getClassLoader());
    owner = loader.loadClass(c.entryClass());
    run = loader.loadClass(c.pkg() + ".CaseCoroutines").getMethod("run", boolean.class);
  }

  @SuppressWarnings("unchecked")
  private static Task<Integer> run(boolean use, CompletableFuture<Integer> gate) throws ReflectiveOperationException {
    owner.getDeclaredField("gate").set(null, gate);
    return (Task<Integer>) run.invoke(null, use);
  }

  private static boolean collected() throws ReflectiveOperationException {
    Field f = owner.getDeclaredField("ref");
    WeakReference<?> ref = (WeakReference<?>) f.get(null);
    for (int i = 0; i < 10 && ref.get() != null; i++) {
      System.gc();
    }
    return ref.get() == null;
  }

  @Test
  void whileSuspendedPastItsLastAwait() throws ReflectiveOperationException {
    CompletableFuture<Integer> gate = new CompletableFuture<>();
    Task<Integer> t = Launch.on(InlineExecutor.INSTANCE).start(() -> {
      try {
        return run(false, gate);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    });
    assertTrue(!t.isDone(), "suspended at await(gate)");
    assertTrue(collected(), "the abandoned held task's argument is garbage while the body waits");
    gate.complete(7);
    assertEquals(7, t.joinInt());
  }

  @Test
  void afterTheRunInTheRecycledRoot() throws ReflectiveOperationException {
    Task<Integer> t = run(false, CompletableFuture.completedFuture(3));
    assertEquals(3, t.joinInt()); // the root frame goes back to the recycling allocator, its child embedded in it
    assertTrue(collected(), "the abandoned held task's argument is garbage after the run");
  }

  @Test
  void theHeldTaskAwaitedStillGetsItsArgument() throws ReflectiveOperationException {
    assertEquals(8 << 20, run(true, new CompletableFuture<>()).joinInt());
  }
}

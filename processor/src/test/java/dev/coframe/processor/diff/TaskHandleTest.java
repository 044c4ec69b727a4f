package dev.coframe.processor.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.coframe.runtime.InlineExecutor;
import dev.coframe.runtime.Launch;
import dev.coframe.runtime.Task;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The task a factory gives plain Java is tied to its run (DESIGN §2): once that run's result was
 * taken and its frame recycled, every use of the handle throws "stale handle", even after the frame
 * serves another run; it never reads that run's result.
 */
class TaskHandleTest {
  private static Method factory;
  private static Method awaitInCoroutine;
  private static Method awaitDirectly;

  @BeforeAll
  static void compile() throws ReflectiveOperationException {
    Case c = Case.task("task_handles", """
        @Coroutine static int f(int x) { return x * 10; }
        @Coroutine static int awaiting(dev.coframe.runtime.Task<Integer> t) { return await(t) + 1; }
        public static int awaitDirectly(dev.coframe.runtime.Task<Integer> t) { return awaiting(t); }
        """);
    DiffHarness.Build b = DiffHarness.buildAll(List.of(c)).get(c);
    if (!b.ok()) {
      fail("does not compile:\n" + b.errors("") + c.describeSources());
    }
    ClassLoader loader = new MemoryClassLoader(b.classes(), TaskHandleTest.class.getClassLoader());
    Class<?> coroutines = loader.loadClass(c.pkg() + ".CaseCoroutines");
    factory = coroutines.getMethod("f", int.class);
    awaitInCoroutine = coroutines.getMethod("awaiting", Task.class);
    awaitDirectly = loader.loadClass(c.entryClass()).getMethod("awaitDirectly", Task.class);
  }

  @SuppressWarnings("unchecked")
  private static Task<Integer> f(int x) throws ReflectiveOperationException {
    return (Task<Integer>) factory.invoke(null, x);
  }

  private static void assertStale(Executable use) {
    IllegalStateException e = assertThrows(IllegalStateException.class, use);
    assertTrue(e.getMessage().startsWith("stale handle: this Case.f(int) task's run is over"), e.getMessage());
  }

  private static Object invoke(Method m, Object arg) throws Throwable {
    try {
      return m.invoke(null, arg);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Test
  void aHandleKeptPastItsRunNeverReadsTheNextRunsResult() throws ReflectiveOperationException {
    Task<Integer> t1 = f(1);
    assertEquals(10, t1.join());
    Task<Integer> t2 = f(2); // takes t1's recycled frame
    assertStale(t1::join);
    assertStale(t1::joinInt);
    assertStale(t1::isDone);
    assertStale(t1::result);
    assertStale(t1::exception);
    assertStale(t1::toCompletableFuture);
    assertStale(() -> Launch.on(InlineExecutor.INSTANCE).start(() -> t1));
    assertStale(() -> invoke(awaitDirectly, t1));
    assertStale(() -> ((Task<?>) invoke(awaitInCoroutine, t1)).join());
    assertEquals("Case.f(int) [stale handle]", t1.toString());
    assertEquals(20, t2.joinInt(), "the later run is untouched by the stale handle's uses");
    assertStale(t2::joinInt);
  }

  @Test
  void aHandleServesItsRunEverywhere() throws Throwable {
    assertEquals(31, ((Task<?>) invoke(awaitInCoroutine, f(3))).join(), "awaited in a coroutine");
    assertEquals(41, invoke(awaitDirectly, f(4)), "awaited in direct mode");
    Task<Integer> launched = Launch.on(InlineExecutor.INSTANCE).start(() -> {
      try {
        return f(5);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    });
    assertEquals(50, launched.join());
    assertEquals(50, launched.join(), "a launched root is shared and never recycled: joined again");
    assertTrue(launched.isDone());
    assertEquals(60, f(6).toCompletableFuture().join());
  }
}

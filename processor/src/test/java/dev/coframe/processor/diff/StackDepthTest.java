package dev.coframe.processor.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coframe.runtime.EventLoop;
import dev.coframe.runtime.InlineExecutor;
import dev.coframe.runtime.Launch;
import dev.coframe.runtime.Task;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Generated code keeps the Java stack bounded: a 100,000-deep synchronous chain of coroutine calls
 * (direct mode would overflow at that depth) and a 1,000,000-step loop whose every await really
 * suspends and resumes from an event loop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StackDepthTest {
  private static final Case CHAIN = Case.task("stackdepth", String.join("\n",
      "@Coroutine static int depth(int n) {",
      "  if (n == 0) return 0;",
      "  return depth(n - 1) + 1;",
      "}",
      "@Coroutine static long loop(int n) {",
      "  long sum = 0;",
      "  for (int i = 0; i < n; i++) sum += await(new Tick(i));",
      "  return sum;",
      "}",
      "static java.util.concurrent.Executor loopExecutor;",
      "/** Never ready: completes by posting its continuation to the event loop. */",
      "static final class Tick implements dev.coframe.runtime.Awaitable<Integer> {",
      "  private final int value;",
      "  Tick(int value) { this.value = value; }",
      "  public boolean isReady() { return false; }",
      "  public void onReady(Runnable k) { loopExecutor.execute(k); }",
      "  public Integer result() { return value; }",
      "}"));

  private Class<?> factories;
  private Class<?> user;

  @BeforeAll
  void compile() throws Exception {
    DiffHarness.Build b = DiffHarness.compile(List.of(CHAIN), true);
    assertTrue(b.ok(), () -> "did not compile: " + b.compilation.diagnostics());
    ClassLoader cl = new MemoryClassLoader(b.classes(), getClass().getClassLoader());
    factories = cl.loadClass("cases.stackdepth.CaseCoroutines");
    user = cl.loadClass("cases.stackdepth.Case");
  }

  @SuppressWarnings("unchecked")
  private Task<Object> task(String name, int n) throws Exception {
    Method m = factories.getMethod(name, int.class);
    return (Task<Object>) m.invoke(null, n);
  }

  @Test
  void synchronousChainOf100000JoinedOnTheCallingThread() throws Exception {
    assertEquals(100_000, task("depth", 100_000).joinInt());
  }

  @Test
  void synchronousChainOf100000LaunchedInline() throws Exception {
    Task<Object> t = task("depth", 100_000);
    Launch.on(InlineExecutor.INSTANCE).start(() -> t);
    assertEquals(100_000, t.joinInt());
  }

  /**
   * A chain of 3,000 distinct coroutines (no recursion: each calls the next) completing
   * synchronously, joined on a thread with a 256 KiB stack: every body that calls another bounces
   * through the trampoline when the chain is too deep, as a recursive one does (without that guard
   * this chain overflows such a stack).
   */
  @Test
  void synchronousChainOf3000DistinctCoroutinesOnASmallStack() throws Exception {
    StringBuilder levels = new StringBuilder();
    int n = 3000;
    for (int k = 0; k < n; k++) {
      levels.append("@Coroutine static int l").append(k).append("(int x) { return ")
          .append(k == n - 1 ? "x + 1" : "l" + (k + 1) + "(x) + 1").append("; }\n");
    }
    Case c = Case.task("stackdepth_chain", levels.toString());
    DiffHarness.Build b = DiffHarness.compile(List.of(c), true);
    assertTrue(b.ok(), () -> "did not compile: " + b.compilation.diagnostics());
    ClassLoader cl = new MemoryClassLoader(b.classes(), getClass().getClassLoader());
    Method l0 = cl.loadClass("cases.stackdepth_chain.CaseCoroutines").getMethod("l0", int.class);
    Object[] result = new Object[1];
    Thread t = new Thread(null, () -> {
      try {
        result[0] = ((Task<?>) l0.invoke(null, 0)).joinInt();
      } catch (Throwable e) {
        result[0] = e;
      }
    }, "small-stack", 256 * 1024);
    t.start();
    t.join();
    assertEquals(n, result[0]);
  }

  @Test
  void asynchronousLoopOfOneMillionSuspensionsOnAnEventLoop() throws Exception {
    try (EventLoop loop = new EventLoop("stack-depth-loop")) {
      Field f = user.getDeclaredField("loopExecutor");
      f.setAccessible(true);
      f.set(null, loop);
      Task<Object> t = task("loop", 1_000_000);
      Launch.on(loop).start(() -> t);
      assertEquals(499_999_500_000L, t.toCompletableFuture().get(60, TimeUnit.SECONDS));
    }
  }
}

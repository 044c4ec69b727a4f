package dev.coframe.processor.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor is declared <i>isolating</i> to Gradle
 * ({@code META-INF/gradle/incremental.annotation.processors}): each generated file, made from its
 * owner alone, must depend only on the owner's source and what is reachable from it — callees'
 * declarations and their frames' {@code @FrameInfo} in class files. So an owner {@code A} whose
 * coroutines call {@code B}'s generates the same {@code ACoroutines} and report whether {@code B}
 * is compiled with it or was compiled before (as Gradle recompiles only {@code A} when only
 * {@code A} changed).
 */
class IsolatingTest {
  @TempDir static Path temp;

  /** A's generated source and report: what Gradle keeps per originating element. */
  private static Map<String, String> outputsOfA(Compilation c) throws IOException {
    assertEquals(Compilation.Status.SUCCESS, c.status(), c.diagnostics().toString());
    Map<String, String> out = new TreeMap<>();
    for (JavaFileObject f : c.generatedSourceFiles()) {
      if (f.getName().endsWith("/ACoroutines.java")) {
        out.put("ACoroutines.java", f.getCharContent(true).toString());
      }
    }
    byte[] report = DiffHarness.classOutput(c).get("META-INF/coframe/iso.A.json");
    if (report != null) {
      out.put("iso.A.json", new String(report, StandardCharsets.UTF_8));
    }
    assertEquals(List.of("ACoroutines.java", "iso.A.json"), List.copyOf(out.keySet()));
    return out;
  }

  private static Compilation compile(List<File> extraClasspath, JavaFileObject... sources) {
    List<File> cp = new ArrayList<>(DiffHarness.classpath());
    cp.addAll(extraClasspath);
    return Compiler.javac().withClasspath(cp).withProcessors(DiffHarness.newProcessorOrNull()).compile(sources);
  }

  private static JavaFileObject source(String name, String body) {
    return JavaFileObjects.forSourceString("iso." + name, "package iso;\n" + Case.IMPORTS
        + "import dev.coframe.Elide;\nimport dev.coframe.Elision;\nimport dev.coframe.runtime.Task;\n" + body);
  }

  /**
   * A's outputs compiled with B, and compiled alone against B's classes from {@code first} (B alone,
   * or A and B together when they call each other), are the same.
   */
  private static void assertSameBothWays(JavaFileObject a, JavaFileObject b, boolean cycle) throws IOException {
    Map<String, String> together = outputsOfA(compile(List.of(), a, b));
    Compilation first = cycle ? compile(List.of(), a, b) : compile(List.of(), b);
    assertEquals(Compilation.Status.SUCCESS, first.status(), first.diagnostics().toString());
    Path bClasses = DiffHarness.writeClassOutput(first, temp);
    // A's own earlier classes are not on the path: Gradle deletes the stale outputs of what it recompiles
    for (String stale : List.of("iso/A.class", "iso/ACoroutines.class")) {
      java.nio.file.Files.deleteIfExists(bClasses.resolve(stale));
    }
    try (var files = java.nio.file.Files.walk(bClasses)) {
      files.filter(p -> p.getFileName().toString().startsWith("ACoroutines$")).forEach(p -> p.toFile().delete());
    }
    java.nio.file.Files.deleteIfExists(bClasses.resolve("META-INF/coframe/iso.A.json"));
    Map<String, String> alone = outputsOfA(compile(List.of(bClasses.toFile()), a));
    assertEquals(together.get("ACoroutines.java"), alone.get("ACoroutines.java"));
    assertEquals(together.get("iso.A.json"), alone.get("iso.A.json"));
  }

  @Test
  void callsIntoAnotherOwnerGenerateTheSameWhetherItIsCompiledTogetherOrBefore() throws IOException {
    JavaFileObject b = source("B", """
        public final class B {
          @Coroutine public static int leaf(int x) { return await(java.util.concurrent.CompletableFuture.completedFuture(x)) + 1; }
          @Coroutine public static int mid(int x) { int y = leaf(x); return leaf(y) * 2; }
          @Coroutine public static void count(int n, Yield<Integer> out) { for (int i = 0; i < n; i++) out.yield(i); }
        }
        """);
    JavaFileObject a = source("A", """
        public final class A {
          @Coroutine static int top(int x) {
            int s = 0;
            for (int i = 0; i < x; i++) s += B.mid(i);
            return s + B.leaf(x);
          }
          @Coroutine static int held(int x) {
            Task<Integer> t = BCoroutines.mid(x);
            return await(t);
          }
        }
        """);
    assertSameBothWays(a, b, false);
  }

  @Test
  void alwaysEmbeddingAChildOfAnotherOwnerGeneratesTheSameBothWays() throws IOException {
    JavaFileObject b = source("B", """
        @Elide(Elision.ALWAYS)
        public final class B {
          @Coroutine public static int leaf(int x) { return x + 1; }
          @Coroutine public static int mid(int x) { long big = x; int y = leaf(x); return (int) big + leaf(y); }
          @Coroutine public static int tuned(Elision e, int x) { return mid(x); }
        }
        """);
    JavaFileObject a = source("A", """
        public final class A {
          @Coroutine @Elide(Elision.ALWAYS) static int top(int x) { return B.mid(x) + B.tuned(Elision.ALWAYS, x); }
          @Coroutine static int held(int x) {
            @Elide(Elision.ALWAYS) Task<Integer> t = BCoroutines.mid(x);
            int a = await(t);
            return a + B.tuned(Elision.NEVER, x);
          }
        }
        """);
    assertSameBothWays(a, b, false);
  }

  /**
   * A cycle that leaves the round through B and comes back through C, both of an earlier
   * compilation, is still a cycle, and a refusal names its members as the user wrote them (C's from
   * the name its frame recorded), not as frame classes.
   */
  @Test
  void aCycleThroughClassFilesIsRefusedForAlwaysAndNamedAsWritten() throws IOException {
    JavaFileObject c = source("C", """
        public final class C {
          @Coroutine public static int h(int n) { return n <= 0 ? 0 : A.f(n - 1); }
        }
        """);
    JavaFileObject b = source("B", """
        public final class B {
          @Coroutine public static int g(int n) { return C.h(n) + 1; }
        }
        """);
    JavaFileObject a = source("A", """
        public final class A {
          @Coroutine public static int f(int n) { return B.g(n); }
        }
        """);
    Compilation first = compile(List.of(), a, b, c);
    assertEquals(Compilation.Status.SUCCESS, first.status(), first.diagnostics().toString());
    JavaFileObject always = source("A", """
        public final class A {
          @Coroutine public static int f(int n) {
            @Elide(Elision.ALWAYS) Task<Integer> t = BCoroutines.g(n);
            return await(t);
          }
        }
        """);
    Compilation alone = compile(List.of(DiffHarness.writeClassOutput(first, temp).toFile()), always);
    assertEquals(Compilation.Status.FAILURE, alone.status());
    assertEquals(1, alone.errors().size(), alone.diagnostics().toString());
    String error = alone.errors().get(0).getMessage(Locale.ROOT);
    assertTrue(error.contains("it is on a recursion cycle (iso.A.f(int) -> iso.B.g(int) -> iso.C.h(int))"), error);
  }

  @Test
  void aRecursionCycleAcrossTwoOwnersGeneratesTheSameBothWays() throws IOException {
    JavaFileObject b = source("B", """
        public final class B {
          @Coroutine public static int odd(int n) { return n == 0 ? 0 : 1 - A.even(n - 1); }
        }
        """);
    JavaFileObject a = source("A", """
        public final class A {
          @Coroutine public static int even(int n) { return n == 0 ? 1 : 1 - B.odd(n - 1); }
          @Coroutine static int outside(int n) { return even(n) + B.odd(n); }
        }
        """);
    assertSameBothWays(a, b, true);
  }

  /**
   * A's call into the cycle is lazy, and B's odd holds an ALWAYS child's frame, so A gives odd its
   * frame at the call: A learns that from B's source when compiled with it, and from
   * {@code @FrameInfo(embeds)} when compiled alone.
   */
  @Test
  void aLazyCallOfAnotherOwnersCoroutineThatHoldsChildrenAllocatesAtTheCallBothWays() throws IOException {
    JavaFileObject b = source("B", """
        public final class B {
          @Coroutine @Elide(Elision.ALWAYS) public static int leaf(int x) { return x; }
          @Coroutine public static int odd(int n) { return n == 0 ? 0 : leaf(1) - A.even(n - 1); }
        }
        """);
    JavaFileObject a = source("A", """
        public final class A {
          @Coroutine public static int even(int n) { return n == 0 ? 1 : 1 - B.odd(n - 1); }
        }
        """);
    assertSameBothWays(a, b, true);
    String report = outputsOfA(compile(List.of(), a, b)).get("iso.A.json");
    assertTrue(report.contains("\"placement\": \"AT_CALL\"") && report.contains("holds its own children's frames"),
        report);
  }
}

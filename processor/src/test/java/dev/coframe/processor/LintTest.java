package dev.coframe.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Generated code compiles without warnings under {@code -Xlint:all -Werror} on the running JDK:
 * Coframe's annotations are claimed, the user's {@code @SuppressWarnings} reach the generated copy
 * of the text they cover, and nothing is reported that the user's own compile does not report.
 */
class LintTest {

  /** The README's shop, with what users write around it: a generator, an auxiliary class, names like the package. */
  private static final JavaFileObject SHOP = JavaFileObjects.forSourceLines("shop.Shop",
      "package shop;",
      "",
      "import dev.coframe.Coroutine;",
      "import dev.coframe.runtime.Yield;",
      "import java.util.List;",
      "import java.util.concurrent.CompletableFuture;",
      "import static dev.coframe.runtime.Co.await;",
      "",
      "final class Shop {",
      "  final String name;",
      "",
      "  Shop(String name) {",
      "    this.name = name;",
      "  }",
      "",
      "  @Coroutine",
      "  static int price(String sku) {",
      "    return await(CompletableFuture.completedFuture(sku.length()));",
      "  }",
      "",
      "  @Coroutine",
      "  static int total(List<String> skus) {",
      "    int sum = 0;",
      "    for (String s : skus) {",
      "      sum += price(s);",
      "    }",
      "    Shop shop = new Shop(\"corner\");",
      "    String dev = shop.name;",
      "    return sum + dev.length() + Helper.one() + skus.stream().mapToInt(x -> x.length()).sum();",
      "  }",
      "",
      "  @Coroutine",
      "  int rate(int n) {",
      "    return price(name) * n;",
      "  }",
      "",
      "  @Coroutine",
      "  static void naturals(int n, Yield<Integer> out) {",
      "    for (int i = 0; i < n; i++) {",
      "      out.yield(i);",
      "    }",
      "  }",
      "}",
      "",
      "class Helper {",
      "  static int one() {",
      "    return 1;",
      "  }",
      "}");

  private static final JavaFileObject LEGACY = JavaFileObjects.forSourceLines("shop.Legacy",
      "package shop;",
      "",
      "import dev.coframe.Coroutine;",
      "import java.util.concurrent.CompletableFuture;",
      "import static dev.coframe.runtime.Co.await;",
      "",
      "final class Legacy {",
      "  @Deprecated(forRemoval = true)",
      "  static int gone() {",
      "    return 1;",
      "  }",
      "",
      "  @Coroutine",
      "  @SuppressWarnings(\"removal\")",
      "  static int old() {",
      "    int x = await(CompletableFuture.completedFuture(1));",
      "    return x + gone();",
      "  }",
      "}");

  private static Compilation compileStrict(JavaFileObject... files) {
    return Compiler.javac()
        .withClasspath(DiagnosticsTest.classpath())
        .withProcessors(new CoframeProcessor())
        .withOptions("-Xlint:all", "-Werror")
        .compile(files);
  }

  @Test
  void aCleanSourceStaysCleanUnderXlintAll() {
    Compilation c = compileStrict(SHOP);
    assertEquals(List.of(), c.diagnostics().stream().filter(d -> d.getKind() != javax.tools.Diagnostic.Kind.NOTE)
        .map(Object::toString).toList(), DiagnosticsTest.describe(c));
    assertEquals(Compilation.Status.SUCCESS, c.status());
  }

  @Test
  void theCoroutinesSuppressWarningsReachesItsGeneratedText() {
    Compilation c = compileStrict(LEGACY);
    assertEquals(List.of(), c.diagnostics().stream().filter(d -> d.getKind() != javax.tools.Diagnostic.Kind.NOTE)
        .map(Object::toString).toList(), DiagnosticsTest.describe(c));
    assertEquals(Compilation.Status.SUCCESS, c.status());
  }
}

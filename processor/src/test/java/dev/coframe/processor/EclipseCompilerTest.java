package dev.coframe.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.ClassName;
import dev.coframe.Coroutine;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under the Eclipse compiler (ECJ, what Eclipse's JDT APT runs), which has no {@code com.sun.source}
 * Tree API, the processor — found on the processor path as a build would — fails cleanly: one
 * error saying javac's Tree API is needed and how Eclipse users build, no stack trace anywhere; a
 * source with no coroutine compiles without a word from Coframe.
 */
class EclipseCompilerTest {
  @TempDir Path dir;

  /** The diagnostics and the compiler's own output of one ECJ run over {@code sources}, and whether it succeeded. */
  private record Run(boolean ok, List<Diagnostic<? extends JavaFileObject>> diagnostics, String output) {
    List<String> errors() {
      return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.toList());
    }

    String everything() {
      return diagnostics.stream().map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining("\n")) + "\n" + output;
    }
  }

  private Run compileWithEcj(String name, String source) throws IOException {
    Path src = dir.resolve("src/app/" + name + ".java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, source);
    Path out = Files.createDirectories(dir.resolve("classes"));
    Path generated = Files.createDirectories(dir.resolve("generated"));
    List<String> options = List.of("-17", "-d", out.toString(), "-s", generated.toString(),
        "-classpath", path(DiagnosticsTest.classpath()),
        // the processor as a build finds it: its classes (with META-INF/services) and its dependencies
        "-processorpath", path(List.of(location(CoframeProcessor.class), location(ClassName.class), location(Coroutine.class))));
    JavaCompiler ecj = new EclipseCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter output = new StringWriter();
    try (StandardJavaFileManager files = ecj.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      boolean ok = ecj.getTask(output, files, diagnostics, options, null, files.getJavaFileObjects(src.toFile())).call();
      TroubleshootingGuideTest.assertCatalogued(diagnostics.getDiagnostics());
      return new Run(ok, diagnostics.getDiagnostics(), output.toString());
    }
  }

  private static String path(List<File> files) {
    return files.stream().map(File::getPath).collect(Collectors.joining(File.pathSeparator));
  }

  private static File location(Class<?> k) {
    try {
      return new File(k.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aCoroutineUnderEcjGetsOneClearErrorAndNoStackTrace() throws IOException {
    Run r = compileWithEcj("Shop", """
        package app;
        import dev.coframe.Coroutine;
        import java.util.concurrent.CompletableFuture;
        import static dev.coframe.runtime.Co.await;
        final class Shop {
          @Coroutine static int price(String sku) { return await(CompletableFuture.completedFuture(sku.length())); }
          @Coroutine static int twice(String sku) { return price(sku) * 2; }
        }
        """);
    assertFalse(r.ok(), r.everything());
    List<String> coframe = r.errors().stream().filter(e -> e.contains("[coframe]")).toList();
    assertEquals(1, coframe.size(), r.everything());
    String e = coframe.get(0);
    assertTrue(e.startsWith("[coframe] Coframe needs javac's Tree API (com.sun.source) to read coroutine bodies,"
        + " and the Eclipse compiler (ECJ) does not provide it."), e);
    assertTrue(e.contains("run `mvn compile`") && e.contains("<m2e.apt.activation>disabled</m2e.apt.activation>")
        && e.contains("target/generated-sources/annotations"), e);
    assertEquals(List.of(e), r.errors(), "no other error: the sources refer to no generated class");
    String all = r.everything();
    assertFalse(all.contains("\tat ") || all.contains("Exception") || all.contains("internal error"), all);
  }

  @Test
  void aSourceWithoutCoroutinesCompilesUnderEcjWithoutAWord() throws IOException {
    Run r = compileWithEcj("Plain", """
        package app;
        final class Plain {
          static int twice(int x) { return 2 * x; }
        }
        """);
    assertTrue(r.ok(), r.everything());
    assertEquals(List.of(), r.diagnostics().stream().map(d -> d.getMessage(Locale.ROOT)).toList(), r.everything());
    assertEquals("", r.output().strip());
  }
}

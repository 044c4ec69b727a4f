package dev.coframe.processor.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coframe.runtime.internal.FrameInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor works on the whole round: the call graph spans owner classes (each frame records
 * its callees and whether it is on a recursion cycle, for a later compilation to plan elision
 * from), and every error of the round is reported before anything is written.
 */
class PipelineTest {

  @Test
  void theCallGraphSpansOwnersAndFindsRecursionCycles() throws Exception {
    Case c = Case.task("pipeline_graph", """
        @Coroutine static int run(int n) {
          var t = OtherCoroutines.ping(n);
          return Other.pong(n) + await(t) + leaf(n) + await(CaseCoroutines.leaf(1));
        }
        @Coroutine static int leaf(int n) { return await(Sched.v(n)); }
        """).with("""
        final class Other {
          @Coroutine static int ping(int n) { return n <= 0 ? 0 : pong(n - 1) + 1; }
          @Coroutine static int pong(int n) { return n <= 0 ? 0 : ping(n - 1) + 1; }
          @Coroutine static int alone(int n) { return Case.leaf(n); }
        }
        """).args(3);
    DiffHarness.Build b = DiffHarness.buildAll(List.of(c)).get(c);
    assertTrue(b.ok(), () -> b.errors(""));
    DiffHarness.check(c, b); // and it runs as direct mode does
    ClassLoader loader = new MemoryClassLoader(b.classes(), PipelineTest.class.getClassLoader());
    String pkg = "cases.pipeline_graph.";
    FrameInfo run = frameInfo(loader, pkg + "CaseCoroutines$RunFrame_int");
    assertEquals(List.of(pkg + "CaseCoroutines$LeafFrame_int", pkg + "OtherCoroutines$PingFrame_int",
        pkg + "OtherCoroutines$PongFrame_int"), List.of(run.callees()),
        "calls, factory calls held or awaited at once, across owners, once each, sorted");
    assertFalse(run.recursive());
    assertTrue(frameInfo(loader, pkg + "OtherCoroutines$PingFrame_int").recursive(), "ping -> pong -> ping");
    assertTrue(frameInfo(loader, pkg + "OtherCoroutines$PongFrame_int").recursive());
    assertFalse(frameInfo(loader, pkg + "OtherCoroutines$AloneFrame_int").recursive());
    assertFalse(frameInfo(loader, pkg + "CaseCoroutines$LeafFrame_int").recursive());
    assertEquals(0, frameInfo(loader, pkg + "CaseCoroutines$LeafFrame_int").callees().length);
  }

  /**
   * W5's shape: a chain of 1,000 coroutines, each embedding the next, compiled on a thread
   * with a 256 KiB stack. Nothing in the processor recurses along the call graph or the embedding
   * chain, and the root's retained size counts the whole chain.
   */
  @Test
  void aLongChainNeedsNoDeepStack() throws Exception {
    int depth = 1000;
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      body.append("@Coroutine static int f").append(i).append("(int n) { return ")
          .append(i + 1 < depth ? "f" + (i + 1) + "(n) + 1" : "n").append("; }\n");
    }
    Case c = Case.task("pipeline_long_chain", body.toString());
    DiffHarness.Build[] built = new DiffHarness.Build[1];
    Thread t = new Thread(null, () -> built[0] = DiffHarness.buildAll(List.of(c)).get(c), "small-stack", 256 * 1024);
    t.start();
    t.join();
    assertTrue(built[0] != null && built[0].ok(), () -> built[0] == null ? "the compile died" : built[0].errors(""));
    ClassLoader loader = new MemoryClassLoader(built[0].classes(), PipelineTest.class.getClassLoader());
    FrameInfo root = frameInfo(loader, "cases.pipeline_long_chain.CaseCoroutines$F0Frame_int");
    FrameInfo leaf = frameInfo(loader, "cases.pipeline_long_chain.CaseCoroutines$F" + (depth - 1) + "Frame_int");
    assertTrue(root.retainedBytes() >= depth * leaf.bytes(), "the root keeps the whole embedded chain: " + root.retainedBytes());
  }

  private static FrameInfo frameInfo(ClassLoader loader, String frame) throws ClassNotFoundException {
    return loader.loadClass(frame).getAnnotation(FrameInfo.class);
  }

  @Test
  void everyErrorOfTheRoundIsReportedAndNothingIsWritten(@TempDir Path temp) throws Exception {
    Case c = Case.task("pipeline_errors", """
        @Coroutine static int run() { return Other.fine() + broken(); }
        @Coroutine private static int broken() { return 1; }
        """).with("""
        final class Other {
          @Coroutine static int fine() { return await(Sched.v(1)); }
          @Coroutine static synchronized int alsoBroken() { return 2; }
        }
        """);
    Path generated = Files.createDirectory(temp.resolve("generated"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringBuilder classpath = new StringBuilder();
    DiffHarness.classpath().forEach(f -> classpath.append(f).append(java.io.File.pathSeparator));
    JavaCompiler.CompilationTask task = javac.getTask(null, null, diagnostics, List.of("-classpath",
        classpath.toString(), "-s", generated.toString(), "-d",
        Files.createDirectory(temp.resolve("classes")).toString(), "-proc:only"), null, c.sources());
    task.setProcessors(List.of(DiffHarness.newProcessorOrNull()));
    boolean ok = task.call();
    List<String> errors = diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> d.getMessage(Locale.ROOT)).toList();
    assertFalse(ok);
    assertEquals(2, errors.size(), errors::toString);
    assertTrue(errors.get(0).contains("must not be private"), errors::toString);
    assertTrue(errors.get(1).contains("must not be synchronized"), errors::toString);
    try (Stream<Path> files = Files.walk(generated)) {
      assertEquals(List.of(), files.filter(Files::isRegularFile).toList(),
          "nothing is written when the round has an error (not even Other, which is fine)");
    }
  }
}

package dev.coframe.processor.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Generated code is silent under {@code -Xlint:all}: every differential case (generators, awaits,
 * try/catch/finally and resources, switches of every form, elision, user programs) and the
 * examples, compiled with the processor, get no warning in any generated file. The only warnings
 * are the few their own sources cause (a fall-through switch, an unreferenced resource, an
 * exception without serialVersionUID), which javac reports on the user's declaration, listed here
 * by file and line. (The resume switches fall through and a generic frame's allocation is an
 * unchecked cast: {@code run$} and {@code part$} suppress exactly those kinds.)
 */
class XlintTest {
  /** The warnings the cases' own sources cause by design: {@code file:line: [code]}. */
  private static final List<String> CASES_OWN = List.of(
      "cases/child_throws_checked/AppException.java:14: [compiler.warn.missing.SVUID]",
      "cases/null_resource_is_not_closed_and_existing_variable_as_resource/Case.java:34: [compiler.warn.try.resource.not.referenced]",
      "cases/resource_close_failure_is_suppressed/Case.java:33: [compiler.warn.try.resource.not.referenced]",
      "cases/suspending_resource_initializer_that_fails/Case.java:33: [compiler.warn.try.resource.not.referenced]",
      "cases/suspending_resource_initializer_that_fails/Case.java:33: [compiler.warn.try.resource.not.referenced]",
      "cases/switch_statement_colon_with_fallthrough/Case.java:20: [compiler.warn.possible.fall-through.into.case]",
      "cases/switch_statement_colon_with_fallthrough/Case.java:28: [compiler.warn.possible.fall-through.into.case]");

  private static List<String> warnings(Compilation c) {
    List<String> out = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      if (d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
        String src = d.getSource() == null ? "-" : d.getSource().toUri().getPath().replaceFirst("^/+", "");
        // in generated code, the statement rather than its line number, which any change to the frames moves
        String at = src.startsWith("SOURCE_OUTPUT/") ? " `" + lineText(d) + "`" : String.valueOf(d.getLineNumber());
        out.add(src + ":" + at + ": [" + d.getCode() + "]");
      }
    }
    out.sort(null);
    return out;
  }

  private static String lineText(Diagnostic<? extends JavaFileObject> d) {
    try {
      return d.getSource().getCharContent(true).toString().lines().skip(d.getLineNumber() - 1).findFirst().orElse("")
          .strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void everyDifferentialCaseGetsNoWarningInGeneratedCodeUnderXlintAll() {
    Set<DiffHarness.Build> builds = new LinkedHashSet<>(
        DiffHarness.buildAll(DeterminismTest.allCases(), List.of("-Xlint:all")).values());
    assertEquals(1, builds.size(), "all cases compile in one javac run");
    DiffHarness.Build b = builds.iterator().next();
    assertTrue(b.ok(), () -> b.errors(""));
    List<String> expected = new ArrayList<>(CASES_OWN);
    if (Runtime.version().feature() >= 20) {
      // lint "lossy-conversions" (JDK 20+): the case's own narrowing 'b += w', and the generated copy of that
      // statement, which a @SuppressWarnings("lossy-conversions") on the coroutine would reach too
      expected.add("cases/locals_primitive_kinds/Case.java:24: [compiler.warn.possible.loss.of.precision]");
      expected.add("SOURCE_OUTPUT/cases/locals_primitive_kinds/CaseCoroutines.java: `b += w;`: [compiler.warn.possible.loss.of.precision]");
    }
    expected.sort(null);
    assertEquals(String.join("\n", expected), String.join("\n", warnings(b.compilation)));
  }

  /**
   * Coroutines of an auxiliary class (a second top-level class of a file): javac warns at each use of
   * its name in the generated signatures and lets no @SuppressWarnings silence that, so Coframe says
   * why in one warning at the class; nothing else warns, and a class nested in the file's own class
   * gets no warning at all (issue 15 item 12).
   */
  @Test
  void anAuxiliaryOwnerIsExplainedOnceAndNothingElseWarns() {
    JavaFileObject main = com.google.testing.compile.JavaFileObjects.forSourceString("aux.Main2", """
        package aux;
        import dev.coframe.Coroutine;
        public class Main2 {
          static final class Nested {
            int n;
            @Coroutine int inc(int by) { n += by; return n; }
          }
        }
        final class Counter {
          int n;
          @Coroutine int inc(int by) { n += by; return n; }
          @Coroutine static int twice(Counter c) { return c.inc(1) + c.inc(2); }
        }
        """);
    Compilation c = Compiler.javac().withClasspath(DiffHarness.classpath()).withProcessors(DiffHarness.newProcessorOrNull())
        .withOptions("-Xlint:all").compile(main);
    assertEquals(Compilation.Status.SUCCESS, c.status(), c.diagnostics().toString());
    List<String> coframe = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      String m = d.getMessage(Locale.ROOT);
      if (m.startsWith("[coframe]")) {
        coframe.add(d.getLineNumber() + ": " + m);
      } else {
        assertEquals("compiler.warn.auxiliary.class.accessed.from.outside.of.its.source.file", d.getCode(), m);
        assertTrue(d.getSource().getName().endsWith("CounterCoroutines.java"), d.getSource().getName());
      }
    }
    assertEquals(List.of("9: [coframe] class Counter is an auxiliary class (a second top-level class of Main2.java):"
        + " the generated CounterCoroutines names it in its signatures, where javac's -Xlint:auxiliaryclass warns at"
        + " every use of it and no @SuppressWarnings can silence that; declare Counter in a file of its own,"
        + " Counter.java, or nest it in the file's class"), coframe);
  }

  /** What the examples' own Resilience.java causes (javac says the same without Coframe). */
  private static final List<String> EXAMPLES_OWN = List.of(
      "dev/coframe/examples/Resilience.java:25: [compiler.warn.missing.SVUID]",
      "dev/coframe/examples/Resilience.java:68: [compiler.warn.try.resource.not.referenced]");

  @Test
  void theExamplesGetNoWarningInGeneratedCodeUnderXlintAll() throws IOException {
    Compilation c = Compiler.javac().withClasspath(DiffHarness.classpath()).withProcessors(DiffHarness.newProcessorOrNull())
        .withOptions("-Xlint:all").compile(GoldensTest.exampleSources());
    assertEquals(Compilation.Status.SUCCESS, c.status(), c.diagnostics().toString());
    assertEquals(EXAMPLES_OWN, warnings(c));
  }
}

package dev.coframe.processor.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files of generated sources: the examples and a representative set of differential cases,
 * compiled with the processor and compared, file by file, with {@code
 * src/test/resources/goldens/<case>/<File>.java}, so every change to generated code shows up in
 * review as a readable diff. The cases themselves run in the differential suites; this test only
 * pins their text.
 *
 * <p>To regenerate after an intended change: {@code mvn -o test -pl processor -Dtest=GoldensTest
 * -Dcoframe.goldens.update=true}, then review {@code git diff}.
 */
class GoldensTest {
  static final Path GOLDENS = Path.of("src/test/resources/goldens");
  static final boolean UPDATE = Boolean.getBoolean("coframe.goldens.update");
  /**
   * The goldens are the code written for Java 17, the floor, on every JDK: what javac gives a switch
   * with no default depends on the source version (a {@code MatchException} from 21 on).
   */
  static final List<String> RELEASE = List.of("--release", "17");

  /** Ids of differential cases whose generated code is pinned: one per shape of the lowering. */
  static final List<String> PINNED = List.of(
      "static_call_chain",
      "instance_coroutines_of_a_generic_class",
      "calls_in_every_position",
      "await_factory_task_held_in_var",
      "recursion_fib",
      "compound_operators_in_loop",
      "ternary_nested",
      "and_short_circuit",
      "locals_captured_by_lambda",
      "foreach_list",
      "labelled_continue_outer",
      "return_inside_try_runs_finally_first",
      "gen_labelled_loops",
      "gen_live_locals_of_several_kinds",
      "record_component_field_of_another_instance",
      "names_like_package_segments",
      "method_reference_with_an_awaited_receiver",
      "two_dimensional_array_creation_that_suspends");

  static List<Case> pinnedCases() {
    List<Case> all = new ArrayList<>(DeterminismTest.allCases());
    all.addAll(UserProgramsDiffTest.cases());
    List<Case> out = new ArrayList<>();
    for (String id : PINNED) {
      out.add(all.stream().filter(c -> c.id.equals(id)).findFirst()
          .orElseThrow(() -> new AssertionError("no differential case " + id)));
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> differentialCases() {
    Map<Case, DiffHarness.Build> builds = DiffHarness.buildAll(pinnedCases(), RELEASE);
    return builds.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey().id, () -> {
      DiffHarness.Build b = e.getValue();
      String folder = e.getKey().pkg().replace('.', '/') + "/";
      assertTrue(b.ok(), () -> "does not compile:\n" + b.errors(folder));
      compare(e.getKey().id, fileNames(b.generatedSources(folder)));
    }));
  }

  /** The sources of the examples module, as users write coroutines. */
  static List<JavaFileObject> exampleSources() throws IOException {
    Path dir = Path.of("../examples/src/main/java/dev/coframe/examples");
    List<JavaFileObject> sources = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString().replace(".java", "");
        sources.add(JavaFileObjects.forSourceString("dev.coframe.examples." + name, Files.readString(f)));
      }
    }
    return sources;
  }

  @TestFactory
  Stream<DynamicTest> examples() throws IOException {
    Compilation c = Compiler.javac().withClasspath(DiffHarness.classpath())
        .withProcessors(DiffHarness.newProcessorOrNull()).withOptions(RELEASE).compile(exampleSources());
    return Stream.of(DynamicTest.dynamicTest("examples", () -> {
      assertTrue(c.status() == Compilation.Status.SUCCESS, () -> "the examples do not compile: " + c.diagnostics());
      Map<String, String> generated = new TreeMap<>();
      for (JavaFileObject f : c.generatedSourceFiles()) {
        generated.put(Path.of(f.toUri().getPath()).getFileName().toString(), f.getCharContent(true).toString());
      }
      compare("examples", generated);
    }));
  }

  /** Generated path to text, keyed by file name instead. */
  private static Map<String, String> fileNames(Map<String, String> byPath) {
    Map<String, String> out = new TreeMap<>();
    byPath.forEach((path, text) -> out.put(Path.of(path).getFileName().toString(), text));
    return out;
  }

  private static void compare(String id, Map<String, String> generated) throws IOException {
    Path dir = GOLDENS.resolve(id);
    if (UPDATE) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> old = Files.list(dir)) {
          old.forEach(p -> delete(p));
        }
      }
      Files.createDirectories(dir);
      for (Map.Entry<String, String> g : generated.entrySet()) {
        Files.writeString(dir.resolve(g.getKey()), g.getValue(), StandardCharsets.UTF_8);
      }
      return;
    }
    Map<String, String> golden = new TreeMap<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.sorted().toList()) {
          golden.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
        }
      }
    }
    if (!golden.keySet().equals(generated.keySet())) {
      fail("[" + id + "] generated files " + generated.keySet() + " but the goldens in " + dir + " are "
          + golden.keySet() + howToUpdate());
    }
    for (String name : generated.keySet()) {
      if (!golden.get(name).equals(generated.get(name))) {
        fail("[" + id + "] " + name + " differs from its golden file, first at line "
            + firstDifference(golden.get(name), generated.get(name)) + howToUpdate() + "\n---- generated:\n"
            + Case.numbered(generated.get(name)));
      }
    }
  }

  private static String howToUpdate() {
    return "\nIf the change is intended: mvn -o test -pl processor -Dtest=GoldensTest -Dcoframe.goldens.update=true,"
        + " then review git diff " + GOLDENS;
  }

  private static int firstDifference(String a, String b) {
    String[] x = a.split("\n", -1);
    String[] y = b.split("\n", -1);
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      if (!x[i].equals(y[i])) {
        return i + 1;
      }
    }
    return Math.min(x.length, y.length) + 1;
  }

  private static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

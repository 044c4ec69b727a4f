package dev.coframe.reach;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * README's "Plain javac" block, run as written (the jar names replaced by the packaged jars, the
 * tools by a given JDK's), on JDK 17 and JDK 25: the program compiles, runs and prints what it
 * should, and the processor's output is the same bytes on both JDKs and on two runs of one.
 */
class JavacReadmeTest {
  /** Directories javac writes that hold the processor's output: generated sources, then resources. */
  private static final List<String> PROCESSOR_OUTPUT = List.of("gen", "out/META-INF/coframe");

  /** Shared by the tests of this class: each JDK's build is made once and compared by several. */
  @TempDir static Path temp;
  private static final Map<Integer, Path> builtOn = new HashMap<>();

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(ints = {17, 25})
  void readmeCommandsCompileAndRunTheProgram(int feature) throws Exception {
    Path dir = built(feature);
    Reach.Run run = Reach.run(dir, Map.of(), readmeCommands(Jdks.require(feature)).get(1)).succeeded();
    assertEquals(Reach.SHOP_OUTPUT, run.output());
  }

  @Test
  void generatedSourcesAreTheSameBytesOnJdk17AndJdk25() throws Exception {
    assertSameOutput(built(17), built(25));
  }

  @Test
  void generatedSourcesAreTheSameBytesOnTwoRunsOfOneJdk() throws Exception {
    Path first = built(Jdks.current());
    Path second = temp.resolve("again-" + Jdks.current());
    javac(Jdks.require(Jdks.current()), second);
    assertSameOutput(first, second);
  }

  @Test
  void readmeCommandsTargetTheJava17Floor() throws Exception {
    List<String> javac = readmeCommands(Path.of("jdk")).get(0);
    int release = javac.indexOf("--release");
    assertTrue(release >= 0 && "17".equals(javac.get(release + 1)), "README's javac command has no --release 17: " + javac);
    assertTrue(javac.contains("-s"), "README's javac command names no -s directory for generated sources: " + javac);
  }

  /** The program compiled by the README's javac command on that JDK, once per test class. */
  private static Path built(int feature) throws IOException, InterruptedException {
    Path jdk = Jdks.require(feature);
    Path dir = builtOn.get(feature);
    if (dir == null) {
      dir = temp.resolve("jdk" + feature);
      javac(jdk, dir);
      builtOn.put(feature, dir);
    }
    return dir;
  }

  private static void javac(Path jdk, Path dir) throws IOException, InterruptedException {
    Reach.writeShop(dir.resolve("src"));
    Reach.run(dir, Map.of(), readmeCommands(jdk).get(0)).succeeded();
  }

  /**
   * The README's two commands (compile, run), each a list of arguments: lines joined at a
   * trailing backslash, {@code javac}/{@code java} replaced by {@code jdk}'s, each jar of a path
   * replaced by the packaged one in {@code coframe.libs}.
   */
  static List<List<String>> readmeCommands(Path jdk) throws IOException {
    String block = Reach.readmeBlock("javac").replaceAll("\\\\\\n", " ");
    List<List<String>> commands = new ArrayList<>();
    for (String line : block.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> args = new ArrayList<>(List.of(line.strip().split("\\s+")));
      String tool = args.get(0);
      assertTrue(tool.equals("javac") || tool.equals("java"), "README's javac block runs " + tool);
      args.set(0, Jdks.tool(jdk, tool).toString());
      for (int i = 1; i < args.size(); i++) {
        if (List.of("-cp", "-classpath", "--class-path", "-processorpath", "--processor-path").contains(args.get(i - 1))) {
          args.set(i, packagedPath(args.get(i)));
        }
      }
      commands.add(args);
    }
    assertEquals(List.of("javac", "java"), commands.stream().map(c -> Path.of(c.get(0)).getFileName().toString().replace(".exe", "")).toList(),
        "README's javac block: one javac command, then one java command");
    return commands;
  }

  /** {@code a.jar:b.jar:out} with each jar replaced by the packaged one; other entries kept. */
  private static String packagedPath(String path) {
    List<String> entries = new ArrayList<>();
    for (String entry : path.split(":")) {
      entries.add(entry.endsWith(".jar") ? packagedJar(entry).toString() : entry);
    }
    return String.join(File.pathSeparator, entries);
  }

  /**
   * The jar the README calls {@code name}: the file of that name the build copied (JavaPoet's, its
   * version included, so the README names the version the processor uses), or for a name without
   * a version ({@code coframe-runtime.jar}) this build's jar of that artifact.
   */
  private static Path packagedJar(String name) {
    Path libs = Path.of(Reach.property("coframe.libs"));
    Path exact = libs.resolve(name);
    if (Files.isRegularFile(exact)) {
      return exact;
    }
    Path versioned = libs.resolve(name.replaceFirst("\\.jar$", "-" + Reach.version() + ".jar"));
    if (Files.isRegularFile(versioned)) {
      return versioned;
    }
    try (Stream<Path> files = Files.list(libs)) {
      return fail("README's javac block names " + name + ", which is not among the jars the build copied: "
          + files.map(p -> p.getFileName().toString()).sorted().toList()
          + " (the processor's dependencies changed? update README and reach/pom.xml)");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every file of the processor's output under {@code a} and {@code b} is the same bytes. */
  private static void assertSameOutput(Path a, Path b) throws IOException {
    SortedMap<String, byte[]> left = processorOutput(a);
    SortedMap<String, byte[]> right = processorOutput(b);
    assertTrue(left.keySet().stream().anyMatch(f -> f.endsWith("ShopCoroutines.java")), "no ShopCoroutines.java in " + left.keySet());
    assertTrue(left.keySet().stream().anyMatch(f -> f.endsWith(".json")), "no report in " + left.keySet());
    assertEquals(left.keySet(), right.keySet(), "the processor wrote different files");
    for (String file : left.keySet()) {
      assertEquals(new String(left.get(file), UTF_8),
          new String(right.get(file), UTF_8), file + " differs");
      assertTrue(Arrays.equals(left.get(file), right.get(file)), file + " differs in bytes");
    }
  }

  private static SortedMap<String, byte[]> processorOutput(Path dir) throws IOException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    for (String sub : PROCESSOR_OUTPUT) {
      Path root = dir.resolve(sub);
      assertTrue(Files.isDirectory(root), "the processor wrote nothing to " + root);
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
          files.put(dir.relativize(f).toString().replace(File.separatorChar, '/'), Files.readAllBytes(f));
        }
      }
    }
    return files;
  }
}

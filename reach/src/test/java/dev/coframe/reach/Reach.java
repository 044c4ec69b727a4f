package dev.coframe.reach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/** What the reach tests share: the build's facts, the README's marked blocks, subprocesses. */
final class Reach {
  private Reach() {}

  /** What {@code shop/Shop.java} prints: each result lowered, then in direct mode. */
  static final String SHOP_OUTPUT = String.join("\n",
      "total 140",
      "total, direct 140",
      "squares [0, 1, 4, 9, 16]",
      "squares, direct [0, 1, 4, 9, 16]");

  /** True on CI, where a missing prerequisite (a JDK, a fresh install) is a failure, not a skip. */
  static final boolean CI = "true".equals(System.getenv("CI"));

  static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      fail("system property " + name + " is not set: run these tests through Maven (reach/pom.xml sets it)");
    }
    return value;
  }

  static Path root() {
    return Path.of(property("coframe.root")).toAbsolutePath().normalize();
  }

  static String version() {
    return property("coframe.version");
  }

  /** Skips the test, or fails it on CI, where every prerequisite must be there. */
  static void require(boolean condition, String what) {
    if (CI) {
      assertTrue(condition, what + " (CI=true: required)");
    } else {
      Assumptions.assumeTrue(condition, what);
    }
  }

  /**
   * The fenced block that follows the line {@code <!-- reach:NAME -->} in README.md: what the
   * README tells users, read literally so that it cannot drift from what these tests build.
   */
  static String readmeBlock(String name) throws IOException {
    String readme = Files.readString(root().resolve("README.md"));
    Matcher m = Pattern.compile("<!-- reach:" + Pattern.quote(name) + " -->\\s*\\n```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL)
        .matcher(readme);
    assertTrue(m.find(), "README.md has no fenced block marked <!-- reach:" + name + " -->");
    String block = m.group(1);
    assertTrue(!m.find(), "README.md marks two blocks <!-- reach:" + name + " -->");
    return block;
  }

  /** Writes the program every reach test builds to {@code dir/shop/Shop.java}. */
  static Path writeShop(Path dir) throws IOException {
    Path file = dir.resolve("shop/Shop.java");
    Files.createDirectories(file.getParent());
    try (InputStream in = Reach.class.getResourceAsStream("/reach/shop/Shop.java")) {
      Files.write(file, in.readAllBytes());
    }
    return file;
  }

  /** The output of a finished subprocess. */
  record Run(List<String> command, int exit, String output) {
    Run succeeded() {
      assertEquals(0, exit, () -> "failed: " + String.join(" ", command) + "\n" + output);
      return this;
    }
  }

  /** Runs {@code command} in {@code dir}, standard error merged into its output. */
  static Run run(Path dir, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    // a JVM announces these on its output ("Picked up ..."), which the tests compare
    pb.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("timed out: " + String.join(" ", command));
    }
    return new Run(command, p.exitValue(), new String(out, StandardCharsets.UTF_8).replace("\r\n", "\n").strip());
  }
}

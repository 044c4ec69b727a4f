package dev.coframe.reach;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDKs on this machine, found by looking: the one running the tests ({@code java.home}) and
 * every JDK under {@code /usr/lib/jvm} (its {@code release} file names its {@code JAVA_VERSION}).
 */
final class Jdks {
  private Jdks() {}

  private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(?:1\\.)?(\\d+)");
  private static final Map<Integer, Path> FOUND = scan();

  /** The running JDK's feature version. */
  static int current() {
    return Runtime.version().feature();
  }

  /** A JDK (with {@code javac}) of that feature version, if this machine has one. */
  static Optional<Path> find(int feature) {
    return Optional.ofNullable(FOUND.get(feature));
  }

  /** A JDK of that feature version; skips the test without one, fails it on CI. */
  static Path require(int feature) {
    Optional<Path> jdk = find(feature);
    Reach.require(jdk.isPresent(), "no JDK " + feature + " found (java.home, /usr/lib/jvm/*); found " + FOUND);
    return jdk.orElseThrow();
  }

  static Path tool(Path jdk, String name) {
    boolean windows = System.getProperty("os.name").startsWith("Windows");
    return jdk.resolve("bin").resolve(windows ? name + ".exe" : name);
  }

  private static Map<Integer, Path> scan() {
    Map<Integer, Path> found = new TreeMap<>();
    Path running = Path.of(System.getProperty("java.home")).toAbsolutePath().normalize();
    consider(running, found);
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(jvms)) {
        for (Path dir : dirs) {
          consider(dir.toRealPath(), found);
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot list " + jvms, e);
      }
    }
    return found;
  }

  /** Keeps {@code home} if it is a JDK; the first found of each version wins (the running one first). */
  private static void consider(Path home, Map<Integer, Path> found) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isRegularFile(tool(home, "javac"))) {
      return;
    }
    try {
      Matcher m = VERSION.matcher(Files.readString(release));
      if (m.find()) {
        found.putIfAbsent(Integer.parseInt(m.group(1)), home);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + release, e);
    }
  }
}

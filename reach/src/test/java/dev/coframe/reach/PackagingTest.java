package dev.coframe.reach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The published jars as this build packaged them: a stable module name, sources and javadoc
 * beside each, and no test library in a published pom's compile or runtime scope.
 */
class PackagingTest {
  /** Libraries Coframe uses only in its own tests. */
  private static final Pattern TEST_LIBRARY =
      Pattern.compile("org\\.junit.*|junit|com\\.google\\.testing\\.compile|com\\.google\\.truth|org\\.openjdk\\.jol");

  @ParameterizedTest(name = "{0}")
  @CsvSource({"annotations, dev.coframe", "runtime, dev.coframe.runtime", "processor, dev.coframe.processor"})
  void jarNamesItsModuleAndShipsSourcesAndJavadoc(String module, String moduleName) throws IOException {
    Path jar = packaged(module, "");
    try (JarFile file = new JarFile(jar.toFile())) {
      assertEquals(moduleName, file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"), jar + " manifest");
      String dir = dir(moduleName) + "/";
      assertTrue(file.stream().anyMatch(e -> e.getName().startsWith(dir) && e.getName().indexOf('/', dir.length()) < 0
          && e.getName().endsWith(".class")), jar + " has no class in package " + moduleName + ", the module's name");
    }
    assertHolds(packaged(module, "-sources"), dir(moduleName) + "/", ".java");
    assertHolds(packaged(module, "-javadoc"), "", "index.html");
  }

  @Test
  void publishedPomsKeepTestLibrariesInTestScope() throws IOException {
    for (String module : List.of("annotations", "runtime", "processor")) {
      for (Dependency d : dependencies(Files.readString(Reach.root().resolve(module).resolve("pom.xml")))) {
        if (TEST_LIBRARY.matcher(d.groupId()).matches()) {
          assertEquals("test", d.scope(), module + "/pom.xml: " + d);
        }
      }
    }
    String parent = Files.readString(Reach.root().resolve("pom.xml"));
    Matcher managed = Pattern.compile("<dependencyManagement>(.*?)</dependencyManagement>", Pattern.DOTALL).matcher(parent);
    assertTrue(managed.find());
    for (Dependency d : dependencies(managed.group(1))) {
      // a scope here would reach every module, and the poms users resolve
      assertTrue(d.scope() == null || d.scope().equals("import"), "pom.xml dependencyManagement: " + d);
    }
  }

  record Dependency(String groupId, String artifactId, String scope) {}

  private static List<Dependency> dependencies(String xml) {
    Matcher m = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(xml);
    return m.results().map(r -> new Dependency(tag(r.group(1), "groupId"), tag(r.group(1), "artifactId"), tag(r.group(1), "scope"))).toList();
  }

  private static String tag(String xml, String name) {
    Matcher m = Pattern.compile("<" + name + ">\\s*(.*?)\\s*</" + name + ">").matcher(xml);
    return m.find() ? m.group(1) : null;
  }

  private static String dir(String packageName) {
    return packageName.replace('.', '/');
  }

  private static Path packaged(String module, String classifier) {
    Path jar = Reach.root().resolve(module).resolve("target")
        .resolve("coframe-" + module + "-" + Reach.version() + classifier + ".jar");
    assertTrue(Files.isRegularFile(jar), jar + " was not packaged");
    return jar;
  }

  /** The jar has an entry under {@code prefix} whose name ends with {@code suffix}, and it is not empty. */
  private static void assertHolds(Path jar, String prefix, String suffix) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      ZipEntry entry = file.stream().filter(e -> e.getName().startsWith(prefix) && e.getName().endsWith(suffix))
          .findFirst().orElse(null);
      assertTrue(entry != null && entry.getSize() > 0, jar + " has no non-empty " + prefix + "*" + suffix);
    }
  }
}

package dev.coframe.reach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh single-module Maven project that follows README's "Maven" section literally (its two
 * marked snippets pasted into a minimal pom), built offline against the coframe artifacts this
 * build installed: it compiles, runs its coroutines, and its runtime class path holds
 * coframe-runtime and coframe-annotations and nothing of Coframe's own tests or processor.
 */
class MavenReadmeTest {
  private static final List<String> MODULES = List.of("annotations", "runtime", "processor");

  /** Artifacts that may only ever be on Coframe's own test class paths (or its processor path). */
  private static final List<String> NOT_AT_RUNTIME = List.of(
      "junit", "opentest4j", "apiguardian", "compile-testing", "truth", "guava", "jol-core",
      "coframe-processor", "javapoet", "auto-service");

  @TempDir Path project;

  @Test
  void aFreshProjectFollowingTheReadmeBuildsAndRuns() throws Exception {
    requireInstalled();
    Files.writeString(project.resolve("pom.xml"), pom());
    Reach.writeShop(project.resolve("src/main/java"));

    Path jdk = Path.of(System.getProperty("java.home"));
    Path mvn = Path.of(Reach.property("coframe.mavenHome"), "bin",
        System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn");
    Reach.run(project, Map.of("JAVA_HOME", jdk.toString()), List.of(mvn.toString(), "-o", "-B", "-q",
        "-Dmaven.repo.local=" + Reach.property("coframe.localRepository"),
        "compile", "dependency:build-classpath",
        "-DincludeScope=runtime", "-Dmdep.outputFile=runtime-classpath.txt")).succeeded();

    String classpath = Files.readString(project.resolve("runtime-classpath.txt")).strip();
    List<String> jars = Arrays.stream(classpath.split(File.pathSeparator))
        .map(p -> Path.of(p).getFileName().toString()).toList();
    assertTrue(jars.contains("coframe-runtime-" + Reach.version() + ".jar"), "runtime class path: " + jars);
    assertTrue(jars.contains("coframe-annotations-" + Reach.version() + ".jar"), "runtime class path: " + jars);
    for (String jar : jars) {
      for (String forbidden : NOT_AT_RUNTIME) {
        assertFalse(jar.startsWith(forbidden), jar + " leaked onto a user's runtime class path: " + jars);
      }
    }

    String run = project.resolve("target/classes") + File.pathSeparator + classpath;
    Reach.Run program = Reach.run(project, Map.of(),
        List.of(Jdks.tool(jdk, "java").toString(), "-cp", run, "shop.Shop")).succeeded();
    assertEquals(Reach.SHOP_OUTPUT, program.output());
    assertTrue(Files.isRegularFile(project.resolve("target/generated-sources/annotations/shop/ShopCoroutines.java")),
        "README's IDE paragraph says generated sources are in target/generated-sources/annotations");
  }

  @Test
  void readmeSnippetsNameThisVersion() throws IOException {
    for (String snippet : List.of("maven-dependency", "maven-plugin")) {
      String xml = Reach.readmeBlock(snippet);
      assertTrue(xml.contains("<version>" + Reach.version() + "</version>"), "README's " + snippet + " snippet is not for " + Reach.version() + ":\n" + xml);
    }
  }

  /**
   * A minimal pom around the README's snippets. It pins only the plugins the README leaves to
   * Maven's defaults (to the versions this build used, so the offline build finds them).
   */
  private static String pom() throws IOException {
    StringBuilder pins = new StringBuilder();
    for (String plugin : Reach.property("coframe.plugins").split(",")) {
      String[] p = plugin.split(":");
      pins.append("        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>").append(p[0])
          .append("</artifactId><version>").append(p[1]).append("</version></plugin>\n");
    }
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>reach</groupId>
          <artifactId>shop</artifactId>
          <version>1</version>
          <properties>
            <maven.compiler.release>17</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>
          <dependencies>
        %s
          </dependencies>
          <build>
            <pluginManagement>
              <plugins>
        %s      </plugins>
            </pluginManagement>
            <plugins>
        %s
            </plugins>
          </build>
        </project>
        """.formatted(Reach.readmeBlock("maven-dependency"), pins, Reach.readmeBlock("maven-plugin"));
  }

  /**
   * The artifacts in the local repository are the ones this build packaged: true after the
   * reactor's {@code mvn install} (each module is installed before this one runs), false after
   * {@code mvn verify}, where the nested build would test stale jars.
   */
  private static void requireInstalled() throws IOException {
    Path repo = Path.of(Reach.property("coframe.localRepository"));
    for (String module : MODULES) {
      String jar = "coframe-" + module + "-" + Reach.version() + ".jar";
      Path packaged = Reach.root().resolve(module).resolve("target").resolve(jar);
      Path installed = repo.resolve("dev/coframe/coframe-" + module + "/" + Reach.version()).resolve(jar);
      Reach.require(Files.isRegularFile(installed) && Files.mismatch(packaged, installed) == -1,
          installed + " is not the jar this build packaged (" + packaged + "): run `mvn install`");
    }
  }
}

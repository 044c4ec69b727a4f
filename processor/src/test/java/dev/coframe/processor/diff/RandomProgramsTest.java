package dev.coframe.processor.diff;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Randomized differential testing: {@link ProgramGenerator} turns each seed into a random, valid,
 * terminating coroutine program, and the {@link DiffHarness} runs it directly, lowered and joined,
 * and lowered on an event loop, requiring the same result, exception and side-effect log.
 *
 * <p>CI runs seeds 1..300 (six javac runs of 50). To explore more:
 * {@code mvn -o test -pl processor -Dtest=RandomProgramsTest -Dcoframe.random.seed=1000
 * -Dcoframe.random.count=2000} (seeds 1000..2999). {@code -Dcoframe.random.batch=N} sets how many
 * programs one javac run compiles (default 50); {@code -Dcoframe.random.avoid=key,..} steers the
 * generator around known processor bugs so exploration can look past them (keys in {@link
 * ProgramGenerator#AVOID}). A failing test is named {@code rnd_<seed>} and prints the program;
 * {@code -Dcoframe.random.seed=<seed> -Dcoframe.random.count=1} (with the same avoid keys, which
 * the program's first comment names) runs it alone. On JDK 21 and newer the programs also contain
 * Java 21 statements (record patterns, pattern switch), which older JDKs replace by a comment; the
 * rest of a seed's program is the same on every JDK.
 */
class RandomProgramsTest {
  static final long FIRST_SEED = Long.getLong("coframe.random.seed", 1L);
  static final int COUNT = Integer.getInteger("coframe.random.count", 300);
  static final int BATCH = Math.max(1, Integer.getInteger("coframe.random.batch", 50));

  static List<Case> cases(long firstSeed, int count) {
    List<Case> cases = new ArrayList<>();
    for (long s = firstSeed; s < firstSeed + count; s++) {
      cases.add(ProgramGenerator.generate(s));
    }
    return cases;
  }

  /**
   * Seeds past the default range whose programs found bugs, kept so those bugs stay found: a javac
   * crash in the scope of a pattern binding (948), a try entered by falling into the next part
   * method (3533, 7367, 7588), a switch expression's char and int arms (506, 9795), a boxed
   * Character arm beside an int constant (20376), javac failing to give the scope of a statement
   * that calls a record accessor without {@code this.} (22675), a qualified type whose first segment
   * is also a local's name (23081), a user method already past HotSpot's limit (380), a char arm
   * beside int arms that are (31607) or are not (23362) constant expressions, a {@code var} of an
   * enhanced {@code for} where javac gives no scope (32284), a jump out of a {@code try} kept as
   * written whose resource close fails inside a split one (33265).
   */
  static final long[] FOUND = {380, 506, 948, 3533, 7367, 7588, 9795, 20376, 22675, 23081, 23362, 31607, 32284, 33265};

  @TestFactory
  Stream<DynamicTest> randomPrograms() {
    List<Case> all = cases(FIRST_SEED, COUNT);
    if (FIRST_SEED == 1L) {
      for (long s : FOUND) {
        all.add(ProgramGenerator.generate(s));
      }
    }
    // One javac run per batch, compiled lazily as JUnit reaches the batch.
    return IntStream.range(0, (all.size() + BATCH - 1) / BATCH)
        .boxed()
        .flatMap(b -> batch(all.subList(b * BATCH, Math.min(all.size(), (b + 1) * BATCH))));
  }

  private static Stream<DynamicTest> batch(List<Case> cases) {
    long t0 = System.nanoTime();
    Map<Case, DiffHarness.Build> builds = DiffHarness.buildAll(cases, List.of("-XDshould-stop.ifError=FLOW"));
    long failed = builds.values().stream().filter(b -> !b.ok()).count();
    System.out.printf("RandomProgramsTest: %s..%s compiled in %.1f s (%d of %d do not compile)%n",
        cases.get(0).id, cases.get(cases.size() - 1).id, (System.nanoTime() - t0) / 1e9, failed, cases.size());
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.id, () -> check(c, builds.get(c))));
  }

  private static void check(Case c, DiffHarness.Build build) {
    if (build.withProcessor && !build.ok()) {
      // A program that is not valid Java is the generator's bug, not the processor's.
      // (Without the processor there is no CaseCoroutines, R1Coroutines..: errors naming them do not
      // count, nor errors that follow from them on the same line, such as a failed inference.)
      DiffHarness.Build plain = DiffHarness.compile(List.of(c), false);
      Set<String> missing = new HashSet<>();
      if (plain.compilation != null) {
        plain.compilation.errors().stream()
            .filter(d -> d.getMessage(Locale.ROOT).contains("Coroutines"))
            .forEach(d -> missing.add(line(d)));
      }
      boolean invalid =
          plain.compilation == null
              || plain.compilation.errors().stream().anyMatch(d -> !missing.contains(line(d)));
      if (invalid) {
        fail("[" + c.id + "] GENERATOR BUG: the random program does not compile even without the processor:\n"
            + plain.errors(c.pkg().replace('.', '/') + "/") + "\n" + c.describeSources());
      }
    }
    DiffHarness.check(c, build);
  }

  private static String line(Diagnostic<? extends JavaFileObject> d) {
    return (d.getSource() == null ? "" : d.getSource().toUri().getPath()) + ":" + d.getLineNumber();
  }
}

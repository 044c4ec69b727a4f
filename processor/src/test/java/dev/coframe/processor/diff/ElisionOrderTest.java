package dev.coframe.processor.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.coframe.Elision;
import dev.coframe.runtime.RecyclingAllocator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * P2477 §12.7 on the random programs: eliding more never raises the allocator-call count, and
 * never changes what a program does. Each program of {@link ProgramGenerator} is compiled as
 * written (every call MAY), with {@code @Elide(NEVER)} on every coroutine, with {@code
 * @Elide(ALWAYS)} on every coroutine the processor can honour it for, and with a random {@code
 * @Elide} (ALWAYS where it can be honoured, NEVER, MAY, none) on each coroutine. ALWAYS on a
 * coroutine some call cannot embed (a recursion cycle, an escaping task) must be refused with the
 * {@code [coframe]} error that names it, and nothing else; those coroutines are left unannotated
 * in the ALWAYS program. Every variant must give direct mode's result, exception and log (the
 * {@link DiffHarness} differential, all schedules), and per run allocator calls
 * ALWAYS ≤ MAY ≤ NEVER, both when every await is ready (synchronous) and when none is (on an
 * event loop).
 *
 * <p>CI runs seeds 1..20; {@code -Dcoframe.elision.seed=S -Dcoframe.elision.count=N} explores more.
 */
class ElisionOrderTest {
  static final long FIRST_SEED = Long.getLong("coframe.elision.seed", 1L);
  static final int COUNT = Integer.getInteger("coframe.elision.count", 20);

  /** Imported, not qualified: in an annotation's value {@code dev.coframe..} would read a user's {@code dev}. */
  private static final String IMPORTS = "import dev.coframe.Elide;\nimport dev.coframe.Elision;\n";

  /** {@code @Coroutine <modifiers and type> name(}: where an {@code @Elide} goes, and the coroutine's name. */
  private static final Pattern COROUTINE = Pattern.compile("@Coroutine\\b([^(;{}=]*?)(\\w+)\\s*\\(");
  /** The coroutine an ALWAYS refusal names: {@code (@Elide on method Case.h2)}. */
  private static final Pattern REFUSED = Pattern.compile("@Elide on method \\w+\\.(\\w+)\\)");

  @TestFactory
  Stream<DynamicTest> elidingMoreNeverAllocatesMore() {
    List<Case> bases = new ArrayList<>();
    for (long s = FIRST_SEED; s < FIRST_SEED + COUNT; s++) {
      bases.add(ProgramGenerator.generate(s));
    }
    // ALWAYS everywhere first: what it refuses decides where the ALWAYS and random variants may place it
    Map<Case, Set<String>> refused = new LinkedHashMap<>();
    Map<Case, Case> always0 = new LinkedHashMap<>();
    for (Case b : bases) {
      always0.put(b, b.variant("always0", IMPORTS, annotate(name -> Elision.ALWAYS)));
    }
    Map<Case, DiffHarness.Build> built0 = DiffHarness.buildAll(new ArrayList<>(always0.values()));
    List<String> refusalProblems = new ArrayList<>();
    for (Case b : bases) {
      refused.put(b, refusals(always0.get(b), built0.get(always0.get(b)), refusalProblems));
    }
    Map<Case, List<Case>> variants = new LinkedHashMap<>();
    List<Case> all = new ArrayList<>();
    for (Case b : bases) {
      Set<String> no = refused.get(b);
      Random r = new Random(b.id.hashCode());
      Elision[] choices = {Elision.ALWAYS, Elision.NEVER, Elision.MAY, null};
      Map<String, Elision> random = new LinkedHashMap<>();
      List<Case> vs = List.of(
          b.variant("always", IMPORTS, annotate(name -> no.contains(name) ? null : Elision.ALWAYS)),
          b.variant("may", IMPORTS, annotate(name -> null)),
          b.variant("never", IMPORTS, annotate(name -> Elision.NEVER)),
          b.variant("random", IMPORTS, annotate(name -> random.computeIfAbsent(name, n -> {
            Elision e = choices[r.nextInt(choices.length)];
            return e == Elision.ALWAYS && no.contains(n) ? null : e;
          }))));
      variants.put(b, vs);
      all.addAll(vs);
    }
    Map<Case, DiffHarness.Build> builds = DiffHarness.buildAll(all);
    Stream<DynamicTest> refusalsTest = Stream.of(DynamicTest.dynamicTest("ALWAYS is refused only with its error",
        () -> assertTrue(refusalProblems.isEmpty(), String.join("\n", refusalProblems))));
    return Stream.concat(refusalsTest, bases.stream().map(b -> DynamicTest.dynamicTest(b.id, () -> {
      List<Case> vs = variants.get(b);
      for (Case v : vs) {
        DiffHarness.check(v, builds.get(v)); // each variant behaves as direct mode, on every schedule
      }
      for (Object[] args : b.argSetsOrEmpty()) {
        for (boolean async : new boolean[] {false, true}) {
          long[] calls = new long[3];
          for (int i = 0; i < 3; i++) {
            Map<String, byte[]> classes = builds.get(vs.get(i)).classes();
            RecyclingAllocator counted = new RecyclingAllocator();
            DiffHarness.Outcome o = async ? DiffHarness.runOnLoop(vs.get(i), classes, args, false, counted)
                : DiffHarness.runSync(vs.get(i), classes, args, counted);
            if (o.problem != null) {
              fail("[" + vs.get(i).id + "] " + o.problem);
            }
            calls[i] = o.allocatorCalls;
          }
          String what = "[" + b.id + Case.describeArgs(args) + (async ? " async" : " sync") + "] allocator calls ALWAYS "
              + calls[0] + ", MAY " + calls[1] + ", NEVER " + calls[2] + " (ALWAYS not placed on " + refused.get(b) + ")";
          System.out.println("ElisionOrderTest: " + what);
          assertTrue(calls[0] <= calls[1] && calls[1] <= calls[2], what);
        }
      }
    })));
  }

  /** Puts {@code @Elide(choice(name))} on each {@code @Coroutine} method (none where the choice is null). */
  private static java.util.function.UnaryOperator<String> annotate(Function<String, Elision> choice) {
    return text -> {
      Matcher m = COROUTINE.matcher(text);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        Elision e = choice.apply(m.group(2));
        String elide = e == null ? "" : "@Elide(Elision." + e + ") ";
        m.appendReplacement(sb, Matcher.quoteReplacement(elide + m.group()));
      }
      m.appendTail(sb);
      return sb.toString();
    };
  }

  /**
   * The coroutines ALWAYS-everywhere {@code c} refused: it compiles, or every error is a
   * {@code [coframe]} refusal naming the coroutine (anything else goes to {@code problems}).
   */
  private static Set<String> refusals(Case c, DiffHarness.Build build, List<String> problems) {
    Set<String> names = new TreeSet<>();
    if (build.compilation == null) {
      problems.add("[" + c.id + "] the processor crashed:\n" + build.crash);
      return names;
    }
    for (Diagnostic<? extends JavaFileObject> d : build.compilation.errors()) {
      String m = d.getMessage(Locale.ROOT);
      Matcher refusal = REFUSED.matcher(m);
      if (m.startsWith("[coframe] Elision.ALWAYS (@Elide on method ") && m.contains("cannot be honoured")
          && refusal.find()) {
        names.add(refusal.group(1));
      } else if (!m.contains("Coroutines")) { // a refusal leaves no generated class: its uses fail too
        problems.add("[" + c.id + "] ALWAYS everywhere gave an error that is no refusal: " + d.getLineNumber() + ":"
            + d.getColumnNumber() + " " + m + "\n" + c.describeSources());
      }
    }
    if (names.isEmpty() && !build.ok()) {
      problems.add("[" + c.id + "] ALWAYS everywhere refused nothing, yet did not compile:\n" + build.errors("cases/"));
    }
    return names;
  }
}

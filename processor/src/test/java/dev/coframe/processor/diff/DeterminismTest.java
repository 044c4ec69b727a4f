package dev.coframe.processor.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Same input, same bytes (DESIGN §7): every differential case compiled twice, outputs compared. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeterminismTest {
  private DiffHarness.Build first;
  private DiffHarness.Build second;

  static List<Case> allCases() {
    List<Case> all = new ArrayList<>();
    all.addAll(LocalsAndControlFlowDiffTest.cases());
    all.addAll(ExpressionsDiffTest.cases());
    all.addAll(CallsAndExceptionsDiffTest.cases());
    all.addAll(GeneratorsDiffTest.cases());
    all.addAll(TryDiffTest.cases());
    all.addAll(SwitchDiffTest.cases());
    all.addAll(UserProgramsDiffTest.cases());
    return all;
  }

  @BeforeAll
  void compileTwice() {
    if (!DiffHarness.processorPresent()) {
      return;
    }
    List<Case> all = allCases();
    // Failed compilations expose no generated files: compare what compiles (the differential
    // tests report the rest).
    List<Case> cases = DiffHarness.compilableSubset(all);
    if (cases.size() < all.size()) {
      System.out.println("DeterminismTest: " + (all.size() - cases.size()) + " of " + all.size()
          + " cases do not compile with the processor and are left out");
    }
    first = DiffHarness.compile(cases, true);
    second = DiffHarness.compile(cases, true);
  }

  private void requireBuilds() {
    if (first == null) {
      fail(DiffHarness.PROCESSOR + " is not on the test class path (processor/src/main/java)");
    }
    if (first.compilation == null || second.compilation == null) {
      fail("javac or the processor crashed:\n" + (first.crash != null ? first.crash : second.crash));
    }
    if (!first.ok() || !second.ok()) {
      fail("cases that compiled together once failed the second time:\n" + first.errors("") + second.errors(""));
    }
  }

  @Test
  void generatedSourcesAreByteIdentical() {
    requireBuilds();
    Map<String, String> a = first.generatedSources("");
    Map<String, String> b = second.generatedSources("");
    assertFalse(a.isEmpty(), "the processor generated no source at all");
    assertEquals(a.keySet(), b.keySet(), "the two runs generated different files");
    List<String> differing = new ArrayList<>();
    for (String path : new TreeSet<>(a.keySet())) {
      if (!a.get(path).equals(b.get(path))) {
        differing.add(path + "\n" + firstDifference(a.get(path), b.get(path)));
      }
    }
    if (!differing.isEmpty()) {
      fail(differing.size() + " generated sources differ between two identical compilations:\n"
          + String.join("\n", differing));
    }
  }

  @Test
  void classFilesAreByteIdentical() {
    requireBuilds();
    Map<String, byte[]> a = first.classes();
    Map<String, byte[]> b = second.classes();
    assertEquals(a.keySet(), b.keySet(), "the two runs wrote different class files");
    List<String> differing = new ArrayList<>();
    for (String name : a.keySet()) {
      if (!Arrays.equals(a.get(name), b.get(name))) {
        differing.add(name);
      }
    }
    assertTrue(differing.isEmpty(), "class files differ between two identical compilations: " + differing);
  }

  static String firstDifference(String x, String y) {
    String[] a = x.split("\n", -1);
    String[] b = y.split("\n", -1);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String l = i < a.length ? a[i] : "<end of file>";
      String r = i < b.length ? b[i] : "<end of file>";
      if (!l.equals(r)) {
        return "  line " + (i + 1) + ":\n    first:  " + l + "\n    second: " + r;
      }
    }
    return "  (line endings differ)";
  }
}

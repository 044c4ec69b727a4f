package dev.coframe.processor.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bytecode size of generated methods: every differential case and the first 20 random
 * programs, the distribution of body ({@code run$}) sizes printed (for the record), and no generated
 * method past HotSpot's 8,000-byte limit. ({@link DiffHarness#check} enforces the limit on
 * everything the tests generate; this test shows the shape.)
 */
class MethodSizesTest {
  static final int HUGE = 8000;
  static final int INLINE = 325;

  @Test
  void resumeSizes() {
    List<String> huge = new ArrayList<>();
    report("differential cases", DeterminismTest.allCases(), huge);
    report("random programs 1..20", RandomProgramsTest.cases(1, 20), huge);
    assertTrue(huge.isEmpty(), "methods HotSpot never compiles (over " + HUGE + " bytes): " + huge);
  }

  private static void report(String what, List<Case> cases, List<String> huge) {
    List<Integer> resume = new ArrayList<>();
    for (Map.Entry<Case, DiffHarness.Build> e : DiffHarness.buildAll(cases).entrySet()) {
      if (!e.getValue().ok()) {
        continue; // reported by the differential tests
      }
      e.getValue().classes().forEach((name, bytes) -> {
        if (!name.startsWith(e.getKey().pkg() + ".") || !name.contains("Coroutines")) {
          return;
        }
        ClassFiles.read(bytes).methodSizes().forEach((m, size) -> {
          if (m.startsWith("run$(")) {
            resume.add(size);
          }
          if (size > HUGE) {
            huge.add(name + "." + m + ": " + size + " bytes");
          }
        });
      });
    }
    Collections.sort(resume);
    long inlinable = resume.stream().filter(s -> s <= INLINE).count();
    System.out.printf("MethodSizesTest, %s: %d body methods (run$); min %d, median %d, p90 %d, max %d bytes;"
        + " %d within %d (FreqInlineSize)%n", what, resume.size(), resume.get(0), resume.get(resume.size() / 2),
        resume.get(resume.size() * 9 / 10), resume.get(resume.size() - 1), inlinable, INLINE);
  }
}

package dev.coframe.processor.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shape of generated frames, over every differential case and the first 20 random programs:
 * the distribution of body ({@code run$}) bytecode sizes and no generated method past HotSpot's
 * 8,000-byte limit; frame fields against the most any suspension point keeps. ({@link
 * DiffHarness#check} enforces both bounds on everything the tests generate; this test prints the
 * figures for the record.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MethodSizesTest {
  static final int HUGE = 8000;
  static final int INLINE = 325;

  /** Per group of cases, the builds that compiled. */
  private final Map<String, Map<Case, DiffHarness.Build>> groups = new LinkedHashMap<>();

  @BeforeAll
  void build() {
    groups.put("differential cases", compiled(DeterminismTest.allCases()));
    groups.put("random programs 1..20", compiled(RandomProgramsTest.cases(1, 20)));
  }

  private static Map<Case, DiffHarness.Build> compiled(List<Case> cases) {
    Map<Case, DiffHarness.Build> out = new LinkedHashMap<>();
    DiffHarness.buildAll(cases).forEach((c, b) -> {
      if (b.ok()) {
        out.put(c, b); // the differential tests report the rest
      }
    });
    return out;
  }

  @Test
  void resumeSizes() {
    List<String> huge = new ArrayList<>();
    groups.forEach((what, builds) -> {
      List<Integer> resume = new ArrayList<>();
      builds.forEach((c, b) -> b.classes().forEach((name, bytes) -> {
        if (!name.startsWith(c.pkg() + ".") || !name.contains("Coroutines")) {
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
      }));
      Collections.sort(resume);
      long inlinable = resume.stream().filter(s -> s <= INLINE).count();
      System.out.printf("MethodSizesTest, %s: %d body methods (run$); min %d, median %d, p90 %d, max %d bytes;"
          + " %d within %d (FreqInlineSize)%n", what, resume.size(), resume.get(0), resume.get(resume.size() / 2),
          resume.get(resume.size() * 9 / 10), resume.get(resume.size() - 1), inlinable, INLINE);
    });
    assertTrue(huge.isEmpty(), "methods HotSpot never compiles (over " + HUGE + " bytes): " + huge);
  }

  @Test
  void frameFields() {
    List<String> excess = new ArrayList<>();
    groups.forEach((what, builds) -> {
      int frames = 0;
      int fields = 0;
      int kept = 0;
      int fieldsMode = 0;
      for (Map.Entry<Case, DiffHarness.Build> e : builds.entrySet()) {
        for (String text : e.getValue().generatedSources(e.getKey().pkg().replace('.', '/') + "/").values()) {
          for (FrameFields.Frame f : FrameFields.of(text)) {
            if (f.fieldsMode()) {
              fieldsMode++;
              continue;
            }
            frames++;
            fields += f.fields();
            kept += f.mostKept();
            if (f.excess() != null) {
              excess.add(f.excess());
            }
          }
        }
      }
      System.out.printf("MethodSizesTest, %s: %d frames hold %d fields besides parameters; the most kept at one"
          + " point, summed per type, is %d (%d frames in fields mode left out)%n", what, frames, fields, kept,
          fieldsMode);
    });
    assertTrue(excess.isEmpty(), "frames with more fields than any suspension point keeps: " + excess);
  }
}

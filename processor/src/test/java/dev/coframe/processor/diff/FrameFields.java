package dev.coframe.processor.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of the frames in a generated source, checked against what their suspension points
 * keep: per type, a frame may have no more fields than the most variables of that type one point
 * restores on resuming, besides its parameters and receiver (which the factory hands over in
 * fields) and its embedded children's frames. Frames
 * of bodies too large for one method (fields mode: part methods keep every variable in a field)
 * are counted apart.
 */
final class FrameFields {
  private static final Pattern FRAME = Pattern.compile("(?m)^  public static final class (\\w+)");
  /** A field declaration: its type, its names ({@code private int n, sum;}) and the comment beside it. */
  private static final Pattern FIELD =
      Pattern.compile("(?m)^    private (?!static)([^=;()]+?) ([\\w$]+(?:, [\\w$]+)*);( // .*)?$");
  /** A resume point's line: {@code case 2: x = frame$.x; .. // resumed after ..}, or an if for a body's only one. */
  private static final Pattern RESUME =
      Pattern.compile("(?m)^ +(?:case -?\\d+:|if \\(next\\$ == \\d+\\) \\{)(.*) // resumed after");
  private static final Pattern RESTORE = Pattern.compile("[\\w$]+ = frame\\$\\.([\\w$]+);");
  /** {@code run()}'s call of the body: the fields after the state (and depth) are the parameters'. */
  private static final Pattern RUN = Pattern.compile("run\\$\\((?:strand\\(\\), )?this, state(?:, depth\\(\\))?((?:, [\\w$]+)*)\\)");

  /** What one frame has and keeps. */
  record Frame(String name, boolean fieldsMode, Map<String, Integer> fieldsByType, Map<String, Integer> mostKeptByType) {
    int fields() {
      return fieldsByType.values().stream().mapToInt(Integer::intValue).sum();
    }

    int mostKept() {
      return mostKeptByType.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** A description of the excess, or null when every type is within its bound. */
    String excess() {
      List<String> over = new ArrayList<>();
      fieldsByType.forEach((type, n) -> {
        int bound = mostKeptByType.getOrDefault(type, 0);
        if (n > bound) {
          over.add(n + " fields of " + type + " where a point keeps at most " + bound);
        }
      });
      return fieldsMode || over.isEmpty() ? null : name + ": " + String.join(", ", over);
    }
  }

  private FrameFields() {}

  static List<Frame> of(String source) {
    List<Frame> out = new ArrayList<>();
    Matcher m = FRAME.matcher(source);
    List<Integer> starts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    while (m.find()) {
      starts.add(m.start());
      names.add(m.group(1));
    }
    for (int k = 0; k < starts.size(); k++) {
      String text = source.substring(starts.get(k), k + 1 < starts.size() ? starts.get(k + 1) : source.length());
      out.add(frame(names.get(k), text));
    }
    return out;
  }

  private static Frame frame(String name, String text) {
    Map<String, String> typeOf = new HashMap<>();
    Map<String, Integer> fields = new TreeMap<>();
    Matcher run = RUN.matcher(text);
    if (!run.find()) {
      throw new IllegalStateException(name + ": no run$ call in run()");
    }
    Set<String> params = new HashSet<>(List.of(run.group(1).replaceFirst("^, ", "").split(", ")));
    Matcher f = FIELD.matcher(text);
    while (f.find()) {
      if (f.group(3) != null && f.group(3).contains(", embedded (")) {
        continue; // an embedded child's frame
      }
      for (String field : f.group(2).split(", ")) {
        if (!params.contains(field)) { // not a parameter's field or the receiver's
          typeOf.put(field, f.group(1));
          fields.merge(f.group(1), 1, Integer::sum);
        }
      }
    }
    Map<String, Integer> mostKept = new LinkedHashMap<>();
    Matcher r = RESUME.matcher(text);
    while (r.find()) {
      Map<String, Integer> kept = new HashMap<>();
      Set<String> restored = new LinkedHashSet<>();
      Matcher a = RESTORE.matcher(r.group(1));
      while (a.find()) {
        restored.add(a.group(1));
      }
      for (String field : restored) {
        kept.merge(typeOf.getOrDefault(field, "?"), 1, Integer::sum);
      }
      kept.forEach((type, n) -> mostKept.merge(type, n, Math::max));
    }
    return new Frame(name, text.contains(" part$1("), fields, mostKept);
  }
}

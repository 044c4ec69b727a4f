package dev.coframe.processor.write;

import dev.coframe.processor.analysis.CallGraph;
import dev.coframe.processor.ir.TypeNames;
import dev.coframe.processor.lower.Layout;
import dev.coframe.processor.model.Naming;
import dev.coframe.processor.plan.Decision;
import dev.coframe.processor.plan.ElisionPlan;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * The machine-readable report of one class's coroutines (a class-output resource,
 * {@code META-INF/coframe/<class>.json}): per frame, its fields and what they hold, its embedded
 * children's fields, its estimated bytes and the most a root of it keeps, and each call site's
 * decision with its reason. A build tool or a test answers "did elision happen?" from it.
 */
public final class Report {
  private Report() {}

  /** The resource's path in the class output. */
  public static String path(TypeElement owner) {
    return "META-INF/coframe/" + owner.getQualifiedName() + ".json";
  }

  /** The report of {@code owner}'s {@code units}, as JSON (deterministic: units, fields and calls in order). */
  public static String json(TypeElement owner, List<CoroutinesWriter.Unit> units, ElisionPlan plan, FrameSizes sizes,
      Naming naming) {
    List<String> frames = new ArrayList<>();
    for (CoroutinesWriter.Unit u : units) {
      List<String> fields = new ArrayList<>();
      for (Layout.Slot s : u.layout().slots()) {
        List<String> holds = new ArrayList<>();
        s.holds().forEach(v -> holds.add(string(v.source())));
        fields.add(object("name", string(s.name()), "type", string(TypeNames.write(s.type())),
            "holds", array(holds)));
      }
      List<String> embedded = new ArrayList<>();
      for (ElisionPlan.Field f : u.embedded()) {
        embedded.add(object("field", string(f.name()), "callee", string(naming.displayName(f.callee()))));
      }
      List<String> calls = new ArrayList<>();
      for (CallGraph.Site s : u.calls()) {
        Decision d = plan.at(s.call());
        if (d != null) {
          calls.add(object("line", Long.toString(d.line()), "call", string(s.call().toString()),
              "callee", string(naming.displayName(s.callee())), "placement", string(d.placement().name()),
              "elision", string(d.requested().name()), "requestedBy", string(d.requestedBy()),
              "reason", string(d.reason()), "field", d.field() == null ? "null" : string(d.field())));
        }
      }
      frames.add(object("coroutine", string(naming.displayName(u.decl())),
          "frameClass", string(naming.frameBinaryName(u.decl())),
          "bytes", Integer.toString(sizes.own(u)), "retainedBytes", Integer.toString(sizes.retained(u)),
          "fields", array(fields), "embedded", array(embedded), "calls", array(calls)));
    }
    return object("class", string(owner.getQualifiedName().toString()), "frames", array(frames)) + "\n";
  }

  private static String object(String... keysAndValues) {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      members.add(string(keysAndValues[i]) + ": " + keysAndValues[i + 1]);
    }
    return "{" + String.join(", ", members) + "}";
  }

  private static String array(List<String> values) {
    return "[" + String.join(", ", values) + "]";
  }

  /** {@code s} quoted: a JSON string, and a Java string literal (their escapes agree on these). */
  static String string(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}

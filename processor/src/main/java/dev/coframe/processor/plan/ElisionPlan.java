package dev.coframe.processor.plan;

import com.sun.source.tree.Tree;
import dev.coframe.processor.model.CoroutineDecl;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The planner's output for a round: one {@link Decision} per call site, and per caller the fields
 * its frame holds for embedded children. The emitter reads a site's decision by its call tree.
 */
public final class ElisionPlan {
  /**
   * A field of a parent's frame that holds an embedded child frame: its name, the callee whose frame
   * it holds, and the sites that use it (several calls awaited at once share one field: their
   * lifetimes never overlap).
   */
  public record Field(String name, CoroutineDecl callee, List<Decision> sites) {}

  private final Map<Tree, Decision> bySite = new IdentityHashMap<>();
  private final Map<String, List<Field>> fieldsByCaller = new LinkedHashMap<>();

  /** A plan that decides nothing: every call allocates its child's frame lazily. */
  public static ElisionPlan empty() {
    return new ElisionPlan();
  }

  void add(Decision d) {
    bySite.put(d.site().call(), d);
  }

  void fields(CoroutineDecl caller, List<Field> fields) {
    fieldsByCaller.put(key(caller), List.copyOf(fields));
  }

  /** The decision for the call (or factory call) {@code call}, or null if it is not a coroutine call site. */
  public Decision at(Tree call) {
    return bySite.get(call);
  }

  /** The fields of {@code caller}'s frame that hold embedded child frames, in the order of their first site. */
  public List<Field> fieldsOf(CoroutineDecl caller) {
    return fieldsByCaller.getOrDefault(key(caller), List.of());
  }

  /** The field of the embedded site {@code d}. */
  public Field fieldOf(Decision d) {
    for (Field f : fieldsOf(d.site().caller())) {
      if (f.name().equals(d.field())) {
        return f;
      }
    }
    throw new IllegalArgumentException("not an embedded site: " + d);
  }

  private static String key(CoroutineDecl c) {
    return c.method().getEnclosingElement() + "." + c.method();
  }
}

package dev.coframe.processor.write;

import com.palantir.javapoet.TypeName;
import dev.coframe.processor.ir.TypeNames;
import dev.coframe.processor.lower.Layout;
import dev.coframe.processor.model.CoroutineDecl;
import dev.coframe.processor.model.FrameRecord;
import dev.coframe.processor.model.Naming;
import dev.coframe.processor.plan.ElisionPlan;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Estimated sizes of frames, as HotSpot lays them out with compressed pointers (a 12-byte header,
 * 4-byte references, fields packed, the object aligned to 8): a frame's own size (its base
 * classes' fields and its own), and what a root keeps — its frame and, transitively, the frames
 * embedded in it. A callee of an earlier compilation is read from its frame's {@code @FrameInfo}.
 */
public final class FrameSizes {
  private static final int HEADER = 12;
  private static final int REFERENCE = 4;

  private final Elements elements;
  private final Naming naming;
  /** What frame classes of earlier compilations recorded, by canonical name (null: none). */
  private final Function<String, FrameRecord> records;
  private final Map<String, CoroutinesWriter.Unit> units = new HashMap<>();
  private final Map<String, Integer> retained = new HashMap<>();
  private final Map<String, Integer> bases = new HashMap<>();
  /** Frame class names by coroutine, made once: {@link #retained} asks for each many times. */
  private final Map<CoroutineDecl, String> frameClasses = new HashMap<>();

  public FrameSizes(Elements elements, Naming naming, Iterable<CoroutinesWriter.Unit> round,
      Function<String, FrameRecord> records) {
    this.records = records;
    this.elements = elements;
    this.naming = naming;
    round.forEach(u -> units.put(frameClass(u.decl()), u));
  }

  /** The estimated bytes of one frame of {@code u}: its base classes' fields and its own. */
  public int own(CoroutinesWriter.Unit u) {
    int bytes = HEADER + base(CoroutinesWriter.baseClassName(u.decl()));
    Layout layout = u.layout();
    for (Layout.Slot s : layout.slots()) {
      bytes += size(s.type());
    }
    bytes += REFERENCE * u.embedded().size();
    if (u.body().body().fields()) {
      bytes += 8 + 4; // result$ (at most) and region$
    }
    return align(bytes);
  }

  /**
   * What a root frame of {@code u} keeps at most: its own bytes and its embedded children's,
   * transitively. Children first, with an explicit stack (a chain of a thousand embedded frames
   * must not exhaust the compiler's stack); embedding has no cycles (the planner never embeds one),
   * and a frame met again while being summed counts nothing.
   */
  public int retained(CoroutinesWriter.Unit u) {
    Deque<CoroutinesWriter.Unit> todo = new ArrayDeque<>(List.of(u));
    Set<String> summing = new HashSet<>();
    while (!todo.isEmpty()) {
      CoroutinesWriter.Unit t = todo.peek();
      String key = frameClass(t.decl());
      if (retained.containsKey(key)) {
        todo.pop();
        continue;
      }
      boolean childrenDone = true;
      if (summing.add(key)) {
        for (ElisionPlan.Field f : t.embedded()) {
          CoroutinesWriter.Unit c = units.get(frameClass(f.callee()));
          if (c != null && !retained.containsKey(frameClass(c.decl())) && !summing.contains(frameClass(c.decl()))) {
            todo.push(c);
            childrenDone = false;
          }
        }
      }
      if (childrenDone) {
        todo.pop();
        int bytes = own(t);
        for (ElisionPlan.Field f : t.embedded()) {
          bytes += retainedOf(f.callee());
        }
        retained.put(key, bytes);
      }
    }
    return retained.get(frameClass(u.decl()));
  }

  /** {@link #retained} of a callee: of this round, or recorded on its frame class by an earlier compilation. */
  private int retainedOf(CoroutineDecl callee) {
    if (units.containsKey(frameClass(callee))) {
      return retained.getOrDefault(frameClass(callee), 0); // summed before its parent (0: met again on a cycle)
    }
    FrameRecord f = records.apply(frameClass(callee));
    return f != null && f.retainedBytes() != null ? f.retainedBytes() : 0; // 0: a frame recorded without sizes
  }

  /** The bytes of the instance fields of {@code base} and its superclasses. */
  private int base(String base) {
    return bases.computeIfAbsent(base, b -> {
      int bytes = 0;
      for (TypeElement t = elements.getTypeElement(b); t != null; t = superclass(t)) {
        for (VariableElement f : ElementFilter.fieldsIn(t.getEnclosedElements())) {
          if (!f.getModifiers().contains(Modifier.STATIC)) {
            bytes += size(f.asType());
          }
        }
      }
      return bytes;
    });
  }

  private static TypeElement superclass(TypeElement t) {
    TypeMirror s = t.getSuperclass();
    return s.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) s).asElement() : null;
  }

  private static int size(TypeMirror t) {
    return switch (t.getKind()) {
      case LONG, DOUBLE -> 8;
      case INT, FLOAT -> 4;
      case SHORT, CHAR -> 2;
      case BYTE, BOOLEAN -> 1;
      default -> REFERENCE;
    };
  }

  private static int size(TypeName t) {
    return switch (TypeNames.write(t)) {
      case "long", "double" -> 8;
      case "int", "float" -> 4;
      case "short", "char" -> 2;
      case "byte", "boolean" -> 1;
      default -> REFERENCE;
    };
  }

  private static int align(int bytes) {
    return (bytes + 7) / 8 * 8;
  }

  private String frameClass(CoroutineDecl c) {
    return frameClasses.computeIfAbsent(c, k -> naming.frameCanonicalName(k));
  }
}

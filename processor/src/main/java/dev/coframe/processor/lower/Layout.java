package dev.coframe.processor.lower;

import com.palantir.javapoet.TypeName;
import dev.coframe.processor.ir.Point;
import dev.coframe.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a frame: one per parameter (the factory stores it; the frame's {@code run()} passes
 * it back to the body), and slots for what the suspension points keep. Variables that are never
 * kept at the same point share a slot of their type, so a frame has as many slots of a type as the
 * most variables of that type any one point keeps.
 */
public final class Layout {
  /** A field of the frame: its name, its type, and the variables it holds (at different points). */
  public record Slot(String name, TypeName type, List<Var> holds) {}

  private final Map<Var, Slot> slotOf;
  private final List<Slot> slots;
  private final Map<Point, List<Var>> live;

  private Layout(Map<Var, Slot> slotOf, List<Slot> slots, Map<Point, List<Var>> live) {
    this.slotOf = slotOf;
    this.slots = slots;
    this.live = live;
  }

  /** Slots for {@code params} and for the variables {@code live} at each point. */
  public static Layout of(List<Var> params, Map<Point, List<Var>> live) {
    Map<Var, Set<Var>> conflicts = new LinkedHashMap<>();
    for (List<Var> atPoint : live.values()) {
      for (Var v : atPoint) {
        if (!v.isParam()) {
          Set<Var> c = conflicts.computeIfAbsent(v, k -> new HashSet<>());
          c.addAll(atPoint);
          c.remove(v);
        }
      }
    }
    Map<Var, Slot> slotOf = new LinkedHashMap<>();
    List<Slot> slots = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Var p : params) {
      Slot s = new Slot(p.name(), p.type(), new ArrayList<>(List.of(p)));
      slots.add(s);
      slotOf.put(p, s);
      names.add(p.name());
    }
    List<Slot> shared = new ArrayList<>();
    for (Map.Entry<Var, Set<Var>> e : conflicts.entrySet()) {
      Var v = e.getKey();
      Slot fit = null;
      for (Slot s : shared) {
        if (s.type().equals(v.type()) && s.holds().stream().noneMatch(e.getValue()::contains)) {
          fit = s;
          break;
        }
      }
      if (fit == null) {
        fit = new Slot(null, v.type(), new ArrayList<>());
        shared.add(fit);
      }
      fit.holds().add(v);
      slotOf.put(v, fit);
    }
    // name each slot after what it holds: the variable, or the first ones of those sharing it
    Map<Slot, Slot> named = new LinkedHashMap<>();
    for (Slot s : shared) {
      List<String> parts = new ArrayList<>();
      for (Var v : s.holds().subList(0, Math.min(3, s.holds().size()))) {
        parts.add(v.name());
      }
      String name = String.join("_", parts) + (s.holds().size() > 3 ? "_etc" : "");
      String unique = name;
      for (int k = 2; !names.add(unique); k++) {
        unique = name + "$" + k;
      }
      named.put(s, new Slot(unique, s.type(), s.holds()));
    }
    for (Slot s : shared) {
      slots.add(named.get(s));
    }
    slotOf.replaceAll((v, s) -> named.getOrDefault(s, s));
    return new Layout(slotOf, slots, live);
  }

  /** Fields mode: a field for every variable of the body, named as the variable (parameters first). */
  public static Layout everyVariable(List<Var> params, List<Var> vars, Map<Point, List<Var>> live) {
    Map<Var, Slot> slotOf = new LinkedHashMap<>();
    List<Slot> slots = new ArrayList<>();
    List<Var> ordered = new ArrayList<>(params);
    vars.stream().filter(v -> !params.contains(v)).forEach(ordered::add);
    for (Var v : ordered) {
      Slot s = new Slot(v.name(), v.type(), List.of(v));
      slots.add(s);
      slotOf.put(v, s);
    }
    return new Layout(slotOf, slots, live);
  }

  /** Every field, parameters first. */
  public List<Slot> slots() {
    return slots;
  }

  /** The field that keeps {@code v} across suspension points. */
  public Slot slotOf(Var v) {
    return slotOf.get(v);
  }

  /** What the frame keeps while suspended at {@code p}. */
  public List<Var> liveAt(Point p) {
    return live.get(p);
  }
}

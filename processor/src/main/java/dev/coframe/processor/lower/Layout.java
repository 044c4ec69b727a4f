package dev.coframe.processor.lower;

import com.palantir.javapoet.TypeName;
import dev.coframe.processor.ir.Point;
import dev.coframe.processor.ir.TypeNames;
import dev.coframe.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a frame: one per parameter (the factory stores it; the frame's {@code run()} passes
 * it back to the body), and slots for what the suspension points keep. Slots are assigned per
 * point: the variables of a type a point keeps go into that type's first slots, so a frame has
 * exactly as many slots of a type as the most variables of that type any one point keeps. A
 * variable keeps the slot it had at an earlier point where that slot is free, so most slots hold
 * one variable throughout and are named after it.
 */
public final class Layout {
  /** A field of the frame: its name, its type, and the variables it holds (at different points). */
  public record Slot(String name, TypeName type, List<Var> holds) {
    /**
     * Whether the slot's name says what it holds: parameters only (named as they are), or one
     * local of that name (whose declaration a comment would only repeat).
     */
    public boolean namedAsWhatItHolds() {
      return holds.stream().allMatch(v -> v.kind() == Var.Kind.PARAM)
          || holds.size() == 1 && holds.get(0).kind() == Var.Kind.LOCAL && holds.get(0).name().equals(name);
    }
  }

  private final Map<Var, Slot> paramSlots;
  private final Map<Point, Map<Var, Slot>> slotsAt;
  private final List<Slot> slots;
  private final Map<Point, List<Var>> live;

  private Layout(Map<Var, Slot> paramSlots, Map<Point, Map<Var, Slot>> slotsAt, List<Slot> slots,
      Map<Point, List<Var>> live) {
    this.paramSlots = paramSlots;
    this.slotsAt = slotsAt;
    this.slots = slots;
    this.live = live;
  }

  /** Slots for {@code params} and for the variables {@code live} at each point. */
  public static Layout of(List<Var> params, Map<Point, List<Var>> live) {
    Map<Var, Slot> paramSlots = new LinkedHashMap<>();
    List<Slot> slots = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Var p : params) {
      Slot s = new Slot(p.name(), p.type(), List.of(p));
      slots.add(s);
      paramSlots.put(p, s);
      names.add(p.name());
    }
    // per type, the slots; per point, each kept variable's slot index among its type's
    Map<String, List<List<Var>>> byType = new LinkedHashMap<>();
    Map<Point, Map<Var, Integer>> indexAt = new LinkedHashMap<>();
    Map<Var, Integer> preferred = new HashMap<>();
    for (Map.Entry<Point, List<Var>> e : live.entrySet()) {
      Map<Var, Integer> at = new LinkedHashMap<>();
      Map<String, Set<Integer>> taken = new HashMap<>();
      List<Var> kept = e.getValue().stream().filter(v -> !v.isParam()).toList();
      for (Var v : kept) { // first, those whose earlier slot is free here
        Integer i = preferred.get(v);
        if (i != null && taken.computeIfAbsent(typeKey(v), k -> new HashSet<>()).add(i)) {
          at.put(v, i);
        }
      }
      for (Var v : kept) {
        if (!at.containsKey(v)) {
          Set<Integer> t = taken.computeIfAbsent(typeKey(v), k -> new HashSet<>());
          int i = 0;
          while (t.contains(i)) {
            i++;
          }
          t.add(i);
          at.put(v, i);
          preferred.putIfAbsent(v, i);
        }
      }
      for (Map.Entry<Var, Integer> a : at.entrySet()) {
        List<List<Var>> typed = byType.computeIfAbsent(typeKey(a.getKey()), k -> new ArrayList<>());
        while (typed.size() <= a.getValue()) {
          typed.add(new ArrayList<>());
        }
        if (!typed.get(a.getValue()).contains(a.getKey())) {
          typed.get(a.getValue()).add(a.getKey());
        }
      }
      indexAt.put(e.getKey(), at);
    }
    // name each slot after what it holds: the variable, or the first ones of those sharing it
    Map<String, List<Slot>> named = new LinkedHashMap<>();
    for (Map.Entry<String, List<List<Var>>> e : byType.entrySet()) {
      List<Slot> typed = new ArrayList<>();
      for (List<Var> holds : e.getValue()) {
        List<String> parts = new ArrayList<>();
        for (Var v : holds.subList(0, Math.min(3, holds.size()))) {
          parts.add(v.name());
        }
        String name = String.join("_", parts) + (holds.size() > 3 ? "_etc" : "");
        String unique = name;
        for (int k = 2; !names.add(unique); k++) {
          unique = name + "$" + k;
        }
        Slot s = new Slot(unique, holds.get(0).type(), List.copyOf(holds));
        typed.add(s);
        slots.add(s);
      }
      named.put(e.getKey(), typed);
    }
    Map<Point, Map<Var, Slot>> slotsAt = new LinkedHashMap<>();
    indexAt.forEach((p, at) -> {
      Map<Var, Slot> m = new HashMap<>(paramSlots);
      at.forEach((v, i) -> m.put(v, named.get(typeKey(v)).get(i)));
      slotsAt.put(p, m);
    });
    return new Layout(paramSlots, slotsAt, slots, live);
  }

  /** A variable's type as the generated code writes it: variables sharing a slot must agree on it. */
  private static String typeKey(Var v) {
    return TypeNames.write(v.type());
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
    Map<Point, Map<Var, Slot>> slotsAt = new LinkedHashMap<>();
    live.keySet().forEach(p -> slotsAt.put(p, slotOf));
    return new Layout(slotOf, slotsAt, slots, live);
  }

  /** Every field, parameters first. */
  public List<Slot> slots() {
    return slots;
  }

  /** The field of parameter {@code p} (in fields mode, of any variable). */
  public Slot slotOf(Var p) {
    return paramSlots.get(p);
  }

  /** The field that keeps {@code v} while suspended at {@code p}. */
  public Slot slotAt(Var v, Point p) {
    return slotsAt.get(p).get(v);
  }

  /** What the frame keeps while suspended at {@code p}. */
  public List<Var> liveAt(Point p) {
    return live.get(p);
  }
}

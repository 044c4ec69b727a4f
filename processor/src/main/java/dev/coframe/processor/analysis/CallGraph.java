package dev.coframe.processor.analysis;

import com.sun.source.tree.MethodInvocationTree;
import dev.coframe.processor.model.CoroutineDecl;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.ExecutableElement;

/**
 * The calls between the coroutines of a round, across owner classes: each call site (the caller,
 * the coroutine called, the call, and whether it is awaited at once — every implicit-await call,
 * and a factory call that is the argument of {@code await}), and the coroutines on a recursion
 * cycle (a strongly connected component of the graph; a frame on one could contain itself). The
 * elision planner decides per site from it. Deterministic: coroutines are ordered by name.
 */
public final class CallGraph {
  /** One call of a coroutine inside the body of another. */
  public record Site(CoroutineDecl caller, CoroutineDecl callee, MethodInvocationTree call, boolean immediate) {}

  private final List<Site> sites;
  private final Set<String> recursive;

  private CallGraph(List<Site> sites, Set<String> recursive) {
    this.sites = sites;
    this.recursive = recursive;
  }

  /** The graph of {@code bodies} (each coroutine of the round with its scanned body), in their order. */
  public static CallGraph of(Map<CoroutineDecl, BodyScan> bodies) {
    List<Site> sites = new ArrayList<>();
    bodies.forEach((caller, scan) -> {
      for (BodyScan.Point p : scan.points()) {
        if (p.kind() == BodyScan.Kind.CALL) {
          sites.add(new Site(caller, p.callee(), p.tree(), true));
        }
      }
      for (BodyScan.FactoryCall f : scan.factoryCalls()) {
        sites.add(new Site(caller, f.callee(), f.tree(), f.immediate()));
      }
    });
    return new CallGraph(List.copyOf(sites), cycles(sites));
  }

  public List<Site> sites() {
    return sites;
  }

  /** The call sites in {@code caller}'s body. */
  public List<Site> from(CoroutineDecl caller) {
    return sites.stream().filter(s -> s.caller().method().equals(caller.method())).toList();
  }

  /** Whether {@code c} is on a recursion cycle (it calls itself, directly or through others). */
  public boolean isRecursive(CoroutineDecl c) {
    return recursive.contains(key(c.method()));
  }

  /** The coroutines on recursion cycles, as {@code Owner.name(params)}, sorted. */
  public Set<String> recursive() {
    return recursive;
  }

  static String key(ExecutableElement m) {
    return m.getEnclosingElement() + "." + m;
  }

  /** Tarjan's strongly connected components; members of a component of two or more, or of a self-loop. */
  private static Set<String> cycles(List<Site> sites) {
    Map<String, List<String>> edges = new LinkedHashMap<>();
    for (Site s : sites) {
      edges.computeIfAbsent(key(s.caller().method()), k -> new ArrayList<>()).add(key(s.callee().method()));
      edges.computeIfAbsent(key(s.callee().method()), k -> new ArrayList<>());
    }
    edges.values().forEach(l -> l.sort(Comparator.naturalOrder()));
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    Set<String> out = new TreeSet<>();
    int[] counter = {0};
    for (String v : new TreeSet<>(edges.keySet())) {
      if (!index.containsKey(v)) {
        strongConnect(v, edges, index, low, stack, onStack, out, counter);
      }
    }
    return out;
  }

  private static void strongConnect(String v, Map<String, List<String>> edges, Map<String, Integer> index,
      Map<String, Integer> low, Deque<String> stack, Set<String> onStack, Set<String> out, int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]);
    counter[0]++;
    stack.push(v);
    onStack.add(v);
    for (String w : edges.get(v)) {
      if (!index.containsKey(w)) {
        strongConnect(w, edges, index, low, stack, onStack, out, counter);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      List<String> component = new ArrayList<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1 || edges.get(v).contains(v)) {
        out.addAll(component);
      }
    }
  }
}

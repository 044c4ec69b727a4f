package dev.coframe.processor.analysis;

import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import javax.lang.model.element.ExecutableElement;

/**
 * The calls between the coroutines of a round, across owner classes: each call site (the caller,
 * the coroutine called, the call, and whether it is awaited at once — every implicit-await call,
 * and a factory call that is the argument of {@code await}), and the coroutines on a recursion
 * cycle (a strongly connected component of the graph; a frame on one could contain itself). The
 * elision planner decides per site from it. Deterministic: coroutines are ordered by name.
 */
public final class CallGraph {
  /**
   * One call of a coroutine inside the body of another: a coroutine call (awaited at once), or a
   * factory call whose task is awaited at once ({@code await(XCoroutines.f(..))}) or held.
   */
  public record Site(CoroutineDecl caller, CoroutineDecl callee, MethodInvocationTree call, TreePath path,
      boolean factory, boolean immediate, boolean exact) {}

  private final List<Site> sites;
  /** The sites of each caller, in order (looked up only, never iterated). */
  private final Map<ExecutableElement, List<Site>> byCaller = new HashMap<>();
  /** Per coroutine on a recursion cycle, its strongly connected component (an index). */
  private final Map<String, Integer> cycles;

  private CallGraph(List<Site> sites, Map<String, Integer> cycles) {
    this.sites = sites;
    this.cycles = cycles;
    sites.forEach(s -> byCaller.computeIfAbsent(s.caller().method(), k -> new ArrayList<>()).add(s));
  }

  /**
   * The graph of {@code bodies} (each coroutine of the round with its scanned body, in their
   * order), its cycles closed through coroutines of earlier compilations too: {@code frameOf} names
   * a coroutine's frame class as {@code @FrameInfo(callees)} does, and {@code recorded} gives what a
   * frame class of an earlier compilation recorded there. So a call
   * into a class file that calls back into this round is on a cycle whether or not its owner is
   * compiled again with the round (what an isolating incremental build needs).
   */
  public static CallGraph of(Map<CoroutineDecl, BodyScan> bodies, Function<CoroutineDecl, String> frameOf,
      Function<String, Recorded> recorded) {
    List<Site> sites = new ArrayList<>();
    bodies.forEach((caller, scan) -> {
      for (BodyScan.Point p : scan.points()) {
        if (p.kind() == BodyScan.Kind.CALL) {
          sites.add(new Site(caller, p.callee(), p.tree(), p.path(), false, true, p.exact()));
        }
      }
      for (BodyScan.FactoryCall f : scan.factoryCalls()) {
        sites.add(new Site(caller, f.callee(), f.tree(), f.path(), true, f.immediate(), f.exact()));
      }
    });
    Map<String, List<String>> edges = new LinkedHashMap<>();
    for (Site s : sites) {
      edges.computeIfAbsent(key(s.caller().method()), k -> new ArrayList<>()).add(key(s.callee().method()));
      edges.computeIfAbsent(key(s.callee().method()), k -> new ArrayList<>());
    }
    recordedEdges(bodies.keySet(), sites, frameOf, recorded, edges);
    return new CallGraph(List.copyOf(sites), cycles(edges));
  }

  /**
   * What an earlier compilation recorded on a frame class in {@code @FrameInfo}: its coroutine's
   * name ({@code p.Owner.f(int)}, how a cycle names it) and the frame classes of its callees.
   */
  public record Recorded(String name, List<String> callees) {}

  /**
   * Adds to {@code edges} the calls recorded by the frames of callees not of this round, and by
   * what those call in turn (each frame class read once). A node of this round or called from it is
   * its method's key; any other is the name its frame recorded.
   */
  private static void recordedEdges(Set<CoroutineDecl> round, List<Site> sites, Function<CoroutineDecl, String> frameOf,
      Function<String, Recorded> recorded, Map<String, List<String>> edges) {
    Map<String, String> keyOfFrame = new HashMap<>();
    Set<String> roundFrames = new TreeSet<>();
    Deque<String> todo = new ArrayDeque<>();
    for (Site s : sites) {
      keyOfFrame.put(frameOf.apply(s.caller()), key(s.caller().method()));
      keyOfFrame.put(frameOf.apply(s.callee()), key(s.callee().method()));
      if (!round.contains(s.callee())) {
        todo.add(frameOf.apply(s.callee()));
      }
    }
    round.forEach(d -> roundFrames.add(frameOf.apply(d)));
    Map<String, Recorded> read = new HashMap<>();
    Function<String, String> node = frame -> keyOfFrame.containsKey(frame) ? keyOfFrame.get(frame)
        : read.computeIfAbsent(frame, recorded).name();
    Set<String> done = new TreeSet<>();
    while (!todo.isEmpty()) {
      String frame = todo.pop();
      if (roundFrames.contains(frame) || !done.add(frame)) {
        continue; // a frame of this round has its body's edges; another is followed once
      }
      List<String> out = edges.computeIfAbsent(node.apply(frame), k -> new ArrayList<>());
      for (String callee : read.computeIfAbsent(frame, recorded).callees()) {
        String k = node.apply(callee);
        out.add(k);
        edges.computeIfAbsent(k, x -> new ArrayList<>());
        todo.add(callee);
      }
    }
  }

  public List<Site> sites() {
    return sites;
  }

  /** The call sites in {@code caller}'s body. */
  public List<Site> from(CoroutineDecl caller) {
    return List.copyOf(byCaller.getOrDefault(caller.method(), List.of()));
  }

  /** Whether {@code c} is on a recursion cycle (it calls itself, directly or through others). */
  public boolean isRecursive(CoroutineDecl c) {
    return cycles.containsKey(key(c.method()));
  }

  /** Whether a call from {@code caller} to {@code callee} closes a recursion cycle: both are on the same one. */
  public boolean onCycle(CoroutineDecl caller, CoroutineDecl callee) {
    Integer a = cycles.get(key(caller.method()));
    return a != null && a.equals(cycles.get(key(callee.method())));
  }

  /** The coroutines on {@code c}'s recursion cycle, as {@code Owner.name(params)}, sorted; empty if none. */
  public List<String> cycleOf(CoroutineDecl c) {
    Integer id = cycles.get(key(c.method()));
    return id == null ? List.of() : new TreeMap<>(cycles).entrySet().stream()
        .filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).toList();
  }

  static String key(ExecutableElement m) {
    return m.getEnclosingElement() + "." + m;
  }

  /** Tarjan's strongly connected components: the members of each of two or more, or with a self-loop, with its index. */
  private static Map<String, Integer> cycles(Map<String, List<String>> edges) {
    edges.values().forEach(l -> l.sort(Comparator.naturalOrder()));
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    Map<String, Integer> out = new TreeMap<>();
    int[] counter = {0};
    for (String v : new TreeSet<>(edges.keySet())) {
      if (!index.containsKey(v)) {
        strongConnect(v, edges, index, low, stack, onStack, out, counter);
      }
    }
    return out;
  }

  /**
   * Tarjan's algorithm from {@code root}, with an explicit stack of (node, next edge) instead of
   * recursion: a chain of a thousand coroutines must not exhaust the compiler's stack.
   */
  private static void strongConnect(String root, Map<String, List<String>> edges, Map<String, Integer> index,
      Map<String, Integer> low, Deque<String> stack, Set<String> onStack, Map<String, Integer> out, int[] counter) {
    Deque<String> path = new ArrayDeque<>();
    Deque<Integer> nextEdge = new ArrayDeque<>();
    visit(root, index, low, stack, onStack, counter);
    path.push(root);
    nextEdge.push(0);
    while (!path.isEmpty()) {
      String v = path.peek();
      int i = nextEdge.pop();
      List<String> successors = edges.get(v);
      if (i < successors.size()) {
        nextEdge.push(i + 1);
        String w = successors.get(i);
        if (!index.containsKey(w)) {
          visit(w, index, low, stack, onStack, counter);
          path.push(w);
          nextEdge.push(0);
        } else if (onStack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
        continue;
      }
      path.pop(); // every edge of v is done: close its component, then lower its caller's link
      if (low.get(v).equals(index.get(v))) {
        List<String> component = new ArrayList<>();
        String w;
        do {
          w = stack.pop();
          onStack.remove(w);
          component.add(w);
        } while (!w.equals(v));
        if (component.size() > 1 || successors.contains(v)) {
          int id = index.get(v);
          component.forEach(c -> out.put(c, id));
        }
      }
      if (!path.isEmpty()) {
        String caller = path.peek();
        low.put(caller, Math.min(low.get(caller), low.get(v)));
      }
    }
  }

  private static void visit(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
      Set<String> onStack, int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]);
    counter[0]++;
    stack.push(v);
    onStack.add(v);
  }
}

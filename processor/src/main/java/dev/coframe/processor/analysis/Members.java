package dev.coframe.processor.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The members of types by simple name, as {@link Elements#getAllMembers} lists them, indexed once
 * per type for the round: every name a body resolves is looked up among its owner's members, and a
 * class with thousands of coroutines made a scan of them per lookup quadratic.
 */
public final class Members {
  private final Elements elements;
  /** Per type, its members by simple name, in {@code getAllMembers} order (looked up only, never iterated). */
  private final Map<TypeElement, Map<String, List<Element>>> byType = new HashMap<>();

  public Members(Elements elements) {
    this.elements = elements;
  }

  /** The members of {@code t} (its own and inherited) named {@code name}, in {@code getAllMembers} order. */
  public List<Element> named(TypeElement t, String name) {
    return byType.computeIfAbsent(t, this::index).getOrDefault(name, List.of());
  }

  private Map<String, List<Element>> index(TypeElement t) {
    Map<String, List<Element>> out = new HashMap<>();
    for (Element e : elements.getAllMembers(t)) {
      out.computeIfAbsent(e.getSimpleName().toString(), k -> new ArrayList<>()).add(e);
    }
    return out;
  }
}

package dev.coframe.processor.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The generated names, which are part of Coframe's surface (other classes and modules name them):
 * for a user class {@code p.Shop} the class {@code p.ShopCoroutines} (a nested {@code p.Outer.Inner}
 * gives {@code p.Outer_InnerCoroutines}); in it, per coroutine, a frame class named by the method and
 * its erased parameter types: {@code total(List<String>)} gives {@code TotalFrame_List},
 * {@code run()} gives {@code RunFrame}, {@code fill(int[])} gives {@code FillFrame_intArray}. Where
 * two coroutines of one class would get the same name (overloads on types of one simple name from
 * two packages), each of those two names its parameter types by their canonical names, dots as
 * underscores: {@code f(app.r.List)} gives {@code FFrame_app_r_List} and {@code f(java.util.List)}
 * {@code FFrame_java_util_List}; every other frame of the class keeps its short name. A frame's name
 * depends only on its class's {@code @Coroutine} declarations, so a class compiled later computes
 * the same name from the class file.
 */
public final class Naming {
  private final Elements elements;
  private final Types types;
  /** Per owner, each coroutine's frame name. */
  private final Map<TypeElement, Map<ExecutableElement, String>> frameNames = new HashMap<>();

  public Naming(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** {@code Outer_InnerCoroutines}. */
  public String coroutinesSimpleName(TypeElement owner) {
    List<String> names = new ArrayList<>();
    for (Element e = owner; e != null && e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
      names.add(0, e.getSimpleName().toString());
    }
    return String.join("_", names) + "Coroutines";
  }

  public String packageName(TypeElement owner) {
    return elements.getPackageOf(owner).getQualifiedName().toString();
  }

  /** {@code p.Outer_InnerCoroutines}. */
  public String coroutinesQualifiedName(TypeElement owner) {
    String pkg = packageName(owner);
    return (pkg.isEmpty() ? "" : pkg + ".") + coroutinesSimpleName(owner);
  }

  /** {@code TotalFrame_List}. */
  public String frameSimpleName(CoroutineDecl c) {
    return frameNames.computeIfAbsent(c.owner(), this::frameNamesOf).get(c.method());
  }

  /** {@code p.ShopCoroutines.TotalFrame_List}: how generated source names a frame class. */
  public String frameCanonicalName(CoroutineDecl c) {
    return coroutinesQualifiedName(c.owner()) + "." + frameSimpleName(c);
  }

  /** {@code p.ShopCoroutines$TotalFrame_List}: how {@code @FrameInfo(callees)} and the report name a frame class. */
  public String frameBinaryName(CoroutineDecl c) {
    return coroutinesQualifiedName(c.owner()) + "$" + frameSimpleName(c);
  }

  /** The frame names of every coroutine of {@code owner}: short, or long where two short ones meet. */
  private Map<ExecutableElement, String> frameNamesOf(TypeElement owner) {
    Map<String, List<ExecutableElement>> byShortName = new TreeMap<>();
    for (ExecutableElement m : ElementFilter.methodsIn(owner.getEnclosedElements())) {
      if (CoroutineDecl.isCoroutine(m)) {
        byShortName.computeIfAbsent(frameName(m, false), k -> new ArrayList<>()).add(m);
      }
    }
    Map<ExecutableElement, String> out = new HashMap<>(); // looked up only
    byShortName.forEach((name, ms) -> ms.forEach(m -> out.put(m, ms.size() == 1 ? name : frameName(m, true))));
    return out;
  }

  /**
   * The long names that still meet (a package segment with an underscore, or coroutines named
   * {@code f} and {@code F}): pairs of coroutines of {@code owner} whose frames would have one name.
   */
  public List<List<ExecutableElement>> frameNameClashes(TypeElement owner) {
    Map<ExecutableElement, String> names = frameNames.computeIfAbsent(owner, this::frameNamesOf);
    Map<String, List<ExecutableElement>> byName = new TreeMap<>();
    for (ExecutableElement m : ElementFilter.methodsIn(owner.getEnclosedElements())) {
      if (names.containsKey(m)) {
        byName.computeIfAbsent(names.get(m), k -> new ArrayList<>()).add(m);
      }
    }
    List<List<ExecutableElement>> out = new ArrayList<>();
    byName.values().forEach(ms -> {
      if (ms.size() > 1) {
        out.add(ms);
      }
    });
    return out;
  }

  private String frameName(ExecutableElement m, boolean canonicalTypes) {
    StringBuilder sb = new StringBuilder();
    String n = m.getSimpleName().toString();
    sb.append(Character.toUpperCase(n.charAt(0))).append(n, 1, n.length()).append("Frame");
    for (VariableElement p : m.getParameters()) {
      sb.append('_').append(erasedName(p.asType(), canonicalTypes));
    }
    return sb.toString();
  }

  /** {@code Shop.total(List)}: how messages and stack traces name a coroutine. */
  public String displayName(CoroutineDecl c) {
    List<String> ps = new ArrayList<>();
    for (VariableElement p : c.method().getParameters()) {
      ps.add(erasedName(p.asType(), false).replace("Array", "[]"));
    }
    return c.owner().getSimpleName() + "." + c.name() + "(" + String.join(", ", ps) + ")";
  }

  private String erasedName(TypeMirror t, boolean canonical) {
    TypeMirror e = types.erasure(t);
    switch (e.getKind()) {
      case ARRAY:
        return erasedName(((ArrayType) e).getComponentType(), canonical) + "Array";
      case DECLARED:
        TypeElement type = (TypeElement) ((DeclaredType) e).asElement();
        return canonical ? type.getQualifiedName().toString().replace('.', '_') : type.getSimpleName().toString();
      default:
        return e.toString();
    }
  }
}

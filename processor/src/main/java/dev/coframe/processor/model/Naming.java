package dev.coframe.processor.model;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The generated names, which are part of Coframe's surface (other classes and modules name them):
 * for a user class {@code p.Shop} the class {@code p.ShopCoroutines} (a nested {@code p.Outer.Inner}
 * gives {@code p.Outer_InnerCoroutines}); in it, per coroutine, a frame class named by the method and
 * its erased parameter types: {@code total(List<String>)} gives {@code TotalFrame_List},
 * {@code run()} gives {@code RunFrame}, {@code fill(int[])} gives {@code FillFrame_intArray}.
 */
public final class Naming {
  private final Elements elements;
  private final Types types;

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
    StringBuilder sb = new StringBuilder();
    String n = c.name();
    sb.append(Character.toUpperCase(n.charAt(0))).append(n, 1, n.length()).append("Frame");
    for (VariableElement p : c.method().getParameters()) {
      sb.append('_').append(erasedName(p.asType()));
    }
    return sb.toString();
  }

  /** {@code Shop.total(List)}: how messages and stack traces name a coroutine. */
  public String displayName(CoroutineDecl c) {
    List<String> ps = new ArrayList<>();
    for (VariableElement p : c.method().getParameters()) {
      ps.add(erasedName(p.asType()).replace("Array", "[]"));
    }
    return c.owner().getSimpleName() + "." + c.name() + "(" + String.join(", ", ps) + ")";
  }

  private String erasedName(TypeMirror t) {
    TypeMirror e = types.erasure(t);
    switch (e.getKind()) {
      case ARRAY:
        return erasedName(((ArrayType) e).getComponentType()) + "Array";
      case DECLARED:
        return ((DeclaredType) e).asElement().getSimpleName().toString();
      default:
        return e.toString();
    }
  }
}

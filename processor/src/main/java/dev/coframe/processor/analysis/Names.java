package dev.coframe.processor.analysis;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WildcardTree;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Java's name environment of one coroutine body, from declarations only (no attribution):
 * what a simple name means as a type, a field or a method — members of the enclosing classes
 * (inherited ones included), imports, the package, {@code java.lang}.
 */
public final class Names {
  final Elements elements;
  final Types types;
  private final Trees trees;
  private final Members members;
  private final CompilationUnitTree unit;
  private final TypeElement owner;
  private final ExecutableElement method;

  public Names(Elements elements, Members members, Types types, Trees trees, CompilationUnitTree unit,
      TypeElement owner, ExecutableElement method) {
    this.elements = elements;
    this.members = members;
    this.types = types;
    this.trees = trees;
    this.unit = unit;
    this.owner = owner;
    this.method = method;
  }

  public TypeElement owner() {
    return owner;
  }

  public Elements elements() {
    return elements;
  }

  public Types types() {
    return types;
  }

  /** The class whose member {@code name} is, searching the owner and then its enclosing classes. */
  public TypeElement classWithField(String name) {
    for (TypeElement t = owner; t != null; t = enclosingType(t)) {
      if (field(t, name) != null) {
        return t;
      }
    }
    return null;
  }

  public VariableElement field(TypeElement t, String name) {
    for (Element e : members.named(t, name)) {
      if (e.getKind().isField()) {
        return (VariableElement) e;
      }
    }
    return null;
  }

  /**
   * The first segments of every qualified name generated code may write where a variable could
   * obscure it (JLS 6.4.2: {@code shop.Shop.price(s)} means nothing once a local {@code shop} is in
   * scope): the packages of Coframe's runtime, of {@code java.*}, of the owner, of every import, of
   * the owner's supertypes (inherited member types) and of {@code calleeOwners}. A class of the
   * unnamed package is written by its simple name, which is then the root. Sorted.
   */
  public Set<String> qualifierRoots(Collection<TypeElement> calleeOwners) {
    Set<String> roots = new TreeSet<>(List.of("dev", "java", "javax"));
    List<TypeElement> classes = new ArrayList<>(calleeOwners);
    for (TypeElement t = owner; t != null; t = enclosingType(t)) {
      classes.add(t);
      for (TypeMirror s : types.directSupertypes(t.asType())) {
        if (s.getKind() == TypeKind.DECLARED) {
          classes.add((TypeElement) types.asElement(s));
        }
      }
    }
    for (TypeElement c : classes) {
      String pkg = elements.getPackageOf(c).getQualifiedName().toString();
      roots.add(pkg.isEmpty() ? outermost(c).getSimpleName().toString() : firstSegment(pkg));
    }
    for (ImportTree imp : unit.getImports()) {
      roots.add(firstSegment(imp.getQualifiedIdentifier().toString()));
    }
    return roots;
  }

  private static String firstSegment(String qualified) {
    int dot = qualified.indexOf('.');
    return dot < 0 ? qualified : qualified.substring(0, dot);
  }

  /** The top-level class that declares {@code t} (itself if it is one). */
  public static TypeElement outermost(TypeElement t) {
    for (TypeElement e = enclosingType(t); e != null; e = enclosingType(e)) {
      t = e;
    }
    return t;
  }

  /** The record component {@code name} of {@code record}, or null. */
  public RecordComponentElement component(TypeElement record, String name) {
    for (RecordComponentElement rc : record.getRecordComponents()) {
      if (rc.getSimpleName().contentEquals(name)) {
        return rc;
      }
    }
    return null;
  }

  /**
   * Whether the accessor of component {@code name} of {@code record} (a record of this compilation)
   * is the implicit one, which returns the field: javac has no tree for it.
   */
  public boolean hasImplicitAccessor(TypeElement record, String name) {
    RecordComponentElement rc = component(record, name);
    return rc != null && (rc.getAccessor() == null || trees.getPath(rc.getAccessor()) == null);
  }

  /** Whether a simple name in the body means an enum constant (of an enclosing class, or statically imported). */
  public boolean isEnumConstant(String name) {
    TypeElement c = classWithField(name);
    if (c != null) {
      return field(c, name).getKind() == ElementKind.ENUM_CONSTANT;
    }
    TypeElement imported = staticImportOf(name);
    if (imported != null) {
      for (Element e : members.named(imported, name)) {
        if (e.getKind() == ElementKind.ENUM_CONSTANT) {
          return true;
        }
      }
    }
    return false;
  }

  /** The class (owner or an enclosing one) with methods named {@code name}, or null. */
  public TypeElement classWithMethod(String name) {
    for (TypeElement t = owner; t != null; t = enclosingType(t)) {
      if (!methods(t, name).isEmpty()) {
        return t;
      }
    }
    return null;
  }

  public List<ExecutableElement> methods(TypeElement t, String name) {
    List<ExecutableElement> out = new ArrayList<>();
    for (Element e : members.named(t, name)) {
      if (e.getKind() == ElementKind.METHOD) {
        out.add((ExecutableElement) e);
      }
    }
    return out;
  }

  /** The member type of {@code t} (its own or inherited) named {@code name}, or null. */
  private TypeElement memberType(TypeElement t, String name) {
    for (Element e : members.named(t, name)) {
      if (e.getKind().isClass() || e.getKind().isInterface()) {
        return (TypeElement) e;
      }
    }
    return null;
  }

  /** The type a static import brings in for member {@code name}, or null. */
  public TypeElement staticImportOf(String name) {
    for (ImportTree imp : unit.getImports()) {
      if (!imp.isStatic() || !(imp.getQualifiedIdentifier() instanceof MemberSelectTree)) {
        continue;
      }
      MemberSelectTree q = (MemberSelectTree) imp.getQualifiedIdentifier();
      String member = q.getIdentifier().toString();
      if (!member.equals("*") && !member.equals(name)) {
        continue;
      }
      TypeElement t = elements.getTypeElement(q.getExpression().toString());
      if (t == null) {
        continue;
      }
      for (Element e : members.named(t, name)) {
        if (e.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)) {
          return t;
        }
      }
    }
    return null;
  }

  /** What a simple type name means at the body, or null. */
  public TypeElement typeNamed(String name) {
    for (TypeElement t = owner; t != null; t = enclosingType(t)) {
      if (t.getSimpleName().contentEquals(name)) {
        return t;
      }
      TypeElement m = memberType(t, name);
      if (m != null) {
        return m;
      }
    }
    List<String> onDemand = new ArrayList<>();
    for (ImportTree imp : unit.getImports()) {
      if (imp.isStatic()) {
        continue;
      }
      String q = imp.getQualifiedIdentifier().toString();
      if (q.endsWith("." + name)) {
        TypeElement t = elements.getTypeElement(q);
        if (t != null) {
          return t;
        }
      } else if (q.endsWith(".*")) {
        onDemand.add(q.substring(0, q.length() - 2));
      }
    }
    String pkg = elements.getPackageOf(owner).getQualifiedName().toString();
    TypeElement same = elements.getTypeElement(pkg.isEmpty() ? name : pkg + "." + name);
    if (same != null) {
      return same;
    }
    for (String p : onDemand) {
      TypeElement t = elements.getTypeElement(p + "." + name);
      if (t != null) {
        return t;
      }
    }
    return elements.getTypeElement("java.lang." + name);
  }

  /** Whether {@code name} is a type variable of the coroutine or its class. */
  public TypeMirror typeVariable(String name) {
    for (TypeParameterElement p : method.getTypeParameters()) {
      if (p.getSimpleName().contentEquals(name)) {
        return p.asType();
      }
    }
    for (TypeParameterElement p : owner.getTypeParameters()) {
      if (p.getSimpleName().contentEquals(name)) {
        return p.asType();
      }
    }
    return null;
  }

  /** The type element a (possibly qualified) name tree denotes, or null if it is not a type name. */
  public TypeElement typeOfName(Tree t) {
    if (t instanceof IdentifierTree) {
      return typeNamed(((IdentifierTree) t).getName().toString());
    }
    if (t instanceof MemberSelectTree) {
      MemberSelectTree ms = (MemberSelectTree) t;
      TypeElement outer = typeOfName(ms.getExpression());
      String name = ms.getIdentifier().toString();
      if (outer != null) {
        return memberType(outer, name);
      }
      return elements.getTypeElement(t.toString());
    }
    return null;
  }

  /** The type a type tree denotes (casts, {@code new}, declared locals), or null. */
  public TypeMirror typeOfTypeTree(Tree t) {
    if (t instanceof PrimitiveTypeTree) {
      TypeKind k = ((PrimitiveTypeTree) t).getPrimitiveTypeKind();
      return k == TypeKind.VOID ? types.getNoType(TypeKind.VOID) : types.getPrimitiveType(k);
    }
    if (t instanceof ArrayTypeTree) {
      TypeMirror c = typeOfTypeTree(((ArrayTypeTree) t).getType());
      return c == null ? null : types.getArrayType(c);
    }
    if (t instanceof IdentifierTree) {
      TypeMirror v = typeVariable(((IdentifierTree) t).getName().toString());
      if (v != null) {
        return v;
      }
    }
    if (t instanceof ParameterizedTypeTree) {
      ParameterizedTypeTree p = (ParameterizedTypeTree) t;
      TypeElement raw = typeOfName(p.getType());
      if (raw == null || p.getTypeArguments().isEmpty()) {
        return null; // diamond: the type comes from inference
      }
      List<TypeMirror> args = new ArrayList<>();
      for (Tree a : p.getTypeArguments()) {
        TypeMirror m = typeOfTypeTree(a);
        if (m == null) {
          return null;
        }
        args.add(m);
      }
      try {
        return types.getDeclaredType(raw, args.toArray(new TypeMirror[0]));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    if (t instanceof WildcardTree) {
      WildcardTree w = (WildcardTree) t;
      TypeMirror b = w.getBound() == null ? null : typeOfTypeTree(w.getBound());
      if (w.getBound() != null && b == null) {
        return null;
      }
      switch (w.getKind()) {
        case EXTENDS_WILDCARD:
          return types.getWildcardType(b, null);
        case SUPER_WILDCARD:
          return types.getWildcardType(null, b);
        default:
          return types.getWildcardType(null, null);
      }
    }
    TypeElement e = typeOfName(t);
    if (e == null) {
      return null;
    }
    return e.getTypeParameters().isEmpty() ? e.asType() : types.erasure(e.asType());
  }

  static TypeElement enclosingType(TypeElement t) {
    Element e = t.getEnclosingElement();
    while (e != null && !(e instanceof TypeElement)) {
      if (e.getKind() == ElementKind.PACKAGE) {
        return null;
      }
      e = e.getEnclosingElement();
    }
    return (TypeElement) e;
  }
}

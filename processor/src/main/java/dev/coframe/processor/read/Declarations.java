package dev.coframe.processor.read;

import dev.coframe.processor.diag.Message;
import dev.coframe.processor.diag.Problem;
import dev.coframe.processor.model.CoroutineDecl;
import dev.coframe.processor.model.FrameRecord;
import dev.coframe.processor.model.RuntimeContract;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads {@code @Coroutine} declarations (of this compilation or of class files: the annotation has
 * CLASS retention) and checks that each signature can be a coroutine. Declarations only: bodies
 * are read later, so factories can be known before any body is analysed.
 */
public final class Declarations {
  public static final String COROUTINE = CoroutineDecl.ANNOTATION;
  public static final String ELIDE = "dev.coframe.Elide";
  /** The marks on generated classes: claimed too, so -Xlint:processing does not report them unclaimed. */
  public static final String GENERATED = RuntimeContract.GENERATED;
  public static final String FRAME_INFO = RuntimeContract.FRAME_INFO;
  private static final String YIELD = RuntimeContract.YIELD;
  /** The sinks of generators whose elements never box, and their element types. */
  private static final Map<String, TypeKind> PRIMITIVE_YIELDS = Map.of(
      RuntimeContract.INT_YIELD, TypeKind.INT,
      RuntimeContract.LONG_YIELD, TypeKind.LONG,
      RuntimeContract.DOUBLE_YIELD, TypeKind.DOUBLE);

  /**
   * What the frame class {@code frame} (its canonical name) of an earlier compilation recorded, read
   * once per round; null if there is no such generated class.
   */
  public FrameRecord frameRecord(String frame) {
    return frameRecords.computeIfAbsent(frame, f -> {
      TypeElement t = elements.getTypeElement(f);
      return java.util.Optional.ofNullable(t == null ? null : FrameRecord.of(t));
    }).orElse(null);
  }


  private final Elements elements;
  private final Types types;
  /**
   * Per owner, its own methods by name, made once (a round's classes do not change while it runs:
   * make one {@code Declarations} per round). Looked up only, never iterated.
   */
  private final Map<TypeElement, Map<String, List<ExecutableElement>>> ownMethods = new HashMap<>();
  /** Per frame class of an earlier compilation, its {@code @FrameInfo}. Looked up only, never iterated. */
  private final Map<String, java.util.Optional<FrameRecord>> frameRecords = new HashMap<>();

  public Declarations(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** The methods {@code owner} itself declares named {@code name}, in declaration order. */
  private List<ExecutableElement> ownMethods(TypeElement owner, String name) {
    return ownMethods.computeIfAbsent(owner, o -> {
      Map<String, List<ExecutableElement>> byName = new HashMap<>();
      for (ExecutableElement m : ElementFilter.methodsIn(o.getEnclosedElements())) {
        byName.computeIfAbsent(m.getSimpleName().toString(), k -> new ArrayList<>()).add(m);
      }
      return byName;
    }).getOrDefault(name, List.of());
  }

  /** The declaration model of a coroutine method, without validating it. */
  public CoroutineDecl declOf(ExecutableElement m) {
    List<? extends VariableElement> ps = m.getParameters();
    for (int i = 0; i < ps.size(); i++) {
      TypeMirror t = ps.get(i).asType();
      if (isYield(t)) {
        TypeKind primitive = PRIMITIVE_YIELDS.get(((TypeElement) types.asElement(t)).getQualifiedName().toString());
        List<? extends TypeMirror> args = ((DeclaredType) t).getTypeArguments();
        TypeMirror element = primitive != null ? types.getPrimitiveType(primitive)
            : args.isEmpty() ? elements.getTypeElement("java.lang.Object").asType() : args.get(0);
        return new CoroutineDecl(m, (TypeElement) m.getEnclosingElement(), i, element);
      }
    }
    return new CoroutineDecl(m, (TypeElement) m.getEnclosingElement(), -1, m.getReturnType());
  }

  /** Checks that a {@code @Coroutine} method's signature can be a coroutine; throws a problem at it otherwise. */
  public CoroutineDecl validate(ExecutableElement m) {
    Element enclosing = m.getEnclosingElement();
    if (!(enclosing instanceof TypeElement)) {
      throw Problem.at(m, Message.NOT_A_CLASS_METHOD);
    }
    TypeElement owner = (TypeElement) enclosing;
    if (owner.getKind() == ElementKind.INTERFACE || owner.getKind() == ElementKind.ANNOTATION_TYPE) {
      throw Problem.at(m, Message.INTERFACE_METHOD, owner.getSimpleName());
    }
    if (m.getModifiers().contains(Modifier.ABSTRACT) || m.getModifiers().contains(Modifier.NATIVE)) {
      throw Problem.at(m, Message.NO_BODY, m.getSimpleName());
    }
    if (m.getModifiers().contains(Modifier.PRIVATE)) {
      throw Problem.at(m, Message.PRIVATE_METHOD, m.getSimpleName());
    }
    if (m.getModifiers().contains(Modifier.SYNCHRONIZED)) {
      throw Problem.at(m, Message.SYNCHRONIZED_METHOD);
    }
    checkOwnerReachable(m, owner);
    if (!m.getModifiers().contains(Modifier.STATIC)
        && !m.getModifiers().contains(Modifier.FINAL)
        && !owner.getModifiers().contains(Modifier.FINAL)
        && owner.getKind() != ElementKind.RECORD) {
      throw Problem.at(m, Message.OVERRIDABLE, m.getSimpleName(), owner.getSimpleName());
    }
    CoroutineDecl decl = declOf(m);
    int yields = 0;
    for (VariableElement p : m.getParameters()) {
      yields += isYield(p.asType()) ? 1 : 0;
    }
    if (yields > 1) {
      throw Problem.at(m, Message.YIELD_COUNT, m.getSimpleName(), yields);
    }
    if (decl.isGenerator() && m.getReturnType().getKind() != TypeKind.VOID) {
      throw Problem.at(m, Message.GENERATOR_RETURNS, m.getSimpleName());
    }
    for (ExecutableElement other : ownMethods(owner, m.getSimpleName().toString())) {
      if (!CoroutineDecl.isCoroutine(other)) {
        throw Problem.at(m, Message.OVERLOADS_DISAGREE, m.getSimpleName(), other);
      }
    }
    return decl;
  }

  /**
   * The supertype method {@code m} overrides, if any: a call through that supertype runs the
   * declaration in direct mode (blocking), not the coroutine, so it deserves a warning.
   */
  public ExecutableElement overridden(ExecutableElement m) {
    TypeElement owner = (TypeElement) m.getEnclosingElement();
    List<TypeMirror> supers = new ArrayList<>(types.directSupertypes(owner.asType()));
    Set<String> seen = new HashSet<>();
    while (!supers.isEmpty()) {
      TypeElement t = (TypeElement) types.asElement(supers.remove(0));
      if (t == null || !seen.add(t.getQualifiedName().toString())) {
        continue;
      }
      for (ExecutableElement other : ElementFilter.methodsIn(t.getEnclosedElements())) {
        if (other.getSimpleName().equals(m.getSimpleName()) && elements.overrides(m, other, owner)) {
          return other;
        }
      }
      supers.addAll(types.directSupertypes(t.asType()));
    }
    return null;
  }

  private void checkOwnerReachable(ExecutableElement m, TypeElement owner) {
    for (TypeElement t = owner; t != null; ) {
      if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
        throw Problem.at(m, Message.LOCAL_CLASS_OWNER);
      }
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        throw Problem.at(m, Message.PRIVATE_CLASS, t.getSimpleName(), m.getSimpleName());
      }
      if (t.getNestingKind() == NestingKind.MEMBER && !t.getModifiers().contains(Modifier.STATIC)
          && t.getKind() == ElementKind.CLASS) {
        throw Problem.at(m, Message.INNER_CLASS, t.getSimpleName());
      }
      Element e = t.getEnclosingElement();
      t = e instanceof TypeElement ? (TypeElement) e : null;
    }
  }

  private boolean isYield(TypeMirror t) {
    if (t.getKind() != TypeKind.DECLARED) {
      return false;
    }
    String name = ((TypeElement) types.asElement(t)).getQualifiedName().toString();
    return name.equals(YIELD) || PRIMITIVE_YIELDS.containsKey(name);
  }
}

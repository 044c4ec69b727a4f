package dev.coframe.processor.model;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * A {@code @Coroutine} declaration, read from the declaration alone (no body): enough to emit its
 * factory and to lower calls to it from any body.
 *
 * @param method the user's method
 * @param owner the class that declares it
 * @param yieldIndex the index of the {@code Yield<T>} parameter of a generator, or -1 for a task
 * @param valueType the result type (a task) or the element type (a generator)
 */
public record CoroutineDecl(
    ExecutableElement method, TypeElement owner, int yieldIndex, TypeMirror valueType) {

  /** The annotation that marks a coroutine. */
  public static final String ANNOTATION = "dev.coframe.Coroutine";

  /** Whether {@code m} is annotated {@code @Coroutine} (in source, or in a class file: CLASS retention). */
  public static boolean isCoroutine(Element m) {
    for (AnnotationMirror a : m.getAnnotationMirrors()) {
      if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(ANNOTATION)) {
        return true;
      }
    }
    return false;
  }

  public boolean isGenerator() {
    return yieldIndex >= 0;
  }

  public boolean isStatic() {
    return method.getModifiers().contains(Modifier.STATIC);
  }

  public String name() {
    return method.getSimpleName().toString();
  }

  /** The parameters the factory takes: all but a generator's {@code Yield}. */
  public List<? extends VariableElement> factoryParams() {
    List<? extends VariableElement> ps = method.getParameters();
    if (!isGenerator()) {
      return ps;
    }
    List<VariableElement> out = new java.util.ArrayList<>(ps);
    out.remove(yieldIndex);
    return out;
  }

  public boolean isVoid() {
    return !isGenerator() && valueType.getKind() == TypeKind.VOID;
  }

  /** The type parameters of the frame class: an instance coroutine's owner's, then the method's own. */
  public List<TypeParameterElement> frameTypeParameters() {
    List<TypeParameterElement> out = new java.util.ArrayList<>();
    if (!isStatic()) {
      out.addAll(owner.getTypeParameters());
    }
    out.addAll(method.getTypeParameters());
    return out;
  }

  public String yieldParamName() {
    return method.getParameters().get(yieldIndex).getSimpleName().toString();
  }
}

package dev.coframe.processor.analysis;

import com.sun.source.tree.Tree;
import dev.coframe.processor.diag.Problem;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Writes a type as denotable source text with canonical names ({@code java.util.List<java.lang.String>}),
 * so generated code never depends on an import. Captured wildcards are written as the wildcard
 * they capture (inside type arguments) or as their bound (at the top); what cannot be written
 * exactly (an intersection, an error type) is reported at {@code where}.
 */
public final class TypeText {
  private TypeText() {}

  public static String of(TypeMirror t, Tree where, String what) {
    return write(t, true, where, what);
  }

  private static String write(TypeMirror t, boolean top, Tree where, String what) {
    switch (t.getKind()) {
      case BOOLEAN: case BYTE: case SHORT: case INT: case LONG: case CHAR: case FLOAT: case DOUBLE: case VOID:
        return t.getKind().name().toLowerCase(java.util.Locale.ROOT);
      case ARRAY:
        return write(((ArrayType) t).getComponentType(), true, where, what) + "[]";
      case NULL:
        return "java.lang.Object";
      case DECLARED: {
        DeclaredType d = (DeclaredType) t;
        TypeElement e = (TypeElement) d.asElement();
        if (e.getNestingKind() == NestingKind.ANONYMOUS || e.getNestingKind() == NestingKind.LOCAL) {
          throw Problem.at(where, what + " holds an instance of " + (e.getNestingKind() == NestingKind.ANONYMOUS
              ? "an anonymous class" : "local class " + e.getSimpleName()) + ", whose type the generated frame"
              + " (another class) cannot name; declare it with a named type (an interface it implements, or a"
              + " static nested class)");
        }
        String name = e.getQualifiedName().toString();
        List<? extends TypeMirror> args = d.getTypeArguments();
        if (args.isEmpty()) {
          return name;
        }
        List<String> as = new ArrayList<>();
        for (TypeMirror a : args) {
          as.add(write(a, false, where, what));
        }
        return name + "<" + String.join(", ", as) + ">";
      }
      case WILDCARD: {
        WildcardType w = (WildcardType) t;
        if (w.getExtendsBound() != null) {
          return "? extends " + write(w.getExtendsBound(), false, where, what);
        }
        if (w.getSuperBound() != null) {
          return "? super " + write(w.getSuperBound(), false, where, what);
        }
        return "?";
      }
      case TYPEVAR: {
        TypeVariable v = (TypeVariable) t;
        if (isCaptured(v)) {
          TypeMirror upper = v.getUpperBound();
          boolean objectBound = upper.toString().equals("java.lang.Object");
          if (top) {
            return write(upper, true, where, what);
          }
          if (v.getLowerBound() != null && v.getLowerBound().getKind() != TypeKind.NULL) {
            return "? super " + write(v.getLowerBound(), false, where, what);
          }
          return objectBound ? "?" : "? extends " + write(upper, false, where, what);
        }
        return v.asElement().getSimpleName().toString();
      }
      case ERROR:
        throw Problem.at(where, "the type of " + what + " is not known to the compiler yet ("
            + t + "); declare it with an explicit type");
      default:
        throw Problem.at(where, "the type of " + what + " (" + t + ") cannot be written in Java;"
            + " assign it to a local variable of an explicit type");
    }
  }

  /** A type variable javac made by capture conversion, not one declared in source. */
  static boolean isCaptured(TypeVariable v) {
    return v.asElement().getSimpleName().toString().startsWith("<captured");
  }
}

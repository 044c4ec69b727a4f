package dev.coframe.processor.analysis;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.Tree;
import dev.coframe.processor.diag.Message;
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
 * A type as generated code writes it: a denotable {@link TypeName} with canonical names
 * ({@code java.util.List<java.lang.String>}), so generated code never depends on an import.
 * Captured wildcards are written as the wildcard they capture (inside type arguments) or as their
 * bound (at the top); what cannot be written exactly (an intersection, an error type, an anonymous
 * class) is reported at {@code where}.
 */
public final class TypeText {
  private TypeText() {}

  /** {@code t} as a type name. */
  public static TypeName name(TypeMirror t, Tree where, String what) {
    return write(t, true, where, what);
  }

  /** {@code t} as source text. */
  public static String of(TypeMirror t, Tree where, String what) {
    return name(t, where, what).toString();
  }

  private static TypeName write(TypeMirror t, boolean top, Tree where, String what) {
    switch (t.getKind()) {
      case BOOLEAN: return TypeName.BOOLEAN;
      case BYTE: return TypeName.BYTE;
      case SHORT: return TypeName.SHORT;
      case INT: return TypeName.INT;
      case LONG: return TypeName.LONG;
      case CHAR: return TypeName.CHAR;
      case FLOAT: return TypeName.FLOAT;
      case DOUBLE: return TypeName.DOUBLE;
      case VOID: return TypeName.VOID;
      case ARRAY:
        return ArrayTypeName.of(write(((ArrayType) t).getComponentType(), true, where, what));
      case NULL:
        return ClassName.OBJECT;
      case DECLARED: {
        DeclaredType d = (DeclaredType) t;
        TypeElement e = (TypeElement) d.asElement();
        if (e.getNestingKind() == NestingKind.ANONYMOUS || e.getNestingKind() == NestingKind.LOCAL) {
          throw Problem.at(where, Message.UNNAMEABLE_CLASS, what,
              e.getNestingKind() == NestingKind.ANONYMOUS ? "an anonymous class" : "local class " + e.getSimpleName());
        }
        ClassName raw = ClassName.get(e);
        List<? extends TypeMirror> args = d.getTypeArguments();
        if (args.isEmpty()) {
          return raw;
        }
        List<TypeName> as = new ArrayList<>();
        for (TypeMirror a : args) {
          as.add(write(a, false, where, what));
        }
        return ParameterizedTypeName.get(raw, as.toArray(new TypeName[0]));
      }
      case WILDCARD: {
        WildcardType w = (WildcardType) t;
        if (w.getExtendsBound() != null) {
          return WildcardTypeName.subtypeOf(write(w.getExtendsBound(), false, where, what));
        }
        if (w.getSuperBound() != null) {
          return WildcardTypeName.supertypeOf(write(w.getSuperBound(), false, where, what));
        }
        return WildcardTypeName.subtypeOf(Object.class);
      }
      case TYPEVAR: {
        TypeVariable v = (TypeVariable) t;
        if (isCaptured(v)) {
          TypeMirror upper = v.getUpperBound();
          if (top) {
            return write(upper, true, where, what);
          }
          if (v.getLowerBound() != null && v.getLowerBound().getKind() != TypeKind.NULL) {
            return WildcardTypeName.supertypeOf(write(v.getLowerBound(), false, where, what));
          }
          return upper.toString().equals("java.lang.Object") ? WildcardTypeName.subtypeOf(Object.class)
              : WildcardTypeName.subtypeOf(write(upper, false, where, what));
        }
        return TypeVariableName.get(v.asElement().getSimpleName().toString());
      }
      case ERROR:
        throw Problem.at(where, Message.TYPE_NOT_KNOWN_YET, what, t);
      default:
        throw Problem.at(where, Message.TYPE_NOT_DENOTABLE, what, t);
    }
  }

  /** A type variable javac made by capture conversion, not one declared in source. */
  static boolean isCaptured(TypeVariable v) {
    return v.asElement().getSimpleName().toString().startsWith("<captured");
  }
}

package dev.coframe.processor.ir;

import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;

/**
 * Types of generated code. Structured {@link TypeName}s where the processor knows the type; the
 * user's own text ({@code List<Foo>} as written, resolved by the user's imports, which the generated
 * file copies) where it only has that. Either way written fully qualified or as the user wrote it,
 * never imported: generated code must not change what a simple name of the user's text means.
 */
public final class TypeNames {
  private TypeNames() {}

  /** The user's own text of a type, as a type name (equal to another of the same text). */
  public static TypeName text(String sourceText) {
    switch (sourceText) {
      case "boolean": return TypeName.BOOLEAN;
      case "byte": return TypeName.BYTE;
      case "short": return TypeName.SHORT;
      case "int": return TypeName.INT;
      case "long": return TypeName.LONG;
      case "char": return TypeName.CHAR;
      case "float": return TypeName.FLOAT;
      case "double": return TypeName.DOUBLE;
      default: return TypeVariableName.get(sourceText);
    }
  }

  public static boolean isPrimitive(TypeName t) {
    return t.isPrimitive();
  }

  /** How {@code t} is written in generated code: canonical names, never an import. */
  public static String write(TypeName t) {
    return t.toString();
  }

  /** The value a fresh local of type {@code t} starts with. */
  public static String zero(TypeName t) {
    if (t.equals(TypeName.BOOLEAN)) {
      return "false";
    }
    if (t.equals(TypeName.LONG)) {
      return "0L";
    }
    if (t.equals(TypeName.FLOAT)) {
      return "0f";
    }
    if (t.equals(TypeName.DOUBLE)) {
      return "0d";
    }
    return t.isPrimitive() ? "0" : "null";
  }
}

package dev.coframe.processor.ir;

import com.palantir.javapoet.TypeName;

/**
 * A variable of a lowered body: a parameter (or the receiver), a user local whose scope spans
 * states, or a temporary of the lowering. It is a Java local of the body method; where it is live
 * at a suspension point it is also written to a field of the frame (see {@code Layout}).
 * Identity is the variable: two variables are never equal, whatever their names.
 */
public final class Var {
  /** What a variable stands for. */
  public enum Kind {
    /** A parameter of the coroutine, or its receiver: passed to the body, its own field in the frame. */
    PARAM,
    /** A local the user declared. */
    LOCAL,
    /** A value the lowering keeps: an operand, a loop position, a pending completion. */
    TEMP
  }

  private final String name;
  private final TypeName type;
  private final Kind kind;
  private final String source;
  private final String ref;

  Var(String name, TypeName type, Kind kind, String source, String ref) {
    this.name = name;
    this.type = type;
    this.kind = kind;
    this.source = source;
    this.ref = ref;
  }

  /** The name in generated code: the user's, unless that would clash. */
  public String name() {
    return name;
  }

  public TypeName type() {
    return type;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * How code refers to it: its name, a local of the body method; or {@code frame$.name} in a body
   * too large for one method, whose variables all live in the frame (see {@link Builder}).
   */
  public String ref() {
    return ref;
  }

  /** What the user wrote that this variable comes from, for comments; never null. */
  public String source() {
    return source;
  }

  public boolean isParam() {
    return kind == Kind.PARAM;
  }

  /** Whether a suspended frame holding it could keep an object alive. */
  public boolean isReference() {
    return !TypeNames.isPrimitive(type);
  }

  /** {@link #ref()}: lowered code is written as text with variables in it. */
  @Override
  public String toString() {
    return ref;
  }
}

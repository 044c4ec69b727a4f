package dev.coframe.processor.ir;

import com.palantir.javapoet.CodeBlock;
import java.util.List;

/** One instruction of a {@link Block}. */
public sealed interface Instr {
  /** A statement of generated or user code that completes normally (or throws). */
  record Code(CodeBlock code, Uses uses) implements Instr {}

  /** The user's statement that came next, and its source line: quoted in a comment before its code. */
  record Comment(String text, long line) implements Instr {}

  /** Continue at {@code target}. Ends a block. */
  record Goto(Block target) implements Instr {}

  /** {@code if (!(cond))} continue at {@code target}; else fall through. */
  record IfNot(CodeBlock cond, Uses uses, Block target) implements Instr {}

  /**
   * A statement of the user kept as written that may also leave for {@code exits} (a
   * {@code break} or {@code continue} to a split loop, rewritten as a jump), {@code return} or
   * throw; {@code completion} says whether it may complete normally.
   */
  record Verbatim(CodeBlock code, Uses uses, List<Exit> exits, Completion completion) implements Instr {}

  /** Whether a statement kept as written completes normally. */
  enum Completion {
    /** It does (or throws). */
    NORMAL,
    /** It may not (a loop that may be endless, a statement holding a jump): javac must still reach what follows. */
    MAYBE,
    /** It never does: {@code return}, {@code throw}, {@code break}, {@code continue}. */
    NEVER
  }

  /**
   * A suspension point: if {@code check} holds (the child suspended, or what is awaited is not
   * ready) the body writes what is live into its frame and returns; resumed, it runs {@code
   * onResume} (take the child's result or the awaited thing) and continues with the next block,
   * the continuation, as the synchronous path does. {@code check} null: always suspends (a yield).
   */
  record Suspend(Point point, CodeBlock check, Uses checkUses, CodeBlock onResume, Uses resumeUses,
      CodeBlock onSync, Uses syncUses) implements Instr {}

  /** Ends the body with a result ({@code value} null for {@code void} and generators). */
  record Return(CodeBlock value, Uses uses) implements Instr {}

  /** Throws {@code value}. */
  record Throw(CodeBlock value, Uses uses) implements Instr {}
}

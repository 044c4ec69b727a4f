package dev.coframe.processor.model;

import java.util.List;

/**
 * The runtime contract: every name of {@code coframe-runtime} and every call shape of it that
 * generated code uses, in one place. The user's API lives in {@code dev.coframe.runtime}; what only
 * generated code calls lives in {@code dev.coframe.runtime.internal}, whose {@code Contract.VERSION}
 * every generated class checks against {@link #VERSION} when it is initialized (a runtime of another
 * contract is one clear error, never a {@code NoSuchMethodError} later). Lowering and writing name
 * nothing of the runtime themselves: a change of the contract is a change here, and of the version.
 *
 * <p>In generated code, {@code cx$} is the strand a body runs on, {@code frame$} its frame (null on
 * the synchronous path until it must suspend), {@code depth$} how deep it runs on the Java stack;
 * the protected methods a frame inherits are called unqualified, so no user name can obscure them.
 */
public final class RuntimeContract {
  private RuntimeContract() {}

  /** The contract generated code is written for; the runtime's {@code Contract.VERSION} must equal it. */
  public static final int VERSION = 1;

  private static final String API = "dev.coframe.runtime";
  private static final String INTERNAL = API + ".internal";

  // ------------------------------------------------------------------ the user's API (dev.coframe.runtime)

  public static final String TASK = API + ".Task";
  public static final String AWAITABLE = API + ".Awaitable";
  public static final String CO = API + ".Co";
  public static final String YIELD = API + ".Yield";
  public static final String INT_YIELD = API + ".IntYield";
  public static final String LONG_YIELD = API + ".LongYield";
  public static final String DOUBLE_YIELD = API + ".DoubleYield";
  /** The marker of generated classes ({@code @Generated}, class retention: coverage tools skip them). */
  public static final String GENERATED = API + ".Generated";

  /** What a generator's factory answers: {@code Generator}, or {@code IntGenerator} and its kin for {@code primitive}. */
  public static String generator(String primitive) {
    return API + "." + (primitive == null ? "" : primitive) + "Generator";
  }

  // ------------------------------------------------------------------ the contract (dev.coframe.runtime.internal)

  /** The base of every task frame; its static helpers are written qualified: {@code Frame.intValueOf(aw$)}. */
  private static final String FRAME = INTERNAL + ".Frame";
  public static final String FRAME_KIND = INTERNAL + ".FrameKind";
  private static final String STRAND = INTERNAL + ".Strand";
  public static final String FRAME_INFO = INTERNAL + ".FrameInfo";
  public static final String CURSOR = INTERNAL + ".Cursor";
  private static final String CONTRACT = INTERNAL + ".Contract";

  /**
   * The typed base a task frame extends, by its result ({@code Int}, {@code Long}, .., {@code Void},
   * or {@code Ref} for a reference), or a generator frame's by its elements ({@code Int}, {@code Long},
   * {@code Double}, or null for {@code Generator<T>}'s).
   */
  public static String frameBase(String kind, boolean generator) {
    return INTERNAL + "." + (generator ? (kind == null ? "" : kind) + "GeneratorFrame" : kind + "Frame");
  }

  /**
   * The initializer of the generated class's contract field, which checks the contract and which
   * every frame kind reads first, so the check runs before anything else of the runtime is linked.
   */
  public static String contractCheck(String generatedClass) {
    return CONTRACT + ".check(" + VERSION + ", " + generatedClass + ".class)";
  }

  /** The field of each task frame class that holds its frame kind. */
  public static final String KIND = "KIND";

  /** The frame kind of a frame class, made from a prototype that is never run, after the contract check. */
  public static String frameKind(String kindType, String contractField, String prototype) {
    return "new " + FRAME_KIND + "<" + kindType + ">(" + contractField + ", " + prototype + ")";
  }

  // ------------------------------------------------------------------ call shapes

  /** A root frame for a factory, from the allocator of the calling thread's launch window or strand. */
  public static String allocateRoot(String frameClass) {
    return frameClass + "." + KIND + ".allocate()";
  }

  /** A frame from the strand's allocator, for a body that must suspend or a call allocated at the call. */
  public static String allocate(String frameClass) {
    return frameClass + "." + KIND + ".allocate(cx$)";
  }

  /** A frame for an elided call site, made once and kept in the parent's field. */
  public static String embed(String frameClass) {
    return frameClass + "." + KIND + ".embed()";
  }

  /** What a factory answers plain Java: the handle of the run its frame was armed for. */
  public static String handle(String armedFrame) {
    return armedFrame + ".handle()";
  }

  /** What {@code await(x)} suspends on: a lazy task's frame, or an awaitable. */
  public static String awaiting(String x) {
    return "awaiting(" + x + ")";
  }

  /** Runs a lazy child inline or asks an awaitable; true if the value can be taken now. */
  public static String ready(String awaited) {
    return "cx$.ready(" + awaited + ", depth$)";
  }

  /** Whether the child just called suspended instead of returning its value. */
  public static final String SUSPENDED = "cx$.suspended()";

  /** The body suspends into {@code frame$}, to resume at {@code state}. */
  public static String suspend(int state) {
    return "cx$.suspend(frame$, " + state + ");";
  }

  /** A call too deep for the Java stack: its armed frame runs from the trampoline. */
  public static String bounce(String armedFrame) {
    return "cx$.bounce(" + armedFrame + ");";
  }

  /** The depth bound of synchronous nesting: a body called this deep bounces. */
  public static final String MAX_DEPTH = STRAND + ".MAX_DEPTH";

  /** What a resumed body waited for, taken out of its frame at the resume point. */
  public static final String TAKE_AWAITED = "frame$.takeAwaited()";

  /** The value of an await, typed by javac from the assignment target or explicit type arguments. */
  public static String valueOf(String awaited, String boxedType) {
    return boxedType == null ? "valueOf(" + awaited + ")" : FRAME + ".<" + boxedType + ">valueOf(" + awaited + ")";
  }

  /** The value of an await, typed by javac from {@code witness}, an expression of the awaited type never evaluated. */
  public static String valueOfLike(String awaited, String witness) {
    return "valueOf(" + awaited + ", false ? (" + witness + ") : null)";
  }

  /** The value of an await that javac unboxes at once to {@code primitive} (int, long, double, boolean). */
  public static String primitiveValueOf(String awaited, String primitive) {
    return FRAME + "." + primitive + "ValueOf(" + awaited + ")";
  }

  /** The child frame a resumed body awaited, as {@code frameClass} ({@code Frame<?>} where any will do). */
  public static String awaitedChild(String frameClass) {
    return "((" + frameClass + ") frame$.takeAwaited())";
  }

  /** {@code frame} as any frame, to take a result whose type does not matter. */
  public static String anyFrame(String frame) {
    return "((" + FRAME + "<?>) " + frame + ")";
  }

  /**
   * Takes a completed child's result, unboxed by the child's kind ({@code Int}, {@code Long},
   * {@code Double}, {@code Boolean}, {@code Object}, or {@code Void} for none); rethrows its failure.
   */
  public static String take(String child, String kind) {
    return child + ".take" + kind + "()";
  }

  /** A frame taken at the call for a child that completed without suspending goes back to its allocator. */
  public static String release(String frame) {
    return "release(" + frame + ");";
  }

  /** The method of a frame class that nulls its reference fields (arguments and kept locals). */
  public static final String CLEAR_FIELDS = "clearFields";

  /** A held task's embedded frame that can no longer be awaited forgets its arguments. */
  public static String disarm(String frameField) {
    return "disarm(" + frameField + ");";
  }

  /**
   * A task destroyed while a finally block runs (cancelled): what that block throws is added to the
   * cancellation as suppressed, and the destroy goes on.
   */
  public static String suppressed(String exception) {
    return "cx$.suppressed(" + exception + ")";
  }

  /** A destroyed task's resume point drops what it awaited (a child destroyed before it, or an awaitable). */
  public static final String DROP_AWAITED = "frame$.dropAwaited();";

  /**
   * For a {@code default} of a resume switch: a state that cannot be reached — or a destroy entry
   * ({@code -state}) of a point no split {@code finally} encloses, where the runtime's signal ends
   * the destroy at once.
   */
  public static final String BAD_STATE = "throw frame$.badState(next$);";

  /** A generator's element, produced before it suspends. */
  public static String yielded(String value) {
    return "frame$.yielded(" + value + ")";
  }

  /** A generator's suspension: the state it resumes at, in its frame. */
  public static String generatorState(int state) {
    return "frame$.state = " + state + ";";
  }

  /** A {@code yieldAll} left before its end closes the iterator it took, if that is {@code AutoCloseable}. */
  public static String closeDelegate(String iterator) {
    return "closeDelegate(" + iterator + ")";
  }

  /** Always true: keeps a pattern variable whose scope spans several states in a local of the body. */
  public static String bound(String assignment) {
    return "bound(" + assignment + ")";
  }

  /** The position of an enhanced {@code for} whose iterable or array type the processor does not know. */
  public static String cursorOf(String values) {
    return CURSOR + ".of(" + values + ")";
  }

  /** A resumed task frame's {@code run()}: its body called with the strand, itself, its state and depth. */
  public static String runBody(List<String> fieldArgs, boolean generator) {
    return "run$(" + (generator ? "" : "strand(), ") + "this, state" + (generator ? "" : ", depth()")
        + (fieldArgs.isEmpty() ? "" : ", " + String.join(", ", fieldArgs)) + ")";
  }

  /** Completes a resumed frame with the value its body returned ({@code done(value)}, {@code done()} for none). */
  public static String done(String value) {
    return value == null ? "done();" : "done(" + value + ");";
  }

  /** The parameters every task body method takes first, and a generator body's. */
  public static List<String> bodyParameters(String frameType, boolean generator) {
    return generator ? List.of(frameType + " frame$", "int next$")
        : List.of(STRAND + " cx$", frameType + " frame$", "int next$", "int depth$");
  }

  /** The arguments a body calls a part method of its own with (a body too large for one method). */
  public static String partArguments(boolean generator) {
    return generator ? "frame$, next$" : "cx$, frame$, next$, depth$";
  }

  /** A call of a child coroutine's body on the synchronous path: one level deeper. */
  public static String childBody(String frameClass, String typeArguments, String frameArgument, List<String> args) {
    return frameClass + "." + typeArguments + "run$(cx$, " + frameArgument + ", 0, depth$ + 1"
        + (args.isEmpty() ? "" : ", " + String.join(", ", args)) + ")";
  }
}

package dev.coframe.processor.diff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Random coroutine programs for {@link RandomProgramsTest}: from a seed, one {@link Case} whose
 * entry {@code run} and helper coroutines mix locals of four types (explicit and {@code var},
 * boxed and primitive), every statement form a coroutine body may contain and suspension points
 * anywhere in expressions, logging side effects and intermediate values as they go.
 *
 * <p>Every program is valid Java (definite assignment, reachability, checked exceptions) and
 * terminates quickly: every loop has a counter that only its header or its first statement
 * changes and a bound of at most 4 iterations, helpers only call helpers generated before them
 * (plus bounded self-recursion through a decreasing {@code depth} parameter), strings stay short
 * and a static estimate of each function's side effects (loop trip counts times the cost of what
 * runs inside) keeps the log far below {@link dev.coframe.testing.Log#LIMIT}.
 *
 * <p>Beyond scalars, the programs contain (each value logged or returned, so a wrong lowering
 * shows as a difference from direct mode):
 *
 * <ul>
 *   <li>a top-level {@code record R1} and {@code enum E1} (sometimes) with static and instance
 *       coroutines among the helpers, called as {@code r.sum3(..)}, {@code E1.B.weight2(..)},
 *       {@code sum3(..)} or through their factories; they read components as {@code a},
 *       {@code a()}, {@code this.b()} and another instance's field {@code o.a}, and an enum's
 *       coroutine switches over {@code this} or its parameter (no suspension inside the switch,
 *       suspensions around it); locals of these types, and switches over enum values elsewhere;
 *   <li>pattern {@code instanceof} on Objects from {@code obj(k)} (never a suspension in the tested
 *       value): in expressions, in if conditions whose other operand or branches suspend, and in
 *       the flow-scoping form {@code if (!(o instanceof String s)) return ..;} with s read after a
 *       later suspension;
 *   <li>on JDK 21+ only, in statements that do not suspend: record patterns (nested) and pattern
 *       {@code switch} statements and expressions with guards, one binding name repeated across
 *       cases and {@code case null, default} (older JDKs get a comment instead; see {@link
 *       #java21Statement});
 *   <li>locals, parameters, lambda parameters, bindings and record components named like package
 *       roots ({@code cases}, {@code java}, ..) and like Coframe's generated names ({@code state},
 *       {@code aw$}, {@code t$1}, ..), see {@link #SPECIAL};
 *   <li>two-dimensional arrays whose initializers or dimensions suspend;
 *   <li>method references whose receiver suspends (evaluated once; a null one throws), static and
 *       unbound ones, and lambdas, in locals and in place;
 *   <li>switch expressions over ints and enum values, without suspension inside.
 * </ul>
 *
 * <p>What the processor documents as unsupported is never generated: suspension points inside
 * {@code try}, {@code switch} (those statements appear, without suspension), {@code assert},
 * the tested value of a pattern {@code instanceof}, lambdas, local classes and {@code
 * synchronized}; nor a value it cannot type that must be kept across a suspension (a switch
 * expression, a conditional with a char branch, a generic call chain: a cast types it).
 */
final class ProgramGenerator {

  /** Java value types the programs compute with. */
  enum Ty {
    INT("int", "Integer"),
    LONG("long", "Long"),
    STR("String", "String"),
    BOOL("boolean", "Boolean"),
    DOUBLE("double", "Double"),
    CHAR("char", "Character"),
    VOID("void", "Void");

    final String prim;
    final String boxed;

    Ty(String prim, String boxed) {
      this.prim = prim;
      this.boxed = boxed;
    }
  }

  enum Kind {
    SCALAR,
    ARRAY, // int[] of a fixed length
    LIST, // List<Integer> of a fixed size, never modified
    OBJECT, // an Object (or a Two) to match patterns against; ty is null
    RECORD, // an instance of the program's record (cls); ty is null
    ENUM, // a constant of the program's enum (cls); ty is null
    MATRIX, // int[][] or String[][] (cls), logged with Arrays.deepToString
    FUNC // a lambda or method reference (cls is its type), applied where declared, not logged
  }

  /** A local, parameter or static field, or a member read by its bare name (a record component). */
  static final class Var {
    final String name;
    final Ty ty;
    final boolean boxed;
    final Kind kind;
    final int len;
    final boolean assignable;
    final boolean field;
    String cls; // the declared type of a reference kind
    boolean accessor; // a record component: also readable as name()
    boolean member; // a record component or enum field of `this`, read by its bare name
    boolean effFinal; // never assigned after its declaration: a guard or lambda may read it

    Var(String name, Ty ty, boolean boxed, Kind kind, int len, boolean assignable, boolean field) {
      this.name = name;
      this.ty = ty;
      this.boxed = boxed;
      this.kind = kind;
      this.len = len;
      this.assignable = assignable;
      this.field = field;
    }

    /** A variable of a reference kind, never assigned. */
    static Var ref(String name, Kind kind, String cls) {
      Var v = new Var(name, null, true, kind, 0, false, false);
      v.cls = cls;
      v.effFinal = true;
      return v;
    }

    /** A scalar local or binding. */
    static Var scalar(String name, Ty ty, boolean boxed, boolean assignable) {
      Var v = new Var(name, ty, boxed, Kind.SCALAR, 0, assignable, false);
      v.effFinal = !assignable;
      return v;
    }

    Var effectivelyFinal(boolean is) {
      effFinal = is;
      return this;
    }

    String typeText() {
      switch (kind) {
        case ARRAY:
          return "int[]";
        case LIST:
          return "List<Integer>";
        case SCALAR:
          return boxed ? ty.boxed : ty.prim;
        default:
          return cls;
      }
    }
  }

  /**
   * The program's top-level record ({@code record R1(int a, String b)}) or enum ({@code enum E1 {
   * A(3), B(-1); final int w; ..}}), whose coroutines take places among the helpers.
   */
  static final class Top {
    final String name;
    final boolean isEnum;
    final List<Var> members = new ArrayList<>(); // record components, or the enum's field w
    final List<String> constants = new ArrayList<>(); // enum constants
    final List<String> weights = new ArrayList<>(); // the enum constants' w
    final List<Fn> coroutines = new ArrayList<>();

    Top(String name, boolean isEnum) {
      this.name = name;
      this.isEnum = isEnum;
    }

    Var member(Ty t) {
      for (Var m : members) {
        if (m.ty == t) {
          return m;
        }
      }
      return null;
    }
  }

  /**
   * A generated expression: its text (always safe as an operand or receiver: compound forms are
   * parenthesized), static type, whether that type is the wrapper class, and whether its value may
   * contain a string variable's content (such values are passed through {@code cut} before they
   * are stored, so strings stay short). {@code poly}: a generic method call such as {@code
   * await(..)}, or a conditional with such a branch, which JLS 15.25 makes a reference
   * conditional (a poly expression, typed by its context), unlike a numeric one.
   */
  record Expr(String text, Ty ty, boolean boxed, boolean strRef, boolean poly) {
    Expr(String text, Ty ty, boolean boxed, boolean strRef) {
      this(text, ty, boxed, strRef, false);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** A generated coroutine. */
  static final class Fn {
    final String name;
    final int index; // may call helpers with a larger index
    final Ty ret;
    Top owner; // null: a member of Case
    boolean instance; // an instance coroutine of owner
    final List<Var> params = new ArrayList<>();
    boolean throwsIo;
    boolean recursive;
    long budget;
    long cost; // upper bound of log entries + awaits + calls one invocation causes
    int recSites;
    String text;

    Fn(String name, int index, Ty ret) {
      this.name = name;
      this.index = index;
      this.ret = ret;
    }
  }

  /** A break/continue target: a loop, a switch (unlabelled break only) or a labelled block. */
  static final class Jump {
    final String label; // null if unlabelled
    final boolean loop;
    final boolean block; // a labelled block: target of break <label> only
    boolean breakUsed;
    boolean continueUsed;
    boolean completes = true;

    Jump(String label, boolean loop) {
      this(label, loop, false);
    }

    Jump(String label, boolean loop, boolean block) {
      this.label = label;
      this.loop = loop;
      this.block = block;
    }
  }

  /**
   * Workarounds for known processor bugs, to explore past them ({@code
   * -Dcoframe.random.avoid=thenAbrupt,varLast,...}); none by default, so the fixed seeds show them:
   *
   * <ul>
   *   <li>{@code thenAbrupt}: no unconditional break/continue/return/throw ending a nested block
   *       (a split then-branch or loop body ending abruptly gets an unreachable jump);
   *   <li>{@code varLast}: a {@code var} declaration is always followed by a statement using it
   *       (a suspending {@code var} declaration ending a block is typed "none");
   *   <li>{@code factoryArg}: no suspension in the arguments of {@code CaseCoroutines.h(..)};
   *   <li>{@code incIndex}: no suspension in the index of an element incremented as a statement
   *       ({@code a[await(..)]++;} is emitted as the non-statement {@code (a[t]++);});
   *   <li>{@code mathMix}: no {@code Math.max/min} of an int and a long (the typer picks the int
   *       overload for a spilled {@code Math.max(await(intValue), longValue)});
   *   <li>{@code charCall}: no helper returns char (a char coroutine call becomes a boxed
   *       Character in the lowered code: {@code h() == boxed} compares references or does not
   *       compile);
   *   <li>{@code nullUnbox}: no boxed local is null (direct mode unboxes a left operand before the
   *       right one runs, the lowered code after it has run);
   *   <li>{@code unicodeEscape}: the char literal \u00e9 is written as such, not as a unicode
   *       escape (statements quoted in generated comments are cut inside the escape);
   *   <li>{@code bindingSplit}: no suspension after a pattern binding in an expression ({@code
   *       boolean b = o instanceof Integer n && n < await(..);} and {@code o instanceof Integer n ?
   *       n + await(..) : 0} read n out of its scope, unless the test is an if's or a loop's);
   *   <li>{@code enumRuleName}: no bare name as a rule's value in a switch expression over an
   *       enum ({@code case A -> base;} leaves the static field {@code base} unqualified);
   *   <li>{@code implicitThisCall}: no member of {@code this} called without {@code this.} in the
   *       record's and enum's instance coroutines ({@code Log.add(b ? c() : 1);} before a
   *       suspension crashes javac's {@code Trees.getScope} when the processor types a later local);
   *   <li>{@code guardLocal}: a {@code when} guard reads no local variable (one that is
   *       effectively final in the source is reassigned in the lowered {@code resume()}, where
   *       javac rejects the guard);
   *   <li>{@code generatedNames}: no variable named {@code t$1} or {@code resumeAt} (a user's
   *       {@code t$1} in a statement kept as written collides with the generated temporary of that
   *       name in {@code resume()}; a spilled {@code resumeAt} with {@code suspend$}'s parameter).
   * </ul>
   */
  /** Names the generator leaves out with {@code -Dcoframe.random.avoid=generatedNames}. */
  static final java.util.Set<String> COLLIDING = java.util.Set.of("t$1", "resumeAt");

  static final java.util.Set<String> AVOID =
      java.util.Arrays.stream(System.getProperty("coframe.random.avoid", "").split(","))
          .map(String::trim)
          .filter(k -> !k.isEmpty())
          .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));

  static final int MAX_DEPTH = 3; // recursive helpers are called with depth 0..3
  static final int MAX_MULT = 27; // product of the trip counts of enclosing loops

  /**
   * Names that a user may give locals, parameters and lambda parameters but that clash with
   * package roots (the case package is {@code cases.rnd_<seed>}) or with Coframe's generated names.
   */
  static final String[] SPECIAL = {
      "cases", "dev", "java", "javax", "state", "next$", "aw$", "self$", "result$", "failure$", "t$1", "resumeAt"};

  /** Whether the JDK running the tests compiles Java 21 forms (record patterns, pattern switch). */
  static final boolean JAVA21 = Runtime.version().feature() >= 21;

  private final long seed;
  private Random r; // replaced while a Java 21 statement is generated from its own seed
  private final List<Fn> helpers = new ArrayList<>();
  private final List<Var> statics = new ArrayList<>();
  private Top rec; // the program's record, or null
  private Top en; // the program's enum, or null
  private boolean usesObj; // whether Case needs obj(k) and record Two

  // per function
  private Fn fn;
  private StringBuilder out;
  private int indent;
  private Deque<List<Var>> scopes;
  private Deque<Jump> jumps;
  private int mult;
  private int loopDepth;
  private int nest;
  private int noSusp;
  private int noAbrupt;
  private int names;
  /**
   * Whether a factory call is held in a local, and its name: drawn apart from {@code r} and
   * {@link #names}, so that seeds kept for the bugs they found still write the programs they did.
   */
  private final Random heldDraws;
  private int held;
  private int stmtsLeft;
  private int suspNest; // suspension points being generated around the current expression
  private java.util.Set<String> declared; // names of this function's locals so far
  private final java.util.Set<String> pending = new java.util.HashSet<>(); // named, initializer being generated

  private ProgramGenerator(long seed) {
    this.seed = seed;
    this.r = new Random(seed * 0x9E3779B97F4A7C15L + 12345);
    this.heldDraws = new Random(seed ^ 0x5DEECE66DL);
    statics.add(new Var("sfI", Ty.INT, false, Kind.SCALAR, 0, true, true));
    statics.add(new Var("sfL", Ty.LONG, false, Kind.SCALAR, 0, true, true));
    statics.add(new Var("sfS", Ty.STR, false, Kind.SCALAR, 0, true, true));
    statics.add(new Var("sfB", Ty.BOOL, false, Kind.SCALAR, 0, true, true));
    statics.add(new Var("sarr", Ty.INT, false, Kind.ARRAY, 4, false, true));
  }

  /** The case of one seed: id {@code rnd_<seed>}. */
  static Case generate(long seed) {
    return new ProgramGenerator(seed).build();
  }

  static String caseId(long seed) {
    return seed < 0 ? "rnd_m" + (-seed) : "rnd_" + seed;
  }

  // ------------------------------------------------------------------------------ program

  private Case build() {
    rec = r.nextInt(3) == 0 ? newRecord() : null;
    en = r.nextInt(4) == 0 ? newEnum() : null;
    List<Slot> slots = helperSlots(1 + r.nextInt(4));
    Fn[] hs = new Fn[slots.size()];
    for (int i = slots.size(); i >= 1; i--) {
      Slot slot = slots.get(i - 1);
      Fn h = slot.owner() == null ? caseHelper(i) : typeCoroutine(slot.owner(), slot.instance(), i);
      hs[i - 1] = h;
      helpers.add(h);
    }
    Fn run = new Fn("run", 0, pickTy(false));
    run.throwsIo = true;
    int np = r.nextInt(3);
    for (int p = 0; p < np; p++) {
      run.params.add(new Var(paramName("q", p, run.params), pickTy(false), false, Kind.SCALAR, 0, true, false));
    }
    run.budget = 2500;
    genFunction(run, 10 + r.nextInt(17));

    StringBuilder body = new StringBuilder();
    body.append("// seed ").append(seed).append(": a random program (ProgramGenerator");
    if (!AVOID.isEmpty()) {
      body.append(", -Dcoframe.random.avoid=").append(String.join(",", AVOID));
    }
    body.append(")\n");
    body.append("static int sfI = 3;\n");
    body.append("static long sfL = 5L;\n");
    body.append("static String sfS = \"f\";\n");
    body.append("static boolean sfB = true;\n");
    body.append("static int[] sarr = {1, 2, 3, 4};\n");
    body.append("static int mi(int v) {\n  Log.add(\"mi \" + v);\n  return v;\n}\n");
    body.append("static long ml(long v) {\n  Log.add(\"ml \" + v);\n  return v;\n}\n");
    body.append("static String ms(String v) {\n  Log.add(\"ms \" + v);\n  return v;\n}\n");
    body.append("static boolean mb(boolean v) {\n  Log.add(\"mb \" + v);\n  return v;\n}\n");
    body.append("static double md(double v) {\n  Log.add(\"md \" + v);\n  return v;\n}\n");
    body.append("static char mc(char v) {\n  Log.add(\"mc \" + v);\n  return v;\n}\n");
    body.append("static String cut(String s) {\n  return s.length() > 24 ? s.substring(s.length() - 24) : s;\n}\n");
    if (usesObj) {
      body.append(objHelper());
    }
    body.append(run.text);
    for (Fn h : hs) {
      if (h.owner == null) {
        body.append(h.text);
      }
    }
    Case c = Case.task(caseId(seed), body.toString());
    for (Top t : new Top[] {rec, en}) {
      if (t != null) {
        c.with(topText(t));
      }
    }
    int sets = 1 + r.nextInt(2);
    for (int s = 0; s < sets; s++) {
      Object[] args = new Object[run.params.size()];
      for (int p = 0; p < args.length; p++) {
        args[p] = argValue(run.params.get(p).ty);
      }
      c.args(args);
    }
    return c;
  }

  /** A place among the helpers (index order): a helper of Case (owner null) or a coroutine of a type. */
  private record Slot(Top owner, boolean instance) {}

  /**
   * {@code n} places (more if the types need them): the coroutines of the record and enum, and
   * helpers of Case for the rest, in random index order.
   */
  private List<Slot> helperSlots(int n) {
    List<Slot> slots = new ArrayList<>();
    for (Top t : new Top[] {rec, en}) {
      if (t != null) {
        int k = r.nextInt(3); // 0: a static coroutine, 1: an instance one, 2: both
        if (k != 1) {
          slots.add(new Slot(t, false));
        }
        if (k != 0) {
          slots.add(new Slot(t, true));
        }
      }
    }
    int helpers = Math.max(slots.isEmpty() ? 1 : 0, n - slots.size());
    for (int i = 0; i < helpers; i++) {
      slots.add(new Slot(null, false));
    }
    java.util.Collections.shuffle(slots, r);
    return slots;
  }

  /** Helper {@code h<i>} of Case: maybe recursive through a {@code depth} parameter. */
  private Fn caseHelper(int i) {
    Ty ret = pickTy(true);
    if (ret == Ty.CHAR && AVOID.contains("charCall")) {
      ret = Ty.INT;
    }
    Fn h = new Fn("h" + i, i, ret);
    h.recursive = ret != Ty.VOID && r.nextInt(4) == 0;
    h.throwsIo = r.nextInt(5) < 2;
    if (h.recursive) {
      h.params.add(new Var("depth", Ty.INT, false, Kind.SCALAR, 0, false, false));
    }
    int np = r.nextInt(4);
    for (int p = 0; p < np; p++) {
      String name = paramName("p", p, h.params);
      if (r.nextInt(8) == 0) {
        h.params.add(new Var(name, Ty.INT, false, Kind.ARRAY, 2 + r.nextInt(3), false, false));
      } else {
        h.params.add(new Var(name, pickTy(false), false, Kind.SCALAR, 0, true, false));
      }
    }
    h.budget = h.recursive ? 40 : 30 + r.nextInt(270);
    genFunction(h, h.recursive ? 3 + r.nextInt(5) : 3 + r.nextInt(8));
    if (h.recursive) {
      long calls = h.recSites >= 2 ? 15 : h.recSites == 1 ? 4 : 1;
      h.cost = h.cost * calls + calls;
    }
    return h;
  }

  /**
   * A coroutine of the record or enum: a static one taking an instance ({@code total3(R1 o, ..)},
   * {@code score3(E1 e, ..)}), or an instance one ({@code sum3(R1 o, ..)}, {@code weight3(..)}).
   */
  private Fn typeCoroutine(Top t, boolean instance, int i) {
    Ty ret = pickTy(true);
    if (ret == Ty.CHAR && AVOID.contains("charCall")) {
      ret = Ty.INT;
    }
    String name = t.isEnum ? (instance ? "weight" : "score") : (instance ? "sum" : "total");
    Fn f = new Fn(name + i, i, ret);
    f.owner = t;
    f.instance = instance;
    f.throwsIo = r.nextInt(5) < 2;
    if (!t.isEnum || !instance || r.nextBoolean()) {
      f.params.add(Var.ref(t.isEnum ? "e" : "o", t.isEnum ? Kind.ENUM : Kind.RECORD, t.name));
    }
    int np = r.nextInt(3);
    for (int p = 0; p < np; p++) {
      f.params.add(Var.scalar(paramName("p", p, f.params), pickTy(false), false, true));
    }
    f.budget = 30 + r.nextInt(170);
    genFunction(f, 3 + r.nextInt(5));
    t.coroutines.add(f);
    return f;
  }

  /** Parameter {@code <prefix><i>}, or sometimes a name like a package root or a generated name. */
  private String paramName(String prefix, int i, List<Var> taken) {
    if (r.nextInt(8) == 0) {
      String s = SPECIAL[r.nextInt(SPECIAL.length)];
      boolean free = usable(s)
          && taken.stream().noneMatch(v -> v.name.equals(s))
          && (rec == null || rec.members.stream().noneMatch(m -> m.name.equals(s)))
          && (en == null || en.members.stream().noneMatch(m -> m.name.equals(s)));
      if (free) {
        return s;
      }
    }
    return prefix + i;
  }

  /** {@code record R1(..)}: two or three components of scalar types, named a, b, c or like generated names. */
  private Top newRecord() {
    Top t = new Top("R1", false);
    Ty[] tys = {Ty.INT, Ty.LONG, Ty.STR, Ty.BOOL, Ty.DOUBLE};
    int n = 2 + r.nextInt(2);
    for (int i = 0; i < n; i++) {
      String name = String.valueOf((char) ('a' + i));
      String special = SPECIAL[r.nextInt(SPECIAL.length)];
      if (r.nextInt(5) == 0 && usable(special) && t.members.stream().noneMatch(m -> m.name.equals(special))) {
        name = special;
      }
      Var m = Var.scalar(name, tys[r.nextInt(tys.length)], false, false);
      m.accessor = true;
      m.member = true;
      t.members.add(m);
    }
    return t;
  }

  /** {@code enum E1 { A(3), B(-1), ..; final int w; .. }} (no constant bodies: implicitly final). */
  private Top newEnum() {
    Top t = new Top("E1", true);
    int n = 2 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      t.constants.add(String.valueOf((char) ('A' + i)));
      t.weights.add(String.valueOf(r.nextInt(13) - 3));
    }
    Var w = Var.scalar(r.nextInt(4) == 0 ? "state" : "w", Ty.INT, false, false);
    w.member = true;
    t.members.add(w);
    return t;
  }

  /** The declaration of a record or enum with its coroutines. */
  private String topText(Top t) {
    StringBuilder sb = new StringBuilder();
    if (t.isEnum) {
      String w = t.members.get(0).name;
      sb.append("enum ").append(t.name).append(" {\n  ");
      for (int i = 0; i < t.constants.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(t.constants.get(i)).append('(').append(t.weights.get(i)).append(')');
      }
      sb.append(";\n  final int ").append(w).append(";\n  ").append(t.name).append("(int ").append(w)
          .append(") {\n    this.").append(w).append(" = ").append(w).append(";\n  }\n");
    } else {
      sb.append("record ").append(t.name).append('(');
      for (int i = 0; i < t.members.size(); i++) {
        Var m = t.members.get(i);
        sb.append(i > 0 ? ", " : "").append(m.ty.prim).append(' ').append(m.name);
      }
      sb.append(") {\n");
    }
    for (Fn f : t.coroutines) {
      for (String l : f.text.split("\n")) {
        sb.append("  ").append(l).append('\n');
      }
    }
    return sb.append("}\n").toString();
  }

  /** {@code obj(k)}: an Object to match patterns against (boxed values, strings, null, records, constants). */
  private String objHelper() {
    List<String> values = new ArrayList<>(List.of(
        "k", "\"s\" + k", "null", "(long) k * 3", "new Two(k, \"t\")", "new Two(new Two(k % 7, null), k > 0)"));
    if (rec != null) {
      values.add(recordOf(rec, "k"));
    }
    if (en != null) {
      values.add(en.name + ".values()[Math.floorMod(k, " + en.constants.size() + ")]");
    }
    StringBuilder sb = new StringBuilder("record Two(Object l, Object r) {}\n");
    sb.append("static Object obj(int k) {\n  switch (Math.floorMod(k, ").append(values.size()).append(")) {\n");
    for (int i = 0; i < values.size(); i++) {
      sb.append(i < values.size() - 1 ? "    case " + i + ":\n" : "    default:\n")
          .append("      return ").append(values.get(i)).append(";\n");
    }
    return sb.append("  }\n}\n").toString();
  }

  /** {@code new R1(..)} with each component computed from the int {@code k}. */
  private static String recordOf(Top t, String k) {
    StringBuilder sb = new StringBuilder("new " + t.name + "(");
    for (int i = 0; i < t.members.size(); i++) {
      Ty ty = t.members.get(i).ty;
      String v = ty == Ty.INT ? k : ty == Ty.LONG ? "(long) " + k : ty == Ty.STR ? "\"r\" + " + k
          : ty == Ty.BOOL ? k + " > 0" : k + " / 2.0";
      sb.append(i > 0 ? ", " : "").append(v);
    }
    return sb.append(')').toString();
  }

  private Object argValue(Ty t) {
    switch (t) {
      case INT:
        return r.nextInt(5) == 0 ? r.nextInt() : r.nextInt(21) - 5;
      case LONG:
        return r.nextInt(5) == 0 ? r.nextLong() : (long) (r.nextInt(21) - 5);
      case STR:
        return new String[] {"", "a", "xy", "Hello"}[r.nextInt(4)];
      case DOUBLE:
        return new double[] {0.5, -1.25, 3.0, 1e9}[r.nextInt(4)];
      case CHAR:
        return "aZ0".charAt(r.nextInt(3));
      default:
        return r.nextBoolean();
    }
  }

  private Ty pickTy(boolean allowVoid) {
    int k = r.nextInt(allowVoid ? 11 : 10);
    if (k < 3) {
      return Ty.INT;
    }
    if (k < 4) {
      return Ty.LONG;
    }
    if (k < 6) {
      return Ty.STR;
    }
    if (k < 8) {
      return Ty.BOOL;
    }
    if (k < 9) {
      return Ty.DOUBLE;
    }
    if (k < 10) {
      return Ty.CHAR;
    }
    return Ty.VOID;
  }

  // ------------------------------------------------------------------------------ functions

  private void genFunction(Fn f, int statements) {
    fn = f;
    out = new StringBuilder();
    indent = 0;
    scopes = new ArrayDeque<>();
    jumps = new ArrayDeque<>();
    mult = 1;
    loopDepth = 0;
    nest = 0;
    noSusp = 0;
    noAbrupt = 0;
    names = 0;
    declared = new java.util.LinkedHashSet<>();
    pending.clear();
    stmtsLeft = statements;
    if (f.instance) {
      // `this` and the members read by their bare names
      List<Var> self = new ArrayList<>(f.owner.members);
      self.add(Var.ref("this", f.owner.isEnum ? Kind.ENUM : Kind.RECORD, f.owner.name));
      scopes.push(self);
    }
    scopes.push(new ArrayList<>(f.params));

    StringBuilder sig = new StringBuilder(f.instance ? "@Coroutine " : "@Coroutine static ")
        .append(f.ret.prim).append(' ').append(f.name).append('(');
    for (int i = 0; i < f.params.size(); i++) {
      Var p = f.params.get(i);
      sig.append(i > 0 ? ", " : "").append(p.typeText()).append(' ').append(p.name);
    }
    sig.append(')');
    if (f.throwsIo) {
      sig.append(" throws IOException");
    }
    line(sig + " {");
    indent++;
    if ((f.recursive || !f.params.isEmpty() || r.nextBoolean())) {
      StringBuilder entry = new StringBuilder("Log.add(\"" + f.name + "(\"");
      for (int i = 0; i < f.params.size(); i++) {
        Var p = f.params.get(i);
        entry.append(" + ").append(i > 0 ? "\", \" + " : "").append(show(p));
      }
      entry.append(" + \")\");");
      line(entry.toString());
      charge(1);
    }
    if (f.recursive) {
      line("if (depth <= 0) {");
      indent++;
      int saved = f.recSites;
      f.recSites = 2; // no self call in the base case
      if (r.nextBoolean()) {
        logSomething();
      }
      line("return " + store(f.ret, gen(f.ret, 2)) + ";");
      f.recSites = saved;
      indent--;
      line("}");
    }
    boolean completes = true;
    if (f.owner != null) {
      completes = memberPrologue();
    }
    completes = completes && stmts(Integer.MAX_VALUE);
    if (completes) {
      logEnd();
      if (f.ret != Ty.VOID) {
        line("return " + store(f.ret, gen(f.ret, depth())) + ";");
      } else if (r.nextInt(4) == 0) {
        line("return;");
      }
    }
    indent--;
    line("}");
    f.text = out.toString();
  }

  /** Logs every visible local, and in the entry the static fields. */
  private void logEnd() {
    StringBuilder sb = new StringBuilder("Log.add(\"" + fn.name + " end\"");
    for (List<Var> scope : scopes) {
      for (Var v : scope) {
        if (v.kind == Kind.FUNC) {
          continue; // a lambda's text is not stable
        }
        sb.append(" + \" ").append(v.name).append("=\" + ").append(show(v));
      }
    }
    sb.append(");");
    line(sb.toString());
    charge(1);
    if (fn.index == 0) {
      line("Log.add(\"statics \" + sfI + \" \" + sfL + \" \" + sfS + \" \" + sfB + \" \" + Arrays.toString(sarr));");
    }
  }

  /** The text logging {@code v}'s value. */
  private static String show(Var v) {
    switch (v.kind) {
      case ARRAY:
        return "Arrays.toString(" + v.name + ")";
      case MATRIX:
        return "Arrays.deepToString(" + v.name + ")";
      default:
        return v.name;
    }
  }

  /**
   * The start of a record's or enum's coroutine: a log reading every member in one of its forms
   * ({@code a}, {@code a()}, {@code this.b()}, {@code o.a}, {@code e.w}, {@code ordinal()}), one
   * of them awaited; in an enum's coroutine, statements and then a switch over its constants
   * that does not suspend. Whether what follows is reachable.
   */
  private boolean memberPrologue() {
    List<String> reads = new ArrayList<>();
    for (Var v : visible()) {
      if (v.kind == Kind.RECORD || v.kind == Kind.ENUM) {
        for (Var m : top(v.cls).members) {
          reads.add(memberRead(v, m));
        }
      }
      if (v.member) {
        reads.add(ref(v));
      }
    }
    if (fn.instance && fn.owner.isEnum) {
      reads.add((AVOID.contains("implicitThisCall") ? "this." : "") + (r.nextBoolean() ? "ordinal()" : "name()"));
    }
    if (!reads.isEmpty()) {
      int k = r.nextInt(reads.size());
      reads.set(k, "await(Sched.v(" + reads.get(k) + "))");
      line("Log.add(\"" + fn.name + " reads \" + " + String.join(" + \" \" + ", reads) + ");");
      charge(1);
    }
    if (!fn.owner.isEnum) {
      return true;
    }
    return stmts(1 + r.nextInt(2)) && switchStatement(fn.owner, canSuspend() && r.nextBoolean());
  }

  // ------------------------------------------------------------------------------ statements

  private boolean stmts(int max) {
    for (int i = 0; i < max && stmtsLeft > 0 && fn.cost < fn.budget; i++) {
      if (!stmt()) {
        return false;
      }
    }
    return true;
  }

  /** A braced block with its own scope; whether it can complete normally. */
  private boolean block(int max) {
    return block(max, null);
  }

  /** A braced block whose scope starts with {@code binding} (a pattern variable) if not null. */
  private boolean block(int max, Var binding) {
    scopes.push(binding == null ? new ArrayList<>() : new ArrayList<>(List.of(binding)));
    nest++;
    indent++;
    boolean completes = stmts(max);
    indent--;
    nest--;
    scopes.pop();
    return completes;
  }

  private boolean stmt() {
    stmtsLeft--;
    boolean canNest = nest < 3 && stmtsLeft > 1;
    boolean inLoop = jumps.stream().anyMatch(j -> j.loop);
    boolean canLoop = canNest && loopDepth < 3 && mult * 2 <= MAX_MULT;
    int k =
        pick(
            14, // 0 declaration
            10, // 1 assignment
            10, // 2 compound assignment / increment
            7, // 3 log
            8, // 4 expression statement
            canNest ? 9 : 0, // 5 if
            canLoop ? 4 : 0, // 6 while
            canLoop ? 3 : 0, // 7 do
            canLoop ? 4 : 0, // 8 for
            canLoop ? 4 : 0, // 9 enhanced for
            !jumps.isEmpty() ? (inLoop ? 6 : 2) : 0, // 10 break / continue
            noAbrupt == 0 ? 3 : 0, // 11 return
            noAbrupt == 0 ? 2 : 0, // 12 throw and other exceptions
            canNest ? 4 : 0, // 13 try/catch/finally, suspending inside unless in a non-suspending region
            canNest ? 3 : 0, // 14 switch, likewise
            canNest ? 1 : 0, // 15 block
            canNest ? 2 : 0, // 16 labelled block
            canNest ? 3 : 0, // 17 if with a pattern instanceof
            canNest ? 2 : 0); // 18 Java 21 statement (a comment before Java 21)
    switch (k) {
      case 0:
        declaration();
        return true;
      case 1:
        assignment();
        return true;
      case 2:
        compound();
        return true;
      case 3:
        logSomething();
        return true;
      case 4:
        expressionStatement();
        return true;
      case 5:
        return ifStatement();
      case 6:
        return whileLoop();
      case 7:
        return doLoop();
      case 8:
        return forLoop();
      case 9:
        return forEach();
      case 10:
        return jump();
      case 11:
        return returnStatement();
      case 12:
        return throwing();
      case 13:
        return tryStatement(canSuspend() && r.nextInt(3) != 0);
      case 14:
        return switchStatement(null, canSuspend() && r.nextBoolean());
      case 16:
        return labelledBlock();
      case 17:
        return patternIf();
      case 18:
        return java21Statement();
      default:
        line("{");
        boolean c = block(2 + r.nextInt(3));
        line("}");
        return c;
    }
  }

  private void declaration() {
    int k = r.nextInt(20);
    if (k >= 14 && k <= 18) {
      otherDeclaration(k);
      return;
    }
    if (k == 0) {
      arrayDeclaration();
      return;
    }
    if (k == 1) {
      listDeclaration();
      return;
    }
    Ty t = pickTy(false);
    if (k == 2) {
      splitDeclaration(t);
      return;
    }
    if (k == 3) {
      twoDeclarators(t);
      return;
    }
    String name = localName(prefix(t));
    boolean useVar = r.nextInt(3) == 0;
    boolean boxedDecl = !useVar && t != Ty.STR && r.nextInt(6) == 0;
    boolean isFinal = !useVar && r.nextInt(8) == 0;
    Expr e = gen(t, depth());
    if (useVar && e.text.contains("Coroutines.")) {
      // The processor refuses a var typed by a generated factory: "the type of the awaited value
      // is not known to the compiler yet (<any>); declare it with an explicit type".
      useVar = false;
    }
    String typeText;
    boolean boxed;
    if (useVar) {
      e = exact(e, t);
      if (t == Ty.STR && e.strRef) {
        e = cut(e);
      }
      typeText = "var";
      boxed = e.boxed;
    } else if (boxedDecl) {
      e = exact(e, t); // Integer x = 'a' and Long x = 1 do not compile
      if (r.nextInt(12) == 0 && !AVOID.contains("nullUnbox")) {
        e = new Expr("null", t, true, false); // using it unboxed throws NullPointerException
      }
      typeText = t.boxed;
      boxed = true;
    } else {
      typeText = t.prim;
      boxed = false;
      if (t == Ty.STR) {
        e = storeExpr(t, e);
      }
    }
    line((isFinal ? "final " : "") + typeText + " " + name + " = " + e + ";");
    declare(new Var(name, t, boxed, Kind.SCALAR, 0, !isFinal, false).effectivelyFinal(isFinal));
    if (r.nextInt(3) == 0 || useVar && AVOID.contains("varLast")) {
      line("Log.add(\"" + name + " \" + " + name + ");");
      charge(1);
    }
  }

  /** Declarations of the shapes beyond scalars, arrays and lists. */
  private void otherDeclaration(int k) {
    switch (k) {
      case 14:
        objectDeclaration();
        return;
      case 15: {
        Top t = rec != null && (en == null || r.nextBoolean()) ? rec : en;
        if (t != null) {
          typedDeclaration(t);
        } else {
          matrixDeclaration();
        }
        return;
      }
      case 16:
        matrixDeclaration();
        return;
      case 17:
        functionalDeclaration();
        return;
      default:
        switchExpressionDeclaration();
    }
  }

  /** {@code Object o = obj(..)} (maybe awaited, or {@code var}): a value to match patterns against. */
  private void objectDeclaration() {
    usesObj = true;
    String name = localName("o");
    String init = cm("obj") + "(" + gen(Ty.INT, 2) + ")";
    if (canSuspend() && r.nextInt(3) == 0) {
      init = "await(Sched.v(" + init + "))";
    }
    boolean useVar = r.nextInt(3) == 0 && !init.contains("Coroutines.");
    line((useVar ? "var " : "Object ") + name + " = " + init + ";");
    declare(Var.ref(name, Kind.OBJECT, "Object"));
    if (r.nextBoolean()) {
      line("Log.add(\"" + name + " \" + " + name + ");");
      charge(1);
    }
  }

  /** A local of the record or enum type: {@code R1 r = new R1(..)}, {@code var e = E1.B}. */
  private void typedDeclaration(Top t) {
    String name = localName(t.isEnum ? "e" : "r");
    String init = typedValue(t, 2);
    boolean useVar = r.nextInt(3) == 0 && !init.contains("Coroutines.");
    line((useVar ? "var " : t.name + " ") + name + " = " + init + ";");
    declare(Var.ref(name, t.isEnum ? Kind.ENUM : Kind.RECORD, t.name));
    if (r.nextBoolean()) {
      line("Log.add(\"" + name + " \" + " + name + ");");
      charge(1);
    }
  }

  /**
   * A two-dimensional array whose initializer or dimensions may suspend ({@code new int[][] {new
   * int[] {await(..)}, {1, x}}}, {@code {{await(..)}, {}}}, {@code new int[await(..)][]}), logged
   * with {@code Arrays.deepToString}, sometimes after an element is updated.
   */
  private void matrixDeclaration() {
    String name = localName("m");
    int form = r.nextInt(5);
    List<Integer> lens = new ArrayList<>(); // the row lengths, when known
    String init;
    String type = "int[][]";
    if (form <= 1 || form == 4) {
      boolean strings = form == 4;
      type = strings ? "String[][]" : type;
      StringBuilder sb = new StringBuilder();
      int rows = 1 + r.nextInt(3);
      for (int i = 0; i < rows; i++) {
        int len = r.nextInt(3);
        lens.add(len);
        StringBuilder row = new StringBuilder();
        for (int j = 0; j < len; j++) {
          row.append(j > 0 ? ", " : "").append(strings ? store(Ty.STR, gen(Ty.STR, 1)) : gen(Ty.INT, 2).text);
        }
        boolean full = form == 0 && r.nextBoolean();
        sb.append(i > 0 ? ", " : "").append(full ? "new " + (strings ? "String" : "int") + "[] {" : "{").append(row).append('}');
      }
      init = form == 1 ? "{" + sb + "}" : "new " + type + " {" + sb + "}";
    } else {
      init = "new int[" + dimension() + "][" + (form == 3 ? dimension() : "") + "]";
    }
    boolean useVar = form != 1 && r.nextInt(3) == 0 && !init.contains("Coroutines.");
    line((useVar ? "var " : type + " ") + name + " = " + init + ";");
    declare(Var.ref(name, Kind.MATRIX, type));
    int row = lens.indexOf(2);
    if (type.equals("int[][]") && row >= 0 && r.nextBoolean()) {
      String i = canSuspendMore() && r.nextBoolean() ? "await(Sched.v(" + row + "))" : String.valueOf(row);
      line(name + "[" + i + "][" + index(2) + "]" + (r.nextBoolean() ? " = " : " += ") + gen(Ty.INT, 2) + ";");
    }
    line("Log.add(\"" + name + " \" + Arrays.deepToString(" + name + "));");
    charge(1);
  }

  /** An array dimension of 0..2, maybe awaited. */
  private String dimension() {
    int n = r.nextInt(3);
    if (canSuspendMore() && r.nextBoolean()) {
      return "await(Sched.v(" + n + "))";
    }
    return r.nextBoolean() ? String.valueOf(n) : "Math.floorMod(" + gen(Ty.INT, 1) + ", 3)";
  }

  /**
   * A method reference or lambda in a local, applied at once and logged: a receiver that may
   * suspend ({@code await(..)::indexOf}, evaluated once, before the reference exists), static and
   * unbound references, and lambdas whose parameters may be named like package roots.
   */
  private void functionalDeclaration() {
    String name = localName("fn");
    String type;
    String init;
    String use;
    switch (r.nextInt(6)) {
      case 0:
        type = "Function<String, Integer>";
        init = stringReceiver() + "::" + (r.nextBoolean() ? "indexOf" : "lastIndexOf");
        use = name + ".apply(" + gen(Ty.STR, 1) + ")";
        break;
      case 1:
        type = "Supplier<Integer>";
        init = stringReceiver() + "::length";
        use = name + ".get()";
        break;
      case 2:
        type = "UnaryOperator<String>";
        init = stringReceiver() + "::concat";
        use = cm("cut") + "(" + name + ".apply(" + store(Ty.STR, gen(Ty.STR, 1)) + "))";
        break;
      case 3:
        type = "BiFunction<Integer, Integer, Integer>";
        init = new String[] {"Math::max", "Math::min", "Integer::sum"}[r.nextInt(3)];
        use = name + ".apply(" + exact(gen(Ty.INT, 2), Ty.INT) + ", " + exact(gen(Ty.INT, 1), Ty.INT) + ")";
        break;
      case 4:
        type = "IntUnaryOperator";
        init = intLambda();
        use = name + ".applyAsInt(" + gen(Ty.INT, 2) + ")";
        break;
      default:
        type = "Function<Integer, String>";
        init = r.nextBoolean() ? "Integer::toHexString" : "Object::toString";
        use = name + ".apply(" + exact(gen(Ty.INT, 2), Ty.INT) + ")";
        break;
    }
    line(type + " " + name + " = " + init + ";");
    declare(Var.ref(name, Kind.FUNC, type));
    line("Log.add(\"" + name + " \" + " + use + ");");
    charge(1);
  }

  /** The receiver of a String method reference: maybe a suspension point, which then runs once. */
  private String stringReceiver() {
    Expr e = canSuspendMore() && r.nextInt(3) != 0 ? suspension(Ty.STR, 2) : gen(Ty.STR, 2);
    return e.text; // every generated String expression is a primary or a name
  }

  /**
   * A lambda {@code x -> ..} (an {@code IntUnaryOperator}) calling static members of Case, its
   * parameter (and a block body's local) sometimes named like a package root or a generated name.
   */
  private String intLambda() {
    String x = lambdaName("x");
    switch (r.nextInt(4)) {
      case 0:
        return x + " -> " + x + " + 1";
      case 1:
        return x + " -> " + cm("mi") + "(" + x + ") * 2";
      case 2: {
        // a captured local, effectively final, which may have been spilled
        Var v = pickVar(y -> y.effFinal && y.kind == Kind.SCALAR && !y.field && (y.ty == Ty.INT || y.ty == Ty.CHAR));
        return x + " -> " + x + " * " + (v != null ? ref(v) : cm("sfI"));
      }
      default: {
        String y = lambdaName("y");
        y = y.equals(x) ? x + "2" : y;
        return x + " -> {\n  int " + y + " = " + cm("mi") + "(" + x + ");\n  return " + y + " - " + cm("sarr") + "[1];\n}";
      }
    }
  }

  /** A lambda's parameter or local: a name like a package root or a generated one if free, else fresh. */
  private String lambdaName(String prefix) {
    String s = r.nextBoolean() ? specialName() : null;
    return s != null ? s : fresh(prefix);
  }

  /**
   * {@code T k = switch (sel) { case 0 -> e; case 1, 2 -> { ..; yield e; } default -> e; };} over an
   * int or an enum value, sometimes with suspension points in the selector and the arms; sometimes
   * a suspension before it, in the same statement ({@code await(..) + (switch ..)}).
   */
  private void switchExpressionDeclaration() {
    Ty t = r.nextBoolean() ? Ty.INT : Ty.STR;
    String name = localName(prefix(t));
    // a suspension before the switch, not after it: the processor cannot keep a switch's value
    String head = canSuspend() && r.nextInt(3) == 0 ? awaitOf(t == Ty.INT ? exact(intLeaf(), Ty.INT) : strLiteral()) + " + " : "";
    boolean suspending = canSuspend() && r.nextBoolean();
    noSusp += suspending ? 0 : 1;
    Selector sel = selector(null);
    String selector = suspending && r.nextBoolean() ? "await(Sched.v(" + sel.text() + "))" : sel.text();
    line(t.prim + " " + name + " = " + head + "(switch (" + selector + ") {");
    indent++;
    List<List<String>> groups = caseGroups(sel.labels());
    boolean exhaustive = sel.isEnum() && groups.stream().mapToInt(List::size).sum() == sel.labels().size();
    for (int i = 0; i < groups.size(); i++) {
      String label = "case " + String.join(", ", groups.get(i));
      if (i > 0 && r.nextInt(3) == 0) {
        line(label + " -> {");
        if (switchArmBlock()) {
          line("  yield " + store(t, gen(t, 2)) + ";");
        }
        line("}");
      } else {
        line(label + " -> " + ruleValue(sel, store(t, gen(t, 2))) + ";");
      }
    }
    if (!exhaustive || r.nextBoolean()) {
      line("default -> " + ruleValue(sel, store(t, gen(t, 2))) + ";");
    }
    indent--;
    noSusp -= suspending ? 0 : 1;
    line("});");
    declare(new Var(name, t, false, Kind.SCALAR, 0, true, false));
    if (r.nextBoolean()) {
      line("Log.add(\"" + name + " \" + " + name + ");");
      charge(1);
    }
  }

  /** A rule's value; with {@code enumRuleName} avoided, never a bare name in a switch over an enum. */
  private static String ruleValue(Selector sel, String value) {
    return sel.isEnum() && AVOID.contains("enumRuleName") ? "(" + value + ")" : value;
  }

  /** The statements of a switch expression's block arm: no jump or return leaves it. Whether it completes. */
  private boolean switchArmBlock() {
    Deque<Jump> outer = jumps;
    jumps = new ArrayDeque<>();
    noAbrupt++;
    boolean completes = block(1 + r.nextInt(2));
    noAbrupt--;
    jumps = outer;
    return completes;
  }

  /** {@code T x;} assigned by the next statement, or in both branches of an if. */
  private void splitDeclaration(Ty t) {
    String name = localName(prefix(t));
    line(t.prim + " " + name + ";");
    if (r.nextBoolean()) {
      line(name + " = " + store(t, gen(t, depth())) + ";");
    } else {
      line("if (" + gen(Ty.BOOL, depth()) + ") {");
      line("  " + name + " = " + store(t, gen(t, depth())) + ";");
      line("} else {");
      line("  " + name + " = " + store(t, gen(t, depth())) + ";");
      line("}");
    }
    declare(new Var(name, t, false, Kind.SCALAR, 0, true, false));
  }

  /** {@code T a = e1, b = e2;} (e2 may read a). */
  private void twoDeclarators(Ty t) {
    String a = localName(prefix(t));
    Expr ea = storeExpr(t, gen(t, depth()));
    declare(new Var(a, t, false, Kind.SCALAR, 0, true, false));
    String b = localName(prefix(t));
    Expr eb = storeExpr(t, gen(t, 2));
    declare(new Var(b, t, false, Kind.SCALAR, 0, true, false));
    line(t.prim + " " + a + " = " + ea + ", " + b + " = " + eb + ";");
    if (r.nextBoolean()) {
      line("Log.add(\"" + a + " \" + " + a + " + \" " + b + " \" + " + b + ");");
      charge(1);
    }
  }

  private void arrayDeclaration() {
    int len = 2 + r.nextInt(3);
    String name = localName("a");
    int form = r.nextInt(4);
    String init;
    if (form == 3) {
      init = "new int[" + len + "]";
    } else {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < len; i++) {
        sb.append(i > 0 ? ", " : "").append(gen(Ty.INT, 2));
      }
      init = (form == 0 ? "{" : "new int[] {") + sb + "}";
    }
    line((form == 2 ? "var " : "int[] ") + name + " = " + init + ";");
    declare(new Var(name, Ty.INT, false, Kind.ARRAY, len, false, false).effectivelyFinal(true));
    if (form == 2 && AVOID.contains("varLast")) {
      line("Log.add(\"" + name + " \" + Arrays.toString(" + name + "));");
      charge(1);
    }
  }

  private void listDeclaration() {
    int len = 1 + r.nextInt(4);
    String name = localName("xs");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < len; i++) {
      sb.append(i > 0 ? ", " : "").append(exact(gen(Ty.INT, 2), Ty.INT)); // List.of('a', 1) is no List<Integer>
    }
    int form = r.nextInt(4);
    if (form == 3 && sb.indexOf("Coroutines.") >= 0) {
      form = 0; // no var typed by a generated factory (see declaration())
    }
    String init =
        form == 0 || form == 3
            ? "List.of(" + sb + ")"
            : form == 1 ? "Arrays.asList(" + sb + ")" : "new ArrayList<>(List.of(" + sb + "))";
    line((form == 3 ? "var " : "List<Integer> ") + name + " = " + init + ";");
    declare(new Var(name, Ty.INT, true, Kind.LIST, len, false, false).effectivelyFinal(true));
    if (form == 3 && AVOID.contains("varLast")) {
      line("Log.add(\"" + name + " \" + " + name + ");");
      charge(1);
    }
  }

  private String prefix(Ty t) {
    switch (t) {
      case INT:
        return "i";
      case LONG:
        return "l";
      case STR:
        return "s";
      case DOUBLE:
        return "d";
      case CHAR:
        return "ch";
      default:
        return "b";
    }
  }

  /** An assignable place: a local, a parameter, a static field or an array element. */
  private record Target(String text, Ty ty, boolean boxed, boolean local, String name) {}

  private Target target(Ty want, boolean allowElements) {
    List<Var> locals = new ArrayList<>();
    List<Var> fields = new ArrayList<>();
    for (Var v : visible()) {
      boolean scalar = v.kind == Kind.SCALAR && v.assignable && (want == null || v.ty == want);
      boolean array = allowElements && v.kind == Kind.ARRAY && (want == null || want == Ty.INT);
      if (scalar || array) {
        (v.field ? fields : locals).add(v);
      }
    }
    List<Var> from = !locals.isEmpty() && (fields.isEmpty() || r.nextInt(4) != 0) ? locals : fields;
    if (from.isEmpty()) {
      return null;
    }
    Var v = from.get(r.nextInt(from.size()));
    if (v.kind == Kind.ARRAY) {
      return new Target(ref(v) + "[" + index(v.len) + "]", Ty.INT, false, false, null);
    }
    return new Target(ref(v), v.ty, v.boxed, !v.field, v.name);
  }

  /** A target for {@code x++;} as a statement. */
  private Target incrementTarget(Ty want) {
    if (!AVOID.contains("incIndex")) {
      return target(want, true);
    }
    noSusp++;
    Target t = target(want, true);
    noSusp--;
    return t;
  }

  private void assignment() {
    Target t = target(null, true);
    if (t == null) {
      declaration();
      return;
    }
    Expr e = gen(t.ty, depth());
    if (t.boxed) {
      e = exact(e, t.ty);
    }
    line(t.text + " = " + storeExpr(t.ty, e) + ";");
    if (t.name != null && r.nextBoolean()) {
      line("Log.add(\"" + t.name + " \" + " + t.text + ");");
      charge(1);
    }
  }

  private void compound() {
    boolean increment = r.nextInt(4) == 0;
    Target t = increment ? incrementTarget(null) : target(null, true);
    if (t == null) {
      declaration();
      return;
    }
    switch (t.ty) {
      case INT:
      case LONG:
      case DOUBLE:
      case CHAR: {
        if (increment || t.ty == Ty.CHAR && t.boxed) { // Character c; c += 1 does not compile
          String[] forms = {"++", "--"};
          String op = forms[r.nextInt(2)];
          line(r.nextBoolean() ? op + t.text + ";" : t.text + op + ";");
          return;
        }
        String[] ops =
            t.ty == Ty.DOUBLE
                ? new String[] {"+=", "-=", "*=", "/=", "%="}
                : new String[] {"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", ">>>="};
        String op = ops[r.nextInt(ops.length)];
        boolean arithmetic = op.equals("+=") || op.equals("-=") || op.equals("*=") || op.equals("/=") || op.equals("%=");
        Expr e;
        if (t.boxed) {
          // (Integer) (x + 1L) does not compile: the right operand's type must not widen the result
          e = gen(t.ty, depth());
        } else if (arithmetic && r.nextInt(5) == 0 || t.ty == Ty.DOUBLE && r.nextBoolean()) {
          e = gen(Ty.DOUBLE, depth()); // int x; x += 1.5 narrows implicitly
        } else {
          e = r.nextInt(4) == 0 ? gen(Ty.LONG, depth()) : gen(Ty.INT, depth());
        }
        if ((op.equals("/=") || op.equals("%=")) && e.ty != Ty.DOUBLE && t.ty != Ty.DOUBLE) {
          e = nonZero(e);
        }
        line(t.text + " " + op + " " + e + ";");
        break;
      }
      case STR:
        if (!t.local || noSusp > 0 && r.nextBoolean()) {
          line(t.text + " = " + cut(gen(Ty.STR, depth())) + ";");
        } else {
          line(t.text + " += " + shortValue() + ";");
        }
        break;
      default:
        String[] bops = {"&=", "|=", "^="};
        line(t.text + " " + bops[r.nextInt(3)] + " " + gen(Ty.BOOL, depth()) + ";");
        break;
    }
    if (t.name != null && r.nextInt(3) == 0) {
      line("Log.add(\"" + t.name + " \" + " + t.text + ");");
      charge(1);
    }
  }

  /** A value of bounded length for {@code s += ..}: the string can only grow by a few characters. */
  private Expr shortValue() {
    switch (r.nextInt(5)) {
      case 0:
        return strLiteral();
      case 1:
        return canSuspend() ? awaitOf(strLiteral()) : strLiteral();
      case 2:
        return intLeaf();
      case 3:
        return canSuspend() ? awaitOf(intLeaf()) : boolLeaf();
      default:
        return new Expr("(" + gen(Ty.BOOL, 2) + " ? " + strLiteral() + " : " + strLiteral() + ")", Ty.STR, false, false);
    }
  }

  private void logSomething() {
    Ty t = pickTy(false);
    Expr e = gen(t, depth());
    if (r.nextBoolean()) {
      line("Log.add(\"" + fresh("v") + " \" + " + e + ");");
    } else {
      line("Log.add(" + e + ");");
    }
    charge(1);
  }

  private void expressionStatement() {
    int k = r.nextInt(6);
    if (k <= 1 && canSuspend()) {
      // a coroutine call whose result is dropped (void helpers too)
      List<Fn> cs = callees(null);
      if (!cs.isEmpty()) {
        Fn h = cs.get(r.nextInt(cs.size()));
        boolean factory = k == 1 && h != fn && fn.throwsIo;
        if (factory && heldDraws.nextInt(2) == 0) {
          heldTask(h);
        } else {
          line((factory ? factoryAwait(h, 2) : call(h, 2)) + ";");
        }
        return;
      }
    }
    if (k == 2 && canSuspend()) {
      line("await(Sched.v(" + gen(pickTy(false), 2) + "));");
      charge(1);
      return;
    }
    if (k == 3) {
      Target t = incrementTarget(Ty.INT);
      if (t != null) {
        line(t.text + (r.nextBoolean() ? "++;" : "--;"));
        return;
      }
    }
    if (k == 4) {
      Target t = target(null, false);
      if (t != null && (t.ty == Ty.INT || t.ty == Ty.LONG)) {
        Expr e = gen(t.ty, 2);
        if (t.boxed) {
          e = exact(e, t.ty);
        }
        // a chained assignment as a statement
        Target u = target(t.ty, false);
        if (u != null && u.boxed == t.boxed && !u.text.equals(t.text)) {
          line(u.text + " = " + t.text + " = " + e + ";");
          return;
        }
      }
    }
    Ty t = pickTy(false);
    String m = t == Ty.INT ? "mi" : t == Ty.LONG ? "ml" : t == Ty.STR ? "ms" : t == Ty.DOUBLE ? "md" : t == Ty.CHAR ? "mc" : "mb";
    line(cm(m) + "(" + storeExpr(t, gen(t, 2)) + ");");
    charge(1);
  }

  private boolean ifStatement() {
    line("if (" + gen(Ty.BOOL, depth()) + ") {");
    boolean thenC = block(1 + r.nextInt(4));
    int k = r.nextInt(3);
    if (k == 0) {
      line("}");
      return true;
    }
    if (k == 1 && nest < 3) {
      line("} else if (" + gen(Ty.BOOL, depth()) + ") {");
      boolean c2 = block(1 + r.nextInt(3));
      if (r.nextBoolean()) {
        line("}");
        return true;
      }
      line("} else {");
      boolean c3 = block(1 + r.nextInt(3));
      line("}");
      return thenC || c2 || c3;
    }
    line("} else {");
    boolean elseC = block(1 + r.nextInt(4));
    line("}");
    return thenC || elseC;
  }

  private int tripCount() {
    int max = Math.min(4, MAX_MULT / mult);
    return 1 + r.nextInt(Math.max(1, max));
  }

  private String label() {
    return r.nextInt(3) == 0 ? fresh("L") : null;
  }

  private boolean whileLoop() {
    int n = tripCount();
    String c = localName("c");
    line("int " + c + " = 0;");
    declare(new Var(c, Ty.INT, false, Kind.SCALAR, 0, false, false));
    String cond;
    boolean incInBody;
    int form = r.nextInt(4);
    mult *= n;
    String extra = r.nextBoolean() ? null : gen(Ty.BOOL, 2).text;
    if (form == 0) {
      cond = c + "++ < " + n;
      incInBody = false;
    } else if (form == 1 && extra != null) {
      cond = extra + " && " + c + "++ < " + n;
      incInBody = false;
      extra = null;
    } else {
      cond = c + " < " + n;
      incInBody = true;
    }
    if (extra != null) {
      cond = cond + (r.nextBoolean() ? " && " : " & ") + extra;
    }
    String label = label();
    line((label != null ? label + ": " : "") + "while (" + cond + ") {");
    loopBody(label, incInBody ? (r.nextBoolean() ? c + "++;" : c + " += 1;") : null);
    line("}");
    mult /= n;
    return true;
  }

  private boolean doLoop() {
    int n = tripCount();
    String c = localName("c");
    line("int " + c + " = 0;");
    declare(new Var(c, Ty.INT, false, Kind.SCALAR, 0, false, false));
    mult *= n;
    String label = label();
    line((label != null ? label + ": " : "") + "do {");
    Jump j = loopBody(label, "++" + c + ";");
    String cond = c + " < " + n;
    if (r.nextBoolean()) {
      String extra = gen(Ty.BOOL, 2).text;
      cond = r.nextBoolean() ? cond + " && " + extra : extra + " && " + cond;
    }
    line("} while (" + cond + ");");
    mult /= n;
    return j.completes || j.continueUsed || j.breakUsed;
  }

  private boolean forLoop() {
    int n = tripCount();
    String c = localName("c");
    boolean down = r.nextInt(3) == 0;
    mult *= n;
    String cond = down ? c + " > 0" : c + " < " + n;
    if (r.nextInt(3) == 0) {
      cond = cond + " && " + gen(Ty.BOOL, 2);
    }
    String update = down ? c + "--" : c + "++";
    Target extraUpdate = r.nextInt(4) == 0 ? target(Ty.INT, false) : null;
    if (extraUpdate != null) {
      update = update + ", " + extraUpdate.text + " += " + gen(Ty.INT, 1);
    }
    String label = label();
    // the counter is scoped to the loop: declare it in a scope of its own
    scopes.push(new ArrayList<>());
    line((label != null ? label + ": " : "") + "for (int " + c + " = " + (down ? n : 0) + "; " + cond + "; " + update + ") {");
    declare(new Var(c, Ty.INT, false, Kind.SCALAR, 0, false, false));
    loopBody(label, null);
    line("}");
    scopes.pop();
    mult /= n;
    return true;
  }

  private boolean forEach() {
    String v = localName("v");
    String label = label();
    List<Var> arrays = new ArrayList<>();
    List<Var> lists = new ArrayList<>();
    for (Var x : visible()) {
      if (x.kind == Kind.ARRAY && x.len <= Math.max(1, MAX_MULT / mult)) {
        arrays.add(x);
      }
      if (x.kind == Kind.LIST && x.len <= Math.max(1, MAX_MULT / mult)) {
        lists.add(x);
      }
    }
    int k = r.nextInt(6);
    String head;
    int n;
    Var loopVar;
    if (k == 0 && !arrays.isEmpty()) {
      Var a = arrays.get(r.nextInt(arrays.size()));
      n = a.len;
      String iter = canSuspend() && r.nextInt(3) == 0 ? "await(Sched.v(" + ref(a) + "))" : ref(a);
      head = (r.nextBoolean() ? "int " : "var ") + v + " : " + iter;
      loopVar = new Var(v, Ty.INT, false, Kind.SCALAR, 0, false, false);
    } else if (k == 1 && !lists.isEmpty()) {
      Var a = lists.get(r.nextInt(lists.size()));
      n = a.len;
      int t = r.nextInt(3);
      head = (t == 0 ? "int " : t == 1 ? "Integer " : "var ") + v + " : " + a.name;
      loopVar = new Var(v, Ty.INT, t != 0, Kind.SCALAR, 0, false, false);
    } else {
      n = tripCount();
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < n; i++) {
        sb.append(i > 0 ? ", " : "").append(exact(gen(Ty.INT, 1), Ty.INT));
      }
      int t = r.nextInt(3);
      if (t == 0) {
        head = "int " + v + " : new int[] {" + sb + "}";
        loopVar = new Var(v, Ty.INT, false, Kind.SCALAR, 0, false, false);
      } else if (t == 1) {
        head = "int " + v + " : List.of(" + sb + ")";
        loopVar = new Var(v, Ty.INT, false, Kind.SCALAR, 0, false, false);
      } else {
        head = "Integer " + v + " : Arrays.asList(" + sb + ")";
        loopVar = new Var(v, Ty.INT, true, Kind.SCALAR, 0, false, false);
      }
    }
    mult *= n;
    scopes.push(new ArrayList<>());
    line((label != null ? label + ": " : "") + "for (" + head + ") {");
    declare(loopVar.effectivelyFinal(true)); // never assigned in the body
    loopBody(label, null);
    line("}");
    scopes.pop();
    mult /= n;
    return true;
  }

  /** The body of a loop (braces written by the caller), the counter step first if given. */
  private Jump loopBody(String label, String step) {
    Jump j = new Jump(label, true);
    jumps.push(j);
    loopDepth++;
    scopes.push(new ArrayList<>());
    nest++;
    indent++;
    if (step != null) {
      line(step);
    }
    if (r.nextBoolean()) {
      logSomething();
    }
    j.completes = stmts(1 + r.nextInt(5));
    indent--;
    nest--;
    scopes.pop();
    loopDepth--;
    jumps.pop();
    return j;
  }

  private boolean jump() {
    List<Jump> breakable = new ArrayList<>();
    List<Jump> continuable = new ArrayList<>();
    boolean firstBreak = true;
    boolean firstLoop = true;
    for (Jump j : jumps) { // innermost first
      if (firstBreak && !j.block || j.label != null) {
        breakable.add(j);
      }
      if (j.loop && (firstLoop || j.label != null)) {
        continuable.add(j);
      }
      if (!j.block) {
        firstBreak = false;
      }
      if (j.loop) {
        firstLoop = false;
      }
    }
    boolean isContinue = !continuable.isEmpty() && (breakable.isEmpty() || r.nextBoolean());
    List<Jump> from = isContinue ? continuable : breakable;
    Jump j = from.get(r.nextInt(from.size()));
    // an unlabelled break/continue reaches only the innermost loop (or switch, for break)
    boolean innermost = isContinue ? j == firstOf(true) : !j.block && j == firstBreakTarget();
    String text =
        (isContinue ? "continue" : "break") + (j.label != null && (!innermost || r.nextBoolean()) ? " " + j.label : "") + ";";
    if (isContinue) {
      j.continueUsed = true;
    } else {
      j.breakUsed = true;
    }
    if (noAbrupt == 0 && r.nextInt(4) == 0 && nest > 0 && !AVOID.contains("thenAbrupt")) {
      if (r.nextBoolean()) {
        logSomething();
      }
      line(text);
      return false;
    }
    line("if (" + gen(Ty.BOOL, depth()) + ") {");
    indent++;
    if (r.nextBoolean()) {
      logSomething();
    }
    line(text);
    indent--;
    line("}");
    return true;
  }

  private Jump firstBreakTarget() {
    for (Jump j : jumps) {
      if (!j.block) {
        return j;
      }
    }
    return null;
  }

  private Jump firstOf(boolean loop) {
    for (Jump j : jumps) {
      if (!loop || j.loop) {
        return j;
      }
    }
    return null;
  }

  private boolean returnStatement() {
    String value = fn.ret == Ty.VOID ? "" : " " + store(fn.ret, gen(fn.ret, depth()));
    boolean terminal = nest > 0 && r.nextInt(3) == 0 && !AVOID.contains("thenAbrupt") || nest == 0 && stmtsLeft < 2;
    if (terminal) {
      if (r.nextBoolean()) {
        logSomething();
      }
      line("return" + value + ";");
      return false;
    }
    line("if (" + gen(Ty.BOOL, depth()) + ") {");
    indent++;
    if (r.nextBoolean()) {
      logSomething();
    }
    line("return" + value + ";");
    indent--;
    line("}");
    return true;
  }

  /** Something that throws (if its rarely-true guard holds). */
  private boolean throwing() {
    Expr guard = gen(Ty.INT, 2);
    line("if (Math.floorMod(" + guard + ", " + (3 + r.nextInt(5)) + ") == 1) {");
    indent++;
    int k = r.nextInt(canSuspend() ? 9 : 5);
    switch (k) {
      case 0:
      case 1:
        line("throw new IllegalStateException(\"ise \" + " + gen(pickTy(false), 2) + ");");
        break;
      case 2:
        if (fn.throwsIo) {
          line("throw new IOException(\"io \" + " + gen(pickTy(false), 2) + ");");
        } else {
          line("throw new IllegalStateException(\"ise\");");
        }
        break;
      case 3: {
        String zero;
        if (canSuspend() && r.nextBoolean()) {
          zero = "await(Sched.v(0))";
        } else {
          zero = fresh("z");
          line("int " + zero + " = 0;");
        }
        line("Log.add(\"div \" + (" + gen(Ty.INT, 2) + " / " + zero + "));");
        break;
      }
      case 4: {
        Var a = anyArray();
        Expr i = new Expr(String.valueOf(a.len + r.nextInt(3)), Ty.INT, false, false);
        if (canSuspend() && r.nextBoolean()) {
          i = awaitOf(i);
        }
        String op = r.nextBoolean() ? " = " : " += ";
        line(ref(a) + "[" + i + "]" + op + gen(Ty.INT, 2) + ";");
        break;
      }
      case 7:
        // a method reference whose receiver is null throws when it is evaluated
        line("Supplier<Integer> " + fresh("nr") + " = await(Sched.v((String) null))::length;");
        break;
      case 8:
        line("Log.add(Arrays.deepToString(new int[" + dimension() + "][await(Sched.v(-1))]));");
        break;
      default: {
        // The processor does not type await(Sched.<T>fail(..)) inside an expression ("cannot
        // determine the exact type"): the failed value goes to a typed local.
        Ty t = pickTy(false);
        String f = fresh("f");
        String failure =
            k == 5 ? "new IllegalStateException(\"fail " + f + "\")"
                : fn.throwsIo ? "new IOException(\"io fail " + f + "\")" : "new ArithmeticException(\"arith " + f + "\")";
        line(t.boxed + " " + f + " = await(Sched.<" + t.boxed + ">fail(" + failure + "));");
        line("Log.add(\"failed \" + " + f + ");");
        break;
      }
    }
    charge(2);
    indent--;
    line("}");
    return true;
  }

  private Var anyArray() {
    List<Var> arrays = new ArrayList<>();
    for (Var v : visible()) {
      if (v.kind == Kind.ARRAY) {
        arrays.add(v);
      }
    }
    return arrays.get(r.nextInt(arrays.size()));
  }

  /** {@code L: { .. break L; .. }}, suspension points inside. */
  private boolean labelledBlock() {
    String label = fresh("B");
    Jump j = new Jump(label, false, true);
    line(label + ": {");
    jumps.push(j);
    boolean c = block(2 + r.nextInt(4));
    jumps.pop();
    line("}");
    return c || j.breakUsed;
  }

  /**
   * try/catch/finally, sometimes with resources: if {@code suspending}, with suspension points in
   * the resources, the body, the catches and the finally. Jumps and returns leave it through the
   * finally; a finally sometimes ends abruptly itself (overriding what was pending); the catches,
   * specific before general, sometimes rethrow or throw anew, to be caught a level further out.
   */
  private boolean tryStatement(boolean suspending) {
    noSusp += suspending ? 0 : 1;
    String id = fresh("T");
    List<String> resources = new ArrayList<>();
    for (int i = r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0; i > 0; i--) {
      String res = fresh("res");
      resources.add("Res " + res + " = Res.open(\"" + res + "\", " + gen(Ty.INT, 2) + ")");
    }
    line(resources.isEmpty() ? "try {" : "try (" + String.join("; ", resources) + ") {");
    boolean tryC = block(1 + r.nextInt(4));
    if (tryC && r.nextBoolean()) {
      indent++;
      line("if (" + gen(Ty.BOOL, 2) + ") {");
      String type = fn.throwsIo && r.nextInt(3) == 0 ? "IOException" : r.nextBoolean() ? "IllegalStateException" : "ArithmeticException";
      line("  throw new " + type + "(\"" + id + " \" + " + gen(Ty.INT, 1) + ");");
      line("}");
      indent--;
    }
    // each alternative catches what none before it does: any subsequence keeps javac's order rule
    String[] types = {"ArithmeticException", "IllegalStateException | ArrayIndexOutOfBoundsException", "RuntimeException",
        "Exception"};
    boolean anyC = tryC;
    int catches = 0;
    for (String type : types) {
      if (r.nextInt(3) != 0) {
        continue;
      }
      catches++;
      String e = fresh("e");
      line("} catch (" + type + " " + e + ") {");
      String described = "Res.describe(" + e + ")";
      line("  Log.add(\"caught " + id + " \" + " + (canSuspend() && r.nextBoolean() ? "await(Sched.v(" + described + "))" : described) + ");");
      charge(1);
      boolean c = block(r.nextInt(3));
      if (c && r.nextInt(3) == 0) {
        line("  if (" + gen(Ty.BOOL, 2) + ") {");
        line(r.nextBoolean() ? "    throw " + e + ";" : "    throw new IllegalStateException(\"from " + id + "\", " + e + ");");
        line("  }");
      }
      anyC |= c;
    }
    boolean finC = true;
    if (catches == 0 && resources.isEmpty() || r.nextBoolean()) {
      line("} finally {");
      line("  Log.add(\"finally " + id + "\");");
      charge(1);
      boolean abrupt = suspending && noAbrupt == 0 && r.nextInt(4) == 0;
      noAbrupt += abrupt ? 0 : 1;
      finC = block(r.nextInt(3));
      if (finC && abrupt) {
        // conditional, so the finally can complete: a jump in the try to a loop's condition (javac
        // counts it only if the finally lets it through) keeps what follows the loop reachable
        indent++;
        line("if (" + gen(Ty.BOOL, 2) + ") {");
        indent++;
        if (!jumps.isEmpty() && r.nextBoolean()) {
          jump();
        } else {
          returnStatement();
        }
        indent--;
        line("}");
        indent--;
      }
      noAbrupt -= abrupt ? 0 : 1;
    }
    line("}");
    noSusp -= suspending ? 0 : 1;
    return anyC && finC;
  }

  /** What a switch selects on: its text and the labels it takes (ints 0..3, or enum constants). */
  private record Selector(String text, List<String> labels, boolean isEnum) {}

  /** An int selector, or one over the enum: {@code this} in its instance coroutines when {@code self} is given. */
  private Selector selector(Top self) {
    Top t = self != null ? self : en != null && r.nextInt(3) == 0 ? en : null;
    if (t == null) {
      return new Selector("Math.floorMod(" + gen(Ty.INT, 2) + ", 4)", List.of("0", "1", "2", "3"), false);
    }
    return enumSelector(t, self != null);
  }

  private Selector enumSelector(Top t, boolean preferOwn) {
    String text;
    if (preferOwn && fn.instance && fn.owner == t && r.nextInt(4) != 0) {
      text = "this";
    } else if (preferOwn && !fn.params.isEmpty() && fn.params.get(0).kind == Kind.ENUM && r.nextInt(4) != 0) {
      text = fn.params.get(0).name;
    } else {
      text = typedValue(t, 2);
    }
    return new Selector(text, t.constants, true);
  }

  /** One to three groups of distinct labels, one or two labels each. */
  private List<List<String>> caseGroups(List<String> labels) {
    List<String> free = new ArrayList<>(labels);
    java.util.Collections.shuffle(free, r);
    List<List<String>> groups = new ArrayList<>();
    int n = 1 + r.nextInt(Math.min(3, free.size()));
    for (int i = 0; i < n && !free.isEmpty(); i++) {
      int size = free.size() > 1 && r.nextInt(3) == 0 ? 2 : 1;
      groups.add(new ArrayList<>(free.subList(0, size)));
      free.subList(0, size).clear();
    }
    if (!free.isEmpty() && r.nextBoolean()) {
      groups.get(groups.size() - 1).addAll(free); // sometimes every label
    }
    return groups;
  }

  /**
   * A switch statement (arrow or colon form, the colon form falling through sometimes) over an int
   * or an enum value (over the given enum's {@code this} or parameter if not null); if {@code
   * suspending}, with suspension points in the selector and the arms.
   */
  private boolean switchStatement(Top own, boolean suspending) {
    noSusp += suspending ? 0 : 1;
    Selector sel = selector(own);
    boolean arrow = r.nextBoolean();
    line("switch (" + (suspending && r.nextBoolean() ? "await(Sched.v(" + sel.text() + "))" : sel.text()) + ") {");
    indent++;
    Jump j = new Jump(null, false);
    jumps.push(j);
    boolean anyC = false; // an arm completes (arrow), or a group ends with a reachable break (colon)
    List<List<String>> groups = caseGroups(sel.labels());
    boolean hasDefault = r.nextBoolean();
    int n = groups.size() + (hasDefault ? 1 : 0);
    for (int i = 0; i < n; i++) {
      String label = i == groups.size() ? "default" : "case " + String.join(", ", groups.get(i));
      if (arrow) {
        line(label + " -> {");
        anyC |= block(1 + r.nextInt(3));
      } else {
        line(label + ": {");
        boolean c = block(1 + r.nextInt(3));
        if (c && (i == n - 1 || r.nextInt(4) != 0)) {
          line("  break;");
          anyC = true;
        }
      }
      line("}");
    }
    jumps.pop();
    indent--;
    line("}");
    noSusp -= suspending ? 0 : 1;
    return !hasDefault || anyC || j.breakUsed;
  }

  // ------------------------------------------------------------------------------ patterns

  /** A type an Object is tested against, and the variable its binding becomes. */
  private record Pat(String type, Ty ty, Kind kind, String cls) {
    Var binding(String name, boolean assignable) {
      return kind == Kind.SCALAR ? Var.scalar(name, ty, ty != Ty.STR, assignable) : Var.ref(name, kind, cls);
    }
  }

  private List<Pat> patterns() {
    usesObj = true; // Two
    List<Pat> ps = new ArrayList<>(List.of(
        new Pat("Integer", Ty.INT, Kind.SCALAR, null),
        new Pat("String", Ty.STR, Kind.SCALAR, null),
        new Pat("Long", Ty.LONG, Kind.SCALAR, null),
        new Pat(cm("Two"), null, Kind.OBJECT, "Two")));
    if (rec != null) {
      ps.add(new Pat(rec.name, null, Kind.RECORD, rec.name));
    }
    if (en != null) {
      ps.add(new Pat(en.name, null, Kind.ENUM, en.name));
    }
    return ps;
  }

  private Pat pickPat() {
    List<Pat> ps = patterns();
    return ps.get(r.nextInt(ps.size()));
  }

  /** An Object operand of instanceof: a visible Object variable or {@code obj(k)}, never a suspension. */
  private String objOperand() {
    Var o = pickVar(x -> x.kind == Kind.OBJECT && "Object".equals(x.cls));
    if (o != null && r.nextInt(3) != 0) {
      return o.name;
    }
    usesObj = true;
    noSusp++;
    String k = gen(Ty.INT, 1).text;
    noSusp--;
    return cm("obj") + "(" + k + ")";
  }

  /** A binding's name: sometimes like a package root or a generated name, if no visible variable has it. */
  private String bindingName(List<Var> taken) {
    String s = r.nextInt(6) == 0 ? specialName() : null;
    return s != null && taken.stream().noneMatch(v -> v.name.equals(s)) ? s : fresh("n");
  }

  /**
   * A condition on binding {@code b}. Its other operand may suspend, or in a guard ({@code when})
   * is a literal or reads an effectively final local (javac requires it there).
   */
  private Expr bindingTest(Var b, int d, boolean when) {
    int k = r.nextInt(3);
    switch (b.kind) {
      case SCALAR: {
        if (b.ty == Ty.STR) {
          return k == 0 ? bool("(!" + b.name + ".isEmpty())")
              : k == 1 ? bool("(" + b.name + ".length() < " + (when ? guardOperand() : gen(Ty.INT, d)) + ")")
              : bool(b.name + ".startsWith(" + (when ? strLiteral() : gen(Ty.STR, d)) + ")");
        }
        if (b.ty == Ty.BOOL) {
          return bool(k == 0 ? "(!" + b.name + ")" : b.name);
        }
        Expr other = when ? guardOperand() : canSuspendMore() && r.nextBoolean() ? suspension(Ty.INT, d) : genNumeric(d);
        String op = new String[] {"<", "<=", ">", ">="}[r.nextInt(4)];
        return bool(r.nextBoolean() ? "(" + b.name + " " + op + " " + other + ")" : "(" + other + " " + op + " " + b.name + ")");
      }
      case RECORD:
      case ENUM: {
        Top t = top(b.cls);
        Var m = t.members.get(r.nextInt(t.members.size()));
        String read = memberRead(b, m);
        if (k == 0 && t.isEnum) {
          return bool("(" + b.name + " == " + t.name + "." + t.constants.get(r.nextInt(t.constants.size())) + ")");
        }
        switch (m.ty) {
          case STR:
            return bool("(!" + read + ".isEmpty())");
          case BOOL:
            return bool(read);
          default:
            return bool("(" + read + " > " + (when ? guardOperand() : genNumeric(d)) + ")");
        }
      }
      default: // an Object, or a Two
        return k == 0 ? bool("(" + b.name + " != null)")
            : k == 1 ? bool("(" + b.name + (b.cls.equals("Object") ? "" : ".l()") + " instanceof Integer)")
            : bool("(String.valueOf(" + b.name + ").length() > " + (when ? guardOperand() : gen(Ty.INT, d)) + ")");
    }
  }

  /** A number a guard may read: a literal, or a visible effectively final local (unless {@code guardLocal} is avoided). */
  private Expr guardOperand() {
    if (!AVOID.contains("guardLocal") && r.nextBoolean()) {
      Var v = pickVar(x -> x.effFinal && x.kind == Kind.SCALAR && !x.field && x.ty != null && fits(x.ty, Ty.DOUBLE)
          && !scopes.peek().contains(x)); // not the binding under test
      if (v != null) {
        return new Expr(ref(v), v.ty, v.boxed, false);
      }
    }
    return num(String.valueOf(r.nextInt(9) - 2), Ty.INT);
  }

  /**
   * A pattern {@code instanceof} in an expression: a type test, {@code o instanceof Integer n && n
   * > 3}, {@code !(o instanceof String n) || n.isEmpty()}, the other operand maybe suspending
   * (never the tested value: a suspension there is refused).
   */
  private Expr instanceofExpr(int d) {
    String o = objOperand();
    Pat p = pickPat();
    int k = r.nextInt(4);
    if (k == 0) {
      return bool("(" + o + " instanceof " + p.type() + ")");
    }
    String n = fresh("n");
    Var b = p.binding(n, false);
    scopes.push(new ArrayList<>(List.of(b)));
    boolean avoid = AVOID.contains("bindingSplit");
    noSusp += avoid ? 1 : 0;
    Expr test = bindingTest(b, Math.max(0, d - 1), false);
    noSusp -= avoid ? 1 : 0;
    scopes.pop();
    if (k == 3) {
      return bool("(!(" + o + " instanceof " + p.type() + " " + n + ") || " + test + ")");
    }
    return bool("(" + o + " instanceof " + p.type() + " " + n + " && " + test + ")");
  }

  /**
   * An int from a lambda or method reference used in place: {@code xs.stream().mapToInt(cases ->
   * cases + 1).sum()}, {@code Arrays.stream(a).map(x -> mi(x)).sum()}, {@code ((Function<String,
   * Integer>) await(..)::indexOf).apply(s)}.
   */
  private Expr functionalInt(int d) {
    int k = r.nextInt(3);
    String x = lambdaName("x");
    String body = r.nextBoolean() ? x + " + 1" : cm("mi") + "(" + x + ")";
    Var xs = pickVar(v -> v.kind == Kind.LIST);
    Var a = pickVar(v -> v.kind == Kind.ARRAY);
    if (k == 0 || k == 1 && a == null) {
      String src = xs != null ? xs.name : "List.of(" + exact(intLeaf(), Ty.INT) + ", 2)";
      if (canSuspendMore() && r.nextInt(3) == 0 && !src.contains("(")) {
        src = "await(Sched.v(" + src + "))";
      }
      return num(src + ".stream().mapToInt(" + x + " -> " + body + ").sum()", Ty.INT);
    }
    if (k == 1) {
      return num("Arrays.stream(" + ref(a) + ").map(" + x + " -> " + body + ").sum()", Ty.INT);
    }
    String recv = canSuspendMore() && r.nextBoolean() ? suspension(Ty.STR, d - 1).text : genStr(d - 1).text;
    return new Expr("((Integer) ((Function<String, Integer>) " + recv + "::indexOf).apply(" + genStr(d - 1) + "))", Ty.INT, true, false);
  }

  /** {@code (o instanceof Integer n ? n + e : e2)}: the binding read in the branch where it matched. */
  private Expr instanceofConditional(int d) {
    String o = objOperand();
    String n = fresh("n");
    scopes.push(new ArrayList<>(List.of(Var.scalar(n, Ty.INT, true, false))));
    boolean avoid = AVOID.contains("bindingSplit");
    noSusp += avoid ? 1 : 0;
    Expr then = num("(" + n + " + " + genInt(d - 1) + ")", Ty.INT);
    noSusp -= avoid ? 1 : 0;
    scopes.pop();
    // An int else-branch: with a char one the conditional's type is one the processor cannot keep.
    // Poly: javac 17 does not see the binding when it classifies the conditional in an argument,
    // so String.valueOf(it) is ambiguous.
    String text = "(" + o + " instanceof Integer " + n + " ? " + then + " : " + exact(intLeaf(), Ty.INT) + ")";
    return new Expr(text, Ty.INT, false, false, true);
  }

  /**
   * An if whose condition tests an Object with a pattern: {@code if (o instanceof T n [&& test]) {
   * ..n.. }}, the negation {@code if (!(o instanceof T n)) {..} else { ..n.. }}, or the
   * flow-scoping form {@code if (!(o instanceof T n)) { <abrupt> }} after which n is in scope, read
   * after a suspension. The branches may suspend, the test does not.
   */
  private boolean patternIf() {
    String o = objOperand();
    Pat p = pickPat();
    boolean isFinal = r.nextInt(6) == 0;
    Var b = p.binding(bindingName(List.of()), !isFinal && p.kind() == Kind.SCALAR);
    String test = o + " instanceof " + (isFinal ? "final " : "") + p.type() + " " + b.name;
    int form = r.nextInt(3);
    if (form == 2) {
      String abrupt = abruptEnding();
      if (abrupt != null) {
        return flowScoped(test, b, abrupt);
      }
      form = 0;
    }
    boolean negated = form == 1;
    String cond = negated ? "!(" + test + ")" : test;
    if (!negated && r.nextBoolean()) {
      scopes.push(new ArrayList<>(List.of(b)));
      cond = cond + " && " + bindingTest(b, 2, false);
      scopes.pop();
    }
    line("if (" + cond + ") {");
    boolean thenC = block(1 + r.nextInt(3), negated ? null : b);
    boolean hasElse = negated || r.nextBoolean();
    boolean elseC = true;
    if (hasElse) {
      line("} else {");
      elseC = block(1 + r.nextInt(3), negated ? b : null);
    }
    line("}");
    // JLS 6.3.2.2: the binding stays in scope after the if when only the branch that sees it completes
    if (hasElse && (negated ? !thenC && elseC : thenC && !elseC)) {
      declare(b);
    }
    return !hasElse || thenC || elseC;
  }

  /** {@code if (!(o instanceof T n)) { <abrupt> }}, then n read after a suspension. */
  private boolean flowScoped(String test, Var b, String abrupt) {
    line("if (!(" + test + ")) {");
    indent++;
    if (r.nextBoolean()) {
      logSomething();
    }
    line(abrupt);
    indent--;
    line("}");
    declare(b);
    String later = canSuspend() ? awaitOf(intLeaf()) + " + \" \" + " : "";
    line("Log.add(\"" + b.name + " \" + " + later + b.name + ");");
    charge(1);
    return true;
  }

  /**
   * A statement ending a branch abruptly: break or continue of the innermost loop or switch, break
   * of the innermost labelled block, return or throw; null if none may (its target is marked used).
   */
  private String abruptEnding() {
    Jump j = jumps.peek();
    List<String> options = new ArrayList<>();
    if (j != null) {
      options.add(j.block ? "break " + j.label + ";" : "break;");
      if (j.loop) {
        options.add("continue;");
      }
    }
    if (noAbrupt == 0) {
      options.add(fn.ret == Ty.VOID ? "return;" : "return " + store(fn.ret, gen(fn.ret, 2)) + ";");
      options.add("throw new IllegalStateException(\"no match\");");
    }
    if (options.isEmpty()) {
      return null;
    }
    String s = options.get(r.nextInt(options.size()));
    if (s.startsWith("break")) {
      j.breakUsed = true;
    } else if (s.startsWith("continue")) {
      j.continueUsed = true;
    }
    return s;
  }

  // ------------------------------------------------------------------------------ Java 21

  /**
   * A Java 21 statement that does not suspend: a record pattern in an if or in a logged
   * expression, or a pattern switch (statement or expression, arrows or colons) with guards, one
   * binding name repeated across cases and {@code case null}. Generated from a seed of its own and
   * changing nothing else, so a seed's program is the same on every JDK but for these statements,
   * which a JDK before 21 (CI runs 17) replaces by a comment.
   */
  private boolean java21Statement() {
    long own = r.nextLong();
    charge(2); // what one runs: at most two logs
    if (!JAVA21) {
      line("// (a Java 21 statement on JDK 21+)");
      return true;
    }
    Random outer = r;
    int savedNames = names;
    java.util.Set<String> savedDeclared = new java.util.LinkedHashSet<>(declared);
    int savedLeft = stmtsLeft;
    long savedCost = fn.cost;
    r = new Random(own);
    noSusp++;
    try {
      switch (r.nextInt(5)) {
        case 0:
          recordPatternIf();
          break;
        case 1:
          line("Log.add(\"rp \" + " + recordPatternTest() + ");");
          break;
        case 2:
          patternSwitchExpression();
          break;
        default:
          patternSwitchStatement();
          break;
      }
    } finally {
      noSusp--;
      r = outer;
      names = savedNames;
      declared = savedDeclared;
      stmtsLeft = savedLeft;
      fn.cost = savedCost;
    }
    return true;
  }

  /**
   * A record pattern for Two or the program's record, its components {@code var}, typed, or (with
   * {@code nesting} left) record patterns themselves; the bindings go to {@code out}.
   */
  private String recordPattern(String type, int nesting, List<Var> out) {
    StringBuilder sb = new StringBuilder();
    if (rec != null && type.equals(rec.name)) {
      for (Var m : rec.members) {
        Var b = Var.scalar(bindingName(out), m.ty, false, false);
        out.add(b);
        sb.append(sb.length() > 0 ? ", " : "").append(r.nextBoolean() ? "var" : m.ty.prim).append(' ').append(b.name);
      }
      return rec.name + "(" + sb + ")";
    }
    for (int i = 0; i < 2; i++) {
      sb.append(i > 0 ? ", " : "").append(objectComponentPattern(nesting, out));
    }
    return cm("Two") + "(" + sb + ")";
  }

  /** A pattern for an Object component: var, Object, Integer, String, or a nested record pattern. */
  private String objectComponentPattern(int nesting, List<Var> out) {
    int k = r.nextInt(nesting > 0 ? 6 : 4);
    if (k >= 4) {
      return recordPattern(k == 5 && rec != null ? rec.name : "Two", nesting - 1, out);
    }
    String name = bindingName(out);
    Var b = k < 2 ? Var.ref(name, Kind.OBJECT, "Object") : Var.scalar(name, k == 2 ? Ty.INT : Ty.STR, k == 2, false);
    out.add(b);
    return (k == 0 ? "var" : k == 1 ? "Object" : k == 2 ? "Integer" : "String") + " " + name;
  }

  /** A condition on one of the bindings {@code bs}: a guard if {@code when}. */
  private Expr guard(List<Var> bs, boolean when) {
    for (Var b : bs) {
      if (r.nextInt(3) != 0) {
        return bindingTest(b, 1, when);
      }
    }
    return bindingTest(bs.get(0), 1, when);
  }

  /** {@code (o instanceof Two(var x, Integer y) && y > 2)}, the bindings in scope of the guard only. */
  private String recordPatternTest() {
    List<Var> bs = new ArrayList<>();
    String type = rec != null && r.nextBoolean() ? rec.name : "Two";
    String test = objOperand() + " instanceof " + recordPattern(type, 1, bs);
    if (r.nextBoolean()) {
      scopes.push(bs);
      test = test + " && " + guard(bs, false);
      scopes.pop();
    }
    return "(" + test + ")";
  }

  /** {@code if (o instanceof R1(var a, String b) [&& guard]) { ..a, b.. } [else { .. }]}. */
  private void recordPatternIf() {
    List<Var> bs = new ArrayList<>();
    String type = rec != null && r.nextBoolean() ? rec.name : "Two";
    String cond = objOperand() + " instanceof " + recordPattern(type, 1, bs);
    scopes.push(bs);
    if (r.nextBoolean()) {
      cond = cond + " && " + guard(bs, false);
    }
    line("if (" + cond + ") {");
    simpleBody(bs);
    scopes.pop();
    if (r.nextBoolean()) {
      line("} else {");
      simpleBody(List.of());
    }
    line("}");
  }

  /** One or two statements of a Java 21 statement's branch: a log of its bindings, then maybe another. */
  private void simpleBody(List<Var> bindings) {
    indent++;
    if (!bindings.isEmpty()) {
      StringBuilder sb = new StringBuilder("Log.add(\"" + bindings.get(0).name + "\"");
      for (Var b : bindings) {
        sb.append(" + \" \" + ").append(show(b));
      }
      line(sb + ");");
    }
    if (bindings.isEmpty() || r.nextBoolean()) {
      if (r.nextBoolean() || target(null, true) == null) {
        logSomething();
      } else {
        assignment(); // not a declaration: colon-form groups share one scope
      }
    }
    indent--;
  }

  /** A case label of a pattern switch, the variables it binds. */
  private record Label(String text, List<Var> bindings) {}

  /**
   * The labels of a pattern switch over an Object, in an order free of dominance errors: per type a
   * guarded pattern before an unguarded one (type patterns binding the same name in every case, or
   * record patterns), qualified enum constants before the enum's type pattern, {@code case null}
   * first or with {@code default} last.
   */
  private List<Label> patternLabels() {
    List<Label> labels = new ArrayList<>();
    String bind = bindingName(List.of());
    boolean nullFirst = r.nextInt(3) == 0;
    if (nullFirst) {
      labels.add(new Label("case null", List.of()));
    }
    List<Pat> ps = patterns();
    java.util.Collections.shuffle(ps, r);
    for (Pat p : ps.subList(0, 1 + r.nextInt(Math.min(3, ps.size())))) {
      boolean isRecord = p.cls() != null && !p.cls().equals(en == null ? "" : en.name);
      if (isRecord && r.nextBoolean()) {
        boolean general = r.nextBoolean(); // then a second, all-var pattern follows the first, guarded, one
        List<Var> bs = new ArrayList<>();
        String rp = recordPattern(p.cls(), 1, bs);
        scopes.push(bs);
        String g = general || r.nextBoolean() ? " when " + guard(bs, true) : "";
        scopes.pop();
        labels.add(new Label("case " + rp + g, bs));
        if (general) {
          List<Var> all = new ArrayList<>();
          labels.add(new Label("case " + allVar(p.cls(), all), all));
        }
        continue;
      }
      if (p.kind() == Kind.ENUM && r.nextBoolean()) {
        labels.add(new Label("case " + en.name + "." + en.constants.get(r.nextInt(en.constants.size())), List.of()));
      }
      Var b = p.binding(bind, false);
      boolean guarded = r.nextBoolean();
      if (guarded) {
        scopes.push(new ArrayList<>(List.of(b)));
        labels.add(new Label("case " + p.type() + " " + bind + " when " + bindingTest(b, 1, true), List.of(b)));
        scopes.pop();
      }
      if (!guarded || r.nextBoolean()) {
        labels.add(new Label("case " + p.type() + " " + bind, List.of(b)));
      }
    }
    labels.add(new Label(nullFirst || r.nextBoolean() ? "default" : "case null, default", List.of()));
    return labels;
  }

  /** {@code Two(var x, var y)} or {@code R1(var a, var b, ..)}: matches every non-null instance. */
  private String allVar(String type, List<Var> out) {
    StringBuilder sb = new StringBuilder();
    if (rec != null && type.equals(rec.name)) {
      for (Var m : rec.members) {
        Var b = Var.scalar(bindingName(out), m.ty, false, false);
        out.add(b);
        sb.append(sb.length() > 0 ? ", " : "").append("var ").append(b.name);
      }
      return rec.name + "(" + sb + ")";
    }
    for (int i = 0; i < 2; i++) {
      Var b = Var.ref(bindingName(out), Kind.OBJECT, "Object");
      out.add(b);
      sb.append(i > 0 ? ", " : "").append("var ").append(b.name);
    }
    return cm("Two") + "(" + sb + ")";
  }

  /** A pattern switch statement over an Object, arrows or colons (every group ends with break). */
  private void patternSwitchStatement() {
    boolean arrow = r.nextBoolean();
    line("switch (" + objOperand() + ") {");
    indent++;
    for (Label l : patternLabels()) {
      scopes.push(new ArrayList<>(l.bindings()));
      if (arrow) {
        line(l.text() + " -> {");
        simpleBody(l.bindings());
        line("}");
      } else {
        line(l.text() + ":");
        simpleBody(l.bindings());
        line("  break;");
      }
      scopes.pop();
    }
    indent--;
    line("}");
  }

  /** A pattern switch expression over an Object, logged or assigned: arms use their bindings. */
  private void patternSwitchExpression() {
    Ty t = r.nextBoolean() ? Ty.INT : Ty.STR;
    Target target = r.nextBoolean() ? target(t, false) : null;
    if (target != null && target.boxed()) {
      target = null;
    }
    line((target != null ? target.text() + " = " : "Log.add(\"sw \" + ") + "switch (" + objOperand() + ") {");
    indent++;
    for (Label l : patternLabels()) {
      scopes.push(new ArrayList<>(l.bindings()));
      String value = armValue(t, l.bindings());
      if (r.nextInt(4) == 0) {
        line(l.text() + " -> {");
        simpleBody(l.bindings());
        line("  yield " + value + ";");
        line("}");
      } else {
        line(l.text() + " -> " + value + ";");
      }
      scopes.pop();
    }
    indent--;
    line(target != null ? "};" : "});");
  }

  /** A switch arm's value of type {@code t}, computed from its first binding if it has one. */
  private String armValue(Ty t, List<Var> bindings) {
    Var b = bindings.isEmpty() ? null : bindings.get(0);
    if (t == Ty.STR) {
      return b == null ? store(Ty.STR, gen(Ty.STR, 1)) : cm("cut") + "(\"" + b.name + " \" + " + show(b) + ")";
    }
    if (b != null && b.kind == Kind.SCALAR && (b.ty == Ty.INT || b.ty == Ty.CHAR)) {
      return "(" + b.name + " * 2 + " + intLeaf() + ")";
    }
    if (b != null && b.kind == Kind.SCALAR && b.ty == Ty.STR) {
      return b.name + ".length()";
    }
    return gen(Ty.INT, 1).text;
  }

  // ------------------------------------------------------------------------------ expressions

  private Expr gen(Ty t, int d) {
    switch (t) {
      case INT:
        return genInt(d);
      case LONG:
        return genLong(d);
      case DOUBLE:
        return genDouble(d);
      case CHAR:
        return genChar(d);
      case STR:
        return genStr(d);
      default:
        return genBool(d);
    }
  }

  /** The depth of a statement's expression: mostly 2, sometimes 3. */
  private int depth() {
    return r.nextInt(10) < 3 ? 3 : 2;
  }

  private boolean canSuspend() {
    return noSusp == 0;
  }

  /** Whether to make this leaf a suspension point (at most two nested in one another). */
  private boolean suspendHere() {
    return canSuspendMore() && r.nextInt(100) < 30;
  }

  private boolean canSuspendMore() {
    return canSuspend() && suspNest < 2;
  }

  /** An int-valued expression (of type int or char, either maybe boxed). */
  private Expr genInt(int d) {
    if (d <= 0 || r.nextInt(100) < 30) {
      return suspendHere() ? suspension(Ty.INT, d) : intLeaf();
    }
    switch (pick(12, 3, 3, 2, 3, 2, 2, 2, 4, 2, 3, 2, 2)) {
      case 0: {
        String[] ops = {"+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>", ">>>", "+", "-", "*"};
        String op = ops[r.nextInt(ops.length)];
        Expr a = genInt(d - 1);
        Expr b = genInt(d - 1);
        if (op.equals("/") || op.equals("%")) {
          b = nonZero(b);
        }
        return num("(" + a + " " + op + " " + b + ")", Ty.INT);
      }
      case 1:
        return num("(" + (r.nextBoolean() ? "-" : "~") + genInt(d - 1) + ")", Ty.INT);
      case 2:
        return ternary(Ty.INT, d);
      case 3:
        return toInt(r.nextInt(3) == 0 ? genDouble(d - 1) : genLong(d - 1));
      case 4: {
        int k = r.nextInt(4);
        if (k == 0) {
          return num("Math.max(" + genInt(d - 1) + ", " + genInt(d - 1) + ")", Ty.INT);
        }
        if (k == 1) {
          return num("Math.min(" + genInt(d - 1) + ", " + genInt(d - 1) + ")", Ty.INT);
        }
        if (k == 2) {
          return num("Math.abs(" + genInt(d - 1) + ")", Ty.INT);
        }
        return num("Integer.compare(" + genInt(d - 1) + ", " + genInt(d - 1) + ")", Ty.INT);
      }
      case 5:
        return num(genStr(d - 1) + ".length()", Ty.INT);
      case 6:
        return num("(" + genBool(d - 1) + " ? 1 : 0)", Ty.INT);
      case 7: {
        Var xs = pickVar(v -> v.kind == Kind.LIST);
        if (xs != null) {
          return r.nextBoolean() ? num(xs.name + ".size()", Ty.INT) : num(xs.name + ".indexOf(" + genInt(d - 1) + ")", Ty.INT);
        }
        Var a = pickVar(v -> v.kind == Kind.ARRAY);
        return a != null ? num(ref(a) + ".length", Ty.INT) : intLeaf();
      }
      case 8:
        return assignExpr(r.nextInt(4) == 0 ? Ty.CHAR : Ty.INT, d);
      case 9:
        return num(cm("mi") + "(" + genInt(d - 1) + ")", Ty.INT);
      case 11:
        return instanceofConditional(d);
      case 12:
        return functionalInt(d);
      default:
        return canSuspendMore() ? suspension(Ty.INT, d) : intLeaf();
    }
  }

  /** A long-valued expression (of type long, int or char). */
  private Expr genLong(int d) {
    if (d <= 0 || r.nextInt(100) < 30) {
      return suspendHere() ? suspension(Ty.LONG, d) : longLeaf();
    }
    switch (pick(10, 3, 3, 3, 2, 3, 2, 3)) {
      case 0: {
        String[] ops = {"+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>", ">>>", "+", "*"};
        String op = ops[r.nextInt(ops.length)];
        Expr a = genLong(d - 1);
        Expr b = r.nextBoolean() ? genLong(d - 1) : genInt(d - 1);
        if (op.equals("/") || op.equals("%")) {
          b = nonZero(b);
        }
        Ty t = op.startsWith("<<") || op.startsWith(">>") ? promote1(a.ty) : promote(a.ty, b.ty);
        return num("(" + a + " " + op + " " + b + ")", t);
      }
      case 1: {
        Expr a = genLong(d - 1);
        return num("(" + (r.nextBoolean() ? "-" : "~") + a + ")", promote1(a.ty));
      }
      case 2:
        return ternary(Ty.LONG, d);
      case 3:
        return r.nextInt(3) == 0 ? num("((long) " + unboxed(genDouble(d - 1)) + ")", Ty.LONG) : num("((long) " + genInt(d - 1) + ")", Ty.LONG);
      case 4:
        return minMax(Ty.LONG, d);
      case 5:
        return assignExpr(Ty.LONG, d);
      case 6:
        return num(cm("ml") + "(" + genLong(d - 1) + ")", Ty.LONG);
      default:
        return canSuspendMore() ? suspension(Ty.LONG, d) : longLeaf();
    }
  }

  /** Math.max/min of two operands, of mixed types unless avoided. */
  private Expr minMax(Ty t, int d) {
    Expr a = gen(t, d - 1);
    Expr b = gen(t, d - 1);
    if (AVOID.contains("mathMix") && promote1(a.ty) != promote1(b.ty)) {
      a = exact(a, t);
      b = exact(b, t);
    }
    return num("Math." + (r.nextBoolean() ? "max" : "min") + "(" + a + ", " + b + ")", promote(a.ty, b.ty));
  }

  /** A double-valued expression (of any numeric type). */
  private Expr genDouble(int d) {
    if (d <= 0 || r.nextInt(100) < 30) {
      return suspendHere() ? suspension(Ty.DOUBLE, d) : doubleLeaf();
    }
    switch (pick(10, 2, 3, 2, 3, 2, 2, 2, 3)) {
      case 0: {
        String[] ops = {"+", "-", "*", "/", "%", "+", "*"};
        String op = ops[r.nextInt(ops.length)];
        Expr a = genDouble(d - 1);
        Expr b = r.nextBoolean() ? genDouble(d - 1) : genInt(d - 1);
        if ((op.equals("/") || op.equals("%")) && promote(a.ty, b.ty) != Ty.DOUBLE) {
          b = nonZero(b);
        }
        return num("(" + a + " " + op + " " + b + ")", promote(a.ty, b.ty));
      }
      case 1: {
        Expr a = genDouble(d - 1);
        return num("(-" + a + ")", promote1(a.ty));
      }
      case 2:
        return ternary(Ty.DOUBLE, d);
      case 3:
        return num("((double) " + genLong(d - 1) + ")", Ty.DOUBLE);
      case 4:
        return minMax(Ty.DOUBLE, d);
      case 5:
        return num("Math." + (r.nextBoolean() ? "sqrt" : "floor") + "(" + genDouble(d - 1) + ")", Ty.DOUBLE);
      case 6:
        return assignExpr(Ty.DOUBLE, d);
      case 7:
        return num(cm("md") + "(" + genDouble(d - 1) + ")", Ty.DOUBLE);
      default:
        return canSuspendMore() ? suspension(Ty.DOUBLE, d) : doubleLeaf();
    }
  }

  /** A char-valued expression (of type char). */
  private Expr genChar(int d) {
    if (d <= 0 || r.nextInt(100) < 35) {
      return suspendHere() ? suspension(Ty.CHAR, d) : charLeaf();
    }
    switch (pick(4, 4, 3, 2, 2)) {
      case 0:
        return num("((char) " + unboxed(genInt(d - 1)) + ")", Ty.CHAR);
      case 1:
        return ternary(Ty.CHAR, d);
      case 2:
        return assignExpr(Ty.CHAR, d);
      case 3:
        return num(cm("mc") + "(" + genChar(d - 1) + ")", Ty.CHAR);
      default:
        return canSuspendMore() ? suspension(Ty.CHAR, d) : charLeaf();
    }
  }

  private Expr genStr(int d) {
    if (d <= 0 || r.nextInt(100) < 30) {
      return suspendHere() ? suspension(Ty.STR, d) : strLeaf();
    }
    switch (pick(10, 4, 3, 3, 2, 2, 2, 2, 3, 1)) {
      case 0: {
        Expr a = genStr(d - 1);
        Expr b = gen(pickTy(false), d - 1);
        return r.nextBoolean()
            ? new Expr("(" + a + " + " + b + ")", Ty.STR, false, a.strRef || b.strRef)
            : new Expr("(" + b + " + " + a + ")", Ty.STR, false, a.strRef || b.strRef);
      }
      case 1: {
        Expr a = gen(pickTy(false), d - 1);
        if (a.boxed || a.poly) {
          // String.valueOf(await(..)) is ambiguous (valueOf(char[]) vs valueOf(Object))
          return new Expr("(\"\" + " + a + ")", Ty.STR, false, a.strRef);
        }
        return new Expr("String.valueOf(" + a + ")", Ty.STR, false, a.strRef);
      }
      case 2: {
        Expr a = genStr(d - 1);
        Expr b = genStr(d - 1);
        return new Expr(a + ".concat(" + b + ")", Ty.STR, false, a.strRef || b.strRef);
      }
      case 3:
        return ternary(Ty.STR, d);
      case 4: {
        Expr a = genStr(d - 1);
        return new Expr(a + (r.nextBoolean() ? ".toUpperCase()" : ".trim()"), Ty.STR, false, a.strRef);
      }
      case 5:
        return new Expr("Integer.toString(" + genInt(d - 1) + ")", Ty.STR, false, false);
      case 6: {
        Expr a = genStr(d - 1);
        return new Expr(cm("ms") + "(" + (a.strRef ? cut(a) : a) + ")", Ty.STR, false, a.strRef);
      }
      case 7:
        return cut(genStr(d - 1));
      case 9: {
        // a method reference as an argument, its receiver maybe suspending
        String recv = canSuspendMore() && r.nextBoolean() ? suspension(Ty.STR, d - 1).text : genStr(d - 1).text;
        // cast: the processor cannot type a generic call chain it must keep across a suspension
        return new Expr("((String) Optional.of(" + genStr(d - 1) + ").map(" + recv + "::concat).orElse(\"\"))", Ty.STR, false, true);
      }
      default:
        return canSuspendMore() ? suspension(Ty.STR, d) : strLeaf();
    }
  }

  private Expr genBool(int d) {
    if (d <= 0 || r.nextInt(100) < 25) {
      return suspendHere() ? suspension(Ty.BOOL, d) : boolLeaf();
    }
    switch (pick(10, 4, 6, 3, 2, 3, 2, 2, 2, 3, 3)) {
      case 0: {
        String[] ops = {"<", "<=", ">", ">=", "==", "!="};
        String op = ops[r.nextInt(ops.length)];
        Expr a = genNumeric(d - 1);
        Expr b = genNumeric(d - 1);
        if ((op.equals("==") || op.equals("!=")) && a.boxed && b.boxed) {
          a = unbox(a); // Integer == Integer compares references (and Integer == Long does not compile)
        }
        return bool("(" + a + " " + op + " " + b + ")");
      }
      case 1:
        return bool("(!" + genBool(d - 1) + ")");
      case 2: {
        String[] ops = {"&&", "||", "&&", "||", "^", "&", "|"};
        return bool("(" + genBool(d - 1) + " " + ops[r.nextInt(ops.length)] + " " + genBool(d - 1) + ")");
      }
      case 3:
        return ternary(Ty.BOOL, d);
      case 4: {
        Expr a = genBool(d - 1);
        Expr b = genBool(d - 1);
        if (a.boxed && b.boxed) {
          a = unbox(a);
        }
        return bool("(" + a + (r.nextBoolean() ? " == " : " != ") + b + ")");
      }
      case 5: {
        Expr a = genStr(d - 1);
        int k = r.nextInt(4);
        if (k == 0) {
          return bool(a + ".isEmpty()");
        }
        String m = k == 1 ? ".equals(" : k == 2 ? ".startsWith(" : ".contains(";
        return bool(a + m + genStr(d - 1) + ")");
      }
      case 6: {
        Var xs = pickVar(v -> v.kind == Kind.LIST);
        return xs != null ? bool(xs.name + ".contains(" + genInt(d - 1) + ")") : boolLeaf();
      }
      case 7:
        return assignExpr(Ty.BOOL, d);
      case 8:
        return bool(cm("mb") + "(" + genBool(d - 1) + ")");
      case 10:
        return instanceofExpr(d);
      default:
        return canSuspendMore() ? suspension(Ty.BOOL, d) : boolLeaf();
    }
  }

  private Expr genNumeric(int d) {
    int k = r.nextInt(10);
    return k < 5 ? genInt(d) : k < 7 ? genLong(d) : k < 9 ? genDouble(d) : genChar(d);
  }

  private Expr ternary(Ty t, int d) {
    Expr c = genBool(d - 1);
    Expr a = gen(t, d - 1);
    Expr b = gen(t, d - 1);
    if (t == Ty.STR || t == Ty.BOOL) {
      if (t == Ty.BOOL && (a.poly || b.poly)) {
        return new Expr("(" + c + " ? " + a + " : " + b + ")", t, true, false, true);
      }
      return new Expr("(" + c + " ? " + a + " : " + b + ")", t, t == Ty.BOOL && a.boxed && b.boxed, a.strRef || b.strRef, a.poly || b.poly);
    }
    if (a.poly || b.poly) {
      // A reference conditional (JLS 15.25): its type is lub of the boxed branch types, so both
      // branches get the same type (Integer and long would make it Number & Comparable<..>).
      a = exact(a, t);
      b = exact(b, t);
      return new Expr("(" + c + " ? " + a + " : " + b + ")", t, true, false, true);
    }
    Ty ty;
    boolean boxed = false;
    if (a.ty == b.ty) {
      ty = a.ty;
      boxed = a.boxed && b.boxed;
    } else {
      // c ? 'a' : 66 would be a char (JLS 15.25: a constant int representable in char), which the
      // processor refuses to keep across a suspension ("cannot determine the exact type of
      // `(false ? 5 : 'Q')`"): the char branch is widened, so the conditional is an int.
      if (a.ty == Ty.CHAR) {
        a = num("((int) " + a + ")", Ty.INT);
      }
      if (b.ty == Ty.CHAR) {
        b = num("((int) " + b + ")", Ty.INT);
      }
      ty = promote(a.ty, b.ty);
    }
    return new Expr("(" + c + " ? " + a + " : " + b + ")", ty, boxed, false);
  }

  /** {@code (x = e)}, {@code (x += e)}, {@code (x++)}, {@code (--x)} on a local, field or element. */
  private Expr assignExpr(Ty t, int d) {
    Target tg = target(t, t == Ty.INT);
    if (tg == null) {
      return gen(t, d - 1);
    }
    if (t == Ty.BOOL) {
      Expr e = genBool(d - 1);
      return new Expr("(" + tg.text + (r.nextBoolean() ? " = " : " |= ") + e + ")", Ty.BOOL, tg.boxed, false);
    }
    int k = r.nextInt(4);
    if (k == 0) {
      Expr e = gen(t, d - 1);
      if (tg.boxed) {
        e = exact(e, t);
      }
      return new Expr("(" + tg.text + " = " + e + ")", t, tg.boxed, false);
    }
    if (k == 1 && !(t == Ty.CHAR && tg.boxed)) {
      String[] ops = t == Ty.DOUBLE ? new String[] {"+=", "-=", "*="} : new String[] {"+=", "-=", "*=", "^="};
      Expr e = t == Ty.DOUBLE ? genDouble(d - 1) : genInt(d - 1);
      return new Expr("(" + tg.text + " " + ops[r.nextInt(ops.length)] + " " + e + ")", t, tg.boxed, false);
    }
    String[] forms = {"++X", "X++", "--X", "X--"};
    return new Expr("(" + forms[r.nextInt(4)].replace("X", tg.text) + ")", t, tg.boxed, false);
  }

  /** A suspension point of type {@code t}: an await or a coroutine call. */
  private Expr suspension(Ty t, int d) {
    suspNest++;
    try {
      return suspension0(t, d);
    } finally {
      suspNest--;
    }
  }

  private Expr suspension0(Ty t, int d) {
    int k = r.nextInt(20);
    if (k < 8) {
      Expr inner = gen(t, Math.max(0, d - 1));
      if (t == Ty.STR && inner.strRef) {
        inner = cut(inner);
      }
      charge(1);
      return awaitOf(inner);
    }
    if (k < 9) {
      Expr inner = t == Ty.STR ? strLeaf() : gen(t, Math.max(0, d - 1));
      return new Expr("await(Sched.cf(" + inner + "))", inner.ty, true, inner.strRef, true);
    }
    List<Fn> cs = callees(t);
    if (!cs.isEmpty()) {
      Fn h = cs.get(r.nextInt(cs.size()));
      boolean factory = k < 11 && h != fn && (!h.throwsIo || fn.throwsIo);
      if (factory) {
        return new Expr(factoryAwait(h, d - 1), h.ret, true, h.ret == Ty.STR, true);
      }
      return new Expr(call(h, d - 1), h.ret, false, h.ret == Ty.STR);
    }
    Expr inner = gen(t, Math.max(0, d - 1));
    if (t == Ty.STR && inner.strRef) {
      inner = cut(inner);
    }
    charge(1);
    return awaitOf(inner);
  }

  private Expr awaitOf(Expr inner) {
    return new Expr("await(Sched.v(" + inner + "))", inner.ty, true, inner.strRef, true);
  }

  /** Whether a value of type {@code from} may stand where {@code to} is wanted (gen's contract). */
  private static boolean fits(Ty from, Ty to) {
    switch (to) {
      case INT:
        return from == Ty.INT || from == Ty.CHAR;
      case LONG:
        return from == Ty.LONG || from == Ty.INT || from == Ty.CHAR;
      case DOUBLE:
        return from == Ty.DOUBLE || from == Ty.LONG || from == Ty.INT || from == Ty.CHAR;
      default:
        return from == to;
    }
  }

  /** Helpers callable here (returning {@code t}, or anything if null) within the cost budget. */
  private List<Fn> callees(Ty t) {
    List<Fn> out = new ArrayList<>();
    if (!canSuspend() || suspNest > 1) {
      return out;
    }
    for (Fn h : helpers) {
      if (h.index <= fn.index && fn.index != 0) {
        continue;
      }
      if (t != null && !fits(h.ret, t)) {
        continue;
      }
      if (h.throwsIo && !fn.throwsIo) {
        continue;
      }
      if (fn.cost + (long) mult * (h.cost + 1) > fn.budget) {
        continue;
      }
      out.add(h);
    }
    if (fn.recursive && mult == 1 && fn.recSites < 2 && (t == null || fits(fn.ret, t))) {
      out.add(fn);
    }
    return out;
  }

  /**
   * A call of coroutine {@code h}, a suspension point: {@code h(..)}, {@code Case.h(..)}, {@code
   * R1.total(..)}, {@code recv.sum(..)} or (in the owner's instance coroutines) {@code sum(..)}.
   */
  private String call(Fn h, int d) {
    String prefix;
    if (h.instance) {
      String recv = fn.instance && fn.owner == h.owner && r.nextInt(3) == 0 ? null : typedValue(h.owner, d);
      prefix = recv == null ? "" : recv + ".";
    } else if (h.owner != null) {
      prefix = fn.owner == h.owner && r.nextBoolean() ? "" : h.owner.name + ".";
    } else {
      prefix = fn.owner != null || r.nextInt(5) == 0 ? "Case." : "";
    }
    return prefix + h.name + "(" + args(h, d) + ")";
  }

  /** {@code await(CaseCoroutines.h(..))}: the task of {@code h}'s generated factory, awaited. */
  private String factoryAwait(Fn h, int d) {
    return "await(" + factoryCall(h, d) + ")";
  }

  /**
   * {@code CaseCoroutines.h(..)}: the task of {@code h}'s generated factory (an instance
   * coroutine's factory takes the receiver first).
   */
  private String factoryCall(Fn h, int d) {
    if (AVOID.contains("factoryArg")) {
      noSusp++;
    }
    String all = args(h, d);
    if (h.instance) {
      String recv = typedValue(h.owner, d);
      all = all.isEmpty() ? recv : recv + ", " + all;
    }
    if (AVOID.contains("factoryArg")) {
      noSusp--;
    }
    return (h.owner == null ? "Case" : h.owner.name) + "Coroutines." + h.name + "(" + all + ")";
  }

  /**
   * A task of {@code h} held in a block-local and awaited once later in the block, after other
   * work: {@code { Task<?> t = CaseCoroutines.h(..); Log.add(..); await(t); }}. Its frame may be
   * embedded (MAY and ALWAYS: held in a local awaited in the same block), so the elision variants
   * differ here, unlike at a call awaited at once.
   */
  private void heldTask(Fn h) {
    String task = "task" + (held++);
    String factory = factoryCall(h, 2);
    line("{");
    indent++;
    line("dev.coframe.runtime.Task<?> " + task + " = " + factory + ";");
    line("Log.add(\"holds " + task + "\");");
    line("Log.add(\"" + task + " \" + await(" + task + "));");
    indent--;
    line("}");
  }

  /** The arguments of a call of {@code h}, its cost charged. */
  private String args(Fn h, int d) {
    StringBuilder sb = new StringBuilder();
    boolean self = h == fn;
    if (self) {
      fn.recSites++;
    } else {
      charge(h.cost + 1);
    }
    for (int i = 0; i < h.params.size(); i++) {
      Var p = h.params.get(i);
      sb.append(i > 0 ? ", " : "");
      if (p.name.equals("depth")) {
        sb.append(self ? "depth - 1" : r.nextBoolean() ? String.valueOf(r.nextInt(MAX_DEPTH + 1)) : "Math.floorMod(" + genInt(d) + ", " + (MAX_DEPTH + 1) + ")");
      } else if (p.kind == Kind.ARRAY) {
        Var a = pickVar(v -> v.kind == Kind.ARRAY && v.len == p.len);
        if (a != null && r.nextInt(3) != 0) {
          sb.append(ref(a));
        } else {
          sb.append("new int[] {");
          for (int j = 0; j < p.len; j++) {
            sb.append(j > 0 ? ", " : "").append(genInt(d - 1));
          }
          sb.append('}');
        }
      } else if (p.kind == Kind.RECORD || p.kind == Kind.ENUM) {
        sb.append(typedValue(top(p.cls), d));
      } else {
        Expr e = gen(p.ty, d);
        sb.append(storeExpr(p.ty, e));
      }
    }
    return sb.toString();
  }

  /**
   * A value of the record or enum {@code t}: a visible variable of its type ({@code this}
   * included), a new record or a constant ({@code E1.B}, {@code E1.values()[..]}), maybe awaited.
   */
  private String typedValue(Top t, int d) {
    Var v = pickVar(x -> (x.kind == Kind.RECORD || x.kind == Kind.ENUM) && t.name.equals(x.cls));
    int k = r.nextInt(5);
    if (v != null && k < 2) {
      return v.name;
    }
    String value;
    if (t.isEnum) {
      value = k == 2
          ? t.name + ".values()[Math.floorMod(" + genInt(Math.max(0, d - 1)) + ", " + t.constants.size() + ")]"
          : t.name + "." + t.constants.get(r.nextInt(t.constants.size()));
    } else {
      StringBuilder sb = new StringBuilder("new " + t.name + "(");
      for (int i = 0; i < t.members.size(); i++) {
        Ty ty = t.members.get(i).ty;
        sb.append(i > 0 ? ", " : "").append(storeExpr(ty, gen(ty, Math.max(0, d - 1))));
      }
      value = sb.append(')').toString();
    }
    return k == 3 && canSuspendMore() ? "await(Sched.v(" + value + "))" : value;
  }

  // ------------------------------------------------------------------------------ leaves

  private Expr intLeaf() {
    Expr m = fromMember(Ty.INT);
    if (m != null) {
      return m;
    }
    int k = r.nextInt(11);
    if (k < 4) {
      Var v = pickVar(x -> x.kind == Kind.SCALAR && x.ty == Ty.INT);
      if (v != null) {
        return new Expr(ref(v), Ty.INT, v.boxed, false);
      }
    }
    if (k == 4) {
      Var a = pickVar(x -> x.kind == Kind.ARRAY);
      if (a != null) {
        return new Expr(ref(a) + "[" + index(a.len) + "]", Ty.INT, false, false);
      }
    }
    if (k == 5) {
      Var xs = pickVar(x -> x.kind == Kind.LIST);
      if (xs != null) {
        return new Expr(xs.name + ".get(" + index(xs.len) + ")", Ty.INT, true, false);
      }
    }
    if (k == 6) {
      return charLeaf();
    }
    int[] lits = {0, 1, 2, 3, 5, 7, 10, 42, -1, -3, 100, 1000003, Integer.MAX_VALUE, Integer.MIN_VALUE};
    int v = lits[r.nextInt(lits.length)];
    String text = v == Integer.MIN_VALUE ? "Integer.MIN_VALUE" : v == Integer.MAX_VALUE ? "Integer.MAX_VALUE" : v < 0 ? "(" + v + ")" : String.valueOf(v);
    return new Expr(text, Ty.INT, false, false);
  }

  private Expr longLeaf() {
    Expr m = fromMember(Ty.LONG);
    if (m != null) {
      return m;
    }
    int k = r.nextInt(10);
    if (k < 4) {
      Var v = pickVar(x -> x.kind == Kind.SCALAR && (x.ty == Ty.LONG || (x.ty == Ty.INT || x.ty == Ty.CHAR) && r.nextInt(3) == 0));
      if (v != null) {
        return new Expr(ref(v), v.ty, v.boxed, false);
      }
    }
    if (k < 6) {
      return intLeaf();
    }
    long[] lits = {0L, 1L, 2L, 9L, -4L, 1L << 40, Long.MAX_VALUE, 123456789012L};
    long v = lits[r.nextInt(lits.length)];
    String text = v == Long.MAX_VALUE ? "Long.MAX_VALUE" : v < 0 ? "(" + v + "L)" : v + "L";
    return new Expr(text, Ty.LONG, false, false);
  }

  private Expr doubleLeaf() {
    Expr m = fromMember(Ty.DOUBLE);
    if (m != null) {
      return m;
    }
    int k = r.nextInt(10);
    if (k < 4) {
      Var v = pickVar(x -> x.kind == Kind.SCALAR && (x.ty == Ty.DOUBLE || fits(x.ty, Ty.DOUBLE) && r.nextInt(3) == 0));
      if (v != null) {
        return new Expr(ref(v), v.ty, v.boxed, false);
      }
    }
    if (k < 6) {
      return longLeaf();
    }
    String[] lits = {"0.5", "1.5", "(-2.25)", "3.0", "1e10", "0.1", "(-0.0)"};
    return num(lits[r.nextInt(lits.length)], Ty.DOUBLE);
  }

  private Expr charLeaf() {
    if (r.nextInt(10) < 5) {
      Var v = pickVar(x -> x.kind == Kind.SCALAR && x.ty == Ty.CHAR);
      if (v != null) {
        return new Expr(ref(v), Ty.CHAR, v.boxed, false);
      }
    }
    // '\u00e9' is not in Character's valueOf cache: boxed copies are distinct objects
    String[] lits = {"'a'", "'z'", "'0'", "'Q'", "' '", AVOID.contains("unicodeEscape") ? "'\u00e9'" : "'\\u00e9'"};
    return num(lits[r.nextInt(lits.length)], Ty.CHAR);
  }

  private Expr strLeaf() {
    Expr m = fromMember(Ty.STR);
    if (m != null) {
      return m;
    }
    if (r.nextInt(10) < 5) {
      Var v = pickVar(x -> x.kind == Kind.SCALAR && x.ty == Ty.STR);
      if (v != null) {
        return new Expr(ref(v), Ty.STR, false, true);
      }
    }
    return strLiteral();
  }

  private Expr strLiteral() {
    String[] lits = {"a", "b", "xy", "", "Q", "hello", "0"};
    return new Expr("\"" + lits[r.nextInt(lits.length)] + "\"", Ty.STR, false, false);
  }

  private Expr boolLeaf() {
    Expr m = fromMember(Ty.BOOL);
    if (m != null) {
      return m;
    }
    if (r.nextInt(10) < 5) {
      Var v = pickVar(x -> x.kind == Kind.SCALAR && x.ty == Ty.BOOL);
      if (v != null) {
        return new Expr(ref(v), Ty.BOOL, v.boxed, false);
      }
    }
    return bool(r.nextBoolean() ? "true" : "false");
  }

  /** An in-bounds index for a length {@code len}. */
  private String index(int len) {
    int k = r.nextInt(4);
    if (k == 0) {
      return String.valueOf(r.nextInt(len));
    }
    if (k == 1 && canSuspendMore()) {
      return "await(Sched.v(" + r.nextInt(len) + "))";
    }
    return "Math.floorMod(" + genInt(1) + ", " + len + ")";
  }

  // ------------------------------------------------------------------------------ typing helpers

  private static Expr num(String text, Ty t) {
    return new Expr(text, t, false, false);
  }

  private static Expr bool(String text) {
    return new Expr(text, Ty.BOOL, false, false);
  }

  /** Binary numeric promotion (JLS 5.6). */
  private static Ty promote(Ty a, Ty b) {
    if (a == Ty.DOUBLE || b == Ty.DOUBLE) {
      return Ty.DOUBLE;
    }
    return a == Ty.LONG || b == Ty.LONG ? Ty.LONG : Ty.INT;
  }

  /** Unary numeric promotion: char to int. */
  private static Ty promote1(Ty a) {
    return a == Ty.CHAR ? Ty.INT : a;
  }

  /**
   * An expression of exactly type {@code t} (primitive, or boxed as {@code e} is), by a widening
   * cast where {@code e} is narrower: {@code Long x = 1} and {@code Integer x = 'a'} do not compile.
   */
  private static Expr exact(Expr e, Ty t) {
    if (e.ty == t || t == Ty.STR || t == Ty.BOOL) {
      return e;
    }
    return num("((" + t.prim + ") " + e + ")", t);
  }

  /** An int-valued expression from any numeric one (a narrowing cast from long or double). */
  private static Expr toInt(Expr e) {
    if (e.ty == Ty.INT || e.ty == Ty.CHAR) {
      return e;
    }
    return num("((int) " + unboxed(e) + ")", Ty.INT);
  }

  /** The text of {@code e} as a primitive: (int) of a Long does not compile, (int) (long) does. */
  private static String unboxed(Expr e) {
    return e.boxed ? "((" + e.ty.prim + ") " + e + ")" : e.text;
  }

  private static Expr unbox(Expr e) {
    if (!e.boxed) {
      return e;
    }
    return new Expr("((" + e.ty.prim + ") " + e + ")", e.ty, false, e.strRef);
  }

  private static Expr nonZero(Expr e) {
    return num("(" + e + " | 1)", promote1(e.ty));
  }

  private Expr cut(Expr e) {
    return new Expr(cm("cut") + "(" + e + ")", Ty.STR, false, false);
  }

  /** A value stored into a variable, parameter or return of type {@code t}: strings are cut. */
  private Expr storeExpr(Ty t, Expr e) {
    return t == Ty.STR && e.strRef ? cut(e) : e;
  }

  private String store(Ty t, Expr e) {
    return storeExpr(t, e).text;
  }

  // ------------------------------------------------------------------------------ scopes

  private List<Var> visible() {
    List<Var> vs = new ArrayList<>();
    for (List<Var> s : scopes) {
      vs.addAll(s);
    }
    vs.addAll(statics);
    return vs;
  }

  /** A visible variable satisfying {@code p}, locals and parameters preferred to static fields. */
  private Var pickVar(java.util.function.Predicate<Var> p) {
    List<Var> locals = new ArrayList<>();
    List<Var> fields = new ArrayList<>();
    for (Var v : visible()) {
      if (p.test(v)) {
        (v.field ? fields : locals).add(v);
      }
    }
    List<Var> from = !locals.isEmpty() && (fields.isEmpty() || r.nextInt(5) != 0) ? locals : fields;
    return from.isEmpty() ? null : from.get(r.nextInt(from.size()));
  }

  private String ref(Var v) {
    if (v.member) {
      return v.accessor && r.nextBoolean() && !AVOID.contains("implicitThisCall") ? v.name + "()" : v.name;
    }
    return v.field && (fn.owner != null || r.nextInt(4) == 0) ? "Case." + v.name : v.name;
  }

  /** A static member of Case as the current function writes it: qualified in the record or enum. */
  private String cm(String member) {
    return fn.owner != null ? "Case." + member : member;
  }

  private Top top(String cls) {
    return rec != null && rec.name.equals(cls) ? rec : en;
  }

  /**
   * Member {@code m} of record or enum value {@code v}: {@code v.a()}; inside the record also its
   * private component field {@code v.a} (legal there, of any instance); {@code v.w} of an enum.
   */
  private String memberRead(Var v, Var m) {
    if (!m.accessor) {
      return v.name + "." + m.name;
    }
    boolean inside = fn.owner != null && fn.owner.name.equals(v.cls);
    return v.name + "." + m.name + (inside && r.nextBoolean() ? "" : "()");
  }

  /** Sometimes, in a program with a record or enum, a {@link #memberLeaf} of type {@code t}. */
  private Expr fromMember(Ty t) {
    return (rec != null || en != null) && r.nextInt(5) == 0 ? memberLeaf(t) : null;
  }

  /**
   * A read of type {@code t} from a record or enum: a member by its bare name, a member of a
   * visible record or enum value, or {@code ordinal()}/{@code name()} of an enum value; null if none.
   */
  private Expr memberLeaf(Ty t) {
    List<String> reads = new ArrayList<>();
    for (Var v : visible()) {
      if (v.member && v.ty == t) {
        reads.add(ref(v));
      }
      if (v.kind == Kind.RECORD || v.kind == Kind.ENUM) {
        Var m = top(v.cls).member(t);
        if (m != null) {
          reads.add(memberRead(v, m));
        }
        if (v.kind == Kind.ENUM && (t == Ty.INT || t == Ty.STR)) {
          reads.add(v.name + (t == Ty.INT ? ".ordinal()" : ".name()"));
        }
      }
    }
    if (reads.isEmpty()) {
      return null;
    }
    return new Expr(reads.get(r.nextInt(reads.size())), t, false, t == Ty.STR);
  }

  private void declare(Var v) {
    scopes.peek().add(v);
    declared.add(v.name);
    pending.remove(v.name);
  }

  /**
   * A name for a new local: sometimes one that an earlier local of this function, now out of
   * scope, had (with any type), so the lowering meets the same name in sibling scopes.
   */
  private String localName(String prefix) {
    String name = r.nextInt(16) == 0 ? specialName() : null;
    if (name == null && r.nextInt(3) == 0) {
      List<String> free = new ArrayList<>(declared);
      for (Var v : visible()) {
        free.remove(v.name);
      }
      free.removeAll(pending);
      if (!free.isEmpty()) {
        name = free.get(r.nextInt(free.size()));
      }
    }
    name = name != null ? name : fresh(prefix);
    // in scope in its own initializer, where a lambda or a switch arm's block may declare names
    pending.add(name);
    return name;
  }

  /** One of {@link #SPECIAL} that no visible variable has, or null. */
  private String specialName() {
    String s = SPECIAL[r.nextInt(SPECIAL.length)];
    if (!usable(s) || pending.contains(s)) {
      return null;
    }
    return visible().stream().anyMatch(v -> v.name.equals(s)) ? null : s;
  }

  /** Whether special name {@code s} may be used ({@code generatedNames} avoids some). */
  private static boolean usable(String s) {
    return !(AVOID.contains("generatedNames") && COLLIDING.contains(s));
  }

  private String fresh(String prefix) {
    return prefix + (names++);
  }

  private void charge(long units) {
    fn.cost += mult * units;
  }

  private void line(String s) {
    out.append("  ".repeat(indent)).append(s).append('\n');
  }

  private int pick(int... weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int x = r.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    throw new AssertionError();
  }
}

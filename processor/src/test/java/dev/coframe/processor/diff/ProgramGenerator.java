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
 * <p>What the processor documents as unsupported is never generated: suspension points inside
 * {@code try}, {@code switch} (those statements appear, without suspension), {@code assert},
 * pattern {@code instanceof}, lambdas, local classes and {@code synchronized}.
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
    LIST // List<Integer> of a fixed size, never modified
  }

  /** A local, parameter or static field. */
  static final class Var {
    final String name;
    final Ty ty;
    final boolean boxed;
    final Kind kind;
    final int len;
    final boolean assignable;
    final boolean field;

    Var(String name, Ty ty, boolean boxed, Kind kind, int len, boolean assignable, boolean field) {
      this.name = name;
      this.ty = ty;
      this.boxed = boxed;
      this.kind = kind;
      this.len = len;
      this.assignable = assignable;
      this.field = field;
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
   *       escape (statements quoted in generated comments are cut inside the escape).
   * </ul>
   */
  static final java.util.Set<String> AVOID =
      java.util.Arrays.stream(System.getProperty("coframe.random.avoid", "").split(","))
          .map(String::trim)
          .filter(k -> !k.isEmpty())
          .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));

  static final int MAX_DEPTH = 3; // recursive helpers are called with depth 0..3
  static final int MAX_MULT = 27; // product of the trip counts of enclosing loops

  private final long seed;
  private final Random r;
  private final List<Fn> helpers = new ArrayList<>();
  private final List<Var> statics = new ArrayList<>();

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
  private int stmtsLeft;
  private int suspNest; // suspension points being generated around the current expression
  private java.util.Set<String> declared; // names of this function's locals so far

  private ProgramGenerator(long seed) {
    this.seed = seed;
    this.r = new Random(seed * 0x9E3779B97F4A7C15L + 12345);
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
    int n = 1 + r.nextInt(4);
    Fn[] hs = new Fn[n];
    for (int i = n; i >= 1; i--) {
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
        if (r.nextInt(8) == 0) {
          h.params.add(new Var("p" + p, Ty.INT, false, Kind.ARRAY, 2 + r.nextInt(3), false, false));
        } else {
          h.params.add(new Var("p" + p, pickTy(false), false, Kind.SCALAR, 0, true, false));
        }
      }
      h.budget = h.recursive ? 40 : 30 + r.nextInt(270);
      genFunction(h, h.recursive ? 3 + r.nextInt(5) : 3 + r.nextInt(9));
      if (h.recursive) {
        long calls = h.recSites >= 2 ? 15 : h.recSites == 1 ? 4 : 1;
        h.cost = h.cost * calls + calls;
      }
      hs[i - 1] = h;
      helpers.add(h);
    }
    Fn run = new Fn("run", 0, pickTy(false));
    run.throwsIo = true;
    int np = r.nextInt(3);
    for (int p = 0; p < np; p++) {
      run.params.add(new Var("q" + p, pickTy(false), false, Kind.SCALAR, 0, true, false));
    }
    run.budget = 2500;
    genFunction(run, 12 + r.nextInt(20));

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
    body.append(run.text);
    for (Fn h : hs) {
      body.append(h.text);
    }
    Case c = Case.task(caseId(seed), body.toString());
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
    stmtsLeft = statements;
    scopes.push(new ArrayList<>(f.params));

    StringBuilder sig = new StringBuilder("@Coroutine static ").append(f.ret.prim).append(' ').append(f.name).append('(');
    for (int i = 0; i < f.params.size(); i++) {
      Var p = f.params.get(i);
      sig.append(i > 0 ? ", " : "").append(p.kind == Kind.ARRAY ? "int[]" : p.ty.prim).append(' ').append(p.name);
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
        entry.append(" + ").append(i > 0 ? "\", \" + " : "").append(p.kind == Kind.ARRAY ? "Arrays.toString(" + p.name + ")" : p.name);
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
    boolean completes = stmts(Integer.MAX_VALUE);
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

  private static String show(Var v) {
    switch (v.kind) {
      case ARRAY:
        return "Arrays.toString(" + v.name + ")";
      case LIST:
        return v.name;
      default:
        return v.name;
    }
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
    scopes.push(new ArrayList<>());
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
            canNest && noSusp == 0 ? 2 : 0, // 13 try without suspension
            canNest && noSusp == 0 ? 2 : 0, // 14 switch without suspension
            canNest ? 1 : 0, // 15 block
            canNest ? 2 : 0); // 16 labelled block
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
        return tryStatement();
      case 14:
        return switchStatement();
      case 16:
        return labelledBlock();
      default:
        line("{");
        boolean c = block(2 + r.nextInt(3));
        line("}");
        return c;
    }
  }

  private void declaration() {
    int k = r.nextInt(14);
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
    if (useVar && e.text.contains("CaseCoroutines.")) {
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
    declare(new Var(name, t, boxed, Kind.SCALAR, 0, !isFinal, false));
    if (r.nextInt(3) == 0 || useVar && AVOID.contains("varLast")) {
      line("Log.add(\"" + name + " \" + " + name + ");");
      charge(1);
    }
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
    declare(new Var(name, Ty.INT, false, Kind.ARRAY, len, false, false));
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
    if (form == 3 && sb.indexOf("CaseCoroutines.") >= 0) {
      form = 0; // no var typed by a generated factory (see declaration())
    }
    String init =
        form == 0 || form == 3
            ? "List.of(" + sb + ")"
            : form == 1 ? "Arrays.asList(" + sb + ")" : "new ArrayList<>(List.of(" + sb + "))";
    line((form == 3 ? "var " : "List<Integer> ") + name + " = " + init + ";");
    declare(new Var(name, Ty.INT, true, Kind.LIST, len, false, false));
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
        String call = factory ? factoryCall(h, 2) : call(h, 2);
        if (factory) {
          line("await(CaseCoroutines." + call.substring(call.indexOf(h.name)) + ");");
        } else {
          line(call + ";");
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
    line(m + "(" + storeExpr(t, gen(t, 2)) + ");");
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
    declare(loopVar);
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
    int k = r.nextInt(canSuspend() ? 7 : 5);
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

  /** try/catch/finally with no suspension point inside. */
  private boolean tryStatement() {
    noSusp++;
    line("try {");
    boolean tryC = block(1 + r.nextInt(4));
    if (tryC && r.nextBoolean()) {
      indent++;
      line("if (" + gen(Ty.BOOL, 2) + ") {");
      line("  throw new IllegalStateException(\"t\" + " + gen(Ty.INT, 1) + ");");
      line("}");
      indent--;
    }
    boolean any = false;
    boolean hasCatch = r.nextInt(4) != 0;
    if (hasCatch) {
      String e = fresh("e");
      String[] types = {"IllegalStateException", "IllegalStateException | ArithmeticException", "RuntimeException",
          "ArrayIndexOutOfBoundsException | IllegalStateException"};
      line("} catch (" + types[r.nextInt(types.length)] + " " + e + ") {");
      indent++;
      line("Log.add(\"caught \" + " + e + ".getMessage());");
      indent--;
      charge(1);
      any = block(r.nextInt(3));
    }
    boolean finC = true;
    if (!hasCatch || r.nextBoolean()) {
      line("} finally {");
      noAbrupt++;
      indent++;
      line("Log.add(\"finally\");");
      indent--;
      charge(1);
      finC = block(r.nextInt(3));
      noAbrupt--;
    }
    line("}");
    noSusp--;
    return (tryC || any) && finC;
  }

  /** An arrow switch with no suspension point inside. */
  private boolean switchStatement() {
    noSusp++;
    line("switch (Math.floorMod(" + gen(Ty.INT, 2) + ", 4)) {");
    indent++;
    Jump j = new Jump(null, false);
    jumps.push(j);
    boolean anyC = false;
    int cases = 1 + r.nextInt(3);
    for (int i = 0; i < cases; i++) {
      line("case " + (i == 0 && r.nextBoolean() ? "0, 3" : String.valueOf(i == 0 ? 0 : i)) + " -> {");
      anyC |= block(1 + r.nextInt(3));
      line("}");
    }
    boolean hasDefault = r.nextBoolean();
    if (hasDefault) {
      line("default -> {");
      anyC |= block(1 + r.nextInt(2));
      line("}");
    }
    jumps.pop();
    indent--;
    line("}");
    noSusp--;
    return !hasDefault || anyC || j.breakUsed;
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
    switch (pick(12, 3, 3, 2, 3, 2, 2, 2, 4, 2, 3)) {
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
        return num("mi(" + genInt(d - 1) + ")", Ty.INT);
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
        return num("ml(" + genLong(d - 1) + ")", Ty.LONG);
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
        return num("md(" + genDouble(d - 1) + ")", Ty.DOUBLE);
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
        return num("mc(" + genChar(d - 1) + ")", Ty.CHAR);
      default:
        return canSuspendMore() ? suspension(Ty.CHAR, d) : charLeaf();
    }
  }

  private Expr genStr(int d) {
    if (d <= 0 || r.nextInt(100) < 30) {
      return suspendHere() ? suspension(Ty.STR, d) : strLeaf();
    }
    switch (pick(10, 4, 3, 3, 2, 2, 2, 2, 3)) {
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
        return new Expr("ms(" + (a.strRef ? cut(a) : a) + ")", Ty.STR, false, a.strRef);
      }
      case 7:
        return cut(genStr(d - 1));
      default:
        return canSuspendMore() ? suspension(Ty.STR, d) : strLeaf();
    }
  }

  private Expr genBool(int d) {
    if (d <= 0 || r.nextInt(100) < 25) {
      return suspendHere() ? suspension(Ty.BOOL, d) : boolLeaf();
    }
    switch (pick(10, 4, 6, 3, 2, 3, 2, 2, 2, 3)) {
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
        return bool("mb(" + genBool(d - 1) + ")");
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
      String call = factory ? factoryCall(h, d - 1) : call(h, d - 1);
      if (factory) {
        return new Expr("await(CaseCoroutines." + call.substring(call.indexOf(h.name)) + ")", h.ret, true, h.ret == Ty.STR, true);
      }
      return new Expr(call, h.ret, false, h.ret == Ty.STR);
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

  /** The arguments of a call of factory {@code CaseCoroutines.h}. */
  private String factoryCall(Fn h, int d) {
    if (!AVOID.contains("factoryArg")) {
      return call(h, d);
    }
    noSusp++;
    String call = call(h, d);
    noSusp--;
    return call;
  }

  /** A call of {@code h} with generated arguments, its cost charged. */
  private String call(Fn h, int d) {
    StringBuilder sb = new StringBuilder();
    if (r.nextInt(5) == 0) {
      sb.append("Case.");
    }
    sb.append(h.name).append('(');
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
      } else {
        Expr e = gen(p.ty, d);
        sb.append(storeExpr(p.ty, e));
      }
    }
    return sb.append(')').toString();
  }

  // ------------------------------------------------------------------------------ leaves

  private Expr intLeaf() {
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

  private static Expr cut(Expr e) {
    return new Expr("cut(" + e + ")", Ty.STR, false, false);
  }

  /** A value stored into a variable, parameter or return of type {@code t}: strings are cut. */
  private static Expr storeExpr(Ty t, Expr e) {
    return t == Ty.STR && e.strRef ? cut(e) : e;
  }

  private static String store(Ty t, Expr e) {
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
    return v.field && r.nextInt(4) == 0 ? "Case." + v.name : v.name;
  }

  private void declare(Var v) {
    scopes.peek().add(v);
    declared.add(v.name);
  }

  /**
   * A name for a new local: sometimes one that an earlier local of this function, now out of
   * scope, had (with any type), so the lowering meets the same name in sibling scopes.
   */
  private String localName(String prefix) {
    if (r.nextInt(3) == 0) {
      List<String> free = new ArrayList<>(declared);
      for (Var v : visible()) {
        free.remove(v.name);
      }
      if (!free.isEmpty()) {
        return free.get(r.nextInt(free.size()));
      }
    }
    return fresh(prefix);
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

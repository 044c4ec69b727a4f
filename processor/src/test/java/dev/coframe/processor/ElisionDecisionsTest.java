package dev.coframe.processor;

import static dev.coframe.processor.DiagnosticsTest.error;
import static dev.coframe.processor.DiagnosticsTest.expectClean;
import static dev.coframe.processor.DiagnosticsTest.expectOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.coframe.processor.DiagnosticsTest.Src;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The elision rules of DESIGN §3 and their precedence, read from the processor's report of each
 * call site (placement and what asked for it); the errors of ALWAYS that cannot be honoured, each
 * with its message, line and column; the notes of {@code -Acoframe.report=notes}.
 */
class ElisionDecisionsTest {
  private static final String ELISION_IMPORTS = "import dev.coframe.Elide;\nimport dev.coframe.Elision;";

  /** One call site's decision as the report gives it. */
  record Call(long line, String call, String placement, String elision, String requestedBy, String reason) {}

  private static final Pattern CALL = Pattern.compile("\\{\"line\": (\\d+), \"call\": \"((?:[^\"\\\\]|\\\\.)*)\", "
      + "\"callee\": \"[^\"]*\", \"placement\": \"(\\w+)\", \"elision\": \"(\\w+)\", "
      + "\"requestedBy\": \"((?:[^\"\\\\]|\\\\.)*)\", \"reason\": \"((?:[^\"\\\\]|\\\\.)*)\"");

  /** The decisions the report of {@code owner} (a class of package {@code t}) records, in source order. */
  static List<Call> report(Compilation c, String owner) {
    JavaFileObject f = c.generatedFile(StandardLocation.CLASS_OUTPUT, "", "META-INF/coframe/t." + owner + ".json")
        .orElseThrow(() -> new AssertionError("no report for t." + owner));
    String json;
    try {
      json = f.getCharContent(true).toString();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    List<Call> out = new ArrayList<>();
    Matcher m = CALL.matcher(json);
    while (m.find()) {
      out.add(new Call(Long.parseLong(m.group(1)), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6)));
    }
    return out;
  }

  /** The decision of the only call site whose text is {@code call}. */
  static Call at(List<Call> calls, String call) {
    List<Call> found = calls.stream().filter(x -> x.call().equals(call)).toList();
    assertEquals(1, found.size(), "one site " + call + " in " + calls);
    return found.get(0);
  }

  private static Src src(String name, String... lines) {
    List<String> all = new ArrayList<>(List.of(ELISION_IMPORTS.split("\n")));
    all.addAll(List.of(lines));
    return new Src(name, all.toArray(new String[0]));
  }

  // ------------------------------------------------------------------ rules and precedence

  @Nested
  class Rules {
    @Test
    void theCallLevelBeatsTheDeclarationLevel() {
      Src s = src("Call",
          "final class Call {",
          "  @Coroutine @Elide(Elision.NEVER) static int f(Elision e, int x) { return x; }",
          "  @Coroutine static int run() {",
          "    int a = f(Elision.ALWAYS, 1);",
          "    @Elide(Elision.ALWAYS) Task<Integer> t = CallCoroutines.f(Elision.MAY, 2);",
          "    int b = f(Elision.MAY, 3);",
          "    return a + b + await(t);",
          "  }",
          "}");
      List<Call> calls = report(expectClean(s), "Call");
      assertEquals(new Call(s.line("int a ="), "f(Elision.ALWAYS, 1)", "EMBEDDED", "ALWAYS", "the Elision.ALWAYS argument",
          "awaited at once"), at(calls, "f(Elision.ALWAYS, 1)"));
      Call held = at(calls, "CallCoroutines.f(Elision.MAY, 2)");
      assertEquals(List.of("EMBEDDED", "ALWAYS", "@Elide on local t"), List.of(held.placement(), held.elision(), held.requestedBy()));
      Call may = at(calls, "f(Elision.MAY, 3)");
      assertEquals(List.of("AT_CALL", "NEVER", "@Elide on method Call.f"), List.of(may.placement(), may.elision(), may.requestedBy()),
          "a MAY argument leaves the decision to the declaration");
    }

    @Test
    void aStaticallyImportedConstantIsTheCallLevelToo() {
      Src s = new Src("Imp",
          "import dev.coframe.Elision;",
          "import static dev.coframe.Elision.NEVER;",
          "final class Imp {",
          "  @Coroutine static int f(Elision e) { return 1; }",
          "  @Coroutine static int run() { return f(NEVER); }",
          "}");
      Call c = at(report(expectClean(s), "Imp"), "f(NEVER)");
      assertEquals(List.of("AT_CALL", "NEVER", "the Elision.NEVER argument"), List.of(c.placement(), c.elision(), c.requestedBy()));
    }

    @Test
    void methodBeatsClassBeatsPackage() {
      Src pkg = Src.raw("t.package-info", "@dev.coframe.Elide(dev.coframe.Elision.NEVER)", "package t;");
      Src s = src("Decl",
          "@Elide(Elision.ALWAYS) final class Decl {",
          "  @Coroutine @Elide(Elision.NEVER) static int byMethod() { return 1; }",
          "  @Coroutine @Elide(Elision.MAY) static int byClass() { return 2; }",
          "  @Coroutine static int run() { return byMethod() + byClass() + Other.byPackage(); }",
          "}",
          "final class Other {",
          "  @Coroutine static int byPackage() { return 3; }",
          "}");
      List<Call> calls = report(expectClean(pkg, s), "Decl");
      Call m = at(calls, "byMethod()");
      assertEquals(List.of("AT_CALL", "NEVER", "@Elide on method Decl.byMethod"), List.of(m.placement(), m.elision(), m.requestedBy()));
      Call k = at(calls, "byClass()");
      assertEquals(List.of("EMBEDDED", "ALWAYS", "@Elide on class t.Decl"), List.of(k.placement(), k.elision(), k.requestedBy()),
          "MAY on the method leaves it to the class");
      Call p = at(calls, "Other.byPackage()");
      assertEquals(List.of("AT_CALL", "NEVER", "@Elide on package t"), List.of(p.placement(), p.elision(), p.requestedBy()));
    }

    @Test
    void mayEmbedsWhatIsProvablyNested() {
      Src s = src("May",
          "final class May {",
          "  @Coroutine static int leaf(int x) { return x; }",
          "  @Coroutine static int run() {",
          "    int a = leaf(1);",
          "    Task<Integer> held = MayCoroutines.leaf(2);",
          "    int b = await(MayCoroutines.leaf(3));",
          "    return a + b + await(held);",
          "  }",
          "}");
      List<Call> calls = report(expectClean(s), "May");
      assertEquals("EMBEDDED", at(calls, "leaf(1)").placement());
      assertEquals("held in a local awaited in the same block", at(calls, "MayCoroutines.leaf(2)").reason());
      assertEquals("EMBEDDED", at(calls, "MayCoroutines.leaf(2)").placement());
      assertEquals("EMBEDDED", at(calls, "MayCoroutines.leaf(3)").placement());
    }

    @Test
    void mayAllocatesWhatItCannotProveAndNeverErrs() {
      Src s = src("Alloc",
          "final class Alloc {",
          "  @Coroutine static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }",
          "  @Coroutine static int leaf(int x) { return x; }",
          "  static int keep(Task<Integer> t) { return 0; }",
          "  @Coroutine static int run(java.util.List<Task<Integer>> out) {",
          "    Task<Integer> passed = AllocCoroutines.leaf(1);",
          "    keep(passed);",
          "    Task<Integer> stored = AllocCoroutines.leaf(2);",
          "    out.add(stored);",
          "    Task<Integer> looped = AllocCoroutines.leaf(3);",
          "    int s = 0;",
          "    for (int i = 0; i < 1; i++) s += await(looped);",
          "    return s + fib(3) + await(passed);",
          "  }",
          "}");
      List<Call> calls = report(expectClean(s), "Alloc");
      assertEquals(List.of("LAZY", "it is on a recursion cycle (t.Alloc.fib(int)), so its frame would contain itself"),
          List.of(at(calls, "fib(n - 1)").placement(), at(calls, "fib(n - 1)").reason()));
      assertEquals("EMBEDDED", at(calls, "fib(3)").placement(), "a call into a cycle from outside it is nested");
      assertEquals("the task escapes: passed is passed to keep(..)", at(calls, "AllocCoroutines.leaf(1)").reason());
      assertEquals("AT_CALL", at(calls, "AllocCoroutines.leaf(1)").placement());
      assertEquals("the task escapes: stored is passed to out.add(..)", at(calls, "AllocCoroutines.leaf(2)").reason());
      assertEquals("the task escapes: looped is awaited in a loop inside the block that declares it",
          at(calls, "AllocCoroutines.leaf(3)").reason());
    }

    @Test
    void aCycleMemberHoldingAnAlwaysChildIsAllocatedAtEachCall() {
      Src s = src("Holds",
          "final class Holds {",
          "  @Coroutine @dev.coframe.Elide(dev.coframe.Elision.ALWAYS) static int leaf(int x) { return x; }",
          "  @Coroutine static int sum(int n) { return n == 0 ? 0 : leaf(n) + sum(n - 1); }",
          "}");
      List<Call> calls = report(expectClean(s), "Holds");
      assertEquals("EMBEDDED", at(calls, "leaf(n)").placement());
      assertEquals(List.of("AT_CALL", "it is on a recursion cycle (t.Holds.sum(int)), so its frame would contain itself;"
          + " sum's frame holds its own children's frames, so it is never run without one"),
          List.of(at(calls, "sum(n - 1)").placement(), at(calls, "sum(n - 1)").reason()));
    }

    @Test
    void notesSayWhereEachFrameLives() {
      Src s = src("Notes",
          "final class Notes {",
          "  @Coroutine static int leaf() { return 1; }",
          "  @Coroutine static int run() {",
          "    return leaf(); // here",
          "  }",
          "}");
      Compilation c = DiagnosticsTest.compile(List.of("-Acoframe.report=notes"), s);
      List<String> notes = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
        if (d.getKind() == Diagnostic.Kind.NOTE && d.getMessage(Locale.ROOT).startsWith("[coframe]")) {
          notes.add(d.getLineNumber() + ":" + d.getColumnNumber() + " " + d.getMessage(Locale.ROOT));
        }
      }
      assertEquals(List.of(s.line("// here") + ":" + s.col("// here", "leaf") + " [coframe] leaf(..): embedded in run's"
          + " frame (MAY: awaited at once)"), notes);
    }
  }

  // ------------------------------------------------------------------ ALWAYS that cannot be honoured

  @Nested
  class Refusals {
    private void refused(Src s, String marker, String at, String fragment) {
      expectOnly(s, error(fragment, s.line(marker), s.col(marker, at)));
    }

    @Test
    void aDirectRecursionCycle() {
      Src s = src("Rec",
          "final class Rec {",
          "  @Coroutine static int f(Elision e, int n) {",
          "    return n == 0 ? 0 : f(Elision.ALWAYS, n - 1); // here",
          "  }",
          "}");
      refused(s, "// here", "f(Elision.ALWAYS", "Elision.ALWAYS (the Elision.ALWAYS argument) cannot be honoured for this"
          + " call of f: it is on a recursion cycle (t.Rec.f(dev.coframe.Elision,int)), so its frame would contain itself;"
          + " use Elision.MAY (embedded where provable, else allocated) or NEVER");
    }

    @Test
    void aCycleThroughAnotherClass() {
      Src s = src("Ping",
          "@Elide(Elision.ALWAYS) final class Ping {",
          "  @Coroutine static int ping(int n) { return n == 0 ? 0 : Pong.pong(n - 1); }",
          "}",
          "final class Pong {",
          "  @Coroutine static int pong(int n) {",
          "    return Ping.ping(n); // here: a call of ping, ALWAYS by its class",
          "  }",
          "}");
      refused(s, "// here", ".ping(n)", "it is on a recursion cycle (t.Ping.ping(int) -> t.Pong.pong(int))");
    }

    @Test
    void aTaskFromAnInterface() {
      Src s = src("Iface",
          "interface Repo { Task<Integer> find(int id); }",
          "final class Iface {",
          "  @Coroutine static int run(Repo r) {",
          "    @Elide(Elision.ALWAYS) Task<Integer> t = r.find(1); // here",
          "    return await(t);",
          "  }",
          "}");
      refused(s, "// here", ".find", "@Elide(ALWAYS) on local t cannot be honoured: its task does not come from a"
          + " coroutine's factory the processor can see but from a call through an interface, a lambda or an overridable"
          + " method");
    }

    @Test
    void anElisionArgumentToALambda() {
      Src s = src("Lam",
          "final class Lam {",
          "  @Coroutine static int run(java.util.function.Function<Elision, Task<Integer>> f) {",
          "    return await(f.apply(Elision.ALWAYS)); // here",
          "  }",
          "}");
      refused(s, "// here", ".ALWAYS)", "Elision.ALWAYS cannot be honoured for f.apply(..): it is not a call of a"
          + " coroutine the processor can see, but a call through an interface, a lambda or an overridable method");
    }

    @Test
    void anElisionArgumentToAnOverridableMethod() {
      Src s = src("Over",
          "class Service { Task<Integer> load(Elision e) { return null; } }",
          "final class Over {",
          "  @Coroutine static int run(Service svc) {",
          "    return await(svc.load(Elision.ALWAYS)); // here",
          "  }",
          "}");
      refused(s, "// here", ".ALWAYS)", "Elision.ALWAYS cannot be honoured for svc.load(..)");
    }

    private Src escaping(String name, String... body) {
      List<String> lines = new ArrayList<>(List.of(
          "final class " + name + " {",
          "  @Coroutine @Elide(Elision.ALWAYS) static int leaf(int x) { return x; }",
          "  static Task<Integer> field;",
          "  static void keep(Task<Integer> t) {}"));
      lines.addAll(List.of(body));
      lines.add("}");
      return src(name, lines.toArray(new String[0]));
    }

    @Test
    void aTaskStoredInAField() {
      Src s = escaping("Field",
          "  @Coroutine static int run() {",
          "    Task<Integer> t = FieldCoroutines.leaf(1); // here",
          "    field = t;",
          "    return 0;",
          "  }");
      refused(s, "// here", ".leaf", "cannot be honoured for this call of leaf: the task escapes: t is"
          + " stored in field");
    }

    @Test
    void aTaskStoredInAnArray() {
      Src s = escaping("Arr",
          "  @Coroutine static int run(Task<?>[] tasks) {",
          "    tasks[0] = ArrCoroutines.leaf(1); // here",
          "    return 0;",
          "  }");
      refused(s, "// here", ".leaf", "the task escapes: it is assigned to tasks[0] rather than declared with it");
    }

    @Test
    void aTaskAddedToACollection() {
      Src s = escaping("Coll",
          "  @Coroutine static int run(java.util.List<Task<Integer>> all) {",
          "    all.add(CollCoroutines.leaf(1)); // here",
          "    return 0;",
          "  }");
      refused(s, "// here", ".leaf", "the task escapes: passed to all.add(..)");
    }

    @Test
    void aTaskReturned() {
      Src s = escaping("Ret",
          "  @Coroutine static Task<Integer> run() {",
          "    return RetCoroutines.leaf(1); // here",
          "  }");
      refused(s, "// here", ".leaf", "the task escapes: returned");
    }

    @Test
    void aTaskPassedToAMethod() {
      Src s = escaping("Pass",
          "  @Coroutine static int run() {",
          "    Task<Integer> t = PassCoroutines.leaf(1); // here",
          "    keep(t);",
          "    return await(t);",
          "  }");
      refused(s, "// here", ".leaf", "the task escapes: t is passed to keep(..)");
    }

    @Test
    void aTaskCapturedByALambda() {
      Src s = escaping("Cap",
          "  @Coroutine static int run() {",
          "    Task<Integer> t = CapCoroutines.leaf(1); // here",
          "    Runnable r = () -> t.join();",
          "    return await(t);",
          "  }");
      refused(s, "// here", ".leaf", "the task escapes: t is captured by a lambda or class");
    }

    @Test
    void aTaskAwaitedAfterItsBlockEnds() {
      Src s = escaping("After",
          "  @Coroutine static int run() {",
          "    Task<Integer> t;",
          "    {",
          "      t = AfterCoroutines.leaf(1); // here",
          "    }",
          "    return await(t);",
          "  }");
      refused(s, "// here", ".leaf", "the task escapes: it is assigned to t rather than declared with it (a"
          + " task assigned in one branch and awaited after it outlives the branch)");
    }

    @Test
    void aTaskAssignedInOneBranchAndAwaitedAfterIt() {
      Src s = escaping("Branch",
          "  @Coroutine static int run(boolean c) {",
          "    Task<Integer> t = null;",
          "    if (c) t = BranchCoroutines.leaf(1); // here",
          "    return t == null ? 0 : await(t);",
          "  }");
      refused(s, "// here", ".leaf", "the task escapes: it is assigned to t rather than declared with it");
    }

    @Test
    void aTaskNeverAwaited() {
      Src s = escaping("Never",
          "  @Coroutine static int run() {",
          "    Task<Integer> t = NeverCoroutines.leaf(1); // here",
          "    return 0;",
          "  }");
      refused(s, "// here", ".leaf", "the task escapes: t is never awaited in the block that declares it");
    }

    @Test
    void anOverloadJavacChooses() {
      Src s = src("Over2",
          "final class Over2 {",
          "  @Coroutine @Elide(Elision.ALWAYS) static int f(int x) { return x; }",
          "  @Coroutine @Elide(Elision.ALWAYS) static int f(String x) { return 1; }",
          "  @Coroutine static int run() {",
          "    return await(Over2Coroutines.f(1)); // here",
          "  }",
          "}");
      refused(s, "// here", ".f(1)", "javac chooses among overloads of f with as many parameters");
    }

    @Test
    void elideOnALocalThatReceivesAValue() {
      Src s = src("Val",
          "final class Val {",
          "  @Coroutine static int leaf() { return 1; }",
          "  @Coroutine static int run() {",
          "    @Elide(Elision.ALWAYS) int x = leaf(); // here",
          "    return x;",
          "  }",
          "}");
      refused(s, "// here", "x = leaf", "@Elide on local x has no task to act on: leaf(..) is awaited at once and x"
          + " receives its value");
    }

    /** A local that holds no task, ALWAYS or NEVER alike, is told so (issue 15 item 14), not sent to indirect calls. */
    @Test
    void elideOnALocalThatHoldsNoTask() {
      for (String mode : List.of("ALWAYS", "NEVER")) {
        Src s = src("NoTask",
            "final class NoTask {",
            "  @Coroutine static int run(int x) {",
            "    @Elide(Elision." + mode + ") int k = x + 1; // here",
            "    return k + await(java.util.concurrent.CompletableFuture.completedFuture(1));",
            "  }",
            "}");
        refused(s, "// here", "k = x", "@Elide on local k has no task to act on: k is of type int, not a task; pass"
            + " Elision." + mode + " to the call, or put @Elide on a local declared with a coroutine's task");
      }
    }

    @Test
    void aHeldTaskAwaitedTwiceOnOnePathStaysRefused() {
      Src s = escaping("Twice",
          "  @Coroutine static int run(boolean c) {",
          "    Task<Integer> t = TwiceCoroutines.leaf(1); // here",
          "    int a = c ? await(t) : 0;",
          "    return a + await(t);",
          "  }");
      refused(s, "// here", ".leaf(1)", "the task escapes: t is awaited 2 times");
    }
  }

  /** A held task awaited once on each of exclusive branches is awaited once (issue 15 item 17). */
  @Test
  void aHeldTaskAwaitedOnceOnEachExclusiveBranchIsEmbedded() {
    Src s = src("Branches",
        "final class Branches {",
        "  @Coroutine static int leaf(int x) { return x; }",
        "  @Coroutine static int ifElse(boolean c) {",
        "    Task<Integer> t = BranchesCoroutines.leaf(1);",
        "    int a = 0, b = 0;",
        "    if (c) a = await(t); else b = await(t);",
        "    return a + b;",
        "  }",
        "  @Coroutine static int rules(int k) {",
        "    Task<Integer> t = BranchesCoroutines.leaf(2);",
        "    return switch (k) { case 0 -> await(t); case 1 -> await(t) + 1; default -> -1; };",
        "  }",
        "  @Coroutine static int ternary(boolean c) {",
        "    @Elide(Elision.ALWAYS) Task<Integer> t = BranchesCoroutines.leaf(3);",
        "    return c ? await(t) : -await(t);",
        "  }",
        "}");
    List<Call> calls = report(expectClean(s), "Branches");
    for (String call : List.of("BranchesCoroutines.leaf(1)", "BranchesCoroutines.leaf(2)", "BranchesCoroutines.leaf(3)")) {
      assertEquals("EMBEDDED", at(calls, call).placement(), call);
    }
  }

  /** Requests that decide less than they seem to are warnings (issue 15 item 14). */
  @Test
  void elideThatDecidesNothingIsAWarning() {
    Src s = src("Stray",
        "final class Stray {",
        "  @Coroutine static int f(Elision a, Elision b) { return 1; }",
        "  @Elide(Elision.NEVER) static int plain() { return 2; } // method",
        "  static int outside() {",
        "    @Elide(Elision.ALWAYS) Task<Integer> t = StrayCoroutines.f(Elision.MAY, Elision.MAY); // outside",
        "    return t.join();",
        "  }",
        "  @Coroutine static int run() {",
        "    return f(Elision.ALWAYS, Elision.NEVER); // disagree",
        "  }",
        "}");
    com.google.testing.compile.Compilation c = expectClean(s);
    com.google.testing.compile.CompilationSubject.assertThat(c).hadWarningContaining("[coframe] @Elide on method"
        + " Stray.plain has no effect: it is not a @Coroutine").inFile(s.file).onLine(s.line("// method"));
    com.google.testing.compile.CompilationSubject.assertThat(c).hadWarningContaining("[coframe] @Elide on local t has"
        + " no effect: it is not in a @Coroutine body").inFile(s.file).onLine(s.line("// outside"));
    com.google.testing.compile.CompilationSubject.assertThat(c).hadWarningContaining("[coframe] the Elision arguments"
        + " of this call of f disagree: the first, ALWAYS, decides, and this NEVER is ignored; pass one mode")
        .inFile(s.file).onLine(s.line("// disagree")).atColumn(s.col("// disagree", "Elision.NEVER") + "Elision".length());
    assertEquals("EMBEDDED", at(report(c, "Stray"), "f(Elision.ALWAYS, Elision.NEVER)").placement());
  }

  @Test
  void theReportListsFieldsEmbeddedFramesAndSizes() throws IOException {
    Src s = src("Rep",
        "final class Rep {",
        "  @Coroutine static int leaf(int x) { return x; }",
        "  @Coroutine static int run(int x) { int a = leaf(x); return a + leaf(a); }",
        "}");
    Compilation c = expectClean(s);
    String json = c.generatedFile(StandardLocation.CLASS_OUTPUT, "", "META-INF/coframe/t.Rep.json").orElseThrow()
        .getCharContent(true).toString();
    assertTrue(json.startsWith("{\"class\": \"t.Rep\", \"frames\": [{\"coroutine\": \"Rep.leaf(int)\""), json);
    assertTrue(json.contains("\"embedded\": [{\"field\": \"leaf$frame\", \"callee\": \"Rep.leaf(int)\"}]"), json);
    Matcher sizes = Pattern.compile("\"coroutine\": \"Rep.(\\w+)\\(int\\)\", \"frameClass\": \"[^\"]+\", \"bytes\": (\\d+),"
        + " \"retainedBytes\": (\\d+)").matcher(json);
    List<Integer> numbers = new ArrayList<>();
    while (sizes.find()) {
      numbers.add(Integer.parseInt(sizes.group(2)));
      numbers.add(Integer.parseInt(sizes.group(3)));
    }
    assertEquals(4, numbers.size(), json);
    assertEquals(numbers.get(0), numbers.get(1), "a leaf keeps its own frame only");
    assertEquals(numbers.get(2) + numbers.get(0), numbers.get(3), "run keeps its frame and one embedded leaf");
  }
}

package dev.coframe.processor;

import com.google.auto.service.AutoService;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.coframe.processor.analysis.BodyScan;
import dev.coframe.processor.analysis.CallGraph;
import dev.coframe.processor.analysis.Members;
import dev.coframe.processor.analysis.Names;
import dev.coframe.processor.analysis.Typer;
import dev.coframe.processor.diag.Diagnostics;
import dev.coframe.processor.diag.Message;
import dev.coframe.processor.diag.Problem;
import dev.coframe.processor.lower.Lowerer;
import dev.coframe.processor.model.CoroutineDecl;
import dev.coframe.processor.model.FrameRecord;
import dev.coframe.processor.model.Naming;
import dev.coframe.processor.plan.Decision;
import dev.coframe.processor.plan.ElisionPlan;
import dev.coframe.processor.plan.ElisionPlanner;
import dev.coframe.processor.read.Declarations;
import dev.coframe.processor.read.LocalCoroutines;
import dev.coframe.processor.write.CoroutinesWriter;
import dev.coframe.processor.write.FrameSizes;
import dev.coframe.processor.write.GraphWriter;
import dev.coframe.processor.write.Report;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * The Coframe annotation processor, a pipeline over the whole round: <b>read</b> every
 * {@code @Coroutine} of the round, all owners, checking each declaration; <b>analyse</b> each body
 * (suspension points, types) and the call graph across owners; <b>lower</b> each body into its
 * blocks, liveness and frame layout; <b>write</b> {@code XCoroutines} of each owner — only if the
 * round has no error, all of which are reported first. Every failure reaches the user as a compile
 * error at the source position, never as an exception out of the processor.
 */
@AutoService(Processor.class)
// Claims Coframe's annotations (no "no processor claimed" lint); @Coroutine methods of local
// classes, which javac does not report to processors, are found by LocalCoroutines.
@SupportedAnnotationTypes({Declarations.COROUTINE, Declarations.ELIDE, Declarations.GENERATED, Declarations.FRAME_INFO})
public final class CoframeProcessor extends AbstractProcessor {
  private Trees trees;
  private Diagnostics diagnostics;
  private Declarations declarations;
  private Naming naming;
  private LocalCoroutines localCoroutines;
  private boolean treeApiMissing;
  private boolean treeApiMissingReported;

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    // javac's own environment, found behind a build tool's wrapper (Gradle, IntelliJ), serves Trees
    // and the task listener only; everything else stays the given one's, so a tool that tracks the
    // Filer (Gradle's incremental processing) sees every file Coframe writes.
    ProcessingEnvironment javac = JavacEnvironment.unwrap(env);
    if (javac == null) {
      treeApiMissing = true; // not javac (ECJ), or a wrapper that hides javac's environment
    } else {
      trees = Trees.instance(javac);
    }
    diagnostics = new Diagnostics(env.getMessager(), trees);
    naming = new Naming(env.getElementUtils(), env.getTypeUtils());
    localCoroutines = new LocalCoroutines(diagnostics);
    checkOptions(env.getOptions());
    if (javac != null) {
      try {
        JavacTask.instance(javac).addTaskListener(localCoroutines);
      } catch (RuntimeException e) {
        // no task to listen to: the units of each round are still scanned by process()
      }
    }
  }

  /** {@code -Acoframe.report=notes}: a note at every coroutine call saying where its frame lives and why. */
  static final String REPORT_OPTION = "coframe.report";
  /** {@code -Acoframe.graph=DIR}: a Graphviz diagram of each state machine, written to DIR. */
  static final String GRAPH_OPTION = "coframe.graph";

  /** The report's one kind, {@code -Acoframe.report=notes}. */
  static final String REPORT_NOTES = "notes";

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(REPORT_OPTION, GRAPH_OPTION);
  }

  /**
   * Reads the options: a {@code coframe.*} option that is misspelt, a report kind that does not
   * exist, an option given without its value and a graph directory that is no path are each a
   * warning naming what is expected; the build goes on without what the option asked for.
   */
  private void checkOptions(Map<String, String> options) {
    new TreeMap<>(options).forEach((key, value) -> {
      if (key.startsWith("coframe.") && !getSupportedOptions().contains(key)) {
        diagnostics.buildWarning(Message.UNKNOWN_OPTION, key, String.join(", ", new TreeSet<>(getSupportedOptions())));
      }
    });
    if (options.containsKey(REPORT_OPTION)) {
      String report = options.get(REPORT_OPTION);
      if (report == null || report.isEmpty()) {
        diagnostics.buildWarning(Message.OPTION_WITHOUT_VALUE, REPORT_OPTION, "-A" + REPORT_OPTION + "=" + REPORT_NOTES);
      } else if (!report.equals(REPORT_NOTES)) {
        diagnostics.buildWarning(Message.UNKNOWN_REPORT, report, REPORT_NOTES);
      }
      reportNotes = REPORT_NOTES.equals(report);
    }
    if (options.containsKey(GRAPH_OPTION)) {
      String graph = options.get(GRAPH_OPTION);
      if (graph == null || graph.isEmpty()) {
        diagnostics.buildWarning(Message.OPTION_WITHOUT_VALUE, GRAPH_OPTION, "-A" + GRAPH_OPTION + "=DIR");
        return;
      }
      try {
        graphDir = Path.of(graph);
      } catch (java.nio.file.InvalidPathException e) {
        diagnostics.buildWarning(Message.GRAPH_DIR_UNUSABLE, graph, e.getMessage());
      }
    }
  }

  /** With {@code -Acoframe.report=notes}. */
  private boolean reportNotes;
  /** With {@code -Acoframe.graph=DIR}: DIR, until writing a diagram there failed; else null. */
  private Path graphDir;

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    TypeElement coroutine = processingEnv.getElementUtils().getTypeElement(Declarations.COROUTINE);
    if (coroutine == null) {
      return true;
    }
    Set<? extends Element> marked = round.getElementsAnnotatedWith(coroutine);
    if (treeApiMissing) {
      if (!marked.isEmpty() && !treeApiMissingReported) {
        treeApiMissingReported = true;
        // said once, at the first coroutine: why nothing can be compiled here, and how to build it
        Element first = marked.iterator().next();
        String env = processingEnv.getClass().getName();
        diagnostics.report(env.startsWith("org.eclipse.jdt.") ? Problem.at(first, Message.NEEDS_JAVAC_ECJ)
            : Problem.at(first, Message.NEEDS_JAVAC_WRAPPED, env), first, null);
      }
      return true;
    }
    rejectLocalCoroutines(round);
    warnOfElideOnOtherMethods(round);
    declarations = new Declarations(processingEnv.getElementUtils(), processingEnv.getTypeUtils()); // this round's
    int errorsBefore = diagnostics.errorCount();
    try {
      List<Read> read = read(marked);
      Map<CoroutineDecl, Analysed> analysed = analyse(read);
      CallGraph graph = CallGraph.of(scans(analysed), this::frameInfoName, this::recorded);
      ElisionPlan plan = analysed.isEmpty() ? ElisionPlan.empty() : plan(analysed, graph);
      Map<TypeElement, List<CoroutinesWriter.Unit>> lowered = lower(analysed, graph, plan);
      notes(analysed, graph, plan);
      if (diagnostics.errorCount() == errorsBefore) {
        write(lowered, plan); // only a round without an error writes anything
      }
    } catch (RuntimeException | StackOverflowError e) {
      // a stage's own guards name the coroutine; this one keeps javac from ever seeing an exception
      diagnostics.internalError(e, marked.isEmpty() ? null : marked.iterator().next());
    }
    return true;
  }

  /** {@code @Elide} on a method that is not a coroutine decides nothing: a warning says so. */
  private void warnOfElideOnOtherMethods(RoundEnvironment round) {
    TypeElement elide = processingEnv.getElementUtils().getTypeElement(Declarations.ELIDE);
    if (elide == null) {
      return;
    }
    List<Element> methods = new ArrayList<>();
    for (Element e : round.getElementsAnnotatedWith(elide)) {
      if (e instanceof ExecutableElement && !CoroutineDecl.isCoroutine(e)) {
        methods.add(e);
      }
    }
    methods.sort(Comparator.comparing(Element::toString)); // a set's order: sorted for the same output every time
    for (Element m : methods) {
      diagnostics.warn(m, Message.ELIDE_NOT_ON_A_COROUTINE, m.getEnclosingElement().getSimpleName() + "." + m.getSimpleName());
    }
  }

  /** A coroutine of the round as read: its checked declaration and its source. */
  private record Read(CoroutineDecl decl, TreePath path, CompilationUnitTree unit) {}

  /** A coroutine as analysed: its suspension points and types. */
  private record Analysed(Read read, Names names, Typer typer, BodyScan scan) {}

  /** Reads every {@code @Coroutine} of the round, all owners, checking each declaration; by owner, then source order. */
  private List<Read> read(Set<? extends Element> marked) {
    List<ExecutableElement> methods = new ArrayList<>();
    for (Element e : marked) {
      if (e instanceof ExecutableElement && e.getEnclosingElement() instanceof TypeElement) {
        methods.add((ExecutableElement) e);
      }
    }
    Map<ExecutableElement, TreePath> paths = paths(methods);
    methods.sort(Comparator.comparing((ExecutableElement m) -> ((TypeElement) m.getEnclosingElement())
        .getQualifiedName().toString()).thenComparingLong(m -> sourceOrder(paths.get(m))));
    List<Read> out = new ArrayList<>();
    Set<TypeElement> auxiliaryWarned = new java.util.HashSet<>(); // looked up only
    for (ExecutableElement m : methods) {
      TreePath path = paths.get(m);
      CompilationUnitTree unit = path == null ? null : path.getCompilationUnit();
      guard(m, unit, () -> {
        CoroutineDecl decl = declarations.validate(m);
        checkFrameName(decl);
        if (unit != null && auxiliaryWarned.add(decl.owner())) {
          warnIfAuxiliary(decl.owner(), unit);
        }
        warnIfOverriding(m);
        if (path == null || ((MethodTree) path.getLeaf()).getBody() == null) {
          throw Problem.at(m, Message.SOURCE_UNAVAILABLE, m.getSimpleName());
        }
        out.add(new Read(decl, path, unit));
      });
    }
    return out;
  }

  /** Two coroutines of one class whose frame classes would have one name even in the long form are refused. */
  private void checkFrameName(CoroutineDecl decl) {
    for (List<ExecutableElement> clash : naming.frameNameClashes(decl.owner())) {
      int at = clash.indexOf(decl.method());
      if (at > 0) {
        throw Problem.at(decl.method(), Message.FRAME_NAME_CLASH, naming.displayName(declarations.declOf(clash.get(0))),
            naming.frameSimpleName(decl));
      }
    }
  }

  /**
   * The source path of each of {@code methods}, found from its class's tree, each class's once
   * ({@code Trees.getPath} of a method searches its class's tree: once per method, a class with
   * thousands of coroutines took quadratic time).
   */
  private Map<ExecutableElement, TreePath> paths(List<ExecutableElement> methods) {
    Map<ExecutableElement, TreePath> out = new HashMap<>(); // looked up only
    Set<Element> owners = new java.util.LinkedHashSet<>();
    methods.forEach(m -> owners.add(m.getEnclosingElement()));
    for (Element owner : owners) {
      TreePath ownerPath = trees.getPath(owner);
      if (ownerPath != null && ownerPath.getLeaf() instanceof com.sun.source.tree.ClassTree c) {
        for (com.sun.source.tree.Tree member : c.getMembers()) {
          if (member instanceof MethodTree) {
            TreePath p = new TreePath(ownerPath, member);
            Element e = trees.getElement(p);
            if (e instanceof ExecutableElement x) {
              out.put(x, p);
            }
          }
        }
      }
    }
    for (ExecutableElement m : methods) {
      out.computeIfAbsent(m, trees::getPath); // (a method its class's tree does not show directly)
    }
    return out;
  }

  /** Finds each body's suspension points and factory calls, and the types they need. */
  private Map<CoroutineDecl, Analysed> analyse(List<Read> read) {
    Map<CoroutineDecl, Analysed> out = new LinkedHashMap<>();
    Members members = new Members(processingEnv.getElementUtils()); // one index of members for the round
    for (Read r : read) {
      guard(r.decl().method(), r.unit(), () -> {
        MethodTree tree = (MethodTree) r.path().getLeaf();
        Names names = new Names(processingEnv.getElementUtils(), members, processingEnv.getTypeUtils(), trees, r.unit(),
            r.decl().owner(), r.decl().method());
        Typer typer = new Typer(trees, names, r.decl().method(), BodyScan.declaredNames(tree.getBody()));
        BodyScan scan = BodyScan.scan(new TreePath(r.path(), tree.getBody()), r.decl(), typer, declarations);
        out.put(r.decl(), new Analysed(r, names, typer, scan));
      });
    }
    return out;
  }

  /**
   * Decides every call site of the round: embedded or allocated, and why; an ALWAYS that cannot be
   * honoured is reported at its call.
   */
  private ElisionPlan plan(Map<CoroutineDecl, Analysed> analysed, CallGraph graph) {
    Map<CoroutineDecl, ElisionPlanner.Body> bodies = new LinkedHashMap<>();
    analysed.forEach((d, a) -> {
      MethodTree tree = (MethodTree) a.read().path().getLeaf();
      bodies.put(d, new ElisionPlanner.Body(new TreePath(a.read().path(), tree.getBody()),
          BodyScan.declaredNames(tree), a.names(), a.scan()));
    });
    ElisionPlanner.Result r;
    try {
      r = ElisionPlanner.plan(graph, bodies, trees, d -> {
        FrameRecord f = declarations.frameRecord(naming.frameCanonicalName(d));
        return f != null && f.embeds();
      });
    } catch (RuntimeException | StackOverflowError e) {
      diagnostics.internalError(e, analysed.keySet().iterator().next().method());
      return ElisionPlan.empty();
    }
    for (ElisionPlanner.Refusal refusal : r.refusals()) {
      diagnostics.report(refusal.problem(), refusal.caller().method(), analysed.get(refusal.caller()).read().unit());
    }
    for (ElisionPlanner.Warning w : r.warnings()) {
      diagnostics.warnAt(w.at(), analysed.get(w.caller()).read().unit(), w.caller().method(), w.message(),
          w.values().toArray());
    }
    return r.plan();
  }

  /** {@code p.XCoroutines$FFrame_int}: how {@code @FrameInfo(callees)} names a coroutine's frame. */
  private String frameInfoName(CoroutineDecl d) {
    return naming.frameBinaryName(d);
  }

  /**
   * What frame class {@code frame} (named as {@link #frameInfoName}) of an earlier compilation
   * recorded: its coroutine's name, with the frame's package, and its callees.
   */
  private CallGraph.Recorded recorded(String frame) {
    int nested = frame.lastIndexOf('$');
    if (nested < 0) {
      return new CallGraph.Recorded(frame, List.of());
    }
    FrameRecord f = declarations.frameRecord(frame.substring(0, nested) + "." + frame.substring(nested + 1));
    int pkg = frame.lastIndexOf('.', nested);
    return f == null || f.coroutine() == null ? new CallGraph.Recorded(frame, f == null ? List.of() : f.callees())
        : new CallGraph.Recorded(frame.substring(0, pkg + 1) + f.coroutine(), f.callees());
  }

  private static Map<CoroutineDecl, BodyScan> scans(Map<CoroutineDecl, Analysed> analysed) {
    Map<CoroutineDecl, BodyScan> out = new LinkedHashMap<>();
    analysed.forEach((d, a) -> out.put(d, a.scan()));
    return out;
  }

  /**
   * Lowers each body, by owner; a body too large for one method is lowered again in fields mode,
   * to be split into parts. Each keeps its calls from the graph, which its frame records.
   */
  private Map<TypeElement, List<CoroutinesWriter.Unit>> lower(Map<CoroutineDecl, Analysed> analysed, CallGraph graph,
      ElisionPlan plan) {
    Map<TypeElement, List<CoroutinesWriter.Unit>> out = new LinkedHashMap<>();
    for (Analysed a : analysed.values()) {
      CoroutineDecl decl = a.read().decl();
      guard(decl.method(), a.read().unit(), () -> {
        Lowerer.Lowered lowered = lower(a, plan, false);
        CoroutinesWriter.Unit unit = writer().unit(decl, lowered, graph.from(decl), graph.isRecursive(decl),
            plan.fieldsOf(decl));
        if (!unit.fitsOneMethod()) {
          unit = writer().unit(decl, lower(a, plan, true), unit.calls(), unit.recursive(), unit.embedded());
        }
        out.computeIfAbsent(decl.owner(), k -> new ArrayList<>()).add(unit);
      });
    }
    return out;
  }

  private Lowerer.Lowered lower(Analysed a, ElisionPlan plan, boolean fields) {
    Read r = a.read();
    return new Lowerer(trees, r.unit(), r.decl(), naming, a.names(), a.typer(), a.scan(), r.path(),
        processingEnv.getTypeUtils(), plan, processingEnv.getSourceVersion(), fields).lower();
  }

  /**
   * Writes {@code XCoroutines} of each owner, and its report (a class-output resource); with
   * {@code -Acoframe.graph=DIR}, a Graphviz diagram of each state machine.
   */
  private void write(Map<TypeElement, List<CoroutinesWriter.Unit>> lowered, ElisionPlan plan) {
    List<CoroutinesWriter.Unit> round = new ArrayList<>();
    lowered.values().forEach(round::addAll);
    FrameSizes sizes = new FrameSizes(processingEnv.getElementUtils(), naming, round, declarations::frameRecord);
    lowered.forEach((owner, units) -> {
      String name = naming.coroutinesQualifiedName(owner);
      CompilationUnitTree file = trees.getPath(owner).getCompilationUnit();
      try {
        // Gradle category "isolating" (META-INF/gradle/incremental.annotation.processors) holds
        // because each file is created through the Filer from exactly one originating element, the
        // owner, and depends only on what is reachable from it: the owner's source (its coroutines'
        // bodies, the user's imports), the declarations of the coroutines they call, and, for a
        // callee of an earlier compilation, its frame's @FrameInfo in the class file (sizes, and the
        // callees that close a recursion cycle: see recorded). IsolatingTest checks that an
        // owner generates the same whether its callees' owners are compiled with it or before.
        // The -Acoframe.graph=DIR diagrams below are written outside the Filer: a debugging aid
        // that Gradle neither tracks nor cleans.
        String source = writer().write(owner, file, units, sizes);
        JavaFileObject out = processingEnv.getFiler().createSourceFile(name, owner);
        try (Writer w = out.openWriter()) {
          w.write(source);
        }
        FileObject report = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "",
            Report.path(owner), owner);
        try (Writer w = report.openWriter()) {
          w.write(Report.json(owner, units, plan, sizes, naming));
        }
        writeGraphs(name, units);
      } catch (IOException | RuntimeException e) {
        diagnostics.internalError(e, owner);
      }
    });
  }

  /**
   * With {@code -Acoframe.graph=DIR}, a Graphviz diagram of each state machine of one owner; a
   * directory that cannot be written is the user's mistake: said once, and no more graphs are tried.
   */
  private void writeGraphs(String owner, List<CoroutinesWriter.Unit> units) {
    for (CoroutinesWriter.Unit u : units) {
      if (graphDir == null) {
        return;
      }
      Path dot = graphDir.resolve(owner + "." + naming.frameSimpleName(u.decl()) + ".dot");
      try {
        Files.createDirectories(graphDir);
        Files.writeString(dot, GraphWriter.dot(naming.displayName(u.decl()), u.body()));
      } catch (IOException | SecurityException e) {
        diagnostics.buildWarning(Message.GRAPH_DIR_UNUSABLE, graphDir, e.getClass().getSimpleName() + ": " + e.getMessage());
        graphDir = null;
      }
    }
  }

  /** With {@code -Acoframe.report=notes}: a note at every coroutine call, embedded or allocated, and why. */
  private void notes(Map<CoroutineDecl, Analysed> analysed, CallGraph graph, ElisionPlan plan) {
    if (!reportNotes) {
      return;
    }
    for (CallGraph.Site s : graph.sites()) {
      Decision d = plan.at(s.call());
      if (d != null) {
        diagnostics.noteAt(s.call(), analysed.get(s.caller()).read().unit(), Message.DECISION_NOTE, s.callee().name(),
            d.placementText(), d.requested(), d.fromText(), d.reason());
      }
    }
  }

  /** Runs one stage's work on coroutine {@code m}: a problem is reported at its position, a crash as an internal error. */
  private void guard(ExecutableElement m, CompilationUnitTree unit, Runnable work) {
    try {
      work.run();
    } catch (Problem p) {
      diagnostics.report(p, m, unit);
    } catch (RuntimeException | StackOverflowError e) {
      diagnostics.internalError(e, m);
    }
  }

  private void rejectLocalCoroutines(RoundEnvironment round) {
    for (Element e : round.getRootElements()) {
      TreePath p = trees.getPath(e);
      if (p != null) {
        localCoroutines.scan(p.getCompilationUnit());
      }
    }
  }

  private long sourceOrder(TreePath p) {
    return p == null ? 0 : trees.getSourcePositions().getStartPosition(p.getCompilationUnit(), p.getLeaf());
  }

  /**
   * An owner in an auxiliary class (a top-level class whose file is named for another): javac's
   * {@code -Xlint:auxiliaryclass} warns at every use of its name in the generated signatures, and no
   * {@code @SuppressWarnings} silences those (javac checks member signatures before it reads their
   * annotations); one warning here says why and what to do instead.
   */
  private void warnIfAuxiliary(TypeElement owner, CompilationUnitTree unit) {
    TypeElement top = Names.outermost(owner);
    JavaFileObject source = unit.getSourceFile();
    if (!source.isNameCompatible(top.getSimpleName().toString(), JavaFileObject.Kind.SOURCE)) {
      String file = source.getName();
      file = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
      diagnostics.warn(owner, Message.AUXILIARY_OWNER, top.getSimpleName(), file, naming.coroutinesSimpleName(owner));
    }
  }

  /** A call through the supertype would run the declaration in direct mode: say so, and the pattern to use. */
  private void warnIfOverriding(ExecutableElement m) {
    ExecutableElement base = declarations.overridden(m);
    if (base == null) {
      return;
    }
    TypeElement baseType = (TypeElement) base.getEnclosingElement();
    TypeElement owner = (TypeElement) m.getEnclosingElement();
    diagnostics.warn(m, Message.OVERRIDES, m.getSimpleName(), baseType.getSimpleName(),
        naming.coroutinesSimpleName(owner) + "." + m.getSimpleName());
  }

  private CoroutinesWriter writer() {
    return new CoroutinesWriter(naming, processingEnv.getTypeUtils());
  }
}

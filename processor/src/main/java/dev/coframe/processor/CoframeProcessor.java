package dev.coframe.processor;

import com.google.auto.service.AutoService;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.coframe.processor.analysis.BodyScan;
import dev.coframe.processor.analysis.Names;
import dev.coframe.processor.analysis.Typer;
import dev.coframe.processor.diag.Diagnostics;
import dev.coframe.processor.diag.Problem;
import dev.coframe.processor.lower.Lowerer;
import dev.coframe.processor.model.CoroutineDecl;
import dev.coframe.processor.model.Naming;
import dev.coframe.processor.read.Declarations;
import dev.coframe.processor.read.LocalCoroutines;
import dev.coframe.processor.write.CoroutinesWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * The Coframe annotation processor: for each class with {@code @Coroutine} methods, checks the
 * declarations, finds each body's suspension points, lowers the body into a frame's state machine
 * and writes {@code XCoroutines}. Every failure reaches the user as a compile error at the source
 * position, never as an exception out of the processor.
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

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    try {
      trees = Trees.instance(env);
    } catch (IllegalArgumentException | LinkageError e) {
      treeApiMissing = true; // not javac (ECJ), or a wrapped environment without the tree API
    }
    diagnostics = new Diagnostics(env.getMessager(), trees);
    declarations = new Declarations(env.getElementUtils(), env.getTypeUtils());
    naming = new Naming(env.getElementUtils(), env.getTypeUtils());
    localCoroutines = new LocalCoroutines(diagnostics);
    if (!treeApiMissing) {
      try {
        JavacTask.instance(env).addTaskListener(localCoroutines);
      } catch (IllegalArgumentException | IllegalStateException e) {
        // a wrapped environment: the units of each round are still scanned by process()
      }
    }
  }

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
      if (marked.isEmpty()) {
        return true;
      }
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          "[coframe] the Coframe processor needs javac (the com.sun.source tree API) to read coroutine bodies;"
              + " this compiler does not provide it. Compile with javac (Maven, Gradle and IntelliJ can use it).");
      return true;
    }
    rejectLocalCoroutines(round);
    Map<String, List<ExecutableElement>> byOwner = new TreeMap<>();
    for (Element e : marked) {
      if (e instanceof ExecutableElement && e.getEnclosingElement() instanceof TypeElement) {
        String owner = ((TypeElement) e.getEnclosingElement()).getQualifiedName().toString();
        byOwner.computeIfAbsent(owner, k -> new ArrayList<>()).add((ExecutableElement) e);
      }
    }
    for (List<ExecutableElement> methods : byOwner.values()) {
      methods.sort(Comparator.comparing(this::sourceOrder));
      processOwner((TypeElement) methods.get(0).getEnclosingElement(), methods);
    }
    return true;
  }

  private void rejectLocalCoroutines(RoundEnvironment round) {
    for (Element e : round.getRootElements()) {
      TreePath p = trees.getPath(e);
      if (p != null) {
        localCoroutines.scan(p.getCompilationUnit());
      }
    }
  }

  private long sourceOrder(ExecutableElement m) {
    TreePath p = trees.getPath(m);
    return p == null ? 0 : trees.getSourcePositions().getStartPosition(p.getCompilationUnit(), p.getLeaf());
  }

  private void processOwner(TypeElement owner, List<ExecutableElement> methods) {
    List<CoroutinesWriter.Unit> units = new ArrayList<>();
    CompilationUnitTree file = null;
    boolean failed = false;
    for (ExecutableElement m : methods) {
      TreePath path = trees.getPath(m);
      CompilationUnitTree unit = path == null ? null : path.getCompilationUnit();
      try {
        CoroutineDecl decl = declarations.validate(m);
        warnIfOverriding(m);
        if (path == null || ((MethodTree) path.getLeaf()).getBody() == null) {
          throw Problem.at(m, "the source of " + m.getSimpleName() + " is not available to the processor");
        }
        file = unit;
        Lowerer.Lowered lowered = lower(decl, path, unit, false);
        if (!writer().fitsOneMethod(decl, lowered)) {
          lowered = lower(decl, path, unit, true); // too large for one method: split into parts
        }
        units.add(new CoroutinesWriter.Unit(decl, lowered));
      } catch (Problem p) {
        failed = true;
        diagnostics.report(p, m, unit);
      } catch (RuntimeException | StackOverflowError e) {
        failed = true;
        diagnostics.internalError(e, m);
      }
    }
    if (failed || units.isEmpty()) {
      return;
    }
    String name = naming.coroutinesQualifiedName(owner);
    try {
      String source = writer().write(owner, file, units);
      JavaFileObject out = processingEnv.getFiler().createSourceFile(name, owner);
      try (Writer w = out.openWriter()) {
        w.write(source);
      }
    } catch (IOException | RuntimeException e) {
      diagnostics.internalError(e, owner);
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
    diagnostics.warn("coroutine " + m.getSimpleName() + " overrides " + baseType.getSimpleName() + "."
        + base.getSimpleName() + ": a call through " + baseType.getSimpleName() + " runs this body as plain Java"
        + " (direct mode), which blocks on every await (and throws on an event loop) instead of suspending."
        + " Declare the " + baseType.getSimpleName() + " method as returning Task<..> and implement it by"
        + " returning " + naming.coroutinesSimpleName(owner) + "." + m.getSimpleName() + "(..) from a method"
        + " of another name; or add @SuppressWarnings(\"coframe\")", m);
  }

  private CoroutinesWriter writer() {
    return new CoroutinesWriter(naming, processingEnv.getTypeUtils());
  }

  private Lowerer.Lowered lower(CoroutineDecl decl, TreePath method, CompilationUnitTree unit, boolean fields) {
    MethodTree tree = (MethodTree) method.getLeaf();
    Names names = new Names(processingEnv.getElementUtils(), processingEnv.getTypeUtils(), trees, unit, decl.owner(),
        decl.method());
    Typer typer = new Typer(trees, names, decl.method(), BodyScan.declaredNames(tree.getBody()));
    TreePath body = new TreePath(method, tree.getBody());
    BodyScan scan = BodyScan.scan(body, decl, typer, declarations);
    return new Lowerer(trees, unit, decl, naming, names, typer, scan, method, processingEnv.getTypeUtils(), fields)
        .lower();
  }
}

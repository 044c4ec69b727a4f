package dev.coframe.processor.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import org.junit.jupiter.api.Test;

/**
 * The typer alone: on a body javac has parsed but not attributed, each initializer whose line
 * ends in {@code // type: T} must be typed exactly T, and {@code // type: ?} not at all (the
 * typer answers null rather than guess).
 */
class TyperTest {
  private static final String SOURCE = String.join("\n",
      "package t;",
      "import java.util.*;",
      "import java.util.concurrent.CompletableFuture;",
      "import static dev.coframe.runtime.Co.await;",
      "final class T {",
      "  static int count;",
      "  String name = \"n\";",
      "  static final class Node { long weight; Node next; }",
      "  static <X> X id(X x) { return x; }",
      "  static <X> List<X> none() { return List.of(); }",
      "  void body(int i, List<String> list, Node node, String[] arr, char c) {",
      "    var v = list.get(0);",
      "    Object e1 = i + 1L; // type: long",
      "    Object e2 = c + 1; // type: int",
      "    Object e3 = \"a\" + i; // type: java.lang.String",
      "    Object e4 = i > 2 && c < 'z'; // type: boolean",
      "    Object e5 = list.get(0); // type: java.lang.String",
      "    Object e6 = list.size(); // type: int",
      "    Object e7 = v.length(); // type: int",
      "    Object e8 = node.next.weight; // type: long",
      "    Object e9 = arr[0]; // type: java.lang.String",
      "    Object e10 = arr.length; // type: int",
      "    Object e11 = count; // type: int",
      "    Object e12 = name; // type: java.lang.String",
      "    Object e13 = this.name; // type: java.lang.String",
      "    Object e14 = (Object) name; // type: java.lang.Object",
      "    Object e15 = new Node(); // type: t.T.Node",
      "    Object e16 = new ArrayList<>(); // type: ?",
      "    Object e17 = new ArrayList<String>(); // type: java.util.ArrayList<java.lang.String>",
      "    Object e18 = id(\"s\"); // type: java.lang.String",
      "    Object e19 = id(3); // type: java.lang.Integer",
      "    Object e20 = none(); // type: ?",
      "    Object e21 = Math.max(i, 2L); // type: long",
      "    Object e22 = new StringBuilder().append(i).append(\"x\"); // type: java.lang.StringBuilder",
      "    Object e23 = await(CompletableFuture.completedFuture(\"x\")); // type: java.lang.String",
      "    Object e24 = i > 0 ? 1 : 2L; // type: long",
      "    Object e25 = i > 0 ? Integer.valueOf(1) : 2; // type: int",
      "    Object e26 = i > 0 ? \"s\" : null; // type: java.lang.String",
      "    Object e27 = i > 0 ? \"s\" : 1; // type: ?",
      "    Object e43 = Math.max(Integer.valueOf(1), 2L); // type: long",
      "    Object e44 = Math.max(id(1), 2L); // type: long",
      "    Object e40 = Arrays.asList(\"a\", \"b\"); // type: java.util.List<java.lang.String>",
      "    Object e41 = Collections.max(list); // type: java.lang.String",
      "    Object e42 = Collections.emptyList(); // type: ?",
      "    Object e28 = list.stream().map(x -> x).findFirst(); // type: ?",
      "  }",
      "}");

  @Test
  void typesWhatItCanAndRefusesTheRest() {
    Map<String, String> expected = new LinkedHashMap<>();
    Map<String, String> actual = new LinkedHashMap<>();
    Compilation c = Compiler.javac()
        .withProcessors(new Probe(expected, actual))
        .compile(JavaFileObjects.forSourceString("t.T", SOURCE));
    assertTrue(c.errors().isEmpty(), () -> c.diagnostics().toString());
    assertTrue(expected.size() >= 25, "markers found: " + expected.size());
    assertEquals(expected, actual);
  }

  /** Runs the typer on every marked statement of {@code T.body}, as the Coframe processor would. */
  @SupportedAnnotationTypes("*")
  private static final class Probe extends AbstractProcessor {
    private final Map<String, String> expected;
    private final Map<String, String> actual;

    Probe(Map<String, String> expected, Map<String, String> actual) {
      this.expected = expected;
      this.actual = actual;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      Trees trees = Trees.instance(processingEnv);
      for (Element e : round.getRootElements()) {
        for (ExecutableElement m : ElementFilter.methodsIn(e.getEnclosedElements())) {
          if (!m.getSimpleName().contentEquals("body")) {
            continue;
          }
          TreePath path = trees.getPath(m);
          MethodTree tree = (MethodTree) path.getLeaf();
          Names names = new Names(processingEnv.getElementUtils(), new Members(processingEnv.getElementUtils()),
              processingEnv.getTypeUtils(), trees,
              path.getCompilationUnit(), (TypeElement) e, m);
          Typer typer = new Typer(trees, names, m, BodyScan.declaredNames(tree.getBody()));
          String text = SOURCE;
          new TreePathScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree s, Void x) {
              if (s.getInitializer() == null) {
                return null;
              }
              long end = trees.getSourcePositions().getEndPosition(getCurrentPath().getCompilationUnit(), s);
              int eol = text.indexOf('\n', (int) end);
              String rest = text.substring((int) end, eol < 0 ? text.length() : eol);
              int k = rest.indexOf("// type: ");
              if (k >= 0) {
                String key = s.getInitializer().toString();
                expected.put(key, rest.substring(k + "// type: ".length()).strip());
                TypeMirror t = typer.typeOf(new TreePath(getCurrentPath(), s.getInitializer()));
                actual.put(key, t == null ? "?" : t.toString());
              }
              return null;
            }
          }.scan(new TreePath(path, tree.getBody()), null);
        }
      }
      return false;
    }
  }
}

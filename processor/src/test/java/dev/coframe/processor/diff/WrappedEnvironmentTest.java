package dev.coframe.processor.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.coframe.processor.CoframeProcessor;
import dev.coframe.processor.TroubleshootingGuideTest;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Build tools that wrap javac's {@link ProcessingEnvironment}: Gradle's incremental processing
 * (a class holding it in a field {@code delegate}, whose Filer records what each file was made
 * from) and IntelliJ (a {@link Proxy} whose handler captured it). Coframe reaches javac's
 * environment behind either, generates code that compiles and runs, and writes every file through
 * the wrapper's Filer; a wrapper that hides javac's environment gets one clear error.
 */
class WrappedEnvironmentTest {
  private static final JavaFileObject SOURCE = JavaFileObjects.forSourceString("app.Sums", """
      package app;
      import dev.coframe.Coroutine;
      import java.util.concurrent.CompletableFuture;
      import static dev.coframe.runtime.Co.await;
      public final class Sums {
        @Coroutine static int twice(int x) { return await(CompletableFuture.completedFuture(x)) * 2; }
        @Coroutine static int total(int n) {
          int sum = 0;
          for (int i = 0; i < n; i++) {
            sum += twice(i);
          }
          return sum;
        }
        public static int run(int n) { return SumsCoroutines.total(n).joinInt(); }
      }
      """);

  /** A processor that hands Coframe's processor {@code wrap(env)} instead of javac's environment. */
  private static final class Wrapping implements Processor {
    private final Processor inner = new CoframeProcessor();
    private final UnaryOperator<ProcessingEnvironment> wrap;

    Wrapping(UnaryOperator<ProcessingEnvironment> wrap) {
      this.wrap = wrap;
    }

    @Override
    public void init(ProcessingEnvironment env) {
      inner.init(wrap.apply(env));
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return inner.process(annotations, round);
    }

    @Override
    public Set<String> getSupportedOptions() {
      return inner.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return inner.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return inner.getSupportedSourceVersion();
    }

    @Override
    public Iterable<? extends Completion> getCompletions(Element e, AnnotationMirror a, ExecutableElement m, String text) {
      return inner.getCompletions(e, a, m, text);
    }
  }

  /** Each file created through a recording Filer, with its originating elements: {@code "app.SumsCoroutines <- [app.Sums]"}. */
  private final List<String> created = new ArrayList<>();

  /**
   * Like Gradle's {@code IncrementalProcessingEnvironment}: every method delegates to the field
   * {@code delegate}, except the Filer, which records what each file is made from.
   */
  private final class GradleLike implements ProcessingEnvironment {
    private final ProcessingEnvironment delegate;

    GradleLike(ProcessingEnvironment delegate) {
      this.delegate = delegate;
    }

    @Override
    public Map<String, String> getOptions() {
      return delegate.getOptions();
    }

    @Override
    public Messager getMessager() {
      return delegate.getMessager();
    }

    @Override
    public Filer getFiler() {
      Filer filer = delegate.getFiler();
      return new Filer() {
        @Override
        public JavaFileObject createSourceFile(CharSequence name, Element... from) throws IOException {
          created.add(name + " <- " + List.of(from));
          return filer.createSourceFile(name, from);
        }

        @Override
        public JavaFileObject createClassFile(CharSequence name, Element... from) throws IOException {
          created.add(name + " <- " + List.of(from));
          return filer.createClassFile(name, from);
        }

        @Override
        public FileObject createResource(JavaFileManager.Location location, CharSequence pkg, CharSequence name,
            Element... from) throws IOException {
          created.add(name + " <- " + List.of(from));
          return filer.createResource(location, pkg, name, from);
        }

        @Override
        public FileObject getResource(JavaFileManager.Location location, CharSequence pkg, CharSequence name)
            throws IOException {
          return filer.getResource(location, pkg, name);
        }
      };
    }

    @Override
    public Elements getElementUtils() {
      return delegate.getElementUtils();
    }

    @Override
    public Types getTypeUtils() {
      return delegate.getTypeUtils();
    }

    @Override
    public SourceVersion getSourceVersion() {
      return delegate.getSourceVersion();
    }

    @Override
    public Locale getLocale() {
      return delegate.getLocale();
    }
  }

  /** Like IntelliJ's: a proxy whose handler (an anonymous class) captured javac's environment as {@code val$delegateTo}. */
  private static ProcessingEnvironment intellijLike(ProcessingEnvironment delegateTo) {
    InvocationHandler handler = new InvocationHandler() {
      @Override
      public Object invoke(Object proxy, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
          return m.invoke(delegateTo, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
          throw e.getCause();
        }
      }
    };
    return (ProcessingEnvironment) Proxy.newProxyInstance(WrappedEnvironmentTest.class.getClassLoader(),
        new Class<?>[] {ProcessingEnvironment.class}, handler);
  }

  /** A wrapper that keeps javac's services but not javac's environment: nothing leads back to it. */
  private static ProcessingEnvironment hiding(ProcessingEnvironment env) {
    Map<String, String> options = env.getOptions();
    Messager messager = env.getMessager();
    Filer filer = env.getFiler();
    Elements elements = env.getElementUtils();
    Types types = env.getTypeUtils();
    SourceVersion version = env.getSourceVersion();
    return new ProcessingEnvironment() {
      @Override
      public Map<String, String> getOptions() {
        return options;
      }

      @Override
      public Messager getMessager() {
        return messager;
      }

      @Override
      public Filer getFiler() {
        return filer;
      }

      @Override
      public Elements getElementUtils() {
        return elements;
      }

      @Override
      public Types getTypeUtils() {
        return types;
      }

      @Override
      public SourceVersion getSourceVersion() {
        return version;
      }

      @Override
      public Locale getLocale() {
        return Locale.ROOT;
      }
    };
  }

  private static Compilation compile(UnaryOperator<ProcessingEnvironment> wrap) {
    Compilation c = Compiler.javac().withClasspath(DiffHarness.classpath()).withProcessors(new Wrapping(wrap))
        .compile(SOURCE);
    TroubleshootingGuideTest.assertCatalogued(c.diagnostics());
    return c;
  }

  /** Compiles {@link #SOURCE} through {@code wrap}, loads what it made and returns {@code Sums.run(10)}. */
  private static int compileAndRun(UnaryOperator<ProcessingEnvironment> wrap) throws ReflectiveOperationException {
    Compilation c = compile(wrap);
    assertEquals(Compilation.Status.SUCCESS, c.status(), c.diagnostics().toString());
    assertEquals(List.of(), c.diagnostics().stream().filter(d -> d.getKind() != Diagnostic.Kind.NOTE).toList());
    Map<String, byte[]> classes = new DiffHarness.Build(c, null, true).classes();
    assertTrue(classes.containsKey("app.SumsCoroutines"), classes.keySet().toString());
    ClassLoader loader = new MemoryClassLoader(classes, WrappedEnvironmentTest.class.getClassLoader());
    return (int) loader.loadClass("app.Sums").getMethod("run", int.class).invoke(null, 10);
  }

  @Test
  void behindGradlesDelegateFieldTheCoroutineCompilesRunsAndEveryFileComesThroughTheWrappersFiler()
      throws ReflectiveOperationException {
    assertEquals(90, compileAndRun(GradleLike::new));
    assertEquals(List.of("app.SumsCoroutines <- [app.Sums]", "META-INF/coframe/app.Sums.json <- [app.Sums]"), created,
        "each generated file made through the wrapper's Filer from exactly one element, its owner");
  }

  @Test
  void behindIntellijsProxyTheCoroutineCompilesAndRuns() throws ReflectiveOperationException {
    assertEquals(90, compileAndRun(WrappedEnvironmentTest::intellijLike));
  }

  @Test
  void aWrapperThatHidesJavacGetsOneClearErrorAndNoStackTrace() {
    Compilation c = compile(WrappedEnvironmentTest::hiding);
    List<String> errors = c.errors().stream().map(d -> d.getMessage(Locale.ROOT)).toList();
    assertEquals(1, errors.size(), errors.toString());
    String e = errors.get(0);
    assertTrue(e.startsWith("[coframe] Coframe needs javac's Tree API (com.sun.source)"), e);
    assertTrue(e.contains("could not reach it") && e.contains("Build with javac directly"), e);
    assertTrue(!e.contains("\tat ") && !e.contains("Exception"), e);
    assertEquals(SOURCE, c.errors().get(0).getSource(), "at the first coroutine");
  }
}

package dev.coframe.processor.diff;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.coframe.Coroutine;
import dev.coframe.runtime.EventLoop;
import dev.coframe.runtime.FrameAllocator;
import dev.coframe.runtime.DoubleYield;
import dev.coframe.runtime.IntYield;
import dev.coframe.runtime.Launch;
import dev.coframe.runtime.LongYield;
import dev.coframe.runtime.Task;
import dev.coframe.runtime.Yield;
import dev.coframe.testing.Log;
import dev.coframe.testing.RunContext;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DynamicTest;

/**
 * The differential harness: compiles cases with the Coframe processor and runs each entry four
 * ways — direct mode (the declaration called as plain Java, the reference semantics), the lowered
 * task joined on the calling thread with every awaitable ready (the synchronous fast path), the
 * lowered task launched on an event loop with no awaitable ready (every await really suspends),
 * and launched with each awaitable ready or not by a seed (mixed) — and requires the same result
 * or exception and the same side-effect log. Generator cases compare the generated generator's
 * elements with direct mode's sink.
 */
public final class DiffHarness {
  static final String PROCESSOR = "dev.coframe.processor.CoframeProcessor";
  static final long TIMEOUT_SECONDS = 10;

  private DiffHarness() {}

  // ------------------------------------------------------------------------------ compiling

  /** A new processor, or {@code null} if the class is not on the test class path. */
  static Processor newProcessorOrNull() {
    Class<?> k;
    try {
      k = Class.forName(PROCESSOR, true, DiffHarness.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return null;
    }
    try {
      return (Processor) k.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new AssertionError("cannot instantiate " + PROCESSOR + ": " + e, e);
    }
  }

  static boolean processorPresent() {
    try {
      Class.forName(PROCESSOR, false, DiffHarness.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** What case sources compile against: the annotations, the runtime and dev.coframe.testing. */
  static List<File> classpath() {
    Set<File> files = new java.util.LinkedHashSet<>();
    for (Class<?> k : List.of(Coroutine.class, Task.class, Log.class)) {
      try {
        files.add(new File(k.getProtectionDomain().getCodeSource().getLocation().toURI()));
      } catch (URISyntaxException e) {
        throw new AssertionError(e);
      }
    }
    return new ArrayList<>(files);
  }

  /** The outcome of one javac run. */
  static final class Build {
    final Compilation compilation; // null if javac or the processor crashed
    final String crash; // stack trace of a crash, else null
    final boolean withProcessor;

    Build(Compilation compilation, String crash, boolean withProcessor) {
      this.compilation = compilation;
      this.crash = crash;
      this.withProcessor = withProcessor;
    }

    boolean ok() {
      return compilation != null && compilation.status() == Compilation.Status.SUCCESS;
    }

    private Map<String, byte[]> classes;

    /** Binary name to bytes of every class file the compilation wrote. */
    synchronized Map<String, byte[]> classes() {
      if (classes == null) {
        classes = readClasses();
      }
      return classes;
    }

    private Map<String, byte[]> readClasses() {
      Map<String, byte[]> out = new TreeMap<>();
      classOutput(compilation).forEach((path, bytes) -> {
        if (path.endsWith(".class")) {
          out.put(path.substring(0, path.length() - ".class".length()).replace('/', '.'), bytes);
        }
      });
      return out;
    }

    /** Generated sources (path to text) whose path lies under {@code folder} ("" for all). */
    Map<String, String> generatedSources(String folder) {
      Map<String, String> out = new TreeMap<>();
      if (compilation == null) {
        return out;
      }
      if (compilation.status() != Compilation.Status.SUCCESS) {
        // compile-testing hides the generated files of a failed compilation; those that javac
        // complained about are reachable through the diagnostics.
        for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
          JavaFileObject f = d.getSource();
          if (f != null && inFolder(f, folder)
              && f.toUri().getPath().contains("SOURCE_OUTPUT")) {
            out.put(f.toUri().getPath(), content(f));
          }
        }
        return out;
      }
      for (JavaFileObject f : compilation.generatedSourceFiles()) {
        String path = f.toUri().getPath();
        if (inFolder(f, folder)) {
          out.put(path, content(f));
        }
      }
      return out;
    }

    /**
     * Whether the compilation has an error of its own in {@code folder}: not one that only names a
     * generated class ({@code XCoroutines}), which is missing whenever the processor refused
     * anything of the round, in whatever case.
     */
    boolean hasErrorsIn(String folder) {
      for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
        if (d.getSource() != null && inFolder(d.getSource(), folder)
            && (d.getMessage(Locale.ROOT).startsWith("[coframe]") || !d.getMessage(Locale.ROOT).contains("Coroutines"))) {
          return true;
        }
      }
      return false;
    }

    String errors(String folder) {
      if (compilation == null) {
        return "javac/processor crashed:\n" + crash;
      }
      StringBuilder sb = new StringBuilder();
      for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
        if (d.getKind() != Diagnostic.Kind.ERROR) {
          continue;
        }
        String src = d.getSource() == null ? "" : d.getSource().toUri().getPath();
        if (folder.isEmpty() || src.isEmpty() || ("/" + src).contains("/" + folder)) {
          sb.append(src).append(':').append(d.getLineNumber()).append(':').append(d.getColumnNumber())
              .append(": error: ").append(d.getMessage(Locale.ROOT)).append('\n');
        }
      }
      if (sb.length() == 0) {
        return folder.isEmpty()
            ? "(javac reported no error; status " + compilation.status() + ")\n"
            : "(no error attributed to this case; all errors:)\n" + errors("");
      }
      return sb.toString();
    }
  }

  /**
   * The files {@code c} wrote to its class output (classes and resources), by their path relative to
   * it, such as {@code app/App.class} or {@code META-INF/coframe/app.App.json}.
   */
  static Map<String, byte[]> classOutput(Compilation c) {
    Map<String, byte[]> out = new TreeMap<>();
    for (JavaFileObject f : c.generatedFiles()) {
      String path = f.toUri().getPath();
      int at = path.indexOf("CLASS_OUTPUT/");
      if (at >= 0) {
        try (InputStream in = f.openInputStream()) {
          out.put(path.substring(at + "CLASS_OUTPUT/".length()), in.readAllBytes());
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      }
    }
    return out;
  }

  /**
   * {@link #classOutput} of {@code c} written to a new folder in {@code temp} (a test's {@code @TempDir}, which
   * JUnit deletes), for a later compilation's class path.
   */
  static java.nio.file.Path writeClassOutput(Compilation c, java.nio.file.Path temp) throws IOException {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(temp, "classes");
    for (Map.Entry<String, byte[]> e : classOutput(c).entrySet()) {
      java.nio.file.Path out = dir.resolve(e.getKey());
      java.nio.file.Files.createDirectories(out.getParent());
      java.nio.file.Files.write(out, e.getValue());
    }
    return dir;
  }

  /** Whether {@code f} lies under {@code folder} (a package path ending in '/'; "" for all). */
  static boolean inFolder(JavaFileObject f, String folder) {
    String path = f.toUri().getPath();
    return path != null && ("/" + path).contains("/" + folder);
  }

  static String content(JavaFileObject f) {
    try {
      return f.getCharContent(true).toString();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Compiles the sources of {@code cases} in one javac run, with a fresh processor if present. */
  static Build compile(List<Case> cases, boolean withProcessor) {
    return compile(cases, withProcessor, List.of());
  }

  /** {@link #compile(List, boolean)} with extra javac options. */
  static Build compile(List<Case> cases, boolean withProcessor, List<String> options) {
    List<JavaFileObject> sources = new ArrayList<>();
    for (Case c : cases) {
      sources.addAll(c.sources());
    }
    Compiler javac = Compiler.javac().withClasspath(classpath());
    List<String> allOptions = new ArrayList<>(options);
    if (withProcessor) {
      Processor p = newProcessorOrNull();
      if (p == null) {
        throw new AssertionError(PROCESSOR + " is not on the test class path");
      }
      javac = javac.withProcessors(p);
    } else {
      allOptions.add("-proc:none");
    }
    if (!allOptions.isEmpty()) {
      javac = javac.withOptions(allOptions);
    }
    try {
      return new Build(javac.compile(sources), null, withProcessor);
    } catch (RuntimeException | Error e) {
      return new Build(null, stackTrace(e), withProcessor);
    }
  }

  /**
   * Per case, the build that compiled it, or the failed build whose errors explain why it did not.
   * All cases compile in one javac run; a failure blames the cases its errors point into, and the
   * rest compile again without them. Errors that point into no case send every remaining case to
   * a javac run of its own.
   */
  static Map<Case, Build> buildAll(List<Case> cases) {
    return buildAll(cases, List.of());
  }

  /**
   * {@link #buildAll(List)} with extra javac options, such as {@code -XDshould-stop.ifError=FLOW}
   * (javac goes on checking every class after the first error, so one run blames every case whose
   * generated code does not compile, instead of one case per run).
   */
  static Map<Case, Build> buildAll(List<Case> cases, List<String> options) {
    checkUniqueIds(cases);
    boolean withProcessor = processorPresent();
    Map<Case, Build> built = new java.util.HashMap<>();
    List<Case> pending = new ArrayList<>(cases);
    while (!pending.isEmpty()) {
      Build b = compile(pending, withProcessor, options);
      if (b.ok()) {
        pending.forEach(c -> built.put(c, b));
        break;
      }
      List<Case> blamed = new ArrayList<>();
      if (b.compilation != null) {
        for (Case c : pending) {
          if (b.hasErrorsIn(c.pkg().replace('.', '/') + "/")) {
            blamed.add(c);
          }
        }
      }
      if (blamed.isEmpty()) {
        for (Case c : pending) {
          built.put(c, pending.size() == 1 ? b : compile(List.of(c), withProcessor, options));
        }
        break;
      }
      blamed.forEach(c -> built.put(c, b));
      pending.removeAll(blamed);
    }
    Map<Case, Build> out = new LinkedHashMap<>();
    cases.forEach(c -> out.put(c, built.get(c)));
    return out;
  }

  /** The cases that compile together with the processor (those blamed by errors left out). */
  static List<Case> compilableSubset(List<Case> cases) {
    List<Case> ok = new ArrayList<>();
    buildAll(cases).forEach((c, b) -> {
      if (b.ok()) {
        ok.add(c);
      }
    });
    return ok;
  }

  static void checkUniqueIds(List<Case> cases) {
    Set<String> seen = new HashSet<>();
    for (Case c : cases) {
      if (!seen.add(c.id)) {
        throw new IllegalArgumentException("duplicate case id " + c.id);
      }
    }
  }

  // ------------------------------------------------------------------------------ dynamic tests

  /** One dynamic test per case; the cases are compiled together once, when this is called. */
  public static Stream<DynamicTest> tests(List<Case> cases) {
    return tests(cases, List.of());
  }

  /** {@link #tests(List)} compiled with extra javac options ({@code --release 21}). */
  public static Stream<DynamicTest> tests(List<Case> cases, List<String> options) {
    Map<Case, Build> builds = buildAll(cases, options);
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.id, () -> check(c, builds.get(c))));
  }

  static void check(Case c, Build build) {
    String folder = c.pkg().replace('.', '/') + "/";
    if (!build.withProcessor) {
      StringBuilder direct = new StringBuilder();
      if (build.ok()) {
        Map<String, byte[]> classes = build.classes();
        for (Object[] args : c.argSetsOrEmpty()) {
          direct.append("  ").append(c.entryName()).append(Case.describeArgs(args)).append(" -> ")
              .append(runDirect(c, classes, args)).append('\n');
        }
      } else {
        direct.append("  (the case does not compile even without the processor)\n").append(build.errors(folder));
      }
      fail("[" + c.id + "] " + PROCESSOR + " is not on the test class path (processor/src/main/java): "
          + "only direct mode could run.\n"
          + "direct mode:\n" + direct + "\n" + c.describeSources());
      return;
    }
    if (!build.ok()) {
      fail("[" + c.id + "] does not compile with the processor:\n" + build.errors(folder) + "\n"
          + c.describeSources() + describeGenerated(build, folder));
      return;
    }
    Map<String, byte[]> classes = build.classes();
    StringBuilder problems = new StringBuilder();
    StringBuilder report = new StringBuilder();
    // The user's own methods are not checked, and where one of them is already past the limit (a
    // statement javac compiles to thousands of bytes, such as nested finally blocks, which it copies
    // per exit), the generated code, which keeps that statement as written, may be too.
    boolean userPastLimit = classes.entrySet().stream()
        .filter(e -> e.getKey().startsWith(c.pkg() + ".") && !e.getKey().contains("Coroutines"))
        .anyMatch(e -> ClassFiles.read(e.getValue()).methodSizes().values().stream().anyMatch(n -> n > MethodSizesTest.HUGE));
    classes.forEach((name, bytes) -> {
      if (name.startsWith(c.pkg() + ".") && name.contains("Coroutines") && !userPastLimit) {
        ClassFiles.read(bytes).methodSizes().forEach((m, size) -> {
          if (size > MethodSizesTest.HUGE) {
            problems.append(name).append('.').append(m).append(" has ").append(size)
                .append(" bytes of bytecode: HotSpot never compiles a method over ").append(MethodSizesTest.HUGE)
                .append('\n');
          }
        });
      }
    });
    build.generatedSources(folder).values().forEach(text -> FrameFields.of(text).forEach(f -> {
      if (f.excess() != null) {
        problems.append("more fields than any suspension point keeps: ").append(f.excess()).append('\n');
      }
    }));
    for (Object[] args : c.argSetsOrEmpty()) {
      String call = c.entryName() + Case.describeArgs(args);
      Outcome direct = runDirect(c, classes, args);
      List<Outcome> lowered =
          c.generator
              ? List.of(runGenerator(c, classes, args))
              : List.of(runSync(c, classes, args), runOnLoop(c, classes, args, false),
                  runOnLoop(c, classes, args, true));
      report.append(call).append(":\n  ").append(direct).append('\n');
      if (direct.problem != null) {
        problems.append(call).append(": direct mode itself failed: ").append(direct.problem).append('\n');
      }
      for (Outcome o : lowered) {
        report.append("  ").append(o).append('\n');
        String diff = compare(direct, o);
        if (diff != null) {
          problems.append(call).append(", ").append(o.mode).append(": ").append(diff).append('\n');
        }
      }
    }
    if (problems.length() > 0) {
      fail("[" + c.id + "] differs from direct mode:\n" + problems + "\noutcomes:\n" + report + "\n"
          + c.describeSources() + describeGenerated(build, folder));
    }
  }

  static String describeGenerated(Build build, String folder) {
    StringBuilder sb = new StringBuilder();
    Map<String, String> gen = build.generatedSources(folder);
    if (gen.isEmpty()) {
      sb.append("---- (no generated source in ").append(folder).append(")\n");
    }
    gen.forEach((path, text) -> sb.append("---- generated ").append(path).append('\n').append(Case.numbered(text)));
    return sb.toString();
  }

  // ------------------------------------------------------------------------------ outcomes

  /** What one run did. */
  static final class Outcome {
    final String mode;
    Object value;
    Throwable error;
    List<String> log = List.of();
    dev.coframe.testing.Sched.Stats stats;
    /** Set when the run could not be carried out (timeout, missing method, crash of the loop). */
    String problem;
    /** The frame allocator calls of a counted run, else -1. */
    long allocatorCalls = -1;

    Outcome(String mode) {
      this.mode = mode;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(String.format("%-14s", mode));
      if (problem != null) {
        sb.append("PROBLEM ").append(problem);
      } else if (error != null) {
        sb.append("threw ").append(error);
      } else {
        sb.append("= ").append(show(value));
      }
      sb.append("  log=").append(log);
      if (stats != null) {
        sb.append("  awaitables=").append(stats.created()).append(" results=").append(stats.results());
        if (stats.suspended() > 0) {
          sb.append(" suspended=").append(stats.suspended());
        }
        if (!stats.protocolErrors().isEmpty()) {
          sb.append(" protocol errors: ").append(stats.protocolErrors());
        }
      }
      return sb.toString();
    }
  }

  static String show(Object v) {
    if (v == null) {
      return "null";
    }
    String text = v.getClass().isArray() ? Arrays.deepToString(new Object[] {v}) : String.valueOf(v);
    return text + " (" + v.getClass().getSimpleName() + ")";
  }

  /** Null if {@code lowered} matches {@code direct}, else what differs. */
  static String compare(Outcome direct, Outcome lowered) {
    if (lowered.problem != null) {
      return lowered.problem;
    }
    List<String> diffs = new ArrayList<>();
    if (direct.error != null || lowered.error != null) {
      if (direct.error == null || lowered.error == null) {
        diffs.add("direct " + (direct.error == null ? "returned " + show(direct.value) : "threw " + direct.error)
            + " but lowered " + (lowered.error == null ? "returned " + show(lowered.value) : "threw " + lowered.error));
      } else if (!sameException(direct.error, lowered.error)) {
        diffs.add("direct threw " + direct.error + " but lowered threw " + lowered.error
            + "\n" + indentTrace(lowered.error));
      }
    } else if (!Objects.deepEquals(direct.value, lowered.value)) {
      diffs.add("direct returned " + show(direct.value) + " but lowered returned " + show(lowered.value));
    }
    if (!direct.log.equals(lowered.log)) {
      diffs.add("log differs: direct " + direct.log + " vs lowered " + lowered.log);
    }
    if (direct.stats != null && lowered.stats != null) {
      if (direct.stats.created() != lowered.stats.created()) {
        diffs.add("direct created " + direct.stats.created() + " Sched awaitables, lowered " + lowered.stats.created());
      }
      if (direct.stats.results() != lowered.stats.results()) {
        diffs.add("direct took " + direct.stats.results() + " awaitable results, lowered " + lowered.stats.results());
      }
      if (lowered.mode.startsWith("async") && lowered.stats.suspended() != lowered.stats.created()) {
        diffs.add("in ASYNC mode every awaitable should suspend once: " + lowered.stats.created() + " created, "
            + lowered.stats.suspended() + " suspended on");
      }
      if (!lowered.stats.protocolErrors().isEmpty()) {
        diffs.add("Awaitable protocol violated: " + lowered.stats.protocolErrors());
      }
    }
    return diffs.isEmpty() ? null : String.join("; ", diffs);
  }

  /**
   * Same class and message. NullPointerException messages are computed from the bytecode (helpful
   * NPE messages name locals and fields), which the lowering legitimately changes: class only.
   */
  static boolean sameException(Throwable a, Throwable b) {
    if (!a.getClass().getName().equals(b.getClass().getName())) {
      return false;
    }
    if (a instanceof NullPointerException) {
      return true;
    }
    return Objects.equals(a.getMessage(), b.getMessage());
  }

  // ------------------------------------------------------------------------------ running

  static Outcome runDirect(Case c, Map<String, byte[]> classes, Object[] args) {
    Outcome o = new Outcome("direct");
    RunContext ctx = RunContext.sync();
    onWorker(o, c, ctx, () -> {
      ClassLoader loader = new MemoryClassLoader(classes, DiffHarness.class.getClassLoader());
      Class<?> k = loader.loadClass(c.entryClass());
      List<Object> elements = Collections.synchronizedList(new ArrayList<>());
      Object[] actual = args;
      Method m;
      if (c.generator) {
        m = find(k, c.entryName(), args.length + 1);
        List<Class<?>> sinks = List.of(Yield.class, IntYield.class, LongYield.class, DoubleYield.class);
        int at = -1;
        for (int i = 0; i < m.getParameterCount() && at < 0; i++) {
          at = sinks.contains(m.getParameterTypes()[i]) ? i : -1;
        }
        if (at < 0) {
          throw new NoSuchMethodException(c.entryName() + " has no Yield parameter");
        }
        java.util.function.Consumer<Object> take = v -> {
          elements.add(v);
          Log.add("got " + v);
          if (elements.size() == c.closeAfter) {
            // the consumer closes while the body is at this yield: it unwinds through its finally blocks
            throw new Closed();
          }
        };
        Class<?> kind = m.getParameterTypes()[at];
        Object sink = kind == IntYield.class ? (IntYield) take::accept : kind == LongYield.class ? (LongYield) take::accept
            : kind == DoubleYield.class ? (DoubleYield) take::accept : (Yield<Object>) take::accept;
        List<Object> list = new ArrayList<>(Arrays.asList(args));
        list.add(at, sink);
        actual = list.toArray();
      } else {
        m = find(k, c.entryName(), args.length);
      }
      try {
        Object v = c.closeAfter == 0 ? null : m.invoke(null, actual); // closed before it started: nothing runs
        o.value = c.generator ? new ArrayList<>(elements) : v;
      } catch (InvocationTargetException e) {
        o.error = e.getCause() instanceof Closed ? null : e.getCause();
        if (c.generator) {
          o.value = new ArrayList<>(elements);
        }
      }
      o.log = ctx.takeLog();
      o.stats = ctx.stats();
      return null;
    });
    return o;
  }

  static Outcome runGenerator(Case c, Map<String, byte[]> classes, Object[] args) {
    Outcome o = new Outcome("generator");
    RunContext ctx = RunContext.sync();
    onWorker(o, c, ctx, () -> {
      Method f = factory(c, classes, args.length);
      Object g;
      try {
        g = f.invoke(null, args);
      } catch (InvocationTargetException e) {
        o.problem = "the factory " + f + " threw (a factory must only create the generator):\n"
            + stackTrace(e.getCause());
        return null;
      }
      if (!(g instanceof dev.coframe.runtime.Generator || g instanceof dev.coframe.runtime.IntGenerator
          || g instanceof dev.coframe.runtime.LongGenerator || g instanceof dev.coframe.runtime.DoubleGenerator)) {
        o.problem = "factory " + f + " returned " + g + ", not a dev.coframe.runtime generator";
        return null;
      }
      List<Object> elements = new ArrayList<>();
      try (AutoCloseable gen = (AutoCloseable) g) {
        java.util.Iterator<?> it = (java.util.Iterator<?>) gen;
        while ((c.closeAfter < 0 || elements.size() < c.closeAfter) && it.hasNext()) {
          Object v = it.next();
          elements.add(v);
          Log.add("got " + v);
        }
      } catch (Throwable t) {
        o.error = t;
      }
      o.value = elements;
      o.log = ctx.takeLog();
      o.stats = ctx.stats();
      return null;
    });
    return o;
  }

  /** What a direct-mode sink throws where a consumer would close the generator. */
  private static final class Closed extends Error {
    private static final long serialVersionUID = 1L;

    Closed() {
      super("closed by the consumer", null, false, false);
    }
  }

  /** The lowered task joined on a worker thread, every awaitable ready at once. */
  static Outcome runSync(Case c, Map<String, byte[]> classes, Object[] args) {
    return runSync(c, classes, args, null);
  }

  /**
   * {@link #runSync}; with an allocator (not null), the task is launched inline with it, so its
   * frames and all its children's come from it, and the run's allocator calls are counted.
   */
  static Outcome runSync(Case c, Map<String, byte[]> classes, Object[] args, FrameAllocator allocator) {
    Outcome o = new Outcome("sync-lowered");
    RunContext ctx = RunContext.sync();
    onWorker(o, c, ctx, () -> {
      Method factory = factory(c, classes, args.length);
      Task<Object> task = allocator == null ? newTask(factory, args, o)
          : launch(Launch.on(Runnable::run).with(allocator), factory, args, o);
      if (task == null || o.problem != null) {
        return null;
      }
      try {
        o.value = task.join();
      } catch (CompletionException e) {
        // join() wraps a checked exception, as CompletableFuture.join does; nothing else.
        Throwable cause = e.getCause();
        o.error = cause != null && !(cause instanceof RuntimeException) && !(cause instanceof Error) ? cause : e;
      } catch (Throwable t) {
        o.error = t;
      }
      o.log = ctx.takeLog();
      o.stats = ctx.stats();
      o.allocatorCalls = allocator == null ? -1 : allocator.stats().calls();
      return null;
    });
    return o;
  }

  /**
   * The lowered task launched on a fresh event loop, no awaitable ready when first asked (each
   * completes later from the loop), joined from the worker thread with a timeout.
   */
  static Outcome runOnLoop(Case c, Map<String, byte[]> classes, Object[] args, boolean mixed) {
    return runOnLoop(c, classes, args, mixed, null);
  }

  /** {@link #runOnLoop}; with an allocator (not null), launched with it, and its calls counted. */
  static Outcome runOnLoop(Case c, Map<String, byte[]> classes, Object[] args, boolean mixed, FrameAllocator allocator) {
    Outcome o = new Outcome(mixed ? "mixed-lowered" : "async-lowered");
    EventLoop loop = new EventLoop("coframe-diff-loop-" + c.id);
    CompletableFuture<Object> crashed = new CompletableFuture<>();
    RunContext[] holder = new RunContext[1];
    // Every step runs with the run's context installed; a step that throws is a crash.
    Executor ex =
        step ->
            loop.execute(
                () -> {
                  holder[0].install();
                  try {
                    step.run();
                  } catch (Throwable t) {
                    crashed.completeExceptionally(t);
                  }
                });
    // mixed: each awaitable ready or not by a seed fixed per case and arguments, so a failure repeats
    RunContext ctx = mixed ? RunContext.mixed(ex, (c.id + Arrays.deepToString(args)).hashCode()) : RunContext.async(ex);
    holder[0] = ctx;
    onWorker(o, c, ctx, () -> {
      Method f = factory(c, classes, args.length);
      Task<Object> task;
      try {
        task = launch(allocator == null ? Launch.on(ex) : Launch.on(ex).with(allocator), f, args, o);
      } catch (RuntimeException e) {
        if (o.problem == null) {
          o.problem = "Launch.start failed:\n" + stackTrace(e);
        }
        return null;
      }
      try {
        CompletableFuture<Object> done = task.toCompletableFuture();
        CompletableFuture.anyOf(done, crashed).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        o.value = done.get();
      } catch (ExecutionException e) {
        if (crashed.isCompletedExceptionally()) {
          o.problem = "a step on the event loop threw (the runtime or generated code let an exception escape "
              + "resume()):\n" + stackTrace(e.getCause());
        } else {
          o.error = e.getCause();
        }
      } catch (TimeoutException e) {
        o.problem = "timed out after " + TIMEOUT_SECONDS + " s on the event loop; task: " + task
            + "; log so far: " + ctx.takeLog() + "; awaitables: " + ctx.stats();
      }
      o.log = ctx.takeLog();
      o.stats = ctx.stats();
      o.allocatorCalls = allocator == null ? -1 : allocator.stats().calls();
      return null;
    });
    if (o.problem != null) {
      ctx.abandon();
    }
    // Close without waiting: an abandoned run's loop stops once its runaway step ends.
    Thread closer = new Thread(loop::close, "coframe-diff-close-" + c.id);
    closer.setDaemon(true);
    closer.start();
    return o;
  }

  /** The task of {@code factory(args)} started by {@code launch}: the root is made inside the launch window, as users write it. */
  private static Task<Object> launch(Launch launch, Method factory, Object[] args, Outcome o) {
    return launch.start(() -> {
      try {
        return newTask(factory, args, o);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @SuppressWarnings("unchecked")
  private static Task<Object> newTask(Method factory, Object[] args, Outcome o) throws IllegalAccessException {
    Object t;
    try {
      t = factory.invoke(null, args);
    } catch (InvocationTargetException e) {
      o.problem = "the factory " + factory + " threw (a factory must only create a lazy task):\n"
          + stackTrace(e.getCause());
      return null;
    }
    if (!(t instanceof Task)) {
      o.problem = "the factory " + factory + " returned " + t + ", not a dev.coframe.runtime.Task";
      return null;
    }
    return (Task<Object>) t;
  }

  private static Method factory(Case c, Map<String, byte[]> classes, int arity) throws ReflectiveOperationException {
    ClassLoader loader = new MemoryClassLoader(classes, DiffHarness.class.getClassLoader());
    String name = c.entryClass() + "Coroutines";
    Class<?> k;
    try {
      k = loader.loadClass(name);
    } catch (ClassNotFoundException e) {
      throw new NoSuchMethodException("no generated class " + name + " (generated classes: "
          + classes.keySet().stream().filter(n -> n.startsWith(c.pkg() + ".")).collect(Collectors.toList()) + ")");
    }
    Method m = find(k, c.entryName(), arity);
    if (!Modifier.isStatic(m.getModifiers())) {
      throw new NoSuchMethodException(m + " is not static");
    }
    return m;
  }

  private static Method find(Class<?> k, String name, int arity) throws NoSuchMethodException {
    List<Method> found = new ArrayList<>();
    for (Method m : k.getDeclaredMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == arity && !m.isSynthetic()) {
        found.add(m);
      }
    }
    if (found.size() != 1) {
      throw new NoSuchMethodException(
          k.getName() + " has " + found.size() + " methods " + name + " with " + arity + " parameters: " + found);
    }
    Method m = found.get(0);
    m.setAccessible(true);
    return m;
  }

  /**
   * Runs {@code body} on a fresh daemon thread with {@code ctx} installed, with a timeout;
   * harness failures become {@code o.problem}. A run that times out is abandoned.
   */
  private static void onWorker(Outcome o, Case c, RunContext ctx, Callable<Void> body) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      ctx.install();
      try {
        body.call();
        result.complete(null);
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }, "coframe-diff-" + o.mode + "-" + c.id);
    t.setDaemon(true);
    t.start();
    try {
      result.get(TIMEOUT_SECONDS + 5, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      o.problem = "timed out after " + (TIMEOUT_SECONDS + 5) + " s; log so far: " + ctx.takeLog() + "; thread:\n"
          + threadDump(t);
      ctx.abandon();
    } catch (ExecutionException e) {
      o.problem = "harness: " + stackTrace(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      o.problem = "interrupted";
    }
  }

  private static String threadDump(Thread t) {
    StringBuilder sb = new StringBuilder();
    for (StackTraceElement e : t.getStackTrace()) {
      sb.append("    at ").append(e).append('\n');
    }
    return sb.toString();
  }

  static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  private static String indentTrace(Throwable t) {
    return stackTrace(t).lines().limit(25).map(l -> "      " + l).collect(Collectors.joining("\n"));
  }
}

package dev.coframe.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * W5 (DESIGN §8): what the processor costs a build. Writes 1,000 small coroutines in 200 classes
 * (each a loop calling the next coroutine) and reports side by side: generated lines per source
 * line, and the CPU time of javac alone, of javac with the processor, of javac on the sources plus
 * the generated sources without it, and of javac on the sources plus the floor of the generated
 * code's shape (one frame class per coroutine, each extending its runtime base with nothing in it)
 * — in a fresh JVM per compile (a command-line or first Maven compile: JIT and class loading
 * included) and in a warm JVM (a build daemon, an IDE). Each CPU time is given whole and in user
 * mode: the kernel's part is mostly the file system creating output files, which costs far more on
 * some machines (a container's overlay disk) than on others. Beside the times, the megabytes the
 * compiling thread allocated: a measure of javac's work that does not move with the machine's load
 * (on 2 loaded cores the times of two runs can differ by a fifth).
 *
 * <p>Run (after the README's first command): {@code mvn -q -pl benchmarks exec:exec@compile-cost}.
 */
public final class CompileCost {
  static final int CLASSES = 200;
  static final int PER_CLASS = 5;
  static final int WARMUP = 3;
  static final int RUNS = 5;
  static final int COLD_RUNS = 5;

  private CompileCost() {}

  public static void main(String[] args) throws IOException {
    Path root = Files.createTempDirectory("coframe-w5");
    Path src = root.resolve("src");
    List<Path> sources = writeSources(src);
    long sourceLines = lines(sources);
    String classpath = System.getProperty("java.class.path");

    Path generated = root.resolve("generated");
    Path out = root.resolve("out");
    List<String> withProcessor = options(classpath, out, "-s", generated.toString(), "-processorpath", classpath,
        "-proc:full");
    List<String> plain = options(classpath, out, "-proc:none");
    // generate once to count lines and to compile the generated sources alone
    compile(withProcessor, sources);
    List<Path> generatedFiles = javaFiles(generated);
    long generatedLines = lines(generatedFiles);
    List<Path> both = new ArrayList<>(sources);
    both.addAll(generatedFiles);
    List<Path> floor = new ArrayList<>(sources);
    floor.addAll(writeFloor(root.resolve("floor")));

    System.out.printf("W5 compile: %d coroutines in %d classes, %d source lines, JDK %s%n", CLASSES * PER_CLASS,
        CLASSES, sourceLines, Runtime.version());
    System.out.printf("  generated lines: %d (%.1f per source line)%n", generatedLines,
        (double) generatedLines / sourceLines);

    // cold: a fresh JVM per compile, as `javac` on the command line or a first Maven compile
    List<List<Path>> inputs = List.of(sources, sources, both, floor);
    Cpu[] cold = new Cpu[inputs.size()];
    for (int k = 0; k < inputs.size(); k++) {
      List<Cpu> runs = new ArrayList<>();
      for (int i = 0; i < COLD_RUNS; i++) {
        runs.add(compileInFreshJvm(k == 1 ? withProcessor : plain, inputs.get(k)));
      }
      cold[k] = Cpu.median(runs);
    }
    print("fresh JVM per compile, the process's CPU incl. JIT and GC, median of " + COLD_RUNS, cold);

    // warm: in this JVM after warm-up, as in a build daemon or an IDE
    List<List<Cpu>> warm = new ArrayList<>();
    inputs.forEach(i -> warm.add(new ArrayList<>()));
    for (int i = 0; i < WARMUP + RUNS; i++) {
      for (int k = 0; k < inputs.size(); k++) {
        Cpu cpu = compile(k == 1 ? withProcessor : plain, inputs.get(k));
        if (i >= WARMUP) {
          warm.get(k).add(cpu);
        }
      }
    }
    print("warm JVM, the javac thread's CPU, median of " + RUNS + " after " + WARMUP + " warm-up runs",
        warm.stream().map(Cpu::median).toArray(Cpu[]::new));
    deleteAll(root);
  }

  /**
   * CPU milliseconds of one compile: all of it, and the part in user mode. The rest is the kernel's,
   * mostly the file system creating the output files (on this project's CI machine, about 0.8 ms
   * per class file, so the count of classes weighs more there than on a laptop's disk).
   */
  record Cpu(long total, long user, long allocatedMb) {
    static Cpu median(List<Cpu> runs) {
      return new Cpu(CompileCost.median(runs.stream().mapToLong(Cpu::total).toArray()),
          CompileCost.median(runs.stream().mapToLong(Cpu::user).toArray()),
          CompileCost.median(runs.stream().mapToLong(Cpu::allocatedMb).toArray()));
    }
  }

  private static void print(String regime, Cpu[] ms) {
    System.out.printf("  %s (ms of CPU, all and user mode, and MB the compiling thread allocated; against javac alone):%n",
        regime);
    String[] rows = {"javac alone", "javac with the processor", "javac on sources + generated sources",
        "javac on sources + empty frames (the floor of one class per coroutine)"};
    for (int k = 0; k < rows.length; k++) {
      System.out.printf("    %-72s %6d %6d user %5d MB", rows[k] + ":", ms[k].total(), ms[k].user(), ms[k].allocatedMb());
      if (k > 0) {
        System.out.printf("  %+5.0f%% %+5.0f%% user %+5.0f%% MB", 100.0 * (ms[k].total() - ms[0].total()) / ms[0].total(),
            100.0 * (ms[k].user() - ms[0].user()) / ms[0].user(),
            100.0 * (ms[k].allocatedMb() - ms[0].allocatedMb()) / ms[0].allocatedMb());
      }
      System.out.println();
    }
  }

  /** Runs {@link Once} in a new JVM on this class path; answers that JVM's CPU time. */
  private static Cpu compileInFreshJvm(List<String> options, List<Path> files) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Once.class.getName()));
    cmd.addAll(options);
    files.forEach(f -> cmd.add(f.toString()));
    for (int i = 0; i < options.size(); i++) {
      if (options.get(i).equals("-d") || options.get(i).equals("-s")) {
        recreate(Path.of(options.get(i + 1)));
      }
    }
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    try {
      if (p.waitFor() != 0) {
        throw new IllegalStateException("javac failed in a fresh JVM: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    String[] ms = out.split(" ");
    return new Cpu(Long.parseLong(ms[0]), Long.parseLong(ms[1]), Long.parseLong(ms[2]));
  }

  /**
   * One compile in this JVM; prints the process's CPU milliseconds (all threads, JIT and GC included), all of
   * it and in user mode (from {@code /proc/self/stat} where there is one, else all of it again), and the
   * megabytes this thread allocated.
   */
  public static final class Once {
    private Once() {}

    public static void main(String[] args) {
      int rc = ToolProvider.getSystemJavaCompiler().run(null, null, System.err, args);
      if (rc != 0) {
        System.exit(rc);
      }
      long ms = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime() / 1_000_000;
      System.out.println(ms + " " + userMillis(ms) + " " + allocatedMb());
    }

    /** utime of {@code /proc/self/stat} (field 14, after the command in parentheses), in clock ticks of 10 ms. */
    private static long userMillis(long orElse) {
      try {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) * 10;
      } catch (IOException | RuntimeException e) {
        return orElse;
      }
    }
  }

  /** The megabytes the calling thread has allocated so far. */
  static long allocatedMb() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes()
        / 1_000_000;
  }

  private static List<String> options(String classpath, Path out, String... more) {
    List<String> o = new ArrayList<>(List.of("-classpath", classpath, "-d", out.toString(), "--release", "17",
        "-nowarn", "-Xlint:none"));
    o.addAll(Arrays.asList(more));
    return o;
  }

  /** Compiles {@code files} with javac in this thread; answers the thread's CPU time. */
  private static Cpu compile(List<String> options, List<Path> files) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(options);
    files.forEach(f -> args.add(f.toString()));
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("-d") || args.get(i).equals("-s")) {
        recreate(Path.of(args.get(i + 1)));
      }
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long t0 = threads.getCurrentThreadCpuTime();
    long u0 = threads.getCurrentThreadUserTime();
    long a0 = allocatedMb();
    int rc = javac.run(null, null, System.err, args.toArray(new String[0]));
    Cpu cpu = new Cpu((threads.getCurrentThreadCpuTime() - t0) / 1_000_000,
        (threads.getCurrentThreadUserTime() - u0) / 1_000_000, allocatedMb() - a0);
    if (rc != 0) {
      throw new IllegalStateException("javac failed (" + rc + ")");
    }
    return cpu;
  }

  /** {@code w5.C<k>}, each with coroutines {@code f<j>} whose loop calls the next coroutine. */
  private static List<Path> writeSources(Path src) throws IOException {
    Path pkg = src.resolve("w5");
    Files.createDirectories(pkg);
    List<Path> files = new ArrayList<>();
    for (int k = 0; k < CLASSES; k++) {
      StringBuilder sb = new StringBuilder();
      sb.append("package w5;\n\nimport dev.coframe.Coroutine;\n\nfinal class C").append(k).append(" {\n");
      for (int j = 0; j < PER_CLASS; j++) {
        int n = k * PER_CLASS + j;
        int next = n + 1;
        String call = next == CLASSES * PER_CLASS ? "i + 1"
            : "C" + (next / PER_CLASS) + ".f" + (next % PER_CLASS) + "(i)";
        sb.append("  @Coroutine\n")
            .append("  static int f").append(j).append("(int n) {\n")
            .append("    int sum = 0;\n")
            .append("    for (int i = 0; i < n; i++) {\n")
            .append("      sum += ").append(call).append(";\n")
            .append("    }\n")
            .append("    return sum;\n")
            .append("  }\n\n");
      }
      sb.append("}\n");
      Path f = pkg.resolve("C" + k + ".java");
      Files.writeString(f, sb.toString());
      files.add(f);
    }
    return files;
  }

  /**
   * The floor of the generated code's shape: per class {@code w5.C<k>}, a {@code C<k>Coroutines}
   * holding one frame class per coroutine, each extending its runtime base with only the method the
   * base asks for, empty — what one class per coroutine costs javac before any factory, field or body.
   */
  private static List<Path> writeFloor(Path dir) throws IOException {
    Path pkg = dir.resolve("w5");
    Files.createDirectories(pkg);
    List<Path> files = new ArrayList<>();
    for (int k = 0; k < CLASSES; k++) {
      StringBuilder sb = new StringBuilder("package w5;\n\npublic final class C" + k + "Coroutines {\n");
      for (int j = 0; j < PER_CLASS; j++) {
        sb.append("  public static final class F").append(j).append("Frame_int extends dev.coframe.runtime.internal.IntFrame {\n")
            .append("    protected void run() {\n    }\n  }\n\n");
      }
      sb.append("}\n");
      Path f = pkg.resolve("C" + k + "Coroutines.java");
      Files.writeString(f, sb.toString());
      files.add(f);
    }
    return files;
  }

  private static long lines(List<Path> files) throws IOException {
    long n = 0;
    for (Path f : files) {
      n += Files.readAllLines(f).size();
    }
    return n;
  }

  private static List<Path> javaFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  private static long median(long[] xs) {
    long[] c = xs.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }

  private static void recreate(Path dir) {
    deleteAll(dir);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteAll(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

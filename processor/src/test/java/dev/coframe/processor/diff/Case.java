package dev.coframe.processor.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;
import javax.tools.JavaFileObject;
import com.google.testing.compile.JavaFileObjects;

/**
 * One differential case: the members of class {@code cases.<id>.Case} (an entry coroutine
 * {@code run}, or a generator {@code gen}, plus helpers), any further top-level classes of the
 * same package, and the argument lists to run the entry with.
 */
public final class Case {
  /** Imports every case file gets (the processor copies them into the generated file). */
  static final String IMPORTS =
      String.join(
          "\n",
          "import dev.coframe.Coroutine;",
          "import dev.coframe.runtime.DoubleYield;",
          "import dev.coframe.runtime.IntYield;",
          "import dev.coframe.runtime.LongYield;",
          "import dev.coframe.runtime.Yield;",
          "import dev.coframe.testing.*;",
          "import java.io.IOException;",
          "import java.util.*;",
          "import java.util.function.*;",
          "import static dev.coframe.runtime.Co.await;",
          "");

  private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:class|record|interface|enum)\\s+(\\w+)");

  final String id;
  final String body;
  final boolean generator;
  final Map<String, String> others = new LinkedHashMap<>();
  final List<Object[]> argSets = new ArrayList<>();
  /** For a generator: how many elements the consumer takes before closing it (-1: all). */
  int closeAfter = -1;
  /** The imports of every file of the case. */
  private String imports = IMPORTS;

  private Case(String id, String body, boolean generator) {
    if (!SourceVersion.isName(id) || id.contains(".") || !id.equals(id.toLowerCase())) {
      throw new IllegalArgumentException("case id must be a lower-case Java identifier: " + id);
    }
    this.id = id;
    this.body = body;
    this.generator = generator;
  }

  /** A task case: {@code body} declares {@code @Coroutine static R run(...)} and helpers. */
  public static Case task(String id, String body) {
    return new Case(id, body, false);
  }

  /** A generator case: {@code body} declares {@code @Coroutine static void gen(..., Yield<T> out)}. */
  public static Case gen(String id, String body) {
    return new Case(id, body, true);
  }

  /** Adds one argument list to run the entry with (none given: run once without arguments). */
  public Case args(Object... args) {
    argSets.add(args);
    return this;
  }

  /**
   * For a generator: the consumer takes {@code n} elements, then closes it (lowered:
   * {@code close()}; direct mode: the sink throws an {@code Error} at the next element, which runs
   * the body's finally blocks and no catch of an {@code Exception}).
   */
  public Case closeAfter(int n) {
    closeAfter = n;
    return this;
  }

  /**
   * This case under another id ({@code <id>_<suffix>}): its body and other classes edited by {@code
   * edit}, its files importing {@code moreImports} too, the same arguments.
   */
  Case variant(String suffix, String moreImports, java.util.function.UnaryOperator<String> edit) {
    Case v = new Case(id + "_" + suffix, edit.apply(body), generator);
    v.imports = imports + moreImports;
    others.forEach((name, decl) -> v.others.put(name, edit.apply(decl)));
    v.argSets.addAll(argSets);
    v.closeAfter = closeAfter;
    return v;
  }

  /** Adds a top-level class of the case's package: its full declaration, without package or imports. */
  public Case with(String classDeclaration) {
    Matcher m = CLASS_NAME.matcher(classDeclaration);
    if (!m.find()) {
      throw new IllegalArgumentException("no class name in " + classDeclaration);
    }
    others.put(m.group(1), classDeclaration);
    return this;
  }

  String pkg() {
    return "cases." + id;
  }

  String entryClass() {
    return pkg() + ".Case";
  }

  String entryName() {
    return generator ? "gen" : "run";
  }

  List<Object[]> argSetsOrEmpty() {
    return argSets.isEmpty() ? List.<Object[]>of(new Object[0]) : argSets;
  }

  String caseSource() {
    return "package " + pkg() + ";\n\n" + imports + "\npublic final class Case {\n" + indent(body) + "}\n";
  }

  String otherSource(String declaration) {
    return "package " + pkg() + ";\n\n" + imports + "\n" + declaration.strip() + "\n";
  }

  /** The case's compilation units. */
  List<JavaFileObject> sources() {
    List<JavaFileObject> files = new ArrayList<>();
    files.add(JavaFileObjects.forSourceString(entryClass(), caseSource()));
    others.forEach((name, decl) -> files.add(JavaFileObjects.forSourceString(pkg() + "." + name, otherSource(decl))));
    return files;
  }

  /** The user's sources, numbered, for failure messages. */
  String describeSources() {
    StringBuilder sb = new StringBuilder();
    sb.append("---- ").append(entryClass().replace('.', '/')).append(".java\n").append(numbered(caseSource()));
    others.forEach(
        (name, decl) ->
            sb.append("---- ").append((pkg() + "." + name).replace('.', '/')).append(".java\n")
                .append(numbered(otherSource(decl))));
    return sb.toString();
  }

  static String numbered(String text) {
    String[] lines = text.split("\n", -1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      if (i == lines.length - 1 && lines[i].isEmpty()) {
        break;
      }
      sb.append(String.format("%4d  %s%n", i + 1, lines[i]));
    }
    return sb.toString();
  }

  private static String indent(String text) {
    StringBuilder sb = new StringBuilder();
    for (String line : text.stripTrailing().split("\n", -1)) {
      sb.append(line.isEmpty() ? "" : "  " + line).append('\n');
    }
    return sb.toString();
  }

  static String describeArgs(Object[] args) {
    return Arrays.deepToString(args);
  }

  @Override
  public String toString() {
    return id;
  }
}

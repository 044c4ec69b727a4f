package dev.coframe.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.coframe.processor.diag.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The troubleshooting guide, {@code docs/troubleshooting.md}, is generated from {@link Message},
 * the processor's one list of what it can say: this test regenerates it and compares, so the guide
 * cannot drift from the messages. Regenerate it with
 * {@code mvn -o test -pl processor -Dtest=TroubleshootingGuideTest -Dcoframe.guide.update=true}.
 * {@link #assertCatalogued} is how the diagnostics tests check that every {@code [coframe]} text the
 * processor really prints is one of these messages, so every one of them is in the guide.
 */
public class TroubleshootingGuideTest {

  static final Path GUIDE = Path.of("..", "docs", "troubleshooting.md");

  @BeforeAll
  static void updateIfAsked() throws IOException {
    if (Boolean.getBoolean("coframe.guide.update")) {
      Files.createDirectories(GUIDE.getParent());
      Files.writeString(GUIDE, render(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theGuideIsGeneratedFromTheMessages() throws IOException {
    String expected = render();
    assertTrue(Files.exists(GUIDE), GUIDE + " is missing; regenerate it with -Dcoframe.guide.update=true");
    assertEquals(expected, Files.readString(GUIDE, StandardCharsets.UTF_8),
        GUIDE + " differs from the messages; regenerate it with -Dcoframe.guide.update=true and review the diff");
  }

  @Test
  void everyMessageIsInTheGuide() throws IOException {
    String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
    for (Message m : Message.values()) {
      assertTrue(guide.contains(m.template()), m + " is not in " + GUIDE);
    }
  }

  /** No message is listed that nothing prints: each is named somewhere in the processor's own code. */
  @Test
  void everyMessageIsUsed() throws IOException {
    StringBuilder code = new StringBuilder();
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java")
          && !p.getFileName().toString().equals("Message.java"))::iterator) {
        code.append(Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    List<Message> unused = new ArrayList<>();
    for (Message m : Message.values()) {
      if (!Pattern.compile("\\bMessage\\." + m.name() + "\\b").matcher(code).find()) {
        unused.add(m);
      }
    }
    assertEquals(List.of(), unused, "messages the processor never prints");
  }

  /** Holes are filled in order of first appearance; a repeated hole repeats its value; a count that differs is a bug. */
  @Test
  void formatFillsEachHoleOnce() {
    assertEquals("a @Coroutine method needs a body: remove @Coroutine or give run a body",
        Message.NO_BODY.format("run"));
    assertTrue(Message.OVERRIDES.format("run", "Base", "XCoroutines.run")
        .startsWith("coroutine run overrides Base.run: a call through Base runs this body"));
    try {
      Message.NO_BODY.format();
      fail("a missing value must not be printed as a hole");
    } catch (IllegalArgumentException expected) {
      // the processor turns this into an internal error, which the diagnostics tests never accept
    }
    assertTrue(Message.NO_BODY.pattern().matcher(Message.NO_BODY.format("x")).matches());
  }

  /**
   * Every {@code [coframe]} diagnostic in {@code diagnostics} is a message of the catalogue, of the
   * kind it was printed as: so it is in the guide.
   */
  public static void assertCatalogued(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
      String text = d.getMessage(Locale.ROOT);
      if (!text.startsWith("[coframe] ")) {
        continue;
      }
      String message = text.substring("[coframe] ".length()).lines().findFirst().orElse("");
      Message.Kind kind = switch (d.getKind()) {
        case ERROR -> Message.Kind.ERROR;
        case NOTE -> Message.Kind.NOTE;
        default -> Message.Kind.WARNING;
      };
      boolean found = false;
      for (Message m : Message.values()) {
        found |= m.kind() == kind && m.pattern().matcher(message).matches();
      }
      assertTrue(found, "a " + kind + " that is not in the guide's catalogue (diag/Message): " + message);
    }
  }

  /** The guide: an introduction, then each topic's messages with their holes, in the catalogue's order. */
  static String render() {
    StringBuilder out = new StringBuilder();
    out.append("# Troubleshooting: every message of the Coframe processor\n\n")
        .append("<!-- Generated from processor/src/main/java/dev/coframe/processor/diag/Message.java by\n")
        .append("     TroubleshootingGuideTest; edit the messages there, then regenerate with\n")
        .append("     mvn -o test -pl processor -Dtest=TroubleshootingGuideTest -Dcoframe.guide.update=true -->\n\n")
        .append("Every message the processor prints starts with `[coframe]` and is a javac error, warning or\n")
        .append("note at the exact source position it is about: the declaration, or the expression inside a\n")
        .append("coroutine body. Each says what is wrong, then how to fix it. Below, `{name}` marks a part\n")
        .append("filled in from your code. An error stops the build before anything is generated, and all\n")
        .append("errors of a build are reported together.\n\n")
        .append("Warnings about a coroutine declaration can be silenced with `@SuppressWarnings(\"coframe\")` on\n")
        .append("it or on an enclosing class. An *internal error* is a bug of Coframe: please report it with\n")
        .append("the source that caused it. To see why a coroutine compiles as it does, build with\n")
        .append("`-Acoframe.report=notes` (a note at every call) and read `META-INF/coframe/<Owner>.json` in\n")
        .append("the class output (see the README's elision guide).\n");
    for (Message.Topic topic : Message.Topic.values()) {
      out.append("\n## ").append(topic.title()).append("\n");
      if (topic == Message.Topic.DECISION) {
        out.append("\nThese fill the holes of the elision messages above: where a child frame lives, who asked\n")
            .append("for its elision, and why it is or is not embedded.\n");
      }
      for (Message m : Message.values()) {
        if (m.topic() == topic) {
          out.append("\n- **").append(m.kind().name().toLowerCase(Locale.ROOT)).append("** `")
              .append(m.name()).append("`: `` ").append(m.template()).append(" ``\n");
        }
      }
    }
    return out.toString();
  }
}

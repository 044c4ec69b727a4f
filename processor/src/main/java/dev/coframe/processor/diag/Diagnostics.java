package dev.coframe.processor.diag;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import java.io.PrintWriter;
import java.io.StringWriter;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** The one path by which anything reaches the user: errors at exact positions, never stack traces. */
public final class Diagnostics {
  private final Messager messager;
  private final Trees trees;
  private int errors;

  public Diagnostics(Messager messager, Trees trees) {
    this.messager = messager;
    this.trees = trees;
  }

  /** Prints {@code p} at its tree (inside {@code unit}) or its element. */
  public void report(Problem p, Element context, CompilationUnitTree unit) {
    errors++;
    String msg = "[coframe] " + p.getMessage();
    if (p.tree() != null && unit != null && trees != null) {
      trees.printMessage(Diagnostic.Kind.ERROR, msg, markOf(p.tree()), unit);
    } else {
      messager.printMessage(Diagnostic.Kind.ERROR, msg, p.element() != null ? p.element() : context);
    }
  }

  /** A bug of Coframe itself: said as one clear error, with what to send in a report. */
  public void internalError(Throwable t, Element context) {
    errors++;
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    messager.printMessage(Diagnostic.Kind.ERROR, text(Message.Kind.ERROR, Message.INTERNAL_ERROR, t) + "\n" + trace,
        context);
  }

  /** A note at {@code tree} inside {@code unit}. */
  public void noteAt(Tree tree, CompilationUnitTree unit, Message message, Object... values) {
    trees.printMessage(Diagnostic.Kind.NOTE, text(Message.Kind.NOTE, message, values), markOf(tree), unit);
  }

  /** A warning about the build rather than a declaration (no position). */
  public void buildWarning(Message message, Object... values) {
    messager.printMessage(Diagnostic.Kind.WARNING, text(Message.Kind.WARNING, message, values));
  }

  /**
   * A warning at a declaration, unless it or an enclosing declaration says
   * {@code @SuppressWarnings("coframe")}.
   */
  public void warn(Element at, Message message, Object... values) {
    if (suppressed(at)) {
      return;
    }
    messager.printMessage(Diagnostic.Kind.WARNING, text(Message.Kind.WARNING, message, values), at);
  }

  /**
   * A warning at {@code tree} inside {@code unit}, unless {@code context} or a declaration enclosing
   * it says {@code @SuppressWarnings("coframe")}.
   */
  public void warnAt(Tree tree, CompilationUnitTree unit, Element context, Message message, Object... values) {
    if (context != null && suppressed(context)) {
      return;
    }
    trees.printMessage(Diagnostic.Kind.WARNING, text(Message.Kind.WARNING, message, values), markOf(tree), unit);
  }

  private static boolean suppressed(Element at) {
    for (Element e = at; e != null; e = e.getEnclosingElement()) {
      SuppressWarnings s = e.getAnnotation(SuppressWarnings.class);
      if (s != null && java.util.Arrays.asList(s.value()).contains("coframe")) {
        return true;
      }
    }
    return false;
  }

  public int errorCount() {
    return errors;
  }

  /** The printed text of {@code message}, which must be of {@code kind}. */
  private static String text(Message.Kind kind, Message message, Object... values) {
    return "[coframe] " + message.as(kind).format(values);
  }

  /** Javac marks a call at its '('; the method name is where a reader looks. */
  private static Tree markOf(Tree t) {
    return t instanceof MethodInvocationTree ? ((MethodInvocationTree) t).getMethodSelect() : t;
  }

}

package dev.coframe.processor.read;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreeScanner;
import dev.coframe.processor.diag.Diagnostics;
import dev.coframe.processor.diag.Message;
import dev.coframe.processor.diag.Problem;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Finds {@code @Coroutine} methods of local and anonymous classes, which javac never reports to
 * processors (they would silently get no frame), and rejects each at its position; and {@code
 * @Elide} on locals outside coroutine bodies (which no processor sees either), where it decides
 * nothing: a warning each.
 *
 * <p>Each compilation unit is scanned once: by the processor for the units of a round, and, as a
 * {@link TaskListener}, for units that reach analysis without the processor having been called on
 * them (a compilation whose only {@code @Coroutine} is in a local class never calls a processor
 * that claims only Coframe's annotations).
 */
public final class LocalCoroutines implements TaskListener {
  private final Diagnostics diagnostics;
  /** Membership only (never iterated), so identity is safe for determinism. */
  private final Set<CompilationUnitTree> scanned = Collections.newSetFromMap(new IdentityHashMap<>());

  public LocalCoroutines(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  @Override
  public void started(TaskEvent e) {
    if (e.getKind() == TaskEvent.Kind.ANALYZE && e.getCompilationUnit() != null) {
      scan(e.getCompilationUnit());
    }
  }

  /** Reports every {@code @Coroutine} of a local or anonymous class in {@code unit}, once per unit. */
  public void scan(CompilationUnitTree unit) {
    if (!scanned.add(unit)) {
      return;
    }
    // each node is visited with its parent (a TreePath per node would cost more than the scan)
    new TreeScanner<Void, Tree>() {
      /** Whether the scan is in a coroutine's own body (not in a lambda or class inside it). */
      private boolean inCoroutine;

      @Override
      public Void scan(Tree node, Tree parent) {
        if (node instanceof ClassTree t && (parent instanceof BlockTree || parent instanceof NewClassTree)) {
          for (Tree member : t.getMembers()) {
            if (member instanceof MethodTree && annotated(((MethodTree) member).getModifiers(), Declarations.COROUTINE)) {
              diagnostics.report(Problem.at(member, Message.LOCAL_CLASS_OWNER), null, unit);
            }
          }
        }
        if (node instanceof VariableTree v && !inCoroutine && annotated(v.getModifiers(), Declarations.ELIDE)) {
          diagnostics.warnAt(v, unit, null, Message.ELIDE_LOCAL_OUTSIDE_A_COROUTINE, v.getName());
        }
        boolean outer = inCoroutine;
        if (node instanceof MethodTree m) {
          inCoroutine = annotated(m.getModifiers(), Declarations.COROUTINE);
        } else if (node instanceof LambdaExpressionTree || node instanceof ClassTree) {
          inCoroutine = false;
        }
        try {
          return node == null ? null : node.accept(this, node);
        } finally {
          inCoroutine = outer;
        }
      }
    }.scan(unit, null);
  }

  /** Whether {@code modifiers} carry the annotation {@code qualified} (by that name or its simple name). */
  private static boolean annotated(ModifiersTree modifiers, String qualified) {
    for (AnnotationTree a : modifiers.getAnnotations()) {
      String name = a.getAnnotationType().toString();
      if (name.equals(qualified) || name.equals(qualified.substring(qualified.lastIndexOf('.') + 1))) {
        return true;
      }
    }
    return false;
  }
}

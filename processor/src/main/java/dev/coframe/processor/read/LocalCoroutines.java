package dev.coframe.processor.read;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
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
 * processors (they would silently get no frame), and rejects each at its position.
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
      @Override
      public Void scan(Tree node, Tree parent) {
        if (node instanceof ClassTree t && (parent instanceof BlockTree || parent instanceof NewClassTree)) {
          for (Tree member : t.getMembers()) {
            if (member instanceof MethodTree && isCoroutineAnnotated((MethodTree) member)) {
              diagnostics.report(Problem.at(member, Message.LOCAL_CLASS_OWNER), null, unit);
            }
          }
        }
        return node == null ? null : node.accept(this, node);
      }
    }.scan(unit, null);
  }

  private static boolean isCoroutineAnnotated(MethodTree m) {
    for (AnnotationTree a : m.getModifiers().getAnnotations()) {
      String name = a.getAnnotationType().toString();
      if (name.equals("Coroutine") || name.equals(Declarations.COROUTINE)) {
        return true;
      }
    }
    return false;
  }
}

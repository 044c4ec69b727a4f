package dev.coframe.processor.analysis;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import dev.coframe.processor.diag.Message;
import dev.coframe.processor.diag.Problem;
import dev.coframe.processor.model.CoroutineDecl;
import dev.coframe.processor.read.Declarations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Finds the suspension points of a body — calls to other coroutines, {@code Co.await(..)}, and a
 * generator's {@code out.yield(..)} — and every tree that contains one, and rejects suspension
 * where Java cannot suspend: inside lambdas, anonymous and local classes, and {@code synchronized}.
 */
public final class BodyScan {
  /** What a suspension point does. */
  public enum Kind { CALL, AWAIT, YIELD, YIELD_ALL }

  /**
   * One suspension point; for {@link Kind#CALL}, {@code callee} is the coroutine called and
   * {@code exact} whether it is known to be that overload (else javac's choice is only known to be
   * one of the same name and arity).
   */
  public record Point(Kind kind, MethodInvocationTree tree, TreePath path, CoroutineDecl callee, Typer.Target target,
      boolean exact) {}

  /**
   * A call of a coroutine's generated factory ({@code ShopCoroutines.price(s)}): a task made, not
   * yet a suspension point; {@code immediate} when it is the very argument of {@code await}.
   */
  public record FactoryCall(MethodInvocationTree tree, TreePath path, CoroutineDecl callee, boolean immediate,
      boolean exact) {}

  private final Map<Tree, Point> points = new LinkedHashMap<>();
  private final List<FactoryCall> factoryCalls = new ArrayList<>();
  private final Set<Tree> containing = new HashSet<>();

  private BodyScan() {}

  public Point pointAt(Tree t) {
    return points.get(t);
  }

  /** Whether {@code t} is or contains a suspension point. */
  public boolean suspends(Tree t) {
    return containing.contains(t);
  }

  /** The factory calls of the body, in source order. */
  public List<FactoryCall> factoryCalls() {
    return factoryCalls;
  }

  /** The suspension points of the body, in source order. */
  public List<Point> points() {
    return new ArrayList<>(points.values());
  }

  /** The classes that declare the coroutines this body calls. */
  public List<TypeElement> calleeOwners() {
    List<TypeElement> out = new ArrayList<>();
    for (Point p : points.values()) {
      if (p.callee() != null) {
        out.add(p.callee().owner());
      }
    }
    return out;
  }

  public boolean hasPoints() {
    return !points.isEmpty();
  }

  /** Every variable name declared anywhere in the body (locals, lambda and catch parameters...). */
  public static Set<String> declaredNames(Tree body) {
    Set<String> names = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree v, Void x) {
        names.add(v.getName().toString());
        return super.visitVariable(v, x);
      }
    }.scan(body, null);
    return names;
  }

  public static BodyScan scan(TreePath body, CoroutineDecl self, Typer typer, Declarations decls) {
    BodyScan result = new BodyScan();
    String out = self.isGenerator() ? self.yieldParamName() : null;
    new TreePathScanner<Void, Void>() {
      private int lambdas;
      private int classes;
      private int monitors;

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree t, Void x) {
        lambdas++;
        try {
          return super.visitLambdaExpression(t, x);
        } finally {
          lambdas--;
        }
      }

      @Override
      public Void visitClass(ClassTree t, Void x) {
        classes++;
        try {
          return super.visitClass(t, x);
        } finally {
          classes--;
        }
      }

      @Override
      public Void visitSynchronized(SynchronizedTree t, Void x) {
        scan(t.getExpression(), x);
        monitors++;
        try {
          return scan(t.getBlock(), x);
        } finally {
          monitors--;
        }
      }

      @Override
      public Void visitIdentifier(IdentifierTree t, Void x) {
        if (out != null && t.getName().contentEquals(out) && !isYieldReceiver()) {
          throw Problem.at(t, Message.YIELD_ESCAPES, out);
        }
        return null;
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree t, Void x) {
        if (out != null && t.getQualifierExpression() instanceof IdentifierTree
            && ((IdentifierTree) t.getQualifierExpression()).getName().contentEquals(out)) {
          throw Problem.at(t, Message.YIELD_REFERENCED, out);
        }
        return super.visitMemberReference(t, x);
      }

      private boolean isYieldReceiver() {
        Tree parent = getCurrentPath().getParentPath().getLeaf();
        if (!(parent instanceof MemberSelectTree)) {
          return false;
        }
        String m = ((MemberSelectTree) parent).getIdentifier().toString();
        return (m.equals("yield") || m.equals("yieldAll"))
            && getCurrentPath().getParentPath().getParentPath().getLeaf() instanceof MethodInvocationTree;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree t, Void x) {
        super.visitMethodInvocation(t, x);
        Point p = classify(t, getCurrentPath());
        if (p == null) {
          FactoryCall f = factoryCall(t, getCurrentPath());
          if (f != null) {
            result.factoryCalls.add(f);
          }
          return null;
        }
        String what = p.kind() == Kind.AWAIT ? "await(..)" : p.kind() == Kind.CALL
            ? "coroutine call " + t.getMethodSelect() + "(..)" : out + ".yield(..)";
        if (lambdas > 0) {
          throw Problem.at(t, Message.SUSPEND_IN_LAMBDA, what);
        }
        if (classes > 0) {
          throw Problem.at(t, Message.SUSPEND_IN_CLASS, what);
        }
        if (monitors > 0) {
          throw Problem.at(t, Message.SUSPEND_IN_SYNCHRONIZED, what);
        }
        if (self.isGenerator() && (p.kind() == Kind.AWAIT || p.kind() == Kind.CALL)) {
          throw Problem.at(t, Message.AWAIT_IN_GENERATOR, what, self.name(), out);
        }
        result.points.put(t, p);
        for (TreePath q = getCurrentPath(); q != null && q.getLeaf() != body.getLeaf(); q = q.getParentPath()) {
          result.containing.add(q.getLeaf());
        }
        result.containing.add(body.getLeaf());
        return null;
      }

      /**
       * {@code XCoroutines.f(..)} where X (or {@code Outer_X}) declares coroutine f taking as many
       * arguments (an instance coroutine's factory takes its receiver first), else null.
       */
      private FactoryCall factoryCall(MethodInvocationTree t, TreePath path) {
        if (!(t.getMethodSelect() instanceof MemberSelectTree)) {
          return null;
        }
        MemberSelectTree ms = (MemberSelectTree) t.getMethodSelect();
        String q = ms.getExpression().toString();
        String simple = q.substring(q.lastIndexOf('.') + 1);
        if (!simple.endsWith("Coroutines")) {
          return null;
        }
        String ownerPath = simple.substring(0, simple.length() - "Coroutines".length());
        javax.lang.model.element.TypeElement owner = null;
        if (q.contains(".")) {
          // pkg.XCoroutines: X in that package (Outer_Inner is Outer.Inner)
          owner = typer.names().elements().getTypeElement(q.substring(0, q.lastIndexOf('.') + 1)
              + ownerPath.replace('_', '.'));
        }
        for (String part : owner != null ? new String[0] : ownerPath.split("_")) {
          owner = owner == null ? typer.names().typeNamed(part) : member(owner, part);
          if (owner == null) {
            return null;
          }
        }
        List<CoroutineDecl> matching = new ArrayList<>();
        for (ExecutableElement m : javax.lang.model.util.ElementFilter.methodsIn(owner.getEnclosedElements())) {
          if (m.getSimpleName().contentEquals(ms.getIdentifier()) && CoroutineDecl.isCoroutine(m)) {
            CoroutineDecl d = decls.declOf(m);
            int arity = d.factoryParams().size() + (d.isStatic() ? 0 : 1);
            if (arity == t.getArguments().size() || m.isVarArgs()) {
              matching.add(d);
            }
          }
        }
        if (matching.isEmpty()) {
          return null;
        }
        Tree parent = path.getParentPath().getLeaf();
        boolean awaited = parent instanceof MethodInvocationTree && isAwaitOf((MethodInvocationTree) parent, t, path);
        // several overloads of that arity: javac picks one, which the processor does not know for sure
        return new FactoryCall(t, path, matching.get(0), awaited, matching.size() == 1);
      }

      private boolean isAwaitOf(MethodInvocationTree parent, MethodInvocationTree arg, TreePath path) {
        if (parent.getArguments().size() != 1 || parent.getArguments().get(0) != arg) {
          return false;
        }
        Typer.Target target = typer.targets(parent, path.getParentPath());
        return target != null && !target.candidates().isEmpty() && Typer.isAwait(target);
      }

      private javax.lang.model.element.TypeElement member(javax.lang.model.element.TypeElement outer, String name) {
        for (javax.lang.model.element.TypeElement t : javax.lang.model.util.ElementFilter.typesIn(outer.getEnclosedElements())) {
          if (t.getSimpleName().contentEquals(name)) {
            return t;
          }
        }
        return null;
      }

      private Point classify(MethodInvocationTree t, TreePath path) {
        ExpressionTree sel = t.getMethodSelect();
        if (out != null && sel instanceof MemberSelectTree
            && ((MemberSelectTree) sel).getExpression() instanceof IdentifierTree
            && ((IdentifierTree) ((MemberSelectTree) sel).getExpression()).getName().contentEquals(out)) {
          String m = ((MemberSelectTree) sel).getIdentifier().toString();
          return new Point(m.equals("yieldAll") ? Kind.YIELD_ALL : Kind.YIELD, t, path, null, null, true);
        }
        Typer.Target target = typer.targets(t, path);
        if (target == null || target.candidates().isEmpty()) {
          return null;
        }
        if (Typer.isAwait(target)) {
          return new Point(Kind.AWAIT, t, path, null, target, true);
        }
        ExecutableElement m = target.candidates().get(0);
        if (!CoroutineDecl.isCoroutine(m)) {
          return null;
        }
        ExecutableElement exact = target.candidates().size() == 1 ? m : typer.resolve(t, path, target);
        CoroutineDecl callee = decls.declOf(exact != null ? exact : m);
        if (callee.isGenerator()) {
          throw Problem.at(t, Message.GENERATOR_CALLED, callee.name(),
              callee.owner().getSimpleName() + "Coroutines." + callee.name());
        }
        return new Point(Kind.CALL, t, path, callee, target, exact != null);
      }
    }.scan(body, null);
    return result;
  }
}

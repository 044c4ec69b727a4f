package dev.coframe.processor.lower;

import static dev.coframe.processor.lower.Syntax.child;
import static dev.coframe.processor.lower.Syntax.isLoop;

import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import dev.coframe.processor.analysis.Names;
import dev.coframe.processor.analysis.Typer;
import dev.coframe.processor.diag.Problem;
import dev.coframe.processor.model.CoroutineDecl;
import dev.coframe.processor.model.Naming;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The user's source of a tree, made valid in the generated frame class: {@code this} is the
 * receiver, members and nested types are qualified (and what another class cannot reach is an
 * error with the fix), hoisted locals are renamed and snapshotted where a lambda captures them,
 * pattern variables are assigned to their hoisted locals, and {@code return}/{@code break}/
 * {@code continue} that leave the tree complete the frame or jump to a state.
 */
final class UserText {
  private final CompilationUnitTree unit;
  private final SourcePositions positions;
  private final String src;
  private final CoroutineDecl self;
  private final Naming naming;
  private final Names names;
  private final Typer typer;
  private final Types types;
  private final Variables vars;
  private final Map<Tree, int[]> jumpTargets;
  private final List<String> pendingSnapshots = new ArrayList<>();
  private final java.util.function.IntSupplier doneState;

  UserText(CompilationUnitTree unit, SourcePositions positions, CoroutineDecl self, Naming naming, Names names,
      Typer typer, Types types, Variables vars, Map<Tree, int[]> jumpTargets, java.util.function.IntSupplier doneState) {
    this.unit = unit;
    this.positions = positions;
    try {
      this.src = unit.getSourceFile().getCharContent(true).toString();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + unit.getSourceFile().getName(), e);
    }
    this.self = self;
    this.naming = naming;
    this.names = names;
    this.typer = typer;
    this.types = types;
    this.vars = vars;
    this.jumpTargets = jumpTargets;
    this.doneState = doneState;
  }

  /** Declarations of lambda-captured snapshots that must precede the next emitted line; cleared. */
  List<String> takeSnapshots() {
    List<String> out = new ArrayList<>(pendingSnapshots);
    pendingSnapshots.clear();
    return out;
  }

  /** The source text of {@code t}'s type tree or expression, unchanged. */
  String source(Tree t) {
    long s = positions.getStartPosition(unit, t);
    long e = positions.getEndPosition(unit, t);
    return s < 0 || e <= s ? "" : src.substring((int) s, (int) e);
  }

  /** A replacement of the source range of one tree. */
  private record Edit(long start, long end, String text) {}

  /**
   * The user's source of the tree at {@code p}, made valid in the frame class: {@code this} is the
   * receiver, members and nested types are qualified, hoisted locals renamed (and snapshotted where
   * a lambda captures them), and {@code return}/{@code break}/{@code continue} that leave it jump.
   */
  String text(TreePath p) {
    long start = positions.getStartPosition(unit, p.getLeaf());
    long end = positions.getEndPosition(unit, p.getLeaf());
    List<Edit> edits = new ArrayList<>();
    Map<Variables.Var, String> snapshots = new HashMap<>();
    new TreePathScanner<Void, Void>() {
      private int lambdas;
      private int classes;

      private void edit(Tree t, String text) {
        edits.add(new Edit(positions.getStartPosition(unit, t), positions.getEndPosition(unit, t), text));
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree t, Void x) {
        lambdas++;
        super.visitLambdaExpression(t, x);
        lambdas--;
        return null;
      }

      @Override
      public Void visitClass(ClassTree t, Void x) {
        classes++;
        super.visitClass(t, x);
        classes--;
        return null;
      }

      @Override
      public Void visitIdentifier(IdentifierTree t, Void x) {
        String n = t.getName().toString();
        if (n.equals("this")) {
          if (classes == 0) {
            edit(t, "self$");
          }
          return null;
        }
        Variables.Decl d = vars.localDecl(n, t);
        if (d != null) {
          Variables.Var v = vars.hoisted(d.tree());
          if (v == null) {
            return null;
          }
          if (lambdas > 0 || classes > 0) {
            edit(t, snapshots.computeIfAbsent(v, k -> snapshot(k)));
          } else if (!v.name.equals(n)) {
            edit(t, v.name);
          }
          return null;
        }
        if (getCurrentPath().getParentPath().getLeaf() instanceof MethodInvocationTree
            && ((MethodInvocationTree) getCurrentPath().getParentPath().getLeaf()).getMethodSelect() == t) {
          edit(t, qualifiedMethod(n, t));
          return null;
        }
        String q = qualifiedName(n, t);
        if (q != null) {
          edit(t, q);
        }
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree t, Void x) {
        Tree e = t.getExpression();
        if (e instanceof IdentifierTree && ((IdentifierTree) e).getName().contentEquals("super") && classes == 0) {
          throw Problem.at(t, "super." + t.getIdentifier() + " cannot be reached from the generated frame (another"
              + " class); call it through a package-private method of " + names.owner().getSimpleName());
        }
        if (t.getIdentifier().contentEquals("this") && classes == 0) {
          throw Problem.at(t, t + " cannot be reached from the generated frame (another class); pass the outer"
              + " instance as a parameter");
        }
        if (classes == 0 && e instanceof IdentifierTree && ((IdentifierTree) e).getName().contentEquals("this")) {
          String component = recordComponent(t.getIdentifier().toString());
          if (component != null) {
            edit(t, component);
            return null;
          }
        }
        checkPrivateMember(t, getCurrentPath());
        return super.visitMemberSelect(t, x);
      }

      @Override
      public Void visitInstanceOf(InstanceOfTree t, Void x) {
        if (t.getPattern() instanceof BindingPatternTree) {
          VariableTree v = ((BindingPatternTree) t.getPattern()).getVariable();
          Variables.Var var = vars.hoisted(v);
          if (var != null) {
            TreePath here = getCurrentPath();
            TreePath pattern = new TreePath(here, t.getPattern());
            String type = text(new TreePath(new TreePath(pattern, v), v.getType()));
            String bound = vars.uniqueName(var.name + "$match");
            vars.reserve(bound);
            edit(t, "(" + text(new TreePath(here, t.getExpression())) + " instanceof " + type + " " + bound
                + " && (" + var.name + " = " + bound + ") == " + bound + ")");
            return null;
          }
        }
        return super.visitInstanceOf(t, x);
      }

      @Override
      public Void visitReturn(ReturnTree t, Void x) {
        if (lambdas > 0 || classes > 0) {
          return super.visitReturn(t, x);
        }
        String value = t.getExpression() == null ? null : text(child(getCurrentPath(), t.getExpression()));
        edit(t, "{ " + (insideFinallyScope(getCurrentPath(), p.getLeaf()) ? returnThroughFinally(value)
            : returnText(value)) + " }");
        return null;
      }

      @Override
      public Void visitBreak(BreakTree t, Void x) {
        jumpOut(t, t.getLabel(), false);
        return null;
      }

      @Override
      public Void visitContinue(ContinueTree t, Void x) {
        jumpOut(t, t.getLabel(), true);
        return null;
      }

      /** A break or continue whose target is a split loop becomes a jump to that loop's state. */
      private void jumpOut(Tree t, javax.lang.model.element.Name label, boolean isContinue) {
        if (lambdas == 0 && classes == 0) {
          int[] j = jumpTargets.get(target(getCurrentPath(), label, isContinue));
          if (j != null) {
            edit(t, jumpText(isContinue ? j[1] : j[0]));
          }
        }
      }
    }.scan(p, null);
    edits.sort(Comparator.comparingLong(Edit::start));
    StringBuilder sb = new StringBuilder();
    long at = start;
    for (Edit e : edits) {
      if (e.start() < at) {
        continue; // inside an edit already made
      }
      sb.append(src, (int) at, (int) e.start()).append(e.text());
      at = e.end();
    }
    sb.append(src, (int) at, (int) end);
    return reindent(sb.toString(), start);
  }

  /** Removes the indentation the first line had in the user's file from the following lines. */
  private String reindent(String text, long start) {
    int lineStart = src.lastIndexOf('\n', (int) start - 1) + 1;
    int col = (int) start - lineStart;
    if (col <= 0 || text.indexOf('\n') < 0) {
      return text;
    }
    StringBuilder sb = new StringBuilder();
    String[] ls = text.split("\n", -1);
    sb.append(ls[0]);
    for (int i = 1; i < ls.length; i++) {
      String l = ls[i];
      int k = 0;
      while (k < col && k < l.length() && l.charAt(k) == ' ') {
        k++;
      }
      sb.append('\n').append(l.substring(k));
    }
    return sb.toString();
  }

  private String snapshot(Variables.Var v) {
    String name = vars.uniqueName(v.name + "$captured");
    vars.reserve(name);
    pendingSnapshots.add("final " + v.type + " " + name + " = " + v.name + "; // captured by a lambda");
    return name;
  }

  private Tree target(TreePath from, javax.lang.model.element.Name label, boolean isContinue) {
    for (TreePath q = from.getParentPath(); q != null; q = q.getParentPath()) {
      Tree t = q.getLeaf();
      if (label != null) {
        if (t instanceof LabeledStatementTree && ((LabeledStatementTree) t).getLabel().equals(label)) {
          return ((LabeledStatementTree) t).getStatement();
        }
      } else if (isLoop(t) || (!isContinue && t instanceof com.sun.source.tree.SwitchTree)) {
        return t;
      }
      if (t instanceof LambdaExpressionTree || t instanceof ClassTree || t instanceof MethodTree) {
        return null;
      }
    }
    return null;
  }

  /** The qualified form of an unqualified call to {@code name}, or {@code name}. */
  String qualifiedMethod(String name, Tree at) {
    TypeElement c = names.classWithMethod(name);
    if (c != null) {
      List<ExecutableElement> ms = names.methods(c, name);
      boolean allStatic = true;
      for (ExecutableElement m : ms) {
        checkAccessible(m, at);
        allStatic &= m.getModifiers().contains(Modifier.STATIC);
      }
      if (allStatic) {
        return canonical(c) + "." + name;
      }
      if (c != names.owner() || self.isStatic()) {
        throw Problem.at(at, "instance method " + name + " of " + c.getSimpleName() + " needs an enclosing"
            + " instance the generated frame cannot name; call it on an explicit receiver");
      }
      return "self$." + name;
    }
    TypeElement imported = names.staticImportOf(name);
    return imported != null ? canonical(imported) + "." + name : name;
  }

  /** The qualified form of a simple name that is a field or a member type, or null to keep it. */
  private String qualifiedName(String name, Tree at) {
    TypeElement c = names.classWithField(name);
    if (c != null) {
      String component = c == names.owner() && !self.isStatic() ? recordComponent(name) : null;
      if (component != null) {
        return component;
      }
      VariableElement f = names.field(c, name);
      checkAccessible(f, at);
      if (f.getModifiers().contains(Modifier.STATIC)) {
        return canonical(c) + "." + name;
      }
      if (c != names.owner() || self.isStatic()) {
        throw Problem.at(at, "field " + name + " of an enclosing instance cannot be reached from the generated"
            + " frame; pass it as a parameter");
      }
      return "self$." + name;
    }
    if (names.typeVariable(name) != null) {
      return null;
    }
    TypeElement imported = names.staticImportOf(name);
    if (imported != null) {
      return canonical(imported) + "." + name;
    }
    TypeElement type = names.typeNamed(name);
    if (type != null && type.getNestingKind() == javax.lang.model.element.NestingKind.MEMBER) {
      checkAccessible(type, at);
      return canonical(type);
    }
    return null;
  }

  private static String canonical(TypeElement t) {
    return t.getQualifiedName().toString();
  }

  private void checkAccessible(javax.lang.model.element.Element e, Tree at) {
    if (e.getModifiers().contains(Modifier.PRIVATE)) {
      throw Problem.at(at, "private " + kindOf(e) + " " + e.getSimpleName() + " is used by coroutine " + self.name()
          + ", whose body runs in the generated class " + naming.coroutinesSimpleName(self.owner())
          + "; make it package-private");
    }
    if (e.getModifiers().contains(Modifier.PROTECTED)) {
      TypeElement declaring = (TypeElement) (e instanceof TypeElement ? e.getEnclosingElement() : e.getEnclosingElement());
      String pkg = names.elements().getPackageOf(declaring).getQualifiedName().toString();
      String own = names.elements().getPackageOf(names.owner()).getQualifiedName().toString();
      if (!pkg.equals(own)) {
        throw Problem.at(at, "protected " + kindOf(e) + " " + e.getSimpleName() + " is inherited from another"
            + " package and cannot be reached from the generated frame; wrap it in a package-private method of "
            + names.owner().getSimpleName());
      }
    }
  }

  private static String kindOf(javax.lang.model.element.Element e) {
    switch (e.getKind()) {
      case METHOD: return "method";
      case FIELD: return "field";
      default: return "type";
    }
  }

  /**
   * {@code other.secret} where {@code secret} is private to one of the owner's classes is
   * unreachable too; judged by the receiver's type where it is known.
   */
  private void checkPrivateMember(MemberSelectTree t, TreePath at) {
    String n = t.getIdentifier().toString();
    TypeElement site = typer.staticSite(t.getExpression(), at);
    if (site == null) {
      TypeMirror rt = typer.typeOf(new TreePath(at, t.getExpression()));
      if (rt == null || rt.getKind() != TypeKind.DECLARED) {
        return;
      }
      site = (TypeElement) types.asElement(rt);
    }
    for (TypeElement c = names.owner(); c != null; c = enclosing(c)) {
      if (c != site) {
        continue;
      }
      if (recordComponent(n) != null && c == names.owner()) {
        continue;
      }
      VariableElement f = names.field(c, n);
      if (f != null && f.getModifiers().contains(Modifier.PRIVATE) && f.getEnclosingElement() == c) {
        checkAccessible(f, t);
      }
      for (ExecutableElement m : names.methods(c, n)) {
        if (m.getModifiers().contains(Modifier.PRIVATE) && m.getEnclosingElement() == c) {
          checkAccessible(m, t);
        }
      }
    }
  }

  /** {@code self$.x()} for a component {@code x} of a record owner (its field is private), or null. */
  private String recordComponent(String name) {
    if (names.owner().getKind() != javax.lang.model.element.ElementKind.RECORD || self.isStatic()) {
      return null;
    }
    for (javax.lang.model.element.RecordComponentElement rc : names.owner().getRecordComponents()) {
      if (rc.getSimpleName().contentEquals(name)) {
        return "self$." + name + "()";
      }
    }
    return null;
  }

  private static TypeElement enclosing(TypeElement t) {
    javax.lang.model.element.Element e = t.getEnclosingElement();
    return e instanceof TypeElement ? (TypeElement) e : null;
  }

  /** The first line of {@code t}'s source, shortened, safe to quote in a comment. */
  String firstLine(Tree t) {
    long s = positions.getStartPosition(unit, t);
    long e = positions.getEndPosition(unit, t);
    String text = src.substring((int) s, (int) Math.max(s, e)).strip();
    int nl = text.indexOf('\n');
    if (nl >= 0) {
      text = text.substring(0, nl).strip();
    }
    text = text.length() > 100 ? text.substring(0, 97) + "..." : text;
    // quoted in comments: a backslash-u would be read as a unicode escape (maybe cut short, or a
    // line break), and a star-slash would end a javadoc comment
    return text.replace("\\u", "\\ u").replace("*/", "* /");
  }

  /** A {@code return}: stores the result and completes the frame. */
  String returnText(String value) {
    String store = self.isGenerator() || self.isVoid() ? "" : "this.result$ = " + value + "; ";
    return store + "complete(); return;";
  }

  /**
   * A {@code return} inside a {@code try} with a {@code finally} (or resources) in the user's
   * text: stores the result and jumps to the completion state, so the {@code finally} runs first
   * (and may still throw, or return instead).
   */
  private String returnThroughFinally(String value) {
    String store = self.isGenerator() || self.isVoid() ? "" : "this.result$ = " + value + "; ";
    return store + "next$ = " + doneState.getAsInt() + "; continue $dispatch;";
  }

  /** Whether leaving {@code from} for the completion state would pass a finally or a resource close. */
  private static boolean insideFinallyScope(TreePath from, Tree root) {
    Tree below = from.getLeaf();
    for (TreePath q = from.getParentPath(); q != null && below != root; q = q.getParentPath()) {
      Tree t = q.getLeaf();
      if (t instanceof TryTree) {
        TryTree tt = (TryTree) t;
        if ((tt.getFinallyBlock() != null || !tt.getResources().isEmpty()) && below != tt.getFinallyBlock()) {
          return true;
        }
      }
      below = t;
    }
    return false;
  }

  static String jumpText(int state) {
    return "{ next$ = " + state + "; continue $dispatch; }";
  }
}

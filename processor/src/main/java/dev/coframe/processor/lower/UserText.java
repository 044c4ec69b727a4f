package dev.coframe.processor.lower;

import static dev.coframe.processor.lower.Syntax.child;
import static dev.coframe.processor.lower.Syntax.isLoop;

import com.palantir.javapoet.CodeBlock;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WildcardTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import dev.coframe.processor.analysis.Names;
import dev.coframe.processor.analysis.Typer;
import dev.coframe.processor.diag.Message;
import dev.coframe.processor.diag.Problem;
import dev.coframe.processor.ir.Exit;
import dev.coframe.processor.ir.TypeNames;
import dev.coframe.processor.ir.Uses;
import dev.coframe.processor.ir.Var;
import dev.coframe.processor.model.CoroutineDecl;
import dev.coframe.processor.model.Naming;
import dev.coframe.processor.model.RuntimeContract;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
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
  private final Jumps jumps;
  private final Returns returns;
  private final Arms arms;
  /** Whether the text being made is a witness, only typed by javac: factory calls stay as written. */
  private boolean witness;
  /** The receiver of an instance coroutine ({@code self$}), or null. */
  private Var receiver;
  private final List<Snapshot> pendingSnapshots = new ArrayList<>();
  /** The fresh names hoisted pattern variables bind in a rewritten {@code instanceof} or case label. */
  private final Map<Tree, String> matchNames = new HashMap<>();
  /** Whether the text being made is a case's labels: its guard reads only effectively final locals. */
  private boolean inGuard;

  UserText(CompilationUnitTree unit, SourcePositions positions, CoroutineDecl self, Naming naming, Names names,
      Typer typer, Types types, Variables vars, Jumps jumps, Returns returns, Arms arms) {
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
    this.jumps = jumps;
    this.returns = returns;
    this.arms = arms;
  }

  void receiver(Var self) {
    this.receiver = self;
  }

  /** Declarations of lambda-captured snapshots that must precede the next emitted code; cleared. */
  List<Snapshot> takeSnapshots() {
    List<Snapshot> out = new ArrayList<>(pendingSnapshots);
    pendingSnapshots.clear();
    return out;
  }

  /** The source text of {@code t}'s type tree or expression, unchanged. */
  String source(Tree t) {
    long s = positions.getStartPosition(unit, t);
    long e = positions.getEndPosition(unit, t);
    return s < 0 || e <= s ? "" : src.substring((int) s, (int) e);
  }

  /** A replacement of the source range of one tree (an insertion where {@code start == end}). */
  private record Edit(long start, long end, CodeBlock code) {}

  /**
   * The user's text of a tree made valid in the body method: the code, the body variables it reads
   * (hoisted locals it names, anywhere in it), and the blocks its jumps may continue at.
   */
  record Text(CodeBlock code, Uses uses, List<Exit> exits) {
    String string() {
      return code.toString();
    }
  }

  /**
   * Where a {@code break} or {@code continue} in the user's text goes when its target is a split
   * statement (a loop or labelled statement whose code is states): the jump's code, or null to keep
   * it as written.
   */
  interface Jumps {
    /**
     * {@code unwinds}: the jump leaves a {@code try} of the text that has resources or a
     * {@code finally}, which run (and may throw) as it goes.
     */
    Jump jumpOut(Tree target, boolean isContinue, boolean unwinds);

    /** A {@code yield value;} of switch expression {@code target}: its code if that switch is split, else null. */
    Jump yieldOut(Tree target, TreePath value, String text, boolean unwinds);
  }

  /** The code of a jump out of the user's text, and where it continues (null: it leaves the body method). */
  record Jump(CodeBlock code, Exit exit) {}

  /**
   * Whether a jump at {@code jump} out of the text at {@code root} leaves a {@code try} of that text
   * with resources or a {@code finally} (from its block, or from a catch for a finally).
   */
  static boolean unwinds(TreePath jump, TreePath root) {
    for (TreePath q = jump; q != null && q.getLeaf() != root.getLeaf(); q = q.getParentPath()) {
      if (q.getParentPath() != null && q.getParentPath().getLeaf() instanceof TryTree t
          && (t.getFinallyBlock() != null && q.getLeaf() != t.getFinallyBlock()
              || !t.getResources().isEmpty() && q.getLeaf() == t.getBlock())) {
        return true;
      }
    }
    return false;
  }

  /** A factory call rewritten to arm an embedded frame: {@code target(frame, args..)}. */
  record Arm(String target, String frame) {}

  /** The {@link Arm} of a factory call whose task is embedded, or null to keep the call. */
  interface Arms {
    Arm armOf(MethodInvocationTree call);
  }

  /**
   * What a {@code return} in the user's text becomes, given the text of its value (null for none),
   * or null to keep it as written.
   */
  interface Returns {
    Jump returnWith(String value, boolean unwinds);
  }

  /**
   * The user's source of the tree at {@code p}, made valid in the frame class: {@code this} is the
   * receiver, members and nested types are qualified, hoisted locals renamed (and snapshotted where
   * a lambda captures them), and {@code return}/{@code break}/{@code continue} that leave it jump.
   */
  Text text(TreePath p) {
    return text(p, positions.getStartPosition(unit, p.getLeaf()), positions.getEndPosition(unit, p.getLeaf()), List.of());
  }

  /** {@link #text} of an expression written only for javac to type it, never run: factory calls stay as written. */
  Text witness(TreePath p) {
    witness = true;
    try {
      return text(p);
    } finally {
      witness = false;
    }
  }

  /**
   * The labels of a {@code case} of a split switch ({@code case 1, 2}, {@code case Integer i when
   * i > 5}), as {@link #text} makes them, and what the arm must assign: the pattern variables the
   * body keeps are bound to fresh names ({@code Integer i$match}), which the guard reads; other body
   * locals a guard reads are final snapshots (javac requires it); the arm then assigns the body's
   * locals from the fresh names ({@code i = i$match;}).
   */
  Labels caseLabels(TreePath casePath) {
    CaseTree c = (CaseTree) casePath.getLeaf();
    long start = positions.getStartPosition(unit, c);
    long end = start;
    List<VariableTree> bindings = new ArrayList<>();
    for (Tree child : Syntax.labelsOf(c)) {
      bindings.addAll(hoistedBindings(child));
      end = Math.max(end, positions.getEndPosition(unit, child));
    }
    if (end == start) {
      end = start + "default".length();
    }
    Set<Var> reads = new LinkedHashSet<>();
    List<String> assign = new ArrayList<>();
    for (VariableTree v : bindings) {
      Var local = vars.hoisted(v);
      String match = vars.freshName(local.name() + "$match");
      matchNames.put(v, match);
      assign.add(local.ref() + " = " + match + ";");
    }
    inGuard = true;
    try {
      Text t = text(casePath, start, end, List.of());
      reads.addAll(t.uses().reads());
      return new Labels(new Text(t.code(), Uses.reading(reads), t.exits()), String.join(" ", assign),
          bindings.stream().map(vars::hoisted).toList());
    } finally {
      inGuard = false;
    }
  }

  /** The labels of a case, what its arm assigns first, and the body locals those assignments set. */
  record Labels(Text text, String assignments, List<Var> assigned) {}

/**
   * {@code (operand instanceof P(var x$match) && bound(x = x$match))}: the pattern test of the
   * {@code instanceof} at {@code p} on an operand already evaluated (an awaited value).
   */
  Text patternTest(TreePath p, String operand) {
    InstanceOfTree t = (InstanceOfTree) p.getLeaf();
    Set<Var> reads = new LinkedHashSet<>();
    String assign = bindMatches(hoistedBindings(t.getPattern()), reads);
    Text pattern = text(new TreePath(p, t.getPattern()));
    reads.addAll(pattern.uses().reads());
    return new Text(CodeBlock.of("($L instanceof $L$L)", operand, pattern.code(), assign.isEmpty() ? "" : " && " + assign),
        Uses.reading(reads), List.of());
  }

  /**
   * Binds the pattern variables {@code hoisted} to fresh names (for the pattern's text) and answers
   * the assignments of the body's locals from them: {@code bound(x = x$match) && bound(..)}.
   */
  private String bindMatches(List<VariableTree> hoisted, Set<Var> reads) {
    List<String> assign = new ArrayList<>();
    for (VariableTree v : hoisted) {
      Var local = vars.hoisted(v);
      reads.add(local);
      String match = vars.freshName(local.name() + "$match");
      matchNames.put(v, match);
      assign.add(RuntimeContract.bound(local.ref() + " = " + match));
    }
    return String.join(" && ", assign);
  }

  private Text text(TreePath p, long start, long end, List<Edit> extra) {
    List<Edit> edits = new ArrayList<>(extra);
    Map<Var, String> snapshots = new HashMap<>();
    Set<Var> reads = new LinkedHashSet<>();
    List<Exit> exits = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      private int lambdas;
      private int classes;
      private int guards;

      /** Only the trees in the range: a case's labels are made from the case, without its body. */
      @Override
      public Void scan(Tree t, Void x) {
        if (t != null && positions.getStartPosition(unit, t) >= 0
            && (positions.getStartPosition(unit, t) >= end || positions.getEndPosition(unit, t) <= start)) {
          return null;
        }
        return super.scan(t, x);
      }

      private void edit(Tree t, String text) {
        edit(t, CodeBlock.of("$L", text));
      }

      private void edit(Tree t, CodeBlock code) {
        edits.add(new Edit(positions.getStartPosition(unit, t), positions.getEndPosition(unit, t), code));
      }

      /** Splices in the text of a subtree, taking over what it reads and where it jumps. */
      private String nested(TreePath sub) {
        Text t = text(sub);
        reads.addAll(t.uses().reads());
        exits.addAll(t.exits());
        return t.string();
      }

      /** A guard ({@code case Integer i when i > n}) reads body locals through final snapshots, as a lambda does. */
      @Override
      public Void visitCase(CaseTree t, Void x) {
        for (Tree label : Syntax.labelsOf(t)) {
          if (Syntax.isGuard(label)) {
            guards++;
            scan(label, x);
            guards--;
          } else {
            scan(label, x);
          }
        }
        scan(t.getStatements(), x);
        return scan(t.getBody(), x);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree t, Void x) {
        lambdas++;
        super.visitLambdaExpression(t, x);
        lambdas--;
        return null;
      }

      @Override
      public Void visitNewClass(NewClassTree t, Void x) {
        if (t.getEnclosingExpression() == null) {
          checkPrivateConstructor(t);
        }
        return super.visitNewClass(t, x);
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
        if (isTypeName(getCurrentPath())) {
          // a type's name, or its package's (dev in dev.coframe.runtime.Task): javac reads no variable
          // here (JLS 6.5.4), whatever locals or fields share the name; a member type is qualified
          String q = memberType(n, t);
          if (q != null) {
            edit(t, q);
          }
          return null;
        }
        Variables.Decl d = vars.localDecl(n, t);
        if (d != null) {
          Var v = vars.hoisted(d.tree());
          if (v == null) {
            if (!vars.nameOf(d).equals(n)) {
              edit(t, vars.nameOf(d));
            }
            return null;
          }
          if (inGuard && matchNames.containsKey(d.tree())) {
            edit(t, matchNames.get(d.tree())); // a case's own pattern variable, in its guard
            return null;
          }
          reads.add(v);
          if (lambdas > 0 || classes > 0 || guards > 0 || inGuard) {
            edit(t, snapshots.computeIfAbsent(v, k -> snapshot(k)));
          } else if (!v.ref().equals(n)) {
            edit(t, v.ref());
          }
          return null;
        }
        if (getCurrentPath().getParentPath().getLeaf() instanceof MethodInvocationTree
            && ((MethodInvocationTree) getCurrentPath().getParentPath().getLeaf()).getMethodSelect() == t) {
          edit(t, qualifiedMethod(n, t));
          return null;
        }
        if (isCaseLabel(getCurrentPath()) && (enumSwitch(getCurrentPath()) || names.isEnumConstant(n))) {
          return null; // an enum switch's labels must be unqualified constant names
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
          throw Problem.at(t, Message.SUPER_CALL, t.getIdentifier(), names.owner().getSimpleName());
        }
        if (t.getIdentifier().contentEquals("this") && classes == 0) {
          throw Problem.at(t, Message.OUTER_THIS, t);
        }
        boolean called = isMethodSelect(getCurrentPath());
        if (!called && classes == 0 && e instanceof IdentifierTree
            && ((IdentifierTree) e).getName().contentEquals("this")) {
          String component = recordComponent(t.getIdentifier().toString(), t);
          if (component != null) {
            edit(t, component);
            return null;
          }
        }
        if (!called && isComponentFieldOfOwnerRecord(t, getCurrentPath())) {
          // o.y, another instance's private component field: read through its implicit accessor
          edits.add(new Edit(positions.getEndPosition(unit, t), positions.getEndPosition(unit, t), CodeBlock.of("()")));
          return super.visitMemberSelect(t, x);
        }
        checkPrivateMember(t, getCurrentPath(), called);
        return super.visitMemberSelect(t, x);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree t, Void x) {
        Arm arm = witness || lambdas > 0 || classes > 0 ? null : arms.armOf(t);
        if (arm == null) {
          return super.visitMethodInvocation(t, x);
        }
        // XCoroutines.f(a, b) -> XCoroutines.FFrame.arm$(frame, a, b): the task is the embedded frame
        edit(t.getMethodSelect(), arm.target());
        long at = t.getArguments().isEmpty() ? positions.getEndPosition(unit, t) - 1
            : positions.getStartPosition(unit, t.getArguments().get(0));
        edits.add(new Edit(at, at, CodeBlock.of("$L$L", arm.frame(), t.getArguments().isEmpty() ? "" : ", ")));
        return scan(t.getArguments(), x);
      }

      @Override
      public Void visitVariable(VariableTree t, Void x) {
        Variables.Decl d = vars.declOf(t);
        String name = matchNames.containsKey(t) ? matchNames.get(t) : vars.hoisted(t) == null ? vars.nameOf(d) : d.name();
        if (!name.equals(d.name())) {
          long at = namePosition(t);
          edits.add(new Edit(at, at + d.name().length(), CodeBlock.of("$L", name)));
        }
        return super.visitVariable(t, x);
      }

      @Override
      public Void visitInstanceOf(InstanceOfTree t, Void x) {
        List<VariableTree> hoisted = classes == 0 && lambdas == 0 ? hoistedBindings(t.getPattern()) : List.of();
        if (hoisted.isEmpty()) {
          return super.visitInstanceOf(t, x);
        }
        // the pattern binds fresh names; the match then assigns the locals of the body
        String assign = bindMatches(hoisted, reads);
        TreePath here = getCurrentPath();
        edit(t, "(" + nested(new TreePath(here, t.getExpression())) + " instanceof "
            + nested(new TreePath(here, t.getPattern())) + " && " + assign + ")");
        return null;
      }

      @Override
      public Void visitReturn(ReturnTree t, Void x) {
        if (lambdas > 0 || classes > 0) {
          return super.visitReturn(t, x);
        }
        String value = t.getExpression() == null ? null : nested(new TreePath(getCurrentPath(), t.getExpression()));
        Jump j = returns.returnWith(value, unwinds(getCurrentPath(), p));
        if (j != null) {
          edit(t, j.code());
          if (j.exit() != null) {
            exits.add(j.exit());
          }
          return null;
        }
        return super.visitReturn(t, x);
      }

      @Override
      public Void visitYield(YieldTree t, Void x) {
        if (lambdas == 0 && classes == 0) {
          Tree target = null;
          for (TreePath q = getCurrentPath().getParentPath(); q != null && target == null; q = q.getParentPath()) {
            if (q.getLeaf() instanceof SwitchExpressionTree) {
              target = q.getLeaf();
            }
          }
          TreePath valuePath = new TreePath(getCurrentPath(), t.getValue());
          Jump j = target == null ? null : jumps.yieldOut(target, valuePath, nested(valuePath),
              unwinds(getCurrentPath(), p));
          if (j != null) {
            edit(t, CodeBlock.of("{ $L }", j.code()));
            exits.add(j.exit());
            return null;
          }
        }
        return super.visitYield(t, x);
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

      /** A break or continue whose target is a split statement becomes a jump to its block. */
      private void jumpOut(Tree t, javax.lang.model.element.Name label, boolean isContinue) {
        if (lambdas == 0 && classes == 0) {
          Tree target = target(getCurrentPath(), label, isContinue);
          Jump j = target == null ? null : jumps.jumpOut(target, isContinue, unwinds(getCurrentPath(), p));
          if (j != null) {
            edit(t, CodeBlock.of("{ $L }", j.code()));
            exits.add(j.exit());
          }
        }
      }
    }.scan(p, null);
    edits.sort(Comparator.comparingLong(Edit::start));
    CodeBlock.Builder code = CodeBlock.builder();
    long at = start;
    for (Edit e : edits) {
      if (e.start() < at || e.end() > end) {
        continue; // inside an edit already made, or outside the range
      }
      code.add("$L", reindent(src.substring((int) at, (int) e.start()), start)).add(e.code());
      at = e.end();
    }
    code.add("$L", reindent(src.substring((int) at, (int) end), start));
    CodeBlock built = code.build();
    if (receiver != null && built.toString().contains(receiver.name())) {
      reads.add(receiver); // this, and the owner's members, are read through the receiver
    }
    return new Text(built, Uses.reading(reads), exits);
  }

  /** The pattern variables of {@code pattern} (a type or record pattern, or null) that were hoisted. */
  private List<VariableTree> hoistedBindings(Tree pattern) {
    List<VariableTree> out = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitBindingPattern(BindingPatternTree b, Void x) {
        if (vars.hoisted(b.getVariable()) != null) {
          out.add(b.getVariable());
        }
        return null;
      }
    }.scan(pattern, null);
    return out;
  }

  /**
   * Removes, from the lines of a segment of source after its first, the indentation of the line
   * the tree starting at {@code start} begins on: the lines keep their indentation relative to it.
   */
  private String reindent(String text, long start) {
    int lineStart = src.lastIndexOf('\n', (int) start - 1) + 1;
    int col = 0;
    while (lineStart + col < start && src.charAt(lineStart + col) == ' ') {
      col++;
    }
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

  private String snapshot(Var v) {
    String name = vars.freshName(v.name() + "$captured");
    pendingSnapshots.add(new Snapshot(CodeBlock.of("final $L $L = $L; // captured by a lambda",
        TypeNames.write(v.type()), name, v.ref()), v));
    return name;
  }

  /** A final copy of a body local that a lambda in the user's text captures (body locals are not effectively final). */
  record Snapshot(CodeBlock code, Var of) {}

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
        throw Problem.at(at, Message.OUTER_METHOD, name, c.getSimpleName());
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
      String component = c == names.owner() && !self.isStatic() ? recordComponent(name, at) : null;
      if (component != null) {
        return component;
      }
      VariableElement f = names.field(c, name);
      checkAccessible(f, at);
      if (f.getModifiers().contains(Modifier.STATIC)) {
        return canonical(c) + "." + name;
      }
      if (c != names.owner() || self.isStatic()) {
        throw Problem.at(at, Message.OUTER_FIELD, name);
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
    return memberType(name, at);
  }

  /** The canonical name of member type {@code name} in scope (the frame is another class), or null. */
  private String memberType(String name, Tree at) {
    TypeElement type = names.typeVariable(name) != null ? null : names.typeNamed(name);
    if (type != null && type.getNestingKind() == javax.lang.model.element.NestingKind.MEMBER) {
      checkAccessible(type, at);
      return canonical(type);
    }
    return null;
  }

  /**
   * Whether the identifier at {@code p} starts the name of a type: the type of a declaration, a
   * cast, an {@code instanceof}, an allocation or an array creation, or a type argument, possibly
   * qualified, parameterized or an array's element type.
   */
  private static boolean isTypeName(TreePath p) {
    TreePath q = p;
    for (Tree parent = q.getParentPath().getLeaf(); ; parent = q.getParentPath().getLeaf()) {
      if (parent instanceof MemberSelectTree m && m.getExpression() == q.getLeaf()
          || parent instanceof ParameterizedTypeTree || parent instanceof ArrayTypeTree
          || parent instanceof WildcardTree) {
        q = q.getParentPath();
        continue;
      }
      Tree t = q.getLeaf();
      return parent instanceof VariableTree v && v.getType() == t
          || parent instanceof TypeCastTree c && c.getType() == t
          || parent instanceof InstanceOfTree i && i.getType() == t
          || parent instanceof NewClassTree n && n.getIdentifier() == t
          || parent instanceof NewArrayTree a && a.getType() == t
          || parent instanceof MethodInvocationTree m && m.getTypeArguments().contains(t);
    }
  }

  private static String canonical(TypeElement t) {
    return t.getQualifiedName().toString();
  }

  private void checkAccessible(javax.lang.model.element.Element e, Tree at) {
    if (e.getModifiers().contains(Modifier.PRIVATE)) {
      throw Problem.at(at, Message.PRIVATE_MEMBER, kindOf(e), e.getSimpleName(), self.name(),
          naming.coroutinesSimpleName(self.owner()));
    }
    if (e.getModifiers().contains(Modifier.PROTECTED)) {
      TypeElement declaring = (TypeElement) (e instanceof TypeElement ? e.getEnclosingElement() : e.getEnclosingElement());
      String pkg = names.elements().getPackageOf(declaring).getQualifiedName().toString();
      String own = names.elements().getPackageOf(names.owner()).getQualifiedName().toString();
      if (!pkg.equals(own)) {
        throw Problem.at(at, Message.PROTECTED_MEMBER, kindOf(e), e.getSimpleName(),
            names.owner().getSimpleName());
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
   * unreachable too; judged by the receiver's type where it is known. A call ({@code r.size()})
   * is judged by the methods of that name, anything else by the field.
   */
  private void checkPrivateMember(MemberSelectTree t, TreePath at, boolean called) {
    String n = t.getIdentifier().toString();
    TypeElement c = siteOf(t, at);
    if (!inOwnersTopLevel(c)) {
      return; // javac refuses a private member of another top-level class in the user's code already
    }
    if (!called) {
      VariableElement f = names.field(c, n);
      if (f != null && f.getModifiers().contains(Modifier.PRIVATE) && f.getEnclosingElement() == c) {
        checkAccessible(f, t);
      }
      return;
    }
    for (ExecutableElement m : names.methods(c, n)) {
      if (m.getModifiers().contains(Modifier.PRIVATE) && m.getEnclosingElement() == c) {
        checkAccessible(m, t);
      }
    }
  }

  /**
   * {@code new N(..)} of a class of the owner's top-level class with a private constructor javac may
   * choose (one of as many parameters, or varargs): legal in the user's class, not in the generated one.
   */
  private void checkPrivateConstructor(NewClassTree t) {
    Tree id = t.getIdentifier() instanceof ParameterizedTypeTree p ? p.getType() : t.getIdentifier();
    TypeElement c = names.typeOfName(id);
    if (!inOwnersTopLevel(c)) {
      return;
    }
    int arity = t.getArguments().size();
    for (ExecutableElement k : javax.lang.model.util.ElementFilter.constructorsIn(c.getEnclosedElements())) {
      int n = k.getParameters().size();
      if (k.getModifiers().contains(Modifier.PRIVATE) && (n == arity || k.isVarArgs() && arity >= n - 1)) {
        throw Problem.at(t, Message.PRIVATE_MEMBER, "constructor", c.getSimpleName(), self.name(),
            naming.coroutinesSimpleName(self.owner()));
      }
    }
  }

  /**
   * Whether {@code c} is declared in the owner's top-level class (the owner, a class enclosing it, or
   * one nested in any of them): where Java lets the user's code read its private members (JLS 6.6.1),
   * which the generated class, another top-level class, cannot.
   */
  private boolean inOwnersTopLevel(TypeElement c) {
    return c != null && Names.outermost(c) == Names.outermost(names.owner());
  }

  /** The class whose member {@code t} selects: a type named, or the type of the receiver when known. */
  private TypeElement siteOf(MemberSelectTree t, TreePath at) {
    TypeElement site = typer.staticSite(t.getExpression(), at);
    if (site != null) {
      return site;
    }
    TypeMirror rt = typer.typeOf(new TreePath(at, t.getExpression()));
    return rt == null || rt.getKind() != TypeKind.DECLARED ? null : (TypeElement) types.asElement(rt);
  }

  /**
   * Whether {@code t} reads a component field of an instance of a record of the owner's top-level
   * class ({@code o.y} inside record {@code P}, or in the class that nests {@code P}): legal there,
   * private to the generated class. With an
   * implicit accessor it is read through the accessor; with an explicit one (which may compute
   * something else) it is refused.
   */
  private boolean isComponentFieldOfOwnerRecord(MemberSelectTree t, TreePath at) {
    if (typer.staticSite(t.getExpression(), at) != null) {
      return false;
    }
    TypeElement c = siteOf(t, at);
    if (inOwnersTopLevel(c) && c.getKind() == ElementKind.RECORD && names.component(c, t.getIdentifier().toString()) != null) {
      requireImplicitAccessor(c, t.getIdentifier().toString(), t);
      return true;
    }
    return false;
  }

  private void requireImplicitAccessor(TypeElement record, String component, Tree at) {
    if (!names.hasImplicitAccessor(record, component)) {
      throw Problem.at(at, Message.PRIVATE_RECORD_FIELD, component, record.getSimpleName(), self.name(),
          naming.coroutinesSimpleName(self.owner()));
    }
  }

  /**
   * {@code self$.x()} for a component {@code x} of a record owner (its field is private; with an
   * implicit accessor the call reads the same value), or null if {@code x} is not one.
   */
  private String recordComponent(String name, Tree at) {
    if (names.owner().getKind() != ElementKind.RECORD || self.isStatic()
        || names.component(names.owner(), name) == null) {
      return null;
    }
    requireImplicitAccessor(names.owner(), name, at);
    return "self$." + name + "()";
  }

  private static boolean isMethodSelect(TreePath p) {
    Tree parent = p.getParentPath().getLeaf();
    return parent instanceof MethodInvocationTree && ((MethodInvocationTree) parent).getMethodSelect() == p.getLeaf();
  }

  /** Whether the tree at {@code p} is a constant label of a {@code case} ({@code case LOW:}). */
  private static boolean isCaseLabel(TreePath p) {
    Tree parent = p.getParentPath().getLeaf();
    // JDK 21+ wraps a constant label in a CONSTANT_CASE_LABEL tree
    // (a rule's value, case B -> sfI, is the case's body, no label)
    return parent instanceof CaseTree c ? c.getBody() != p.getLeaf()
        : parent.getKind().name().equals("CONSTANT_CASE_LABEL");
  }

  /** Whether the switch whose case label is at {@code p} switches over an enum, as far as the typer knows. */
  private boolean enumSwitch(TreePath p) {
    for (TreePath q = p; q != null; q = q.getParentPath()) {
      ExpressionTree selector = q.getLeaf() instanceof SwitchTree ? ((SwitchTree) q.getLeaf()).getExpression()
          : q.getLeaf() instanceof SwitchExpressionTree ? ((SwitchExpressionTree) q.getLeaf()).getExpression() : null;
      if (selector != null) {
        TypeMirror t = typer.typeOf(new TreePath(q, selector));
        return t != null && t.getKind() == TypeKind.DECLARED && types.asElement(t).getKind() == ElementKind.ENUM;
      }
    }
    return false;
  }

  /** Where the name of declaration {@code v} starts in the source (after its modifiers and type). */
  private long namePosition(VariableTree v) {
    long typeEnd = v.getType() == null ? -1 : positions.getEndPosition(unit, v.getType());
    long from = typeEnd > 0 ? typeEnd : positions.getStartPosition(unit, v);
    String name = v.getName().toString();
    for (int i = src.indexOf(name, (int) from); i >= 0; i = src.indexOf(name, i + 1)) {
      boolean startsWord = i == 0 || !Character.isJavaIdentifierPart(src.charAt(i - 1));
      boolean endsWord = i + name.length() >= src.length() || !Character.isJavaIdentifierPart(src.charAt(i + name.length()));
      if (startsWord && endsWord) {
        return i;
      }
    }
    throw new IllegalStateException("no name " + name + " in the source of its declaration");
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

}

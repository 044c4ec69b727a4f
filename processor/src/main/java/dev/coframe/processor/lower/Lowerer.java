package dev.coframe.processor.lower;

import static dev.coframe.processor.lower.Syntax.assignsInside;
import static dev.coframe.processor.lower.Syntax.binaryOperator;
import static dev.coframe.processor.lower.Syntax.child;
import static dev.coframe.processor.lower.Syntax.compoundBase;
import static dev.coframe.processor.lower.Syntax.isLoop;
import static dev.coframe.processor.lower.Syntax.kindName;
import static dev.coframe.processor.lower.Syntax.mayEndAbruptly;
import static dev.coframe.processor.lower.Syntax.paren;
import static dev.coframe.processor.lower.Syntax.strip;
import static dev.coframe.processor.lower.Syntax.unaryOperator;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.coframe.processor.analysis.BodyScan;
import dev.coframe.processor.analysis.Names;
import dev.coframe.processor.analysis.TypeText;
import dev.coframe.processor.analysis.Typer;
import dev.coframe.processor.diag.Message;
import dev.coframe.processor.diag.Problem;
import dev.coframe.processor.ir.Block;
import dev.coframe.processor.ir.Body;
import dev.coframe.processor.ir.Exit;
import dev.coframe.processor.ir.Builder;
import dev.coframe.processor.ir.Instr;
import dev.coframe.processor.ir.JumpText;
import dev.coframe.processor.ir.Region;
import dev.coframe.processor.ir.TypeNames;
import dev.coframe.processor.ir.Uses;
import dev.coframe.processor.ir.Var;
import dev.coframe.processor.lower.Syntax.InBodyScanner;
import dev.coframe.processor.model.CoroutineDecl;
import dev.coframe.processor.model.Naming;
import dev.coframe.processor.model.RuntimeContract;
import dev.coframe.processor.plan.Decision;
import dev.coframe.processor.plan.ElisionPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Lowers a coroutine body into its {@link Body}: blocks of generated and user code, suspension
 * points, jumps.
 *
 * <p>Statements without a suspension point stay as the user wrote them (names qualified,
 * {@code break}/{@code continue} that leave them for a split statement rewritten as jumps).
 * Statements with one are split: control flow becomes blocks and jumps; expressions are evaluated
 * operand by operand in Java's order (JLS 15.7), each operand whose value must outlive a later
 * suspension kept in a temporary. A call of another coroutine is a call of its body, which returns
 * the value directly; which values the frame keeps across each suspension is decided later, from
 * what the code reads ({@code Liveness}).
 */
public final class Lowerer {
  /**
   * A lowered body: its blocks, its parameters in the order the body method takes them (the
   * receiver first), the receiver (or null), the variable holding what is awaited (or null), and
   * whether it calls other coroutines' bodies (which deepens the Java stack), and whether it has a
   * split {@code assert} (which reads the user's class's assertion status).
   */
  /**
   * A lowered body; {@code held}: per embedded field of a held task, the variable that holds its task
   * (null where no suspension point keeps it, so that it is dead at every one).
   */
  public record Lowered(Body body, List<Var> params, Var receiver, Var awaited, boolean calls, boolean asserts,
      Map<String, Var> held) {}

  /** A value computed by lowered code: its text, its type when known, whether it may be re-read later, what it reads. */
  private record Val(String text, TypeMirror type, boolean stable, boolean targetTyped, Uses uses) {
    static Val of(String text, TypeMirror type, Uses uses) {
      return new Val(text, type, false, false, uses);
    }
  }

  /**
   * Where {@code break} and {@code continue} of a split statement continue, and how many split
   * {@code finally} blocks enclose it (a jump from deeper runs those in between first).
   */
  private record Targets(Block breakTo, Block continueTo, int depth) {}

  /** A split switch expression: the variable its arms store the value in, where it ends, how deep in finally blocks. */
  private record SwitchValue(Var result, Block end, int depth) {}

  /**
   * The {@code finally} of a split {@code try}: where it starts, and its pending completion — how
   * control entered it, and so where it continues after it: {@code 0} normally, {@code 1} throwing
   * {@code pendingEx}, {@code 2} returning ({@code ret$}), {@code 3 + k} jumping to exit {@code k},
   * {@code -1} a generator being closed.
   */
  private static final class Fin {
    static final int NORMAL = 0;
    static final int THROW = 1;
    static final int RETURN = 2;
    /** A generator closed while suspended in its try: run the finally blocks, then end. */
    static final int DESTROY = -1;
    final Block entry;
    final Var pending;
    final Var pendingEx;
    final List<Block> exits = new ArrayList<>();
    final List<Integer> exitDepths = new ArrayList<>();

    Fin(Block entry, Var pending, Var pendingEx) {
      this.entry = entry;
      this.pending = pending;
      this.pendingEx = pendingEx;
    }

    /** The pending code of a jump to {@code target}, {@code depth} finally blocks deep. */
    int exit(Block target, int depth) {
      int i = exits.indexOf(target);
      if (i < 0) {
        exits.add(target);
        exitDepths.add(depth);
        i = exits.size() - 1;
      }
      return 3 + i;
    }
  }

  private final CoroutineDecl self;
  /** Where each call site's child frame comes from. */
  private final ElisionPlan plan;
  private final Names names;
  private final Naming naming;
  private final Typer typer;
  private final BodyScan scan;
  private final TreePath bodyPath;
  private final javax.lang.model.util.Types types;
  private final CompilationUnitTree unit;
  private final SourcePositions positions;
  private final Builder b;
  private final Variables vars;
  private final UserText userText;
  private final Map<Tree, Targets> targets = new HashMap<>();
  private final java.util.Deque<Fin> fins = new java.util.ArrayDeque<>();
  /** Every split finally of the body, for {@link dev.coframe.processor.ir.Body#destroyForgets()}. */
  private final List<Fin> allFins = new ArrayList<>();
  private final Map<Tree, SwitchValue> switchValues = new HashMap<>();
  /** The types of {@code var} locals javac could not type yet, as the typer worked them out. */
  private final Map<Tree, TypeMirror> varTypes = new HashMap<>();
  private Var receiver;
  private Var awaited;
  private Var returned;
  /** How many finally bodies are being lowered (nested): a return may be pending in any of them. */
  private int finallyBodies;
  private boolean calls;
  private boolean asserts;
  /** See {@link Lowered#held()}: in source order. */
  private final Map<String, Var> held = new java.util.LinkedHashMap<>();
  /**
   * What javac's own default of a switch expression that names every enum constant throws, for the
   * compilation's source version: a constant added after it was compiled matches no label (JLS 15.28.2).
   */
  private final String unmatched;

  /**
   * A lowering of one body; {@code fields}: in fields mode, for a body too large for one method
   * (see {@link Builder}).
   */
  public Lowerer(Trees trees, CompilationUnitTree unit, CoroutineDecl self, Naming naming, Names names,
      Typer typer, BodyScan scan, TreePath methodPath, javax.lang.model.util.Types types, ElisionPlan plan,
      javax.lang.model.SourceVersion source, boolean fields) {
    this.b = new Builder(fields);
    this.unmatched = source.ordinal() >= 21 ? "throw new java.lang.MatchException(null, null);"
        : "throw new java.lang.IncompatibleClassChangeError();";
    this.self = self;
    this.plan = plan;
    this.names = names;
    this.naming = naming;
    this.typer = typer;
    this.scan = scan;
    this.types = types;
    this.unit = unit;
    this.positions = trees.getSourcePositions();
    this.bodyPath = new TreePath(methodPath, ((MethodTree) methodPath.getLeaf()).getBody());
    this.vars = new Variables(unit, positions, methodPath, b, names.qualifierRoots(scan.calleeOwners()));
    typer.knowLocals((name, at) -> {
      Variables.Decl d = vars.localDecl(name, at.getLeaf());
      if (d == null) {
        return null;
      }
      TypeMirror known = varTypes.get(d.tree());
      // an explicit type (a pattern's binding too) where javac's scope failed: read from its type tree
      return known != null || !(d.tree() instanceof VariableTree v) || isVar(v) ? known : names.typeOfTypeTree(v.getType());
    });
    this.userText = new UserText(unit, positions, self, naming, names, typer, types, vars, new UserText.Jumps() {
      @Override
      public UserText.Jump jumpOut(Tree target, boolean isContinue, boolean unwinds) {
        return Lowerer.this.jumpOut(target, isContinue, unwinds);
      }

      @Override
      public UserText.Jump yieldOut(Tree target, TreePath value, String text, boolean unwinds) {
        return Lowerer.this.yieldOut(target, value, text, unwinds);
      }
    }, this::returnWith, this::armed);
  }

  public Lowered lower() {
    MethodTree m = (MethodTree) bodyPath.getParentPath().getLeaf();
    List<Var> params = new ArrayList<>();
    if (!self.isStatic()) {
      receiver = b.newVar("self$", ownerType(), Var.Kind.PARAM, "the receiver", "self$");
      params.add(receiver);
      userText.receiver(receiver);
    }
    for (VariableTree p : m.getParameters()) {
      if (!self.isGenerator() || !p.getName().contentEquals(self.yieldParamName())) {
        params.add(vars.hoist(p, p.getName().toString(), paramType(p), Var.Kind.PARAM, "parameter " + p.getName()));
      }
    }
    stmt(bodyPath);
    if (b.reachable()) {
      if (self.isGenerator() || self.isVoid()) {
        b.add(new Instr.Return(null, Uses.NONE));
      } else {
        // javac proved the user's body cannot end here; the state machine must not loop if it did
        b.add(new Instr.Throw(CodeBlock.of("new java.lang.IllegalStateException($S)",
            naming.displayName(self) + " ran past the end of its body"), Uses.NONE));
      }
    }
    Set<Var> destroyForgets = new java.util.HashSet<>(); // looked up only
    allFins.forEach(f -> {
      destroyForgets.add(f.pending);
      destroyForgets.add(f.pendingEx);
    });
    if (returned != null) {
      destroyForgets.add(returned);
    }
    return new Lowered(b.build(destroyForgets), params, receiver, awaited, calls, asserts, held);
  }

  // ---------------------------------------------------------------------------- statements

  private void stmt(TreePath p) {
    Tree t = p.getLeaf();
    if (t instanceof VariableTree) {
      hoistBindings(p);
      declareLocal(p);
      return;
    }
    if (t instanceof ClassTree) {
      throw Problem.at(t, Message.LOCAL_CLASS_IN_BODY);
    }
    if (!(t instanceof BlockTree)) {
      hoistBindings(p);
    }
    if (!scan.suspends(t) && t != bodyPath.getLeaf()) {
      verbatim(p);
      return;
    }
    switch (t.getKind()) {
      case BLOCK:
        for (StatementTree s : ((BlockTree) t).getStatements()) {
          stmt(child(p, s));
        }
        return;
      case EXPRESSION_STATEMENT:
        comment(t);
        exprStatement(child(p, ((ExpressionStatementTree) t).getExpression()));
        return;
      case IF:
        ifStmt(p, (IfTree) t);
        return;
      case WHILE_LOOP:
        whileLoop(p, (WhileLoopTree) t);
        return;
      case DO_WHILE_LOOP:
        doLoop(p, (DoWhileLoopTree) t);
        return;
      case FOR_LOOP:
        forLoop(p, (ForLoopTree) t);
        return;
      case ENHANCED_FOR_LOOP:
        forEach(p, (EnhancedForLoopTree) t);
        return;
      case LABELED_STATEMENT: {
        StatementTree inner = ((LabeledStatementTree) t).getStatement();
        if (isLoop(inner)) {
          stmt(child(p, inner));
        } else {
          Block end = b.newBlock();
          targets.put(inner, new Targets(end, null, fins.size()));
          stmt(child(p, inner));
          place(end);
        }
        return;
      }
      case RETURN: {
        comment(t);
        String target = self.isGenerator() || self.isVoid() ? null : TypeText.of(self.valueType(), t, "the result");
        Val v = exprFor(child(p, ((ReturnTree) t).getExpression()), target);
        flushSnapshots();
        if (fins.isEmpty()) {
          b.add(new Instr.Return(CodeBlock.of("$L", v.text()), v.uses()));
        } else {
          emit(returned() + " = " + v.text(), v.uses().thenKilling(returned()));
          returnThroughFinally();
        }
        return;
      }
      case TRY:
        tryStmt(p, (TryTree) t);
        return;
      case SWITCH:
        comment(t);
        cases(p, ((SwitchTree) t).getExpression(), ((SwitchTree) t).getCases(), null, null);
        return;
      case YIELD: {
        comment(t);
        SwitchValue sv = switchValues.get(enclosingSwitchExpression(p));
        TreePath value = child(p, ((YieldTree) t).getValue());
        Val v = exprFor(value, TypeNames.write(sv.result().type()));
        emit(sv.result() + " = " + armValue(sv.result(), value, v.text()), v.uses().thenKilling(sv.result()));
        route(sv.end(), sv.depth());
        return;
      }
      case ASSERT:
        assertStmt(p, (AssertTree) t);
        return;
      case THROW: {
        comment(t);
        TreePath e = child(p, ((ThrowTree) t).getExpression());
        Val v = typed(expr(e), e);
        flushSnapshots();
        b.add(new Instr.Throw(CodeBlock.of("$L", v.text()), v.uses()));
        return;
      }
      default:
        throw Problem.at(t, Message.SUSPEND_IN_STATEMENT, kindName(t));
    }
  }

  /** Places {@code block}: code continues there (falling through from the code before it, if that can). */
  private void place(Block block) {
    b.place(block);
  }

  private void jump(Block target) {
    flushSnapshots();
    b.jump(target);
  }

  private void ifNot(Val cond, Block target) {
    flushSnapshots();
    b.ifNot(CodeBlock.of("$L", cond.text()), cond.uses(), target);
  }

  private void ifStmt(TreePath p, IfTree t) {
    comment(t);
    Val c = cond(child(p, t.getCondition()));
    Block otherwise = b.newBlock();
    ifNot(c, otherwise);
    stmt(child(p, t.getThenStatement()));
    if (t.getElseStatement() == null) {
      place(otherwise);
      return;
    }
    Block end = b.newBlock();
    jump(end);
    place(otherwise);
    stmt(child(p, t.getElseStatement()));
    place(end);
  }

  private void whileLoop(TreePath p, WhileLoopTree t) {
    Block head = b.newBlock();
    Block end = b.newBlock();
    targets.put(t, new Targets(end, head, fins.size()));
    place(head);
    comment(t);
    ifNot(cond(child(p, t.getCondition())), end);
    stmt(child(p, t.getStatement()));
    jump(head);
    place(end);
  }

  private void doLoop(TreePath p, DoWhileLoopTree t) {
    Block top = b.newBlock();
    Block test = b.newBlock();
    Block end = b.newBlock();
    targets.put(t, new Targets(end, test, fins.size()));
    place(top);
    comment(t);
    stmt(child(p, t.getStatement()));
    place(test);
    Val c = cond(child(p, t.getCondition()));
    ifNot(c, end);
    jump(top);
    place(end);
  }

  private void forLoop(TreePath p, ForLoopTree t) {
    comment(t);
    for (StatementTree s : t.getInitializer()) {
      if (s instanceof ExpressionStatementTree) {
        // (i = 0): an initializer's expression statement has no ';' in the source to copy
        exprStatement(child(child(p, s), ((ExpressionStatementTree) s).getExpression()));
      } else {
        stmt(child(p, s));
      }
    }
    Block head = b.newBlock();
    Block update = b.newBlock();
    Block end = b.newBlock();
    targets.put(t, new Targets(end, update, fins.size()));
    place(head);
    if (t.getCondition() != null) {
      ifNot(cond(child(p, t.getCondition())), end);
    }
    stmt(child(p, t.getStatement()));
    place(update);
    for (ExpressionStatementTree u : t.getUpdate()) {
      exprStatement(child(child(p, u), u.getExpression()));
    }
    jump(head);
    place(end);
  }

  /**
   * An enhanced {@code for} whose body suspends: over an array, an index into it; over an
   * {@code Iterable}, its iterator — as Java runs it, allocating nothing more. Where the typer does
   * not know which, a {@code Cursor} serves both.
   */
  private void forEach(TreePath p, EnhancedForLoopTree t) {
    comment(t);
    TreePath e = child(p, t.getExpression());
    TypeMirror overType = typer.typeOf(e);
    Val over = typed(expr(e), e);
    VariableTree v = t.getVariable();
    Var loopVar = hoist(v, child(p, v), child(p, t.getStatement()));
    String source = "the position of: " + userText.firstLine(t);
    Block head = b.newBlock();
    Block end = b.newBlock();
    targets.put(t, new Targets(end, head, fins.size()));
    if (overType instanceof ArrayType) {
      Var array = vars.newTemp(TypeText.name(overType, t.getExpression(), "the array"), source);
      Var index = vars.newTemp(TypeName.INT, source);
      emit(array + " = " + over.text(), over.uses().thenKilling(array));
      emit(index + " = 0", Uses.NONE.thenKilling(index));
      place(head);
      ifNot(Val.of(index + " < " + array + ".length", null, Uses.reading(array, index)), end);
      emit(loopVar + " = " + array + "[" + index + "++]", Uses.reading(array, index).thenKilling(loopVar));
    } else {
      boolean iterable = overType != null && overType.getKind() == TypeKind.DECLARED;
      Var position = vars.newTemp(iterable ? ParameterizedTypeName.get(ClassName.get("java.util", "Iterator"),
          WildcardTypeName.subtypeOf(Object.class)) : ClassName.bestGuess(RuntimeContract.CURSOR), source);
      emit(position + " = " + (iterable ? paren(over.text()) + ".iterator()" : RuntimeContract.cursorOf(over.text())),
          over.uses().thenKilling(position));
      place(head);
      ifNot(Val.of(position + ".hasNext()", null, Uses.reading(position)), end);
      emit(loopVar + " = " + nextElement(position.ref(), loopVar.type(), iterable),
          Uses.reading(position).thenKilling(loopVar));
    }
    stmt(child(p, t.getStatement()));
    jump(head);
    place(end);
  }

  /** The next element of an iterator or cursor, as the loop variable's type. */
  private static String nextElement(String position, TypeName type, boolean iterator) {
    if (!type.isPrimitive()) {
      return "(" + TypeNames.write(type) + ") " + position + ".next()";
    }
    if (iterator) {
      return "(" + TypeNames.write(type.box()) + ") " + position + ".next()";
    }
    String k = type.toString();
    return position + ".next" + Character.toUpperCase(k.charAt(0)) + k.substring(1) + "()";
  }

  private void declareLocal(TreePath p) {
    VariableTree v = (VariableTree) p.getLeaf();
    Var var = hoist(v, p, null);
    if (v.getInitializer() == null) {
      return;
    }
    TreePath init = child(p, v.getInitializer());
    if (scan.suspends(v.getInitializer())) {
      comment(v);
      Val val = exprFor(init, TypeNames.write(var.type()));
      emit(var + " = " + val.text(), val.uses().thenKilling(var));
    } else {
      // a declaration that does not suspend: one line, which says what it was
      Val val = expr(init);
      flushSnapshots();
      b.code(CodeBlock.of("$L = $L; // $L", var, val.text(), userText.firstLine(v)), val.uses().thenKilling(var));
    }
  }

  /** Emits a statement with no suspension point as the user wrote it. */
  private void verbatim(TreePath p) {
    UserText.Text text = userText.text(p);
    flushSnapshots();
    Tree t = p.getLeaf();
    boolean never = t instanceof ReturnTree || t instanceof ThrowTree || t instanceof BreakTree
        || t instanceof ContinueTree || t instanceof YieldTree;
    b.add(new Instr.Verbatim(text.code(), verbatimUses(p, text), text.exits(),
        never ? Instr.Completion.NEVER : mayEndAbruptly(p) ? Instr.Completion.MAYBE : Instr.Completion.NORMAL));
  }

  /** What a statement kept as written reads, and {@code x} killed where it is {@code x = <not x>;}. */
  private Uses verbatimUses(TreePath p, UserText.Text text) {
    if (p.getLeaf() instanceof ExpressionStatementTree
        && ((ExpressionStatementTree) p.getLeaf()).getExpression() instanceof AssignmentTree) {
      AssignmentTree a = (AssignmentTree) ((ExpressionStatementTree) p.getLeaf()).getExpression();
      Var target = hoistedLocal(a.getVariable());
      if (target != null && !assignsInside(a.getExpression(), ((IdentifierTree) strip(a.getVariable())).getName().toString())
          && !mentions(a.getExpression(), a.getVariable())) {
        Set<Var> reads = new java.util.LinkedHashSet<>(text.uses().reads());
        reads.remove(target);
        return new Uses(reads, Set.of(target));
      }
    }
    return text.uses();
  }

  /** Whether {@code e} names the same simple name as the identifier {@code name}. */
  private static boolean mentions(Tree e, Tree name) {
    String n = ((IdentifierTree) strip(name)).getName().toString();
    boolean[] found = {false};
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree t, Void x) {
        found[0] |= t.getName().contentEquals(n);
        return null;
      }
    }.scan(e, null);
    return found[0];
  }

  /** The body local a simple name means, if it is one. */
  private Var hoistedLocal(Tree e) {
    Tree t = strip(e);
    if (!(t instanceof IdentifierTree)) {
      return null;
    }
    Variables.Decl d = vars.localDecl(((IdentifierTree) t).getName().toString(), t);
    return d == null ? null : vars.hoisted(d.tree());
  }

  /** A {@code break} or {@code continue} in the user's text whose target is split jumps to its block. */
  private UserText.Jump jumpOut(Tree target, boolean isContinue, boolean unwinds) {
    Targets j = targets.get(target);
    return j == null ? null : jumpCode(isContinue ? j.continueTo() : j.breakTo(), j.depth(), unwinds);
  }

  /** A {@code yield} in the user's text whose switch expression is split: stores the value, jumps to its end. */
  private UserText.Jump yieldOut(Tree target, TreePath value, String text, boolean unwinds) {
    SwitchValue sv = switchValues.get(target);
    if (sv == null) {
      return null;
    }
    UserText.Jump j = jumpCode(sv.end(), sv.depth(), unwinds);
    Set<Var> kills = new java.util.LinkedHashSet<>(j.exit().kills());
    kills.add(sv.result());
    return new UserText.Jump(CodeBlock.of("$L = $L; $L", sv.result(), armValue(sv.result(), value, text), j.code()),
        new Exit(j.exit().target(), kills));
  }

  /**
   * An arm's value as stored in the result of its conditional or switch expression: an int arm of
   * a result javac types byte, short or char (every int arm is a constant that fits it, JLS 15.25,
   * 15.28.1) is cast, as its lowered copy may no longer be a constant ({@code final int two = 2}
   * becomes a plain local of the body).
   */
  private String armValue(Var result, TreePath arm, String text) {
    TypeName r = result.type();
    if (r.equals(TypeName.CHAR) || r.equals(TypeName.SHORT) || r.equals(TypeName.BYTE)) {
      TypeMirror t = typer.typeOf(arm);
      if (t != null && t.getKind() == TypeKind.INT) {
        return "(" + r + ") (" + text + ")";
      }
    }
    return text;
  }

  /** The code of a jump from the user's text to {@code to}, {@code depth} split finally blocks deep. */
  private UserText.Jump jumpCode(Block to, int depth, boolean unwinds) {
    if (fins.size() > depth) {
      Fin f = fins.peek();
      int exit = f.exit(to, depth);
      return new UserText.Jump(CodeBlock.of("$L = $L; $L", f.pending, exit, landing(f.entry, unwinds)),
          new Exit(f.entry, forgottenEntering(f, exit)));
    }
    return new UserText.Jump(CodeBlock.of("$L", landing(to, unwinds)), Exit.to(to));
  }

  /**
   * The jump from the user's text to {@code to}. One that {@code unwinds} a {@code try} of the text
   * keeps the region it leaves until it lands (the target sets its own): what the resources' closes
   * and the {@code finally} throw on the way out is the region's to handle, as in Java.
   */
  private JumpText landing(Block to, boolean unwinds) {
    if (unwinds && b.current().region() != to.region()) {
      to.setsRegionOnEntry();
    }
    return new JumpText(b.current(), to, b.regionRef());
  }

  /**
   * A {@code return} in the user's text: kept as written where the body method returns the result
   * itself; in fields mode its part method stores it and returns -1 to the driver.
   */
  private UserText.Jump returnWith(String value, boolean unwinds) {
    if (!fins.isEmpty()) {
      // through the finally blocks in between: store the value, then run them
      Fin f = fins.peek();
      Set<Var> kills = forgottenEntering(f, Fin.RETURN);
      if (value != null) {
        kills.add(returned());
      }
      return new UserText.Jump(CodeBlock.of("{ $L$L = $L; $L }", value == null ? "" : returned() + " = " + value + "; ",
          f.pending, Fin.RETURN, landing(f.entry, unwinds)), new Exit(f.entry, kills));
    }
    if (!b.fields()) {
      return null;
    }
    return new UserText.Jump(value == null || self.isGenerator() ? CodeBlock.of("return -1;")
        : CodeBlock.of("{ frame$$.result$$ = $L; return -1; }", value), null);
  }

  /** The variable a {@code return} inside a split {@code try} keeps its value in while the finally blocks run. */
  private Var returned() {
    if (returned == null && !self.isGenerator() && !self.isVoid()) {
      returned = vars.newReserved("ret$", TypeText.name(self.valueType(), null, "the result"),
          "the value being returned while finally blocks run");
    }
    return returned;
  }

  /** A {@code return} (its value stored) from inside split {@code try} blocks: through the innermost finally. */
  private void returnThroughFinally() {
    Fin f = fins.peek();
    pend(f, Fin.RETURN);
    jump(f.entry);
  }

  /** Continues at {@code target}, {@code depth} split finally blocks deep: through every finally in between. */
  private void route(Block target, int depth) {
    if (fins.size() > depth) {
      Fin f = fins.peek();
      pend(f, f.exit(target, depth));
      jump(f.entry);
    } else {
      jump(target);
    }
  }

  // ---------------------------------------------------------------------------- try

  /** The end of a {@code try} or {@code catch} block, if it completes: into the finally, or after the statement. */
  private void completeNormally(Fin fin, Block after) {
    if (fin == null) {
      jump(after);
      return;
    }
    pend(fin, Fin.NORMAL);
    jump(fin.entry);
  }

  /**
   * Enters {@code f}'s finally with a completion other than a throw. Its pending exception is
   * read only under {@code pending == THROW}, which is always set together with it, so from here
   * its value is dead: said to liveness, so that a suspension in the {@code try} does not save it.
   */
  private void pend(Fin f, int completion) {
    emit(f.pending + " = " + completion, new Uses(Set.of(), forgottenEntering(f, completion)));
  }

  /** Enters {@code f}'s finally with {@code caught} pending. */
  private void throwThroughFinally(Fin f, Var caught) {
    Set<Var> kills = forgottenEntering(f, Fin.THROW);
    kills.add(f.pendingEx);
    emit(f.pending + " = " + Fin.THROW + "; " + f.pendingEx + " = " + caught, new Uses(Set.of(caught), kills));
    jump(f.entry);
  }

  /**
   * What entering {@code f}'s finally with {@code completion} makes dead: its pending code (set
   * here); its pending exception, unless it throws (that is read only under THROW, and always set
   * with it); the returned value, unless it returns, where no finally body is being lowered (a
   * return is pending only while one runs: code in a try or catch block has none pending).
   */
  private Set<Var> forgottenEntering(Fin f, int completion) {
    Set<Var> out = new java.util.LinkedHashSet<>();
    out.add(f.pending);
    if (completion != Fin.THROW) {
      out.add(f.pendingEx);
    }
    if (completion != Fin.RETURN && returned != null && finallyBodies == 0) {
      out.add(returned);
    }
    return out;
  }

  /**
   * The body of a {@code catch} clause the exception matched: lowered with its parameter hoisted
   * where the block suspends; else the user's clause as written, catching the exception rethrown.
   */
  private void catchClause(TreePath cp, Var caught) {
    CatchTree c = (CatchTree) cp.getLeaf();
    if (scan.suspends(c.getBlock())) {
      stmt(child(cp, c.getBlock()));
      return;
    }
    UserText.Text param = userText.text(child(cp, c.getParameter()));
    UserText.Text block = userText.text(child(cp, c.getBlock()));
    flushSnapshots();
    b.add(new Instr.Verbatim(CodeBlock.builder().add("try {\n$>throw $L;\n$<} catch (", caught)
        .add(param.code()).add(") ").add(block.code()).build(), Uses.reading(caught).then(param.uses()).then(block.uses()),
        block.exits(), mayEndAbruptly(child(cp, c.getBlock())) ? Instr.Completion.MAYBE : Instr.Completion.NORMAL));
  }

  /** The types a catch parameter names: one, or the alternatives of a multi-catch. */
  private static List<TreePath> caughtTypes(TreePath param) {
    Tree type = ((VariableTree) param.getLeaf()).getType();
    TreePath tp = child(param, type);
    if (type instanceof UnionTypeTree) {
      List<TreePath> out = new ArrayList<>();
      ((UnionTypeTree) type).getTypeAlternatives().forEach(a -> out.add(child(tp, a)));
      return out;
    }
    return List.of(tp);
  }

  /**
   * The parameter of a {@code catch} whose block suspends, as a local of the body: of its declared
   * type, or for a multi-catch of the alternatives' least upper bound where that is one class.
   */
  private Var hoistCatchParameter(TreePath param) {
    VariableTree v = (VariableTree) param.getLeaf();
    if (!(v.getType() instanceof UnionTypeTree)) {
      return vars.hoist(v, v.getName().toString(), TypeNames.text(userText.text(child(param, v.getType())).string()),
          Var.Kind.LOCAL, userText.firstLine(v));
    }
    List<TypeMirror> alternatives = new ArrayList<>();
    for (TreePath a : caughtTypes(param)) {
      TypeMirror t = names.typeOfTypeTree(a.getLeaf());
      if (t == null) {
        throw Problem.at(v, Message.MULTI_CATCH_TYPES, v.getName());
      }
      alternatives.add(t);
    }
    TypeMirror lub = leastUpperBound(alternatives);
    if (lub == null) {
      throw Problem.at(v, Message.MULTI_CATCH_INTERSECTION, v.getName());
    }
    return vars.hoist(v, v.getName().toString(), TypeText.name(lub, v, "`" + v.getName() + "`"), Var.Kind.LOCAL,
        userText.firstLine(v));
  }

  /** The one most specific type every one of {@code ts} is a subtype of, or null if there are several. */
  private TypeMirror leastUpperBound(List<TypeMirror> ts) {
    List<TypeMirror> common = new ArrayList<>(supertypes(ts.get(0)));
    for (TypeMirror t : ts.subList(1, ts.size())) {
      common.removeIf(c -> !types.isSubtype(t, c));
    }
    common.removeIf(c -> common.stream().anyMatch(o -> o != c && types.isSubtype(o, c) && !types.isSameType(o, c)));
    return common.size() == 1 ? common.get(0) : null;
  }

  private List<TypeMirror> supertypes(TypeMirror t) {
    List<TypeMirror> out = new ArrayList<>();
    List<TypeMirror> todo = new ArrayList<>(List.of(t));
    while (!todo.isEmpty()) {
      TypeMirror x = todo.remove(0);
      if (out.stream().noneMatch(o -> types.isSameType(o, x))) {
        out.add(x);
        todo.addAll(types.directSupertypes(x));
      }
    }
    return out;
  }

  /**
   * The end of a finally block: continues as its pending completion says — after the statement;
   * rethrowing; returning (through the next finally out, if any); jumping (likewise).
   */
  private void finallyEnd(Fin f) {
    if (!b.reachable()) {
      return;
    }
    // destroyed (a generator closed, a task cancelled): on to the next finally out, or the end
    Block notDestroyed = b.newBlock();
    ifNot(Val.of(f.pending + " == " + Fin.DESTROY, null, Uses.reading(f.pending)), notDestroyed);
    if (fins.isEmpty()) {
      b.add(new Instr.Return(destroyedValue(), Uses.NONE));
    } else {
      pend(fins.peek(), Fin.DESTROY);
      jump(fins.peek().entry);
    }
    place(notDestroyed);
    Block notThrowing = b.newBlock();
    ifNot(Val.of(f.pending + " == " + Fin.THROW, null, Uses.reading(f.pending)), notThrowing);
    b.add(new Instr.Throw(CodeBlock.of("$L", f.pendingEx), Uses.reading(f.pendingEx)));
    place(notThrowing);
    Block notReturning = b.newBlock();
    ifNot(Val.of(f.pending + " == " + Fin.RETURN, null, Uses.reading(f.pending)), notReturning);
    if (fins.isEmpty()) {
      Var r = returned();
      b.add(new Instr.Return(r == null ? null : CodeBlock.of("$L", r), r == null ? Uses.NONE : Uses.reading(r)));
    } else {
      returnThroughFinally();
    }
    place(notReturning);
    for (int k = 0; k < f.exits.size(); k++) {
      Block notThis = b.newBlock();
      ifNot(Val.of(f.pending + " == " + (3 + k), null, Uses.reading(f.pending)), notThis);
      route(f.exits.get(k), f.exitDepths.get(k));
      place(notThis);
    }
  }

  /** What a destroyed body returns when its destroy path is done (ignored: the frame completes cancelled). */
  private CodeBlock destroyedValue() {
    return self.isGenerator() || self.isVoid() ? null
        : CodeBlock.of("$L", TypeNames.zero(TypeText.name(self.valueType(), null, "the result")));
  }

  /**
   * A {@code try} with a suspension point in it. The {@code try} block runs in a protected region:
   * an exception continues at its handler, which tries the {@code catch} clauses in order (a clause
   * whose block does not suspend is kept as a real Java {@code catch}, of the exception rethrown
   * there). A {@code finally} is entered with its pending completion set — from the end of the
   * {@code try} or a {@code catch}, from an exception no clause catches, or one thrown in a
   * {@code catch}, from a jump or {@code return} out of them — and continues accordingly at its end.
   */
  private void tryStmt(TreePath p, TryTree t) {
    comment(t);
    if (!t.getResources().isEmpty()) {
      if (t.getCatches().isEmpty() && t.getFinallyBlock() == null) {
        resources(p, t, 0);
      } else {
        protect(() -> resources(p, t, 0), p, t.getCatches(), t.getFinallyBlock() == null ? null
            : f -> stmt(child(p, t.getFinallyBlock())));
      }
      return;
    }
    protect(() -> stmt(child(p, t.getBlock())), p, t.getCatches(), t.getFinallyBlock() == null ? null
        : f -> stmt(child(p, t.getFinallyBlock())));
  }

  /**
   * {@code try (R r = init; ..) B} as JLS 14.20.3.1 spells it, one resource at a time: after
   * {@code B}, or an exception in it, {@code r} is closed if not null; an exception from closing
   * while another is pending is added to it as suppressed.
   */
  private void resources(TreePath p, TryTree t, int i) {
    if (i == t.getResources().size()) {
      stmt(child(p, t.getBlock()));
      return;
    }
    Tree res = t.getResources().get(i);
    TreePath rp = child(p, res);
    Val r;
    if (res instanceof VariableTree) {
      declareLocal(rp);
      Var v = vars.hoisted(res);
      r = Val.of(v.ref(), null, Uses.reading(v));
    } else {
      r = typed(expr(rp), rp); // Java 9: an effectively final variable named as the resource
    }
    protect(() -> resources(p, t, i + 1), p, List.of(), f -> emit("if (" + r.text() + " != null) { if (" + f.pending
        + " == " + Fin.THROW + ") { try { " + r.text() + ".close(); } catch (java.lang.Throwable ex$) { " + f.pendingEx
        + ".addSuppressed(ex$); } } else { " + r.text() + ".close(); } }",
        r.uses().then(Uses.reading(f.pending, f.pendingEx))));
  }

  /**
   * A task's finally body, in a region of its own: an exception it throws while the task is being
   * cancelled (its pending completion DESTROY) is added as suppressed to the cancellation and the
   * finally blocks further out still run, no catch seeing it; at any other time it propagates as
   * Java's does, replacing what was pending.
   */
  private void cleanupOf(TreePath tryPath, Fin fin, java.util.function.Consumer<Fin> finallyBody) {
    Var thrown = vars.newTemp(ClassName.get(Throwable.class), "an exception of the finally of: "
        + userText.firstLine(tryPath.getLeaf()));
    Region inFinally = b.enterRegion(thrown);
    place(b.newBlock());
    finallyBody.accept(fin);
    b.exitRegion(inFinally);
    Block end = b.newBlock();
    Block handler = b.newBlock();
    b.handle(inFinally, handler);
    jump(end);
    place(handler);
    Block rethrow = b.newBlock();
    ifNot(Val.of(fin.pending + " == " + Fin.DESTROY, null, Uses.reading(fin.pending)), rethrow);
    emit(RuntimeContract.suppressed(thrown.ref()), Uses.reading(thrown));
    jump(end);
    place(rethrow);
    b.add(new Instr.Throw(CodeBlock.of("$L", thrown), Uses.reading(thrown)));
    place(end);
  }

  /** Runs {@code body} protected by {@code catches} and {@code finallyBody} (either may be empty). */
  private void protect(Runnable body, TreePath tryPath, List<? extends CatchTree> catches,
      java.util.function.Consumer<Fin> finallyBody) {
    Block after = b.newBlock();
    Fin fin = finallyBody == null ? null : new Fin(b.newBlock(), vars.newTemp(TypeName.INT,
        "how the finally of: " + userText.firstLine(tryPath.getLeaf()) + " was entered"),
        vars.newTemp(ClassName.get(Throwable.class), "the exception pending while its finally runs"));
    if (fin != null) {
      allFins.add(fin);
    }
    Var caught = vars.newTemp(ClassName.get(Throwable.class), "the exception caught in: "
        + userText.firstLine(tryPath.getLeaf()));
    Block handler = b.newBlock();
    List<Block> nextClause = new ArrayList<>();
    catches.forEach(c -> nextClause.add(b.newBlock()));
    // catch blocks are protected too when a finally must run after an exception in them
    Region inCatch = fin != null && !catches.isEmpty() ? b.enterRegion(caught) : null;
    List<Block> catchBlocks = new ArrayList<>();
    catches.forEach(c -> catchBlocks.add(b.newBlock()));
    Block catchHandler = null;
    if (inCatch != null) {
      b.exitRegion(inCatch);
      catchHandler = b.newBlock();
      b.handle(inCatch, catchHandler);
    }
    if (fin != null) {
      fins.push(fin);
    }
    Region inTry = b.enterRegion(caught);
    place(b.newBlock());
    body.run();
    b.exitRegion(inTry);
    b.handle(inTry, handler);
    completeNormally(fin, after);

    place(handler);
    for (int i = 0; i < catches.size(); i++) {
      CatchTree c = catches.get(i);
      TreePath cp = child(tryPath, c);
      List<String> tests = new ArrayList<>();
      for (TreePath type : caughtTypes(child(cp, c.getParameter()))) {
        tests.add(caught + " instanceof " + userText.text(type).string());
      }
      ifNot(Val.of(String.join(" || ", tests), null, Uses.reading(caught)), nextClause.get(i));
      if (scan.suspends(c.getBlock())) {
        Var param = hoistCatchParameter(child(cp, c.getParameter()));
        emit(param + " = (" + TypeNames.write(param.type()) + ") " + caught, Uses.reading(caught).thenKilling(param));
      }
      jump(catchBlocks.get(i));
      place(nextClause.get(i));
    }
    if (fin != null) {
      throwThroughFinally(fin, caught);
    } else {
      b.add(new Instr.Throw(CodeBlock.of("$L", caught), Uses.reading(caught)));
    }
    for (int i = 0; i < catches.size(); i++) {
      if (inCatch != null) {
        b.reenter(inCatch);
      }
      place(catchBlocks.get(i));
      catchClause(child(tryPath, catches.get(i)), caught);
      if (inCatch != null) {
        b.exitRegion(inCatch);
      }
      completeNormally(fin, after);
    }
    if (catchHandler != null) {
      place(catchHandler);
      throwThroughFinally(fin, caught);
    }
    if (fin != null) {
      fins.pop();
      place(fin.entry);
      finallyBodies++;
      if (self.isGenerator()) {
        finallyBody.accept(fin);
      } else {
        cleanupOf(tryPath, fin, finallyBody);
      }
      finallyEnd(fin);
      finallyBodies--;
    }
    place(after);
  }


  private void exprStatement(TreePath p) {
    ExpressionTree e = (ExpressionTree) p.getLeaf();
    BodyScan.Point pt = scan.pointAt(e);
    if (pt != null) {
      Val v = point(p, pt);
      if (pt.kind() == BodyScan.Kind.AWAIT) {
        emit(RuntimeContract.valueOf(awaited.ref(), null), v.uses()); // rethrows a failure; the value is not needed
      } else if (pt.kind() == BodyScan.Kind.CALL && v.targetTyped()) {
        emit(RuntimeContract.take(RuntimeContract.anyFrame(awaited.ref()), "Void"), v.uses());
      }
      return;
    }
    switch (e.getKind()) {
      case ASSIGNMENT:
        Val a = assignment(p);
        emit(a.text(), a.uses());
        return;
      case PARENTHESIZED:
        exprStatement(child(p, ((ParenthesizedTree) e).getExpression()));
        return;
      default:
        Val v = e instanceof CompoundAssignmentTree ? compound(p) : expr(p);
        String text = v.text();
        if (e instanceof UnaryTree && text.startsWith("(") && text.endsWith(")")) {
          text = text.substring(1, text.length() - 1); // (a[i]++) is not a statement; a[i]++ is
        }
        emit(text, v.uses());
    }
  }

  /** A statement of generated code. */
  private void emit(String statement, Uses uses) {
    flushSnapshots();
    b.code(CodeBlock.of("$L;", statement), uses);
  }

  private void flushSnapshots() {
    for (UserText.Snapshot s : userText.takeSnapshots()) {
      b.code(s.code(), Uses.reading(s.of()));
    }
  }

  // ---------------------------------------------------------------------------- expressions

  private Val cond(TreePath p) {
    return typed(expr(p), p);
  }

  private Val expr(TreePath p) {
    Tree t = p.getLeaf();
    if (!scan.suspends(t)) {
      if (t instanceof NewArrayTree && ((NewArrayTree) t).getType() == null) {
        // {1, 2} among the elements of a split creation may be kept in a temporary: make it an expression
        UserText.Text text = userText.text(p);
        return Val.of("new " + arrayTypeText(p) + " " + text.string(), typer.typeOf(p), text.uses());
      }
      UserText.Text text = userText.text(p);
      return Val.of(text.string(), null, text.uses());
    }
    BodyScan.Point pt = scan.pointAt(t);
    if (pt != null) {
      return point(p, pt);
    }
    switch (t.getKind()) {
      case PARENTHESIZED: {
        Val v = expr(child(p, ((ParenthesizedTree) t).getExpression()));
        return new Val("(" + v.text() + ")", v.type(), false, v.targetTyped(), v.uses());
      }
      case METHOD_INVOCATION:
        return invocation(p, (MethodInvocationTree) t);
      case NEW_CLASS:
        return newClass(p, (NewClassTree) t);
      case NEW_ARRAY:
        return newArray(p, (NewArrayTree) t);
      case ARRAY_ACCESS: {
        ArrayAccessTree a = (ArrayAccessTree) t;
        List<Val> ops = operands(List.of(child(p, a.getExpression()), child(p, a.getIndex())),
            java.util.Arrays.asList(null, intType()));
        return Val.of(ops.get(0).text() + "[" + ops.get(1).text() + "]", null, uses(ops));
      }
      case MEMBER_SELECT: {
        MemberSelectTree ms = (MemberSelectTree) t;
        List<Val> ops = operands(List.of(child(p, ms.getExpression())));
        return Val.of(ops.get(0).text() + "." + ms.getIdentifier(), null, ops.get(0).uses());
      }
      case TYPE_CAST: {
        TypeCastTree c = (TypeCastTree) t;
        Val v = expr(child(p, c.getExpression()));
        UserText.Text type = userText.text(child(p, c.getType()));
        return Val.of("((" + type.string() + ") " + v.text() + ")", null, v.uses().then(type.uses()));
      }
      case INSTANCE_OF: {
        InstanceOfTree i = (InstanceOfTree) t;
        if (i.getPattern() != null) {
          // the awaited operand, then the pattern: its variables are locals of the body, assigned on a match
          Val v = typed(expr(child(p, i.getExpression())), child(p, i.getExpression()));
          UserText.Text test = userText.patternTest(p, v.text());
          return Val.of(test.string(), null, v.uses().then(test.uses()));
        }
        Val v = expr(child(p, i.getExpression()));
        UserText.Text type = userText.text(child(p, i.getType()));
        return Val.of("(" + v.text() + " instanceof " + type.string() + ")", null, v.uses().then(type.uses()));
      }
      case CONDITIONAL_AND:
      case CONDITIONAL_OR:
        return shortCircuit(p, (BinaryTree) t);
      case CONDITIONAL_EXPRESSION:
        return conditional(p, (ConditionalExpressionTree) t, null);
      case SWITCH_EXPRESSION:
        return switchExpression(p, null);
      case ASSIGNMENT: {
        Val a = assignment(p);
        return Val.of("(" + a.text() + ")", null, a.uses());
      }
      case PREFIX_INCREMENT: case PREFIX_DECREMENT: case POSTFIX_INCREMENT: case POSTFIX_DECREMENT:
      case UNARY_MINUS: case UNARY_PLUS: case BITWISE_COMPLEMENT: case LOGICAL_COMPLEMENT: {
        UnaryTree u = (UnaryTree) t;
        TreePath operand = child(p, u.getExpression());
        Val inner = u.getExpression() instanceof ArrayAccessTree ? lvalueArray(operand) : typed(expr(operand), operand);
        String op = unaryOperator(t.getKind());
        boolean postfix = t.getKind() == Tree.Kind.POSTFIX_INCREMENT || t.getKind() == Tree.Kind.POSTFIX_DECREMENT;
        return Val.of("(" + (postfix ? inner.text() + op : op + inner.text()) + ")", null, inner.uses());
      }
      case MEMBER_REFERENCE: {
        // only the receiver can suspend (a lambda body is rejected by the scan); it is evaluated once,
        // before the reference is created, and a null throws then (JLS 15.13.3)
        MemberReferenceTree r = (MemberReferenceTree) t;
        TreePath q = child(p, r.getQualifierExpression());
        Val receiver = typed(expr(q), q);
        List<String> typeArgs = new ArrayList<>();
        Uses u = receiver.uses();
        if (r.getTypeArguments() != null) {
          for (Tree a : r.getTypeArguments()) {
            UserText.Text at = userText.text(child(p, a));
            typeArgs.add(at.string());
            u = u.then(at.uses());
          }
        }
        return Val.of(paren(receiver.text()) + "::" + (typeArgs.isEmpty() ? "" : "<" + String.join(", ", typeArgs)
            + ">") + r.getName(), null, u);
      }
      case LAMBDA_EXPRESSION:
        throw new IllegalStateException("suspension inside a lambda passed the scan");
      default:
        if (t instanceof CompoundAssignmentTree) {
          Val c = compound(p);
          return Val.of("(" + c.text() + ")", null, c.uses());
        }
        if (t instanceof BinaryTree) {
          BinaryTree bt = (BinaryTree) t;
          TreePath l = child(p, bt.getLeftOperand());
          TreePath r = child(p, bt.getRightOperand());
          TypeMirror unboxTo = scan.suspends(bt.getRightOperand()) ? unboxedOperand(bt, l, r) : null;
          if (unboxTo != null) {
            // javac unboxes the left operand before it evaluates the right one (a null throws then)
            Var left = vars.newTemp(TypeName.get(unboxTo), "the value of: " + userText.firstLine(bt.getLeftOperand()));
            Val lv = typed(expr(l), l);
            emit(left + " = " + lv.text(), lv.uses().thenKilling(left));
            Val rv = typed(expr(r), r);
            return Val.of("(" + left + " " + binaryOperator(t.getKind()) + " " + rv.text() + ")", null,
                Uses.reading(left).then(rv.uses()));
          }
          List<Val> ops = operands(List.of(l, r));
          return Val.of("(" + ops.get(0).text() + " " + binaryOperator(t.getKind()) + " " + ops.get(1).text() + ")",
              null, uses(ops));
        }
        throw Problem.at(t, Message.SUSPEND_IN_EXPRESSION, kindName(t));
    }
  }

  private static Uses uses(List<Val> vals) {
    Uses u = Uses.NONE;
    for (Val v : vals) {
      u = u.then(v.uses());
    }
    return u;
  }

  /** A call to a plain method whose receiver or arguments suspend. */
  private Val invocation(TreePath p, MethodInvocationTree call) {
    ExpressionTree sel = call.getMethodSelect();
    TreePath selPath = child(p, sel);
    List<TreePath> ops = new ArrayList<>();
    boolean valueReceiver = sel instanceof MemberSelectTree
        && typer.isValue(((MemberSelectTree) sel).getExpression(), selPath);
    if (valueReceiver) {
      ops.add(child(selPath, ((MemberSelectTree) sel).getExpression()));
    }
    for (ExpressionTree a : call.getArguments()) {
      ops.add(child(p, a));
    }
    List<TypeMirror> unboxTo = new ArrayList<>(typer.primitiveParameters(call, p));
    if (valueReceiver) {
      unboxTo.add(0, null);
    }
    List<Val> vals = operands(ops, unboxTo);
    Uses u = uses(vals);
    List<String> texts = texts(vals);
    String target;
    if (valueReceiver) {
      target = texts.remove(0) + "." + typeArguments(p, call) + ((MemberSelectTree) sel).getIdentifier();
    } else if (sel instanceof MemberSelectTree) {
      UserText.Text q = userText.text(child(selPath, ((MemberSelectTree) sel).getExpression()));
      u = u.then(q.uses());
      target = q.string() + "." + typeArguments(p, call) + ((MemberSelectTree) sel).getIdentifier();
    } else {
      target = userText.qualifiedMethod(((IdentifierTree) sel).getName().toString(), sel);
      if (!call.getTypeArguments().isEmpty()) {
        int dot = target.lastIndexOf('.');
        target = target.substring(0, dot + 1) + typeArguments(p, call) + target.substring(dot + 1);
      }
      if (target.startsWith("self$.") && receiverVar() != null) {
        u = u.then(Uses.reading(receiverVar()));
      }
    }
    UserText.Arm arm = armed(call);
    if (arm != null) {
      target = arm.target();
      texts.add(0, arm.frame());
    }
    return Val.of(target + "(" + String.join(", ", texts) + ")", null, u);
  }

  private Var receiverVar() {
    return receiver;
  }

  private static List<String> texts(List<Val> vals) {
    List<String> out = new ArrayList<>();
    vals.forEach(v -> out.add(v.text()));
    return out;
  }

  private String typeArguments(TreePath p, MethodInvocationTree call) {
    if (call.getTypeArguments().isEmpty()) {
      return "";
    }
    List<String> ts = new ArrayList<>();
    for (Tree a : call.getTypeArguments()) {
      ts.add(userText.text(child(p, a)).string());
    }
    return "<" + String.join(", ", ts) + ">";
  }

  /** {@code new T(args)}, or {@code outer.new Inner(args)}: the outer instance first, then the arguments (JLS 15.9.4). */
  private Val newClass(TreePath p, NewClassTree n) {
    List<TreePath> ops = new ArrayList<>();
    for (ExpressionTree a : n.getArguments()) {
      ops.add(child(p, a));
    }
    if (n.getEnclosingExpression() != null) {
      // a null outer instance throws before any argument runs; the class is named as a member of
      // the outer instance's type, by its name as written
      TreePath op = child(p, n.getEnclosingExpression());
      Val outer = typed(expr(op), op);
      if (!isStable(op, ops)) {
        outer = materialize(outer, op);
      }
      emit("java.util.Objects.requireNonNull(" + outer.text() + ")", outer.uses());
      List<Val> args = operands(ops);
      return Val.of(paren(outer.text()) + ".new " + userText.source(n.getIdentifier()) + "("
          + String.join(", ", texts(args)) + ")", null, outer.uses().then(uses(args)));
    }
    List<Val> vals = operands(ops);
    Uses u = uses(vals);
    String body = "";
    if (n.getClassBody() != null) {
      UserText.Text bt = userText.text(child(p, n.getClassBody()));
      body = " " + bt.string();
      u = u.then(bt.uses());
    }
    UserText.Text type = userText.text(child(p, n.getIdentifier()));
    return Val.of("new " + type.string() + "(" + String.join(", ", texts(vals)) + ")" + body, null,
        u.then(type.uses()));
  }

  /**
   * {@code new T[] {..}}, {@code new T[n][]}, or an initializer {@code {..}} whose type comes from
   * its declaration or enclosing creation. The written element type is rebuilt from its parts:
   * javac's tree for {@code int[]} in {@code new int[][] {..}} spans both bracket pairs.
   */
  private Val newArray(TreePath p, NewArrayTree n) {
    List<TreePath> ops = new ArrayList<>();
    for (ExpressionTree e : n.getInitializers() != null ? n.getInitializers() : n.getDimensions()) {
      ops.add(child(p, e));
    }
    TypeMirror array = n.getInitializers() != null ? typer.typeOf(p) : null;
    TypeMirror element = array instanceof ArrayType ? ((ArrayType) array).getComponentType() : intType();
    List<Val> vals = operands(ops, java.util.Collections.nCopies(ops.size(),
        element.getKind().isPrimitive() ? element : null));
    if (n.getInitializers() != null) {
      return Val.of("new " + arrayTypeText(p) + " {" + String.join(", ", texts(vals)) + "}", null, uses(vals));
    }
    StringBuilder sb = new StringBuilder("new ").append(baseTypeText(p, n));
    vals.forEach(d -> sb.append('[').append(d.text()).append(']'));
    return Val.of(sb.append("[]".repeat(extraDimensions(n))).toString(), null, uses(vals));
  }

  /** The type of the array created or initialized at {@code p}, as source text ({@code int[][]}). */
  private String arrayTypeText(TreePath p) {
    NewArrayTree n = (NewArrayTree) p.getLeaf();
    if (n.getType() != null) {
      return baseTypeText(p, n) + "[]".repeat(extraDimensions(n) + 1);
    }
    TypeMirror t = typer.typeOf(p);
    if (t == null) {
      throw Problem.at(n, Message.ARRAY_INITIALIZER_TYPE);
    }
    return TypeText.of(t, n, "this array");
  }

  /** {@code int} in {@code new int[n][]}: the element type without its brackets. */
  private String baseTypeText(TreePath p, NewArrayTree n) {
    TreePath t = child(p, n.getType());
    while (t.getLeaf() instanceof ArrayTypeTree) {
      t = child(t, ((ArrayTypeTree) t.getLeaf()).getType());
    }
    return userText.text(t).string();
  }

  /** How many {@code []} the element type adds after the dimensions: one in {@code new int[n][]}. */
  private static int extraDimensions(NewArrayTree n) {
    int k = 0;
    for (Tree t = n.getType(); t instanceof ArrayTypeTree; t = ((ArrayTypeTree) t).getType()) {
      k++;
    }
    return k;
  }

  private Val shortCircuit(TreePath p, BinaryTree bt) {
    boolean and = bt.getKind() == Tree.Kind.CONDITIONAL_AND;
    TreePath l = child(p, bt.getLeftOperand());
    TreePath r = child(p, bt.getRightOperand());
    if (!scan.suspends(bt.getRightOperand())) {
      Val lv = typed(expr(l), l);
      UserText.Text rt = userText.text(r);
      return Val.of("(" + lv.text() + (and ? " && " : " || ") + rt.string() + ")", null, lv.uses().then(rt.uses()));
    }
    Val lv = typed(expr(l), l);
    Var t = vars.newTemp(TypeName.BOOLEAN, "the value of: " + userText.firstLine(bt));
    emit(t + " = " + lv.text(), lv.uses().thenKilling(t));
    Block skip = b.newBlock();
    ifNot(Val.of((and ? "" : "!") + t, null, Uses.reading(t)), skip);
    Val rv = typed(expr(r), r);
    emit(t + " = " + rv.text(), rv.uses().thenKilling(t));
    place(skip);
    return new Val(t.ref(), types.getPrimitiveType(TypeKind.BOOLEAN), true, false, Uses.reading(t));
  }

  /** {@link #expr}, where an assignment target of type {@code target} can type a conditional that suspends. */
  private Val exprFor(TreePath p, String target) {
    if (p.getLeaf() instanceof ParenthesizedTree par && scan.suspends(par)) {
      return exprFor(child(p, par.getExpression()), target); // (switch ..) is as poly as switch ..
    }
    if (p.getLeaf() instanceof ConditionalExpressionTree && scan.suspends(p.getLeaf())) {
      return conditional(p, (ConditionalExpressionTree) p.getLeaf(), target);
    }
    if (p.getLeaf() instanceof SwitchExpressionTree && scan.suspends(p.getLeaf())) {
      return switchExpression(p, target);
    }
    return expr(p);
  }

  // ---------------------------------------------------------------------------- switch

  /**
   * A switch expression that suspends: its arms store the value in a temporary of its type — as a
   * poly expression in an assignment, the type of the target — and continue after it.
   */
  private Val switchExpression(TreePath p, String target) {
    SwitchExpressionTree t = (SwitchExpressionTree) p.getLeaf();
    TypeMirror type = typer.typeOf(p);
    TypeName name = type != null ? TypeText.name(type, t, "this switch expression")
        : target != null ? TypeNames.text(target) : null;
    if (name == null) {
      throw Problem.at(t, Message.SWITCH_EXPRESSION_TYPE);
    }
    SwitchValue sv = new SwitchValue(vars.newTemp(name, "the value of: " + userText.firstLine(t)), b.newBlock(),
        fins.size());
    switchValues.put(t, sv);
    cases(p, t.getExpression(), t.getCases(), sv, target != null ? target : TypeNames.write(name));
    place(sv.end());
    return new Val(sv.result().ref(), type, true, false, Uses.reading(sv.result()));
  }

  /**
   * The cases of a switch that suspends: the selector evaluated once; a Java {@code switch} on it
   * with the user's own labels (constants, enum names, strings, patterns with guards — javac keeps
   * their meaning, null and exhaustiveness checks included) whose arms jump to the case blocks;
   * colon-form cases fall through from one block to the next, arrow-form ones end at the end.
   *
   * <p>Exhaustiveness is decided from the cases' kinds. A case that is {@code default}, {@code null}
   * or a pattern makes the dispatch a switch javac itself requires to be exhaustive (and gives the
   * default of an enhanced switch), or one that matches anything. Otherwise a switch statement
   * completes when no label matches, and a switch expression, whose labels then are constants of an
   * enum, gets the default javac would give it ({@link #unmatched}): a constant the enum gained after
   * this was compiled fails as it does in direct mode, never running the first arm.
   */
  private void cases(TreePath p, ExpressionTree selector, List<? extends CaseTree> cases, SwitchValue value,
      String valueType) {
    Val sel = typed(expr(child(p, selector)), child(p, selector));
    Block end = value != null ? value.end() : b.newBlock();
    if (value == null) {
      targets.put(p.getLeaf(), new Targets(end, null, fins.size()));
    }
    boolean arrow = !cases.isEmpty() && cases.get(0).getCaseKind() == CaseTree.CaseKind.RULE;
    List<Exit> blocks = new ArrayList<>();
    CodeBlock.Builder dispatch = CodeBlock.builder().add("switch ($L) {\n$>", sel.text());
    Uses uses = sel.uses();
    boolean exhaustive = cases.stream().anyMatch(Syntax::matchesBeyondConstants);
    boolean completes = value == null && !exhaustive;
    flushSnapshots();
    for (CaseTree c : cases) {
      for (Tree label : Syntax.labelsOf(c)) {
        if (scan.suspends(label)) {
          throw Problem.at(label, Message.SUSPEND_IN_CASE_LABEL);
        }
      }
      Block cb = b.newBlock();
      UserText.Labels labels = userText.caseLabels(child(p, c));
      blocks.add(new Exit(cb, Set.copyOf(labels.assigned())));
      // the jump's text is written once every block has its number: keep it an argument
      CodeBlock arm = CodeBlock.of("$L$L", labels.assignments().isEmpty() ? "" : labels.assignments() + " ",
          new JumpText(b.current(), cb, b.regionRef()));
      dispatch.add(labels.text().code()).add(arrow ? " -> { $L }\n" : ":\n$>$L\n$<", arm);
      uses = uses.then(labels.text().uses());
    }
    if (value != null && !exhaustive) {
      dispatch.add(arrow ? "default -> $L\n" : "default:\n$>$L\n$<", unmatched);
    }
    flushSnapshots();
    b.add(new Instr.Verbatim(dispatch.add("$<}").build(), uses, blocks,
        completes ? Instr.Completion.NORMAL : Instr.Completion.NEVER));
    if (completes) {
      jump(end); // no label matched
    }
    for (int i = 0; i < cases.size(); i++) {
      CaseTree c = cases.get(i);
      TreePath cp = child(p, c);
      place(blocks.get(i).target());
      if (!arrow) {
        for (StatementTree s : c.getStatements()) {
          stmt(child(cp, s));
        }
        continue;
      }
      Tree body = c.getBody();
      if (body instanceof ExpressionTree) {
        if (value != null) {
          comment(body);
          Val v = exprFor(child(cp, body), valueType);
          emit(value.result() + " = " + armValue(value.result(), child(cp, body), v.text()),
              v.uses().thenKilling(value.result()));
        } else {
          comment(body);
          exprStatement(child(cp, body));
        }
      } else {
        stmt(child(cp, body));
      }
      jump(end);
    }
    if (value == null) {
      place(end);
    }
  }

  /**
   * {@code assert cond : message;} that suspends: runs only where the user's class has assertions
   * enabled (read as javac does, from its top-level class, when the frame class is initialized).
   */
  private void assertStmt(TreePath p, AssertTree t) {
    comment(t);
    asserts = true;
    Block end = b.newBlock();
    ifNot(Val.of("ASSERTIONS$", null, Uses.NONE), end);
    Val c = cond(child(p, t.getCondition()));
    ifNot(Val.of("!" + paren(c.text()), null, c.uses()), end);
    if (t.getDetail() == null) {
      b.add(new Instr.Throw(CodeBlock.of("new java.lang.AssertionError()"), Uses.NONE));
    } else {
      Val m = typed(expr(child(p, t.getDetail())), child(p, t.getDetail()));
      flushSnapshots();
      b.add(new Instr.Throw(CodeBlock.of("new java.lang.AssertionError($L)", m.text()), m.uses()));
    }
    place(end);
  }

  private Tree enclosingSwitchExpression(TreePath p) {
    for (TreePath q = p.getParentPath(); q != null; q = q.getParentPath()) {
      if (q.getLeaf() instanceof SwitchExpressionTree) {
        return q.getLeaf();
      }
    }
    throw new IllegalStateException("yield outside a switch expression");
  }

  /**
   * {@code c ? a : b} whose branches suspend: the branch taken is evaluated into a temporary of the
   * conditional's type, or, where that type is not known exactly, of its assignment target's
   * (the same value, unless a primitive branch would be boxed to a reference target).
   */
  private Val conditional(TreePath p, ConditionalExpressionTree c, String target) {
    TreePath cp = child(p, c.getCondition());
    TreePath a = child(p, c.getTrueExpression());
    TreePath e = child(p, c.getFalseExpression());
    if (!scan.suspends(c.getTrueExpression()) && !scan.suspends(c.getFalseExpression())) {
      Val cond = cond(cp);
      UserText.Text at = userText.text(a);
      UserText.Text et = userText.text(e);
      return Val.of("(" + cond.text() + " ? " + at.string() + " : " + et.string() + ")", null,
          cond.uses().then(at.uses().or(et.uses())));
    }
    TypeMirror type = typer.typeOf(p);
    TypeName typeName = type != null ? TypeText.name(type, c, "this conditional expression")
        : target != null && (isPrimitive(target) || !hasPrimitiveBranch(a, e)) ? TypeNames.text(target) : null;
    if (typeName == null) {
      throw Problem.at(c, Message.CONDITIONAL_TYPE);
    }
    Val cond = cond(cp);
    Var t = vars.newTemp(typeName, "the value of: " + userText.firstLine(c));
    Block otherwise = b.newBlock();
    Block end = b.newBlock();
    ifNot(cond, otherwise);
    Val av = expr(a);
    emit(t + " = " + armValue(t, a, av.text()), av.uses().thenKilling(t));
    jump(end);
    place(otherwise);
    Val ev = expr(e);
    emit(t + " = " + armValue(t, e, ev.text()), ev.uses().thenKilling(t));
    place(end);
    return new Val(t.ref(), type, true, false, Uses.reading(t));
  }

  private static boolean isPrimitive(String type) {
    return TypeNames.text(type).isPrimitive();
  }

  private boolean hasPrimitiveBranch(TreePath a, TreePath e) {
    for (TreePath x : List.of(a, e)) {
      TypeMirror t = typer.typeOf(x);
      if (t == null || t.getKind().isPrimitive()) {
        return true;
      }
    }
    return false;
  }

  /** {@code x = v}, {@code o.f = v}, {@code a[i] = v}: target operands first, then the value (JLS 15.26.1). */
  private Val assignment(TreePath p) {
    AssignmentTree a = (AssignmentTree) p.getLeaf();
    TreePath lhs = child(p, a.getVariable());
    TreePath rhs = child(p, a.getExpression());
    Tree target = strip(a.getVariable());
    if (target instanceof ArrayAccessTree) {
      ArrayAccessTree aa = (ArrayAccessTree) target;
      TreePath tp = child(lhs, target);
      List<Val> ops = operands(List.of(child(tp, aa.getExpression()), child(tp, aa.getIndex()), rhs),
          java.util.Arrays.asList(null, intType(), null));
      return Val.of(ops.get(0).text() + "[" + ops.get(1).text() + "] = " + ops.get(2).text(), null, uses(ops));
    }
    if (target instanceof MemberSelectTree && typer.isValue(((MemberSelectTree) target).getExpression(), lhs)) {
      MemberSelectTree ms = (MemberSelectTree) target;
      List<Val> ops = operands(List.of(child(child(lhs, target), ms.getExpression()), rhs));
      return Val.of(ops.get(0).text() + "." + ms.getIdentifier() + " = " + ops.get(1).text(), null, uses(ops));
    }
    Val v = expr(rhs);
    Var local = hoistedLocal(a.getVariable());
    UserText.Text place = userText.text(lhs);
    Uses u = local != null ? v.uses().thenKilling(local) : v.uses().then(place.uses());
    return Val.of(place.string() + " = " + v.text(), null, u);
  }

  /** {@code t op= v}: the target's value is read before the value is computed (JLS 15.26.2). */
  private Val compound(TreePath p) {
    CompoundAssignmentTree c = (CompoundAssignmentTree) p.getLeaf();
    TreePath lhs = child(p, c.getVariable());
    TreePath rhs = child(p, c.getExpression());
    String op = binaryOperator(compoundBase(c.getKind()));
    Tree target = strip(c.getVariable());
    if (!scan.suspends(c.getExpression())) {
      // only the target suspends (a[f()] += 1): evaluate it, then apply as Java does
      Val place = lvalue(lhs);
      UserText.Text r = userText.text(rhs);
      return Val.of(place.text() + " " + op + "= " + r.string(), null, place.uses().then(r.uses()));
    }
    TypeMirror type = typer.typeOf(lhs);
    boolean boxed = type != null && !type.getKind().isPrimitive() && typer.unboxed(type) != null;
    if (!boxed && target instanceof IdentifierTree
        && vars.localDecl(((IdentifierTree) target).getName().toString(), target) != null
        && !assignsInside(c.getExpression(), ((IdentifierTree) target).getName().toString())) {
      UserText.Text place = userText.text(lhs);
      Val v = typed(expr(rhs), rhs);
      return Val.of(place.string() + " " + op + "= " + v.text(), null, place.uses().then(v.uses()));
    }
    if (type == null) {
      throw Problem.at(c.getVariable(), Message.COMPOUND_TARGET_TYPE, c.getVariable());
    }
    TypeName typeName = TypeText.name(type, c.getVariable(), c.getVariable().toString());
    Val place = lvalue(lhs);
    // a boxed target is unboxed when it is read, before the right side runs (javac's order)
    TypeName oldType = boxed && !isString(type) ? TypeName.get(typer.unboxed(type)) : typeName;
    Var old = vars.newTemp(oldType, "the value of " + c.getVariable() + " before: " + userText.firstLine(c));
    emit(old + " = " + place.text(), place.uses().thenKilling(old));
    Val v = typed(expr(rhs), rhs);
    return Val.of(place.text() + " = (" + TypeNames.write(typeName) + ") (" + old + " " + op + " " + v.text() + ")",
        null, place.uses().then(Uses.reading(old)).then(v.uses()));
  }

  /**
   * The primitive type the left operand of {@code bt} is unboxed to, when it is a box that the
   * operator unboxes (arithmetic, bitwise, relational, or == and != against a primitive); else null.
   */
  private TypeMirror unboxedOperand(BinaryTree bt, TreePath l, TreePath r) {
    TypeMirror lt = typer.typeOf(l);
    if (lt == null || lt.getKind().isPrimitive() || typer.unboxed(lt) == null) {
      return null;
    }
    Tree.Kind k = bt.getKind();
    if (k == Tree.Kind.PLUS) {
      TypeMirror rt = typer.typeOf(r);
      return rt != null && !isString(rt) ? typer.unboxed(lt) : null;
    }
    if (k == Tree.Kind.EQUAL_TO || k == Tree.Kind.NOT_EQUAL_TO) {
      TypeMirror rt = typer.typeOf(r);
      return rt != null && rt.getKind().isPrimitive() ? typer.unboxed(lt) : null;
    }
    return typer.unboxed(lt);
  }

  /**
   * The primitive that javac unboxes the value of the await at {@code p} (of the boxed {@code type})
   * to at once, where that is an {@code int}, {@code long}, {@code double} or {@code boolean} (what a
   * frame gives unboxed): returned from a coroutine of a primitive result, the initializer of a
   * primitive local, assigned or compound-assigned to a primitive variable, an operand of an
   * operator that unboxes it, an array index, a condition, or cast to a primitive. Else null: the
   * value is used boxed (a method argument, whose overload may depend on it, or a conditional's arm).
   * javac unboxes such a value right after evaluating it, so unboxing it where it is taken keeps the
   * order of evaluation, a null's {@code NullPointerException} included.
   */
  private TypeMirror unboxedAt(TreePath p, TypeMirror type) {
    TypeMirror u = type.getKind().isPrimitive() ? null : typer.unboxed(type);
    if (u == null || !List.of(TypeKind.INT, TypeKind.LONG, TypeKind.DOUBLE, TypeKind.BOOLEAN).contains(u.getKind())) {
      return null;
    }
    TreePath at = p;
    while (at.getParentPath().getLeaf() instanceof ParenthesizedTree) {
      at = at.getParentPath();
    }
    Tree e = at.getLeaf();
    Tree parent = at.getParentPath().getLeaf();
    boolean unboxes;
    if (parent instanceof ReturnTree) {
      unboxes = !self.isGenerator() && self.valueType().getKind().isPrimitive();
    } else if (parent instanceof VariableTree v) {
      unboxes = v.getInitializer() == e && !isVar(v) && isPrimitive(names.typeOfTypeTree(v.getType()));
    } else if (parent instanceof AssignmentTree a) {
      unboxes = a.getExpression() == e && isPrimitive(typer.typeOf(child(at.getParentPath(), a.getVariable())));
    } else if (parent instanceof CompoundAssignmentTree a) {
      unboxes = a.getExpression() == e && isPrimitive(typer.typeOf(child(at.getParentPath(), a.getVariable())));
    } else if (parent instanceof BinaryTree bt) {
      TreePath bp = at.getParentPath();
      TreePath other = child(bp, bt.getLeftOperand() == e ? bt.getRightOperand() : bt.getLeftOperand());
      unboxes = unboxedOperand(bt, at, other) != null;
    } else if (parent instanceof UnaryTree || parent instanceof TypeCastTree c && isPrimitive(names.typeOfTypeTree(c.getType()))) {
      unboxes = true;
    } else if (parent instanceof ArrayAccessTree a) {
      unboxes = a.getIndex() == e;
    } else if (parent instanceof ConditionalExpressionTree c) {
      unboxes = c.getCondition() == e;
    } else {
      unboxes = parent instanceof IfTree || parent instanceof WhileLoopTree || parent instanceof DoWhileLoopTree
          || parent instanceof ForLoopTree f && f.getCondition() == e;
    }
    return unboxes ? u : null;
  }

  private static boolean isPrimitive(TypeMirror t) {
    return t != null && t.getKind().isPrimitive();
  }

  private static boolean isString(TypeMirror t) {
    return t.toString().equals("java.lang.String");
  }

  /** An assignable place, its receiver and index evaluated (and kept) first. */
  private Val lvalue(TreePath lhs) {
    Tree target = strip(lhs.getLeaf());
    TreePath tp = target == lhs.getLeaf() ? lhs : child(lhs, target);
    if (target instanceof ArrayAccessTree) {
      return lvalueArray(tp);
    }
    if (target instanceof MemberSelectTree && typer.isValue(((MemberSelectTree) target).getExpression(), tp)) {
      MemberSelectTree ms = (MemberSelectTree) target;
      TreePath recv = child(tp, ms.getExpression());
      Val v = expr(recv);
      if (!isStable(recv, List.of())) {
        v = materialize(v, recv);
      }
      return Val.of(v.text() + "." + ms.getIdentifier(), null, v.uses());
    }
    UserText.Text t = userText.text(tp);
    return Val.of(t.string(), null, t.uses());
  }

  /**
   * {@code a[i]} as a place: array and index evaluated first and kept, as they are read again when
   * it is used; the index as the {@code int} Java converts it to, whatever its type.
   */
  private Val lvalueArray(TreePath tp) {
    ArrayAccessTree aa = (ArrayAccessTree) tp.getLeaf();
    List<TreePath> ps = List.of(child(tp, aa.getExpression()), child(tp, aa.getIndex()));
    List<Val> ops = operands(ps, java.util.Arrays.asList(null, intType()));
    List<Val> kept = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Val v = ops.get(i);
      kept.add(isStable(ps.get(i), List.of()) ? v : i == 1 ? materializeAs(v, ps.get(i), intType()) : materialize(v, ps.get(i)));
    }
    return Val.of(kept.get(0).text() + "[" + kept.get(1).text() + "]", null, uses(kept));
  }

  /**
   * Evaluates operands in order; an operand whose value must survive a later operand's suspension
   * is kept in a temporary unless re-reading it later gives the same value.
   */
  private List<Val> operands(List<TreePath> ps) {
    return operands(ps, java.util.Collections.nCopies(ps.size(), null));
  }

  /**
   * {@link #operands(List)}, where {@code unboxTo.get(i)} is the primitive type operand {@code i}'s
   * context converts it to (an array index, a primitive array element or parameter), or null: such
   * a box is unboxed at its own position, before later operands run, as javac does — a null throws
   * there.
   */
  private List<Val> operands(List<TreePath> ps, List<TypeMirror> unboxTo) {
    int last = -1;
    for (int i = 0; i < ps.size(); i++) {
      if (scan.suspends(ps.get(i).getLeaf())) {
        last = i;
      }
    }
    List<Val> out = new ArrayList<>();
    for (int i = 0; i < ps.size(); i++) {
      TreePath p = ps.get(i);
      Val v = typed(expr(p), p);
      if (i < last) {
        TypeMirror type = v.type() != null ? v.type() : typer.typeOf(p);
        TypeMirror to = unboxTo.get(i);
        if (to != null && (type == null || !type.getKind().isPrimitive() && typer.unboxed(type) != null)) {
          // the context converts the value to `to` whatever its type: a temporary of that type needs
          // none (an await whose type only javac's inference knows, arr[await(f(() -> 0))])
          v = materializeAs(v, p, to);
        } else if (!isStable(p, ps.subList(i + 1, ps.size()))) {
          v = materialize(v, p);
        }
      }
      out.add(v);
    }
    return out;
  }

  /** Keeps {@code v} in a temporary of the primitive type {@code to}: a box is unboxed now. */
  private Val materializeAs(Val v, TreePath p, TypeMirror to) {
    Var t = vars.newTemp(TypeName.get(to), "the value of: " + userText.firstLine(p.getLeaf()));
    emit(t + " = " + v.text(), v.uses().thenKilling(t));
    return new Val(t.ref(), to, true, false, Uses.reading(t));
  }

  private TypeMirror intType() {
    return types.getPrimitiveType(TypeKind.INT);
  }

  private Val materialize(Val v, TreePath p) {
    TypeMirror type = v.type() != null ? v.type() : typer.typeOf(p);
    if (type == null || (isArgument(p) && typer.isPoly(p))) {
      // an argument's type may come from the parameter it is passed to (List.of() for a
      // List<Number>); a temporary of its standalone type could change the call: ask, never guess
      throw unknownType(p);
    }
    Var t = vars.newTemp(TypeText.name(type, p.getLeaf(), "`" + p.getLeaf() + "`"),
        "the value of: " + userText.firstLine(p.getLeaf()));
    emit(t + " = " + v.text(), v.uses().thenKilling(t));
    return new Val(t.ref(), type, true, false, Uses.reading(t));
  }

  private static boolean isArgument(TreePath p) {
    Tree parent = p.getParentPath().getLeaf();
    return (parent instanceof MethodInvocationTree && ((MethodInvocationTree) parent).getArguments().contains(p.getLeaf()))
        || (parent instanceof NewClassTree && ((NewClassTree) parent).getArguments().contains(p.getLeaf()));
  }

  private Problem unknownType(TreePath p) {
    return Problem.at(p.getLeaf(), Message.OPERAND_TYPE, p.getLeaf());
  }

  /** Rejects a value typed only by its assignment target where there is none. */
  private Val typed(Val v, TreePath p) {
    if (!v.targetTyped()) {
      return v;
    }
    throw Problem.at(p.getLeaf(), Message.VALUE_TYPE, p.getLeaf());
  }

  /** Whether re-reading the operand after later operands run gives the value it had. */
  private boolean isStable(TreePath p, List<TreePath> later) {
    Tree t = strip(p.getLeaf());
    if (t instanceof com.sun.source.tree.LiteralTree) {
      return true;
    }
    if (t instanceof IdentifierTree) {
      String n = ((IdentifierTree) t).getName().toString();
      if (n.equals("this")) {
        return true;
      }
      if (vars.localDecl(n, t) == null) {
        return false;
      }
      for (TreePath q : later) {
        if (assignsInside(q.getLeaf(), n)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  // ---------------------------------------------------------------------------- suspension points

  private Val point(TreePath p, BodyScan.Point pt) {
    MethodInvocationTree call = pt.tree();
    switch (pt.kind()) {
      case CALL:
        return coroutineCall(p, call, pt);
      case AWAIT: {
        TreePath arg = child(p, call.getArguments().get(0));
        Val x = operands(List.of(arg)).get(0);
        Var aw = awaited();
        emit(aw + " = " + RuntimeContract.awaiting(x.text()), x.uses().thenKilling(aw));
        suspendUnlessReady(call);
        TypeMirror type = typer.typeOf(p);
        if (type == null) {
          return awaitedValueTypedByJavac(arg);
        }
        TypeMirror unboxed = unboxedAt(p, type);
        if (unboxed != null) {
          // javac unboxes the value at once here: a child frame gives it unboxed (no Integer per await)
          return Val.of(RuntimeContract.primitiveValueOf(aw.ref(), unboxed.toString()), unboxed, Uses.reading(aw));
        }
        return Val.of(RuntimeContract.valueOf(aw.ref(), TypeText.of(boxed(type), call, "the awaited value")),
            type, Uses.reading(aw));
      }
      case YIELD: {
        TreePath arg = child(p, call.getArguments().get(0));
        Val x = operands(List.of(arg)).get(0);
        emit(RuntimeContract.yielded(x.text()), x.uses());
        suspendHere(call, null, Uses.NONE, null, Uses.NONE);
        return Val.of("", null, Uses.NONE);
      }
      default:
        yieldAll(p, call);
        return Val.of("", null, Uses.NONE);
    }
  }

  /**
   * {@code out.yieldAll(values)}: each element of the iterator taken, yielded in turn, inside a
   * {@code finally} that closes that iterator if it is {@code AutoCloseable} (a delegate
   * {@code Generator}) when the outer generator is closed or fails there, as JavaScript's
   * {@code yield*} and Python's {@code yield from} close their delegate. Run to its end, the
   * delegate is forgotten first: there is nothing to close.
   */
  private void yieldAll(TreePath p, MethodInvocationTree call) {
    TreePath arg = child(p, call.getArguments().get(0));
    Val x = operands(List.of(arg)).get(0);
    Var it = vars.newTemp(ParameterizedTypeName.get(ClassName.get("java.util", "Iterator"),
        WildcardTypeName.subtypeOf(Object.class)), "the position of: " + userText.firstLine(call));
    emit(it + " = " + paren(x.text()) + ".iterator()", x.uses().thenKilling(it));
    protect(() -> {
      Block head = b.newBlock();
      Block end = b.newBlock();
      place(head);
      ifNot(Val.of(it + ".hasNext()", null, Uses.reading(it)), end);
      String elem = TypeText.of(boxed(self.valueType()), call, "the element type");
      emit(RuntimeContract.yielded("(" + elem + ") " + it + ".next()"), Uses.reading(it));
      suspendHere(call, null, Uses.NONE, null, Uses.NONE);
      jump(head);
      place(end);
      emit(it + " = null", Uses.NONE.thenKilling(it));
    }, p, List.of(), f -> emit(RuntimeContract.closeDelegate(it.ref()), Uses.reading(it)));
  }

  /**
   * A suspension point at {@code call}. It records the innermost split finally around it: where a
   * body destroyed while suspended there (a generator closed, a task cancelled) continues, its
   * pending completion DESTROY.
   */
  private void suspendHere(MethodInvocationTree call, CodeBlock check, Uses checkUses, CodeBlock onResume,
      Uses resumeUses) {
    suspendHere(call, check, checkUses, onResume, resumeUses, null, Uses.NONE);
  }

  /** {@link #suspendHere}, with code run only when the point did not suspend ({@code onSync}). */
  private void suspendHere(MethodInvocationTree call, CodeBlock check, Uses checkUses, CodeBlock onResume,
      Uses resumeUses, CodeBlock onSync, Uses syncUses) {
    flushSnapshots();
    Fin f = fins.peek();
    b.suspend(line(call), userText.firstLine(call), check, checkUses, onResume, resumeUses, onSync, syncUses,
        f == null ? null : f.entry, f == null ? null : f.pending);
  }

  // ---------------------------------------------------------------------------- child frames

  /** The embedded child frame of site {@code d}: the parent's field, made on first use. */
  private static String embeddedFrame(Decision d, String frameClass) {
    String f = "frame$." + d.field();
    return "(" + f + " != null ? " + f + " : (" + f + " = " + RuntimeContract.embed(frameClass) + "))";
  }

  /** The qualified name of {@code c}'s frame class. */
  private String frameClassOf(CoroutineDecl c) {
    return naming.frameCanonicalName(c);
  }

  /**
   * A factory call whose task the plan embeds ({@code XCoroutines.f(a)}, held or awaited at once):
   * the frame class's {@code arm$} on the parent's field instead, or null to keep the call.
   */
  private UserText.Arm armed(MethodInvocationTree call) {
    Decision d = plan.at(call);
    if (d == null || !d.embedded() || !d.site().factory()) {
      return null;
    }
    String frameClass = frameClassOf(d.site().callee());
    if (!d.site().immediate() && d.site().path().getParentPath().getLeaf() instanceof VariableTree v) {
      held.put(d.field(), vars.hoisted(v)); // a held task: disarmed where it can no longer be awaited
    }
    return new UserText.Arm(frameClass + ".arm$", embeddedFrame(d, frameClass));
  }

  /** After {@code aw$ = awaiting(..)} or a factory call: suspends unless the awaited thing is ready. */
  private void suspendUnlessReady(MethodInvocationTree call) {
    Var aw = awaited();
    flushSnapshots();
    suspendHere(call, CodeBlock.of("!$L", RuntimeContract.ready(aw.ref())), Uses.reading(aw),
        CodeBlock.of("$L = $L;", aw, RuntimeContract.TAKE_AWAITED), Uses.NONE.thenKilling(aw));
  }

  /**
   * The awaited value where the typer cannot type it: javac types it from the awaited expression
   * written again as a witness that is never evaluated ({@code false ? (EXPR) : null}), unless that
   * expression suspends or declares variables (then only an assignment target can type it).
   */
  private Val awaitedValueTypedByJavac(TreePath arg) {
    boolean[] declares = {false};
    new InBodyScanner() {
      @Override
      public Void visitVariable(VariableTree v, Void x) {
        declares[0] = true;
        return null;
      }

      @Override
      public Void visitBindingPattern(BindingPatternTree bp, Void x) {
        declares[0] = true;
        return null;
      }
    }.scan(arg, null);
    Var aw = awaited();
    if (scan.suspends(arg.getLeaf()) || declares[0]) {
      return new Val(RuntimeContract.valueOf(aw.ref(), null), null, false, true, Uses.reading(aw));
    }
    UserText.Text witness = userText.witness(arg);
    return Val.of(RuntimeContract.valueOfLike(aw.ref(), witness.string()), null,
        Uses.reading(aw).then(witness.uses()));
  }

  /**
   * A call of another coroutine: its body called directly, its value returned; if it suspended, this
   * body suspends too, and takes the value from the child's frame when resumed. Where javac chooses
   * among overloads the processor cannot tell apart, the call goes through the factory instead.
   */
  private Val coroutineCall(TreePath p, MethodInvocationTree call, BodyScan.Point pt) {
    CoroutineDecl callee = pt.callee();
    ExpressionTree sel = call.getMethodSelect();
    TreePath selPath = child(p, sel);
    List<TreePath> ops = new ArrayList<>();
    boolean explicitReceiver = !callee.isStatic() && sel instanceof MemberSelectTree
        && typer.isValue(((MemberSelectTree) sel).getExpression(), selPath);
    if (explicitReceiver) {
      ops.add(child(selPath, ((MemberSelectTree) sel).getExpression()));
    }
    List<TypeMirror> unboxTo = new ArrayList<>();
    if (explicitReceiver) {
      unboxTo.add(null);
    }
    List<? extends VariableElement> params = callee.method().getParameters();
    for (int i = 0; i < call.getArguments().size(); i++) {
      ops.add(child(p, call.getArguments().get(i)));
      TypeMirror param = i < params.size() && !(callee.method().isVarArgs() && i >= params.size() - 1)
          ? params.get(i).asType() : null;
      unboxTo.add(pt.exact() && param != null && param.getKind().isPrimitive() ? param : null);
    }
    List<Val> vals = operands(ops, unboxTo);
    Uses u = uses(vals);
    List<String> args = texts(vals);
    if (!callee.isStatic() && !explicitReceiver) {
      if (self.isStatic() || !types.isSubtype(types.erasure(names.owner().asType()), types.erasure(callee.owner().asType()))) {
        throw Problem.at(call.getMethodSelect(), Message.OUTER_COROUTINE, callee.name());
      }
      args.add(0, "self$");
      u = u.then(Uses.reading(receiverVar()));
    }
    TypeMirror type = callee.isVoid() ? null : typer.returnType(call, p, pt.target());
    if (!pt.exact() || (!callee.isVoid() && type == null)) {
      return callThroughFactory(p, call, callee, args, u, type);
    }
    calls = true;
    String frame = frameClassOf(callee);
    // the child's frame: embedded in this one, allocated now (NEVER), or none until it suspends
    Decision d = plan.at(call);
    String frameArg = "null";
    CodeBlock onSync = null;
    Uses syncUses = Uses.NONE;
    if (d != null && d.embedded()) {
      frameArg = embeddedFrame(d, frame);
    } else if (d != null && d.placement() == Decision.Placement.AT_CALL) {
      Var allocated = vars.newTemp(TypeVariableName.get(frame), "the frame allocated for: " + userText.firstLine(call));
      emit(allocated + " = " + RuntimeContract.allocate(frame), Uses.NONE.thenKilling(allocated));
      frameArg = allocated.ref();
      onSync = CodeBlock.of("$L // it completed without suspending", RuntimeContract.release(allocated.ref()));
      syncUses = Uses.reading(allocated);
      u = u.then(Uses.reading(allocated));
    }
    String body = RuntimeContract.childBody(frame, typeArguments(p, call), frameArg, args);
    String child = RuntimeContract.awaitedChild(frame);
    if (callee.isVoid()) {
      emit(body, u);
      flushSnapshots();
      suspendHere(call, CodeBlock.of("$L", RuntimeContract.SUSPENDED), Uses.NONE,
          CodeBlock.of("$L;", RuntimeContract.take(child, "Void")), Uses.NONE, onSync, syncUses);
      return Val.of("", null, Uses.NONE);
    }
    Var result = vars.newTemp(TypeText.name(type, call, "the result of " + callee.name()),
        "the value of: " + userText.firstLine(call));
    // a generic callee given a raw frame answers its erased type: cast back to the call's
    String cast = !frameArg.equals("null") && !callee.frameTypeParameters().isEmpty()
        ? "(" + TypeNames.write(result.type()) + ") " : "";
    emit(result + " = " + cast + body, u.thenKilling(result));
    flushSnapshots();
    suspendHere(call, CodeBlock.of("$L", RuntimeContract.SUSPENDED), Uses.NONE,
        CodeBlock.of("$L = $L;", result, taken(child, type, call, callee)), Uses.NONE.thenKilling(result),
        onSync, syncUses);
    return new Val(result.ref(), type, true, false, Uses.reading(result));
  }

  /** The result of the completed child frame {@code child}, unboxed where it is a primitive. */
  private String taken(String child, TypeMirror type, Tree at, CoroutineDecl callee) {
    switch (type.getKind()) {
      case INT: return RuntimeContract.take(child, "Int");
      case LONG: return RuntimeContract.take(child, "Long");
      case DOUBLE: return RuntimeContract.take(child, "Double");
      case BOOLEAN: return RuntimeContract.take(child, "Boolean");
      case CHAR: case SHORT: case BYTE:
        return "(" + type.getKind().name().toLowerCase(Locale.ROOT) + ") " + RuntimeContract.take(child, "Int");
      case FLOAT: return "(float) " + RuntimeContract.take(child, "Double");
      default:
        return "(" + TypeText.of(type, at, "the result of " + callee.name()) + ") " + RuntimeContract.take(child, "Object");
    }
  }

  /** A coroutine call through its factory and an await: where javac must choose the overload. */
  private Val callThroughFactory(TreePath p, MethodInvocationTree call, CoroutineDecl callee, List<String> args,
      Uses u, TypeMirror type) {
    Var aw = awaited();
    String factory = naming.coroutinesQualifiedName(callee.owner()) + "." + typeArguments(p, call) + callee.name();
    emit(aw + " = " + factory + "(" + String.join(", ", args) + ")", u.thenKilling(aw));
    suspendUnlessReady(call);
    String child = RuntimeContract.anyFrame(aw.ref());
    if (callee.isVoid()) {
      emit(RuntimeContract.take(child, "Void"), Uses.reading(aw));
      return Val.of("", null, Uses.NONE);
    }
    if (type == null) {
      return new Val(RuntimeContract.valueOf(aw.ref(), null), null, false, true, Uses.reading(aw));
    }
    return Val.of(taken(child, type, call, callee), type, Uses.reading(aw));
  }

  /** The variable holding what the current suspension point awaits: a Java local, taken back when resumed. */
  private Var awaited() {
    if (awaited == null) {
      awaited = vars.newReserved("aw$", ClassName.OBJECT, "the child frame or awaitable being awaited");
    }
    return awaited;
  }

  private TypeMirror boxed(TypeMirror t) {
    return t.getKind().isPrimitive() ? types.boxedClass((PrimitiveType) t).asType() : t;
  }

  private long line(Tree t) {
    LineMap lines = unit.getLineMap();
    return lines.getLineNumber(positions.getStartPosition(unit, t));
  }

  // ---------------------------------------------------------------------------- declarations

  /** Makes a user local declared among split statements a local of the body method. */
  private Var hoist(VariableTree v, TreePath vp, TreePath scopeProbe) {
    Var existing = vars.hoisted(v);
    if (existing != null) {
      return existing;
    }
    TypeName type;
    if (isVar(v)) {
      TypeMirror t = typer.localType(v.getName().toString(), probeFor(vp, scopeProbe));
      if ((t == null || t.getKind() == TypeKind.ERROR || t.getKind() == TypeKind.NONE) && v.getInitializer() != null) {
        // e.g. var t = XCoroutines.f(): javac cannot type it before XCoroutines exists; the typer can
        TypeMirror init = typer.typeOf(child(vp, v.getInitializer()));
        t = init != null ? init : t;
        if (init != null) {
          varTypes.put(v, init); // what the typer answers for its uses too
        }
      }
      if ((t == null || t.getKind() == TypeKind.ERROR) && vp.getParentPath().getLeaf() instanceof EnhancedForLoopTree loop
          && loop.getVariable() == v) {
        // for (var x : xs) where javac gave no scope: the element type of what it iterates
        TypeMirror element = elementType(typer.typeOf(child(vp.getParentPath(), loop.getExpression())));
        t = element != null ? element : t;
        if (element != null) {
          varTypes.put(v, element);
        }
      }
      if (t == null) {
        throw Problem.at(v, Message.VAR_TYPE, v.getName());
      }
      type = TypeText.name(t, v, "`" + v.getName() + "`");
    } else {
      type = TypeNames.text(userText.text(child(vp, v.getType())).string());
    }
    return vars.hoist(v, v.getName().toString(), type, Var.Kind.LOCAL, userText.firstLine(v));
  }

  /**
   * The element type of an enhanced {@code for} over {@code t}: an array's component type, or the
   * type argument of the {@code Iterable} it is (when that is a type, not a wildcard); null if
   * unknown.
   */
  private TypeMirror elementType(TypeMirror t) {
    if (t instanceof javax.lang.model.type.ArrayType a) {
      return a.getComponentType();
    }
    java.util.Deque<TypeMirror> todo = new java.util.ArrayDeque<>(t == null ? List.of() : List.of(t));
    while (!todo.isEmpty()) {
      TypeMirror x = todo.pop();
      if (x instanceof javax.lang.model.type.DeclaredType d
          && ((TypeElement) d.asElement()).getQualifiedName().contentEquals("java.lang.Iterable")) {
        List<? extends TypeMirror> args = d.getTypeArguments();
        return args.size() == 1 && args.get(0).getKind() != TypeKind.WILDCARD ? args.get(0) : null;
      }
      todo.addAll(types.directSupertypes(x));
    }
    return null;
  }

  /**
   * Pattern variables ({@code o instanceof String s}, {@code P(var x, int y)}) become locals of the
   * body when their declaration and a use are emitted as different pieces of code: the pattern is in
   * an expression that is split, or the variable's flow scope reaches past the statement that is
   * emitted whole ({@code if (!(o instanceof P p)) return; ... p}). Then the match assigns them (see
   * the rewrite of {@code instanceof} in {@link UserText#text}). A pattern in a statement kept as
   * written ({@code switch} cases included) keeps its own variables.
   */
  private void hoistBindings(TreePath p) {
    new InBodyScanner() {
      @Override
      public Void visitBindingPattern(BindingPatternTree bp, Void x) {
        VariableTree v = bp.getVariable();
        TreePath vp = new TreePath(getCurrentPath(), v);
        Variables.Decl d = vars.declOf(v);
        Tree whole = outermostUnsplitStatement(getCurrentPath());
        if (vars.hoisted(v) == null && (whole == null || vars.usedOutside(d, whole))) {
          TypeName type = isVar(v) ? varBindingType(v, d) : TypeNames.text(userText.text(new TreePath(vp, v.getType())).string());
          vars.hoist(v, v.getName().toString(), type, Var.Kind.LOCAL, "pattern variable " + v.getName());
        }
        return super.visitBindingPattern(bp, x);
      }
    }.scan(p, null);
  }

  /**
   * The outermost statement around {@code p} that does not suspend (it is emitted whole), or null.
   * A {@code case} is never emitted whole when its switch is split (its labels go to the dispatch);
   * javac's class for it is a statement's since JDK 21.
   */
  private Tree outermostUnsplitStatement(TreePath p) {
    Tree whole = null;
    for (TreePath q = p; q != null && q.getLeaf() != bodyPath.getLeaf(); q = q.getParentPath()) {
      if (q.getLeaf() instanceof StatementTree && !(q.getLeaf() instanceof CaseTree) && !scan.suspends(q.getLeaf())) {
        whole = q.getLeaf();
      }
    }
    return whole;
  }

  /** The type of a {@code var} pattern variable ({@code P(var x, ..)}), from javac's scope at one of its uses. */
  private TypeName varBindingType(VariableTree v, Variables.Decl d) {
    TreePath use = vars.firstUse(d, bodyPath);
    TypeMirror t = use == null ? null : typer.localType(v.getName().toString(), use);
    if (t == null) {
      throw Problem.at(v, Message.PATTERN_TYPE, v.getName());
    }
    return TypeText.name(t, v, "`" + v.getName() + "`");
  }

  private boolean isVar(VariableTree v) {
    if (v.getType() == null) {
      return true;
    }
    String type = userText.source(v.getType());
    return type.isEmpty() || type.equals("var");
  }

  /** A path where {@code v} is in scope, for {@link Typer#localType}. */
  private TreePath probeFor(TreePath vp, TreePath scopeProbe) {
    if (scopeProbe != null) {
      return scopeProbe;
    }
    TreePath parent = vp.getParentPath();
    if (parent.getLeaf() instanceof BlockTree) {
      List<? extends StatementTree> ss = ((BlockTree) parent.getLeaf()).getStatements();
      int i = ss.indexOf(vp.getLeaf());
      if (i >= 0 && i + 1 < ss.size()) {
        return child(parent, ss.get(i + 1));
      }
    }
    if (parent.getLeaf() instanceof ForLoopTree) {
      return child(parent, ((ForLoopTree) parent.getLeaf()).getStatement());
    }
    VariableTree v = (VariableTree) vp.getLeaf();
    return v.getInitializer() != null ? child(vp, v.getInitializer()) : vp;
  }

  private TypeName paramType(VariableTree p) {
    for (VariableElement e : self.method().getParameters()) {
      if (e.getSimpleName().contentEquals(p.getName())) {
        return TypeText.name(e.asType(), p, "parameter " + p.getName());
      }
    }
    throw new IllegalStateException("no parameter " + p.getName());
  }

  private TypeName ownerType() {
    TypeElement o = names.owner();
    ClassName raw = ClassName.get(o);
    if (o.getTypeParameters().isEmpty()) {
      return raw;
    }
    List<TypeName> ps = new ArrayList<>();
    o.getTypeParameters().forEach(tp -> ps.add(TypeVariableName.get(tp.getSimpleName().toString())));
    return ParameterizedTypeName.get(raw, ps.toArray(new TypeName[0]));
  }

  private void comment(Tree t) {
    b.comment(userText.firstLine(t), line(t));
  }
}

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

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.coframe.processor.analysis.BodyScan;
import dev.coframe.processor.analysis.Names;
import dev.coframe.processor.analysis.TypeText;
import dev.coframe.processor.analysis.Typer;
import dev.coframe.processor.diag.Problem;
import dev.coframe.processor.lower.Syntax.InBodyScanner;
import dev.coframe.processor.model.CoroutineDecl;
import dev.coframe.processor.model.Naming;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Lowers a coroutine body into the code of its frame's {@code resume()}: a {@code switch} on the
 * resume index inside a dispatch loop (Regenerator's shape; LLVM's suspend index).
 *
 * <p>Statements without a suspension point are re-emitted as the user wrote them (names qualified,
 * {@code return}/{@code break}/{@code continue} that leave them rewritten). Statements with one are
 * split: control flow becomes states and jumps; expressions are evaluated operand by operand in
 * Java's order (JLS 15.7), each operand whose value must outlive a later suspension kept in a
 * temporary. Locals are Java locals of {@code resume()} — the body runs as straight-line Java while
 * children complete synchronously — and are written to frame fields only when the frame really
 * suspends ({@code suspend$}), and only those live across a suspension.
 */
public final class Lowerer {
  /** What a lowered body consists of. */
  public record Lowered(List<Slot> slots, String resumeBody, String suspendBody, List<Slot> spilled) {}

  private static final String FRAME = "dev.coframe.runtime.Frame";

  /** A value computed by lowered code: its text, its type when known, and whether it may be re-read later. */
  private record Val(String text, TypeMirror type, boolean stable, boolean targetTyped) {
    static Val of(String text, TypeMirror type) {
      return new Val(text, type, false, false);
    }
  }

  private final CoroutineDecl self;
  private final Names names;
  private final Naming naming;
  private final Typer typer;
  private final BodyScan scan;
  private final TreePath bodyPath;
  private final Types types;
  private final Variables vars;
  private final UserText userText;
  private final Map<Tree, int[]> jumpTargets = new HashMap<>();
  private final Code code = new Code(4);
  private int nextState = 1;
  private Variables.Var awaited;
  private int doneState = -1;
  /** Whether code emitted now can be reached: false after a return or throw, until the next state. */
  private boolean reachable = true;

  public Lowerer(Trees trees, CompilationUnitTree unit, CoroutineDecl self, Naming naming, Names names,
      Typer typer, BodyScan scan, TreePath methodPath, Types types) {
    this.self = self;
    this.names = names;
    this.naming = naming;
    this.typer = typer;
    this.scan = scan;
    this.types = types;
    this.bodyPath = new TreePath(methodPath, ((MethodTree) methodPath.getLeaf()).getBody());
    this.vars = new Variables(unit, trees.getSourcePositions(), methodPath, scan, names.qualifierRoots(scan.calleeOwners()));
    this.userText = new UserText(unit, trees.getSourcePositions(), self, naming, names, typer, types, vars, jumpTargets, this::doneState);
  }

  public Lowered lower() {
    MethodTree m = (MethodTree) bodyPath.getParentPath().getLeaf();
    if (!self.isStatic()) {
      Variables.Var s = vars.newVar("self$", ownerTypeText(), "null", true);
      s.source = "the receiver";
    }
    for (VariableTree p : m.getParameters()) {
      if (self.isGenerator() && p.getName().contentEquals(self.yieldParamName())) {
        continue;
      }
      Variables.Var v = vars.newVar(vars.uniqueName(p.getName().toString()), paramType(p), "null", true);
      v.source = "parameter " + p.getName();
      v.assigned = vars.isAssigned(p.getName().toString());
      vars.hoist(p, v);
    }
    code.label("case 0:");
    stmt(bodyPath);
    finishBody();

    List<Slot> slots = new ArrayList<>();
    List<Slot> spilled = new ArrayList<>();
    for (Variables.Var v : vars.all()) {
      Slot s = new Slot(v.name, v.type, v.initial, v.param, v.field || v.param, v.source);
      slots.add(s);
      if (s.field() && (!v.param || v.assigned)) {
        spilled.add(s);
      }
    }
    return new Lowered(slots, assemble(slots, spilled), suspendBody(spilled), spilled);
  }

  private void finishBody() {
    if (reachable && (self.isGenerator() || self.isVoid())) {
      code.line("complete();");
      code.line("return;");
    }
    if (doneState >= 0) {
      mark(doneState);
      code.line("complete();");
      code.line("return;");
    }
  }

  /** The state that completes the frame, for returns inside user text (created on first use). */
  private int doneState() {
    if (doneState < 0) {
      doneState = newState();
    }
    return doneState;
  }

  private String assemble(List<Slot> slots, List<Slot> spilled) {
    StringBuilder sb = new StringBuilder();
    for (Slot s : slots) {
      sb.append(s.type()).append(' ').append(s.name()).append(" = ")
          .append(s.field() ? "this." + s.name() : s.initial()).append(";\n");
    }
    sb.append("int next$ = this.state;\n");
    sb.append("try {\n");
    sb.append("  $dispatch:\n");
    sb.append("  for (;;) {\n");
    sb.append("    switch (next$) {\n");
    List<String> args = new ArrayList<>();
    for (Slot s : spilled) {
      args.add(s.name());
    }
    String spill = args.isEmpty() ? "" : ", " + String.join(", ", args);
    sb.append(code.toString().replace("\u0000SPILL\u0000", spill));
    sb.append("      default:\n");
    sb.append("        this.state = next$;\n");
    sb.append("        throw badState();\n");
    sb.append("    }\n");
    sb.append("  }\n");
    sb.append("} catch (java.lang.Throwable failure$) {\n");
    sb.append("  fail(failure$);\n");
    sb.append("}\n");
    return sb.toString();
  }

  private String suspendBody(List<Slot> spilled) {
    StringBuilder sb = new StringBuilder("this.state = resumeAt;\n");
    for (Slot s : spilled) {
      sb.append("this.").append(s.name()).append(" = ").append(s.name()).append(";\n");
    }
    return sb.toString();
  }

  private int newState() {
    return nextState++;
  }

  private void mark(int state) {
    code.label("case " + state + ":");
    reachable = true;
  }

  private void jump(int state) {
    if (!reachable) {
      return; // javac rejects unreachable statements; nothing can get here anyway
    }
    flushSnapshots();
    code.line("next$ = " + state + ";");
    code.line("continue $dispatch;");
  }

  private void line(String s) {
    flushSnapshots();
    code.line(s);
  }

  private void flushSnapshots() {
    for (String s : userText.takeSnapshots()) {
      code.line(s);
    }
  }

  /** Suspends unless {@code readyCheck} answers that the awaited thing is already complete. */
  private void suspendUnless(String readyCheck) {
    int k = newState();
    flushSnapshots();
    code.open("if (!" + readyCheck + ")");
    code.line("suspend$(" + k + "\u0000SPILL\u0000);");
    code.line("return;");
    code.close();
    mark(k);
  }

  private void suspendAlways(int resumeAt) {
    code.line("suspend$(" + resumeAt + "\u0000SPILL\u0000);");
    code.line("return;");
  }

  private void stmt(TreePath p) {
    Tree t = p.getLeaf();
    if (t instanceof VariableTree) {
      declareLocal(p);
      return;
    }
    if (t instanceof ClassTree) {
      throw Problem.at(t, "a local class cannot be declared among the statements of a coroutine body that"
          + " suspends: its instances could live across a suspension in another class; make it a"
          + " static nested class");
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
          int end = newState();
          jumpTargets.put(inner, new int[] {end, -1});
          stmt(child(p, inner));
          mark(end);
        }
        return;
      }
      case RETURN: {
        comment(t);
        String target = self.isGenerator() || self.isVoid() ? null : TypeText.of(self.valueType(), t, "the result");
        Val v = exprFor(child(p, ((ReturnTree) t).getExpression()), target);
        line("this.result$ = " + v.text() + ";");
        line("complete();");
        line("return;");
        reachable = false;
        return;
      }
      case THROW: {
        comment(t);
        TreePath e = child(p, ((com.sun.source.tree.ThrowTree) t).getExpression());
        line("throw " + typed(expr(e), e).text() + ";");
        reachable = false;
        return;
      }
      default:
        throw Problem.at(t, "a suspension point inside " + kindName(t) + " is not supported yet;"
            + " compute the awaited value into a local variable before the statement");
    }
  }

  private void ifStmt(TreePath p, IfTree t) {
    comment(t);
    String c = cond(child(p, t.getCondition()));
    int otherwise = newState();
    code.open("if (!" + paren(c) + ")");
    jump(otherwise);
    code.close();
    stmt(child(p, t.getThenStatement()));
    if (t.getElseStatement() == null) {
      mark(otherwise);
      return;
    }
    int end = newState();
    jump(end);
    mark(otherwise);
    stmt(child(p, t.getElseStatement()));
    mark(end);
  }

  private void whileLoop(TreePath p, WhileLoopTree t) {
    int head = newState();
    int end = newState();
    jumpTargets.put(t, new int[] {end, head});
    mark(head);
    comment(t);
    String c = cond(child(p, t.getCondition()));
    code.open("if (!" + paren(c) + ")");
    jump(end);
    code.close();
    stmt(child(p, t.getStatement()));
    jump(head);
    mark(end);
  }

  private void doLoop(TreePath p, DoWhileLoopTree t) {
    int top = newState();
    int test = newState();
    int end = newState();
    jumpTargets.put(t, new int[] {end, test});
    mark(top);
    comment(t);
    stmt(child(p, t.getStatement()));
    mark(test);
    String c = cond(child(p, t.getCondition()));
    code.open("if (" + c + ")");
    jump(top);
    code.close();
    mark(end);
  }

  private void forLoop(TreePath p, ForLoopTree t) {
    comment(t);
    for (StatementTree s : t.getInitializer()) {
      stmt(child(p, s));
    }
    int head = newState();
    int update = newState();
    int end = newState();
    jumpTargets.put(t, new int[] {end, update});
    mark(head);
    if (t.getCondition() != null) {
      String c = cond(child(p, t.getCondition()));
      code.open("if (!" + paren(c) + ")");
      jump(end);
      code.close();
    }
    stmt(child(p, t.getStatement()));
    mark(update);
    for (ExpressionStatementTree u : t.getUpdate()) {
      exprStatement(child(child(p, u), u.getExpression()));
    }
    jump(head);
    mark(end);
  }

  private void forEach(TreePath p, EnhancedForLoopTree t) {
    comment(t);
    TreePath e = child(p, t.getExpression());
    Val over = typed(expr(e), e);
    Variables.Var cursor = vars.newTemp("dev.coframe.runtime.Cursor", "the position of: " + userText.firstLine(t));
    line(cursor.name + " = dev.coframe.runtime.Cursor.of(" + over.text() + ");");
    int head = newState();
    int end = newState();
    jumpTargets.put(t, new int[] {end, head});
    mark(head);
    code.open("if (!" + cursor.name + ".hasNext())");
    jump(end);
    code.close();
    VariableTree v = t.getVariable();
    TreePath vp = child(p, v);
    Variables.Var loopVar = hoist(v, vp, child(p, t.getStatement()));
    line(loopVar.name + " = " + nextElement(cursor.name, loopVar.type) + ";");
    stmt(child(p, t.getStatement()));
    jump(head);
    mark(end);
  }

  private static String nextElement(String cursor, String type) {
    switch (type) {
      case "int": return cursor + ".nextInt()";
      case "long": return cursor + ".nextLong()";
      case "double": return cursor + ".nextDouble()";
      case "float": return cursor + ".nextFloat()";
      case "char": return cursor + ".nextChar()";
      case "short": return cursor + ".nextShort()";
      case "byte": return cursor + ".nextByte()";
      case "boolean": return cursor + ".nextBoolean()";
      default: return "(" + type + ") " + cursor + ".next()";
    }
  }

  private void declareLocal(TreePath p) {
    VariableTree v = (VariableTree) p.getLeaf();
    comment(v);
    Variables.Var var = hoist(v, p, null);
    if (v.getInitializer() == null) {
      return;
    }
    TreePath init = child(p, v.getInitializer());
    Val val = exprFor(init, var.type);
    line(var.name + " = " + val.text() + ";");
  }

  /** Emits a statement with no suspension point as the user wrote it. */
  private void verbatim(TreePath p) {
    if (!(p.getLeaf() instanceof BlockTree)) {
      comment(p.getLeaf());
    }
    String text = userText.text(p);
    flushSnapshots();
    Tree t = p.getLeaf();
    if (t instanceof ReturnTree || t instanceof com.sun.source.tree.ThrowTree || t instanceof BreakTree
        || t instanceof com.sun.source.tree.ContinueTree) {
      code.lines(text);
      reachable = false;
    } else if (mayEndAbruptly(p)) {
      // the statement may not complete normally; javac must still see the jump after it as reachable
      code.open("if (true)");
      code.lines(text);
      code.close();
    } else {
      code.lines(text);
    }
  }

  private void exprStatement(TreePath p) {
    ExpressionTree e = (ExpressionTree) p.getLeaf();
    BodyScan.Point pt = scan.pointAt(e);
    if (pt != null) {
      Val v = point(p, pt);
      if (pt.kind() == BodyScan.Kind.CALL) {
        line("((" + FRAME + "<?>) aw$).takeVoid();");
      } else if (pt.kind() == BodyScan.Kind.AWAIT) {
        line("valueOf(aw$);");
      } else if (!v.text().isEmpty()) {
        line(v.text() + ";");
      }
      return;
    }
    switch (e.getKind()) {
      case ASSIGNMENT:
        line(assignment(p) + ";");
        return;
      case PARENTHESIZED:
        exprStatement(child(p, ((ParenthesizedTree) e).getExpression()));
        return;
      default:
        if (e instanceof CompoundAssignmentTree) {
          line(compound(p) + ";");
          return;
        }
        String text = expr(p).text();
        if (e instanceof UnaryTree && text.startsWith("(") && text.endsWith(")")) {
          text = text.substring(1, text.length() - 1); // (a[i]++) is not a statement; a[i]++ is
        }
        line(text + ";");
    }
  }

  private String cond(TreePath p) {
    return typed(expr(p), p).text();
  }

  private Val expr(TreePath p) {
    Tree t = p.getLeaf();
    if (!scan.suspends(t)) {
      if (t instanceof NewArrayTree && ((NewArrayTree) t).getType() == null) {
        // {1, 2} among the elements of a split creation may be kept in a temporary: make it an expression
        return Val.of("new " + arrayTypeText(p) + " " + userText.text(p), typer.typeOf(p));
      }
      return Val.of(userText.text(p), null);
    }
    BodyScan.Point pt = scan.pointAt(t);
    if (pt != null) {
      return point(p, pt);
    }
    switch (t.getKind()) {
      case PARENTHESIZED: {
        Val v = expr(child(p, ((ParenthesizedTree) t).getExpression()));
        return new Val("(" + v.text() + ")", v.type(), false, v.targetTyped());
      }
      case METHOD_INVOCATION:
        return Val.of(invocation(p, (MethodInvocationTree) t), null);
      case NEW_CLASS:
        return Val.of(newClass(p, (NewClassTree) t), null);
      case NEW_ARRAY:
        return Val.of(newArray(p, (NewArrayTree) t), null);
      case ARRAY_ACCESS: {
        ArrayAccessTree a = (ArrayAccessTree) t;
        List<String> ops = operands(List.of(child(p, a.getExpression()), child(p, a.getIndex())));
        return Val.of(ops.get(0) + "[" + ops.get(1) + "]", null);
      }
      case MEMBER_SELECT: {
        MemberSelectTree ms = (MemberSelectTree) t;
        List<String> ops = operands(List.of(child(p, ms.getExpression())));
        return Val.of(ops.get(0) + "." + ms.getIdentifier(), null);
      }
      case TYPE_CAST: {
        TypeCastTree c = (TypeCastTree) t;
        Val v = expr(child(p, c.getExpression()));
        return Val.of("((" + userText.text(child(p, c.getType())) + ") " + v.text() + ")", null);
      }
      case INSTANCE_OF: {
        InstanceOfTree i = (InstanceOfTree) t;
        if (i.getPattern() != null) {
          throw Problem.at(t, "a pattern instanceof on a value that suspends is not supported yet; assign the"
              + " awaited value to a local variable first");
        }
        Val v = expr(child(p, i.getExpression()));
        return Val.of("(" + v.text() + " instanceof " + userText.text(child(p, i.getType())) + ")", null);
      }
      case CONDITIONAL_AND:
      case CONDITIONAL_OR:
        return shortCircuit(p, (BinaryTree) t);
      case CONDITIONAL_EXPRESSION:
        return conditional(p, (ConditionalExpressionTree) t, null);
      case ASSIGNMENT:
        return Val.of("(" + assignment(p) + ")", null);
      case PREFIX_INCREMENT: case PREFIX_DECREMENT: case POSTFIX_INCREMENT: case POSTFIX_DECREMENT:
      case UNARY_MINUS: case UNARY_PLUS: case BITWISE_COMPLEMENT: case LOGICAL_COMPLEMENT: {
        UnaryTree u = (UnaryTree) t;
        TreePath operand = child(p, u.getExpression());
        String inner = u.getExpression() instanceof ArrayAccessTree
            ? lvalueArray(operand)
            : typed(expr(operand), operand).text();
        String op = unaryOperator(t.getKind());
        boolean postfix = t.getKind() == Tree.Kind.POSTFIX_INCREMENT || t.getKind() == Tree.Kind.POSTFIX_DECREMENT;
        return Val.of("(" + (postfix ? inner + op : op + inner) + ")", null);
      }
      case MEMBER_REFERENCE: {
        // only the receiver can suspend (a lambda body is rejected by the scan); it is evaluated once,
        // before the reference is created, and a null throws then (JLS 15.13.3)
        MemberReferenceTree r = (MemberReferenceTree) t;
        TreePath q = child(p, r.getQualifierExpression());
        Val receiver = typed(expr(q), q);
        List<String> typeArgs = new ArrayList<>();
        if (r.getTypeArguments() != null) {
          r.getTypeArguments().forEach(a -> typeArgs.add(userText.text(child(p, a))));
        }
        return Val.of(paren(receiver.text()) + "::" + (typeArgs.isEmpty() ? "" : "<" + String.join(", ", typeArgs)
            + ">") + r.getName(), null);
      }
      case LAMBDA_EXPRESSION:
        throw new IllegalStateException("suspension inside a lambda passed the scan");
      default:
        if (t instanceof CompoundAssignmentTree) {
          return Val.of("(" + compound(p) + ")", null);
        }
        if (t instanceof BinaryTree) {
          BinaryTree b = (BinaryTree) t;
          TreePath l = child(p, b.getLeftOperand());
          TreePath r = child(p, b.getRightOperand());
          TypeMirror unboxTo = scan.suspends(b.getRightOperand()) ? unboxedOperand(b, l, r) : null;
          if (unboxTo != null) {
            // javac unboxes the left operand before it evaluates the right one (a null throws then)
            Variables.Var left = vars.newTemp(unboxTo.toString(), "the value of: " + userText.firstLine(b.getLeftOperand()));
            line(left.name + " = " + typed(expr(l), l).text() + ";");
            return Val.of("(" + left.name + " " + binaryOperator(t.getKind()) + " " + typed(expr(r), r).text() + ")", null);
          }
          List<String> ops = operands(List.of(l, r));
          return Val.of("(" + ops.get(0) + " " + binaryOperator(t.getKind()) + " " + ops.get(1) + ")", null);
        }
        throw Problem.at(t, "a suspension point inside " + kindName(t) + " is not supported yet;"
            + " assign the awaited value to a local variable first");
    }
  }

  /** A call to a plain method whose receiver or arguments suspend. */
  private String invocation(TreePath p, MethodInvocationTree call) {
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
    List<String> texts = operands(ops);
    String target;
    if (valueReceiver) {
      target = texts.remove(0) + "." + typeArguments(p, call) + ((MemberSelectTree) sel).getIdentifier();
    } else if (sel instanceof MemberSelectTree) {
      target = userText.text(child(selPath, ((MemberSelectTree) sel).getExpression())) + "." + typeArguments(p, call)
          + ((MemberSelectTree) sel).getIdentifier();
    } else {
      target = userText.qualifiedMethod(((IdentifierTree) sel).getName().toString(), sel);
      if (!call.getTypeArguments().isEmpty()) {
        int dot = target.lastIndexOf('.');
        target = target.substring(0, dot + 1) + typeArguments(p, call) + target.substring(dot + 1);
      }
    }
    return target + "(" + String.join(", ", texts) + ")";
  }

  private String typeArguments(TreePath p, MethodInvocationTree call) {
    if (call.getTypeArguments().isEmpty()) {
      return "";
    }
    List<String> ts = new ArrayList<>();
    for (Tree a : call.getTypeArguments()) {
      ts.add(userText.text(child(p, a)));
    }
    return "<" + String.join(", ", ts) + ">";
  }

  private String newClass(TreePath p, NewClassTree n) {
    if (n.getEnclosingExpression() != null) {
      throw Problem.at(n, "qualified inner-class creation with a suspending argument is not supported; create"
          + " the object after computing the argument into a local variable");
    }
    List<TreePath> ops = new ArrayList<>();
    for (ExpressionTree a : n.getArguments()) {
      ops.add(child(p, a));
    }
    List<String> texts = operands(ops);
    String body = n.getClassBody() == null ? "" : " " + userText.text(child(p, n.getClassBody()));
    return "new " + userText.text(child(p, n.getIdentifier())) + "(" + String.join(", ", texts) + ")" + body;
  }

  /**
   * {@code new T[] {..}}, {@code new T[n][]}, or an initializer {@code {..}} whose type comes from
   * its declaration or enclosing creation. The written element type is rebuilt from its parts:
   * javac's tree for {@code int[]} in {@code new int[][] {..}} spans both bracket pairs.
   */
  private String newArray(TreePath p, NewArrayTree n) {
    List<TreePath> ops = new ArrayList<>();
    for (ExpressionTree e : n.getInitializers() != null ? n.getInitializers() : n.getDimensions()) {
      ops.add(child(p, e));
    }
    List<String> texts = operands(ops);
    if (n.getInitializers() != null) {
      return "new " + arrayTypeText(p) + " {" + String.join(", ", texts) + "}";
    }
    StringBuilder sb = new StringBuilder("new ").append(baseTypeText(p, n));
    texts.forEach(d -> sb.append('[').append(d).append(']'));
    return sb.append("[]".repeat(extraDimensions(n))).toString();
  }

  /** The type of the array created or initialized at {@code p}, as source text ({@code int[][]}). */
  private String arrayTypeText(TreePath p) {
    NewArrayTree n = (NewArrayTree) p.getLeaf();
    if (n.getType() != null) {
      return baseTypeText(p, n) + "[]".repeat(extraDimensions(n) + 1);
    }
    TypeMirror t = typer.typeOf(p);
    if (t == null) {
      throw Problem.at(n, "cannot determine the type of this array initializer, which suspends; write"
          + " new T[] {..} with its type");
    }
    return TypeText.of(t, n, "this array");
  }

  /** {@code int} in {@code new int[n][]}: the element type without its brackets. */
  private String baseTypeText(TreePath p, NewArrayTree n) {
    TreePath t = child(p, n.getType());
    while (t.getLeaf() instanceof ArrayTypeTree) {
      t = child(t, ((ArrayTypeTree) t.getLeaf()).getType());
    }
    return userText.text(t);
  }

  /** How many {@code []} the element type adds after the dimensions: one in {@code new int[n][]}. */
  private static int extraDimensions(NewArrayTree n) {
    int k = 0;
    for (Tree t = n.getType(); t instanceof ArrayTypeTree; t = ((ArrayTypeTree) t).getType()) {
      k++;
    }
    return k;
  }

  private Val shortCircuit(TreePath p, BinaryTree b) {
    boolean and = b.getKind() == Tree.Kind.CONDITIONAL_AND;
    TreePath l = child(p, b.getLeftOperand());
    TreePath r = child(p, b.getRightOperand());
    if (!scan.suspends(b.getRightOperand())) {
      Val lv = typed(expr(l), l);
      return Val.of("(" + lv.text() + (and ? " && " : " || ") + userText.text(r) + ")", null);
    }
    Val lv = typed(expr(l), l);
    Variables.Var t = vars.newTemp("boolean", "the value of: " + userText.firstLine(b));
    line(t.name + " = " + lv.text() + ";");
    int skip = newState();
    code.open("if (" + (and ? "!" : "") + t.name + ")");
    jump(skip);
    code.close();
    Val rv = typed(expr(r), r);
    line(t.name + " = " + rv.text() + ";");
    mark(skip);
    return new Val(t.name, types.getPrimitiveType(TypeKind.BOOLEAN), true, false);
  }

  /** {@link #expr}, where an assignment target of type {@code target} can type a conditional that suspends. */
  private Val exprFor(TreePath p, String target) {
    if (p.getLeaf() instanceof ConditionalExpressionTree && scan.suspends(p.getLeaf())) {
      return conditional(p, (ConditionalExpressionTree) p.getLeaf(), target);
    }
    return expr(p);
  }

  /**
   * {@code c ? a : b} whose branches suspend: the branch taken is evaluated into a temporary of the
   * conditional's type, or, where that type is not known exactly, of its assignment target's
   * (the same value, unless a primitive branch would be boxed to a reference target).
   */
  private Val conditional(TreePath p, ConditionalExpressionTree c, String target) {
    TreePath cp = child(p, c.getCondition());
    TreePath a = child(p, c.getTrueExpression());
    TreePath b = child(p, c.getFalseExpression());
    if (!scan.suspends(c.getTrueExpression()) && !scan.suspends(c.getFalseExpression())) {
      String cond = cond(cp);
      return Val.of("(" + cond + " ? " + userText.text(a) + " : " + userText.text(b) + ")", null);
    }
    TypeMirror type = typer.typeOf(p);
    String typeText = type != null ? TypeText.of(type, c, "this conditional expression")
        : target != null && (isPrimitive(target) || !hasPrimitiveBranch(a, b)) ? target : null;
    if (typeText == null) {
      throw Problem.at(c, "cannot determine the exact type of this conditional expression, whose branches"
          + " suspend; assign it to a local variable of an explicit type with if/else instead");
    }
    String cond = cond(cp);
    Variables.Var t = vars.newTemp(typeText, "the value of: " + userText.firstLine(c));
    int otherwise = newState();
    int end = newState();
    code.open("if (!" + paren(cond) + ")");
    jump(otherwise);
    code.close();
    line(t.name + " = " + expr(a).text() + ";");
    jump(end);
    mark(otherwise);
    line(t.name + " = " + expr(b).text() + ";");
    mark(end);
    return new Val(t.name, type, true, false);
  }

  private static boolean isPrimitive(String type) {
    return !Variables.initialFor(type).equals("null");
  }

  private boolean hasPrimitiveBranch(TreePath a, TreePath b) {
    for (TreePath x : List.of(a, b)) {
      TypeMirror t = typer.typeOf(x);
      if (t == null || t.getKind().isPrimitive()) {
        return true;
      }
    }
    return false;
  }

  /** {@code x = v}, {@code o.f = v}, {@code a[i] = v}: target operands first, then the value (JLS 15.26.1). */
  private String assignment(TreePath p) {
    AssignmentTree a = (AssignmentTree) p.getLeaf();
    TreePath lhs = child(p, a.getVariable());
    TreePath rhs = child(p, a.getExpression());
    Tree target = strip(a.getVariable());
    if (target instanceof ArrayAccessTree) {
      ArrayAccessTree aa = (ArrayAccessTree) target;
      TreePath tp = child(lhs, target);
      List<String> ops = operands(List.of(child(tp, aa.getExpression()), child(tp, aa.getIndex()), rhs));
      return ops.get(0) + "[" + ops.get(1) + "] = " + ops.get(2);
    }
    if (target instanceof MemberSelectTree && isValue(((MemberSelectTree) target).getExpression(), lhs)) {
      MemberSelectTree ms = (MemberSelectTree) target;
      List<String> ops = operands(List.of(child(child(lhs, target), ms.getExpression()), rhs));
      return ops.get(0) + "." + ms.getIdentifier() + " = " + ops.get(1);
    }
    Val v = expr(rhs);
    return userText.text(lhs) + " = " + v.text();
  }

  /** {@code t op= v}: the target's value is read before the value is computed (JLS 15.26.2). */
  private String compound(TreePath p) {
    CompoundAssignmentTree c = (CompoundAssignmentTree) p.getLeaf();
    TreePath lhs = child(p, c.getVariable());
    TreePath rhs = child(p, c.getExpression());
    String op = binaryOperator(compoundBase(c.getKind()));
    Tree target = strip(c.getVariable());
    if (!scan.suspends(c.getExpression())) {
      // only the target suspends (a[f()] += 1): evaluate it, then apply as Java does
      return lvalue(lhs) + " " + op + "= " + userText.text(rhs);
    }
    TypeMirror type = typer.typeOf(lhs);
    boolean boxed = type != null && !type.getKind().isPrimitive() && typer.unboxed(type) != null;
    if (!boxed && target instanceof IdentifierTree
        && vars.localDecl(((IdentifierTree) target).getName().toString(), target) != null
        && !assignsInside(c.getExpression(), ((IdentifierTree) target).getName().toString())) {
      keepAcrossSuspension(lhs);
      return userText.text(lhs) + " " + op + "= " + typed(expr(rhs), rhs).text();
    }
    if (type == null) {
      throw Problem.at(c.getVariable(), "cannot determine the exact type of " + c.getVariable()
          + ", which is read before the suspension on its right; use a local variable of an explicit type");
    }
    String typeText = TypeText.of(type, c.getVariable(), c.getVariable().toString());
    String place = lvalue(lhs);
    // a boxed target is unboxed when it is read, before the right side runs (javac's order)
    String oldType = boxed && !isString(type) ? typer.unboxed(type).toString() : typeText;
    Variables.Var old = vars.newTemp(oldType, "the value of " + c.getVariable() + " before: " + userText.firstLine(c));
    line(old.name + " = " + place + ";");
    Val v = typed(expr(rhs), rhs);
    return place + " = (" + typeText + ") (" + old.name + " " + op + " " + v.text() + ")";
  }

  /**
   * The primitive type the left operand of {@code b} is unboxed to, when it is a box that the
   * operator unboxes (arithmetic, bitwise, relational, or == and != against a primitive); else null.
   */
  private TypeMirror unboxedOperand(BinaryTree b, TreePath l, TreePath r) {
    TypeMirror lt = typer.typeOf(l);
    if (lt == null || lt.getKind().isPrimitive() || typer.unboxed(lt) == null) {
      return null;
    }
    Tree.Kind k = b.getKind();
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

  private static boolean isString(TypeMirror t) {
    return t.toString().equals("java.lang.String");
  }

  /** The text of an assignable place, its receiver and index evaluated (and kept) first. */
  private String lvalue(TreePath lhs) {
    Tree target = strip(lhs.getLeaf());
    TreePath tp = target == lhs.getLeaf() ? lhs : child(lhs, target);
    if (target instanceof ArrayAccessTree) {
      return lvalueArray(tp);
    }
    if (target instanceof MemberSelectTree && isValue(((MemberSelectTree) target).getExpression(), tp)) {
      MemberSelectTree ms = (MemberSelectTree) target;
      TreePath recv = child(tp, ms.getExpression());
      Val v = expr(recv);
      if (!isStable(recv, List.of())) {
        v = materialize(v, recv);
      } else {
        keepAcrossSuspension(recv);
      }
      return v.text() + "." + ms.getIdentifier();
    }
    return userText.text(tp);
  }

  private String lvalueArray(TreePath tp) {
    ArrayAccessTree aa = (ArrayAccessTree) tp.getLeaf();
    TreePath arr = child(tp, aa.getExpression());
    TreePath idx = child(tp, aa.getIndex());
    List<String> ops = operands(List.of(arr, idx, tp));
    return ops.get(0) + "[" + ops.get(1) + "]";
  }

  private boolean isValue(ExpressionTree e, TreePath at) {
    return typer.isValue(e, at);
  }

  /**
   * Evaluates operands in order; an operand whose value must survive a later operand's suspension
   * is kept in a temporary unless re-reading it later gives the same value. A trailing
   * placeholder path (the place itself) only forces the earlier ones to be kept.
   */
  private List<String> operands(List<TreePath> ps) {
    int last = -1;
    for (int i = 0; i < ps.size(); i++) {
      if (scan.suspends(ps.get(i).getLeaf())) {
        last = i;
      }
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ps.size(); i++) {
      TreePath p = ps.get(i);
      if (i == ps.size() - 1 && p.getLeaf() instanceof ArrayAccessTree && i > 0
          && ps.get(0).getParentPath().getLeaf() == p.getLeaf()) {
        break; // the place of lvalueArray: its operands are done
      }
      Val v = typed(expr(p), p);
      if (i < last) {
        if (isStable(p, ps.subList(i + 1, ps.size()))) {
          keepAcrossSuspension(p);
        } else {
          v = materialize(v, p);
        }
      }
      out.add(v.text());
    }
    if (ps.size() == 3 && ps.get(2).getLeaf() instanceof ArrayAccessTree
        && ps.get(0).getParentPath().getLeaf() == ps.get(2).getLeaf()) {
      // lvalueArray: array and index are read again when the place is used: keep both unless stable
      List<String> kept = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        TreePath p = ps.get(i);
        String s = out.get(i);
        if (!isStable(p, List.of())) {
          Variables.Var t = vars.newTemp(typeTextOf(p), "the value of: " + userText.firstLine(p.getLeaf()));
          line(t.name + " = " + s + ";");
          s = t.name;
        } else {
          keepAcrossSuspension(p);
        }
        kept.add(s);
      }
      return kept;
    }
    return out;
  }

  /** A local re-read after a later operand suspends must be in the frame at that suspension. */
  private void keepAcrossSuspension(TreePath p) {
    Tree t = strip(p.getLeaf());
    if (t instanceof IdentifierTree) {
      Variables.Decl d = vars.localDecl(((IdentifierTree) t).getName().toString(), t);
      Variables.Var v = d == null ? null : vars.hoisted(d.tree());
      if (v != null) {
        v.field = true;
      }
    }
  }

  private String typeTextOf(TreePath p) {
    TypeMirror type = typer.typeOf(p);
    if (type == null) {
      throw unknownType(p);
    }
    return TypeText.of(type, p.getLeaf(), "`" + p.getLeaf() + "`");
  }

  private Val materialize(Val v, TreePath p) {
    TypeMirror type = v.type() != null ? v.type() : typer.typeOf(p);
    if (type == null || (isArgument(p) && typer.isPoly(p))) {
      // an argument's type may come from the parameter it is passed to (List.of() for a
      // List<Number>); a temporary of its standalone type could change the call: ask, never guess
      throw unknownType(p);
    }
    Variables.Var t = vars.newTemp(TypeText.of(type, p.getLeaf(), "`" + p.getLeaf() + "`"), "the value of: " + userText.firstLine(p.getLeaf()));
    line(t.name + " = " + v.text() + ";");
    return new Val(t.name, type, true, false);
  }

  private static boolean isArgument(TreePath p) {
    Tree parent = p.getParentPath().getLeaf();
    return (parent instanceof MethodInvocationTree && ((MethodInvocationTree) parent).getArguments().contains(p.getLeaf()))
        || (parent instanceof NewClassTree && ((NewClassTree) parent).getArguments().contains(p.getLeaf()));
  }

  private Problem unknownType(TreePath p) {
    return Problem.at(p.getLeaf(), "cannot determine the exact type of `" + p.getLeaf() + "`, whose value must"
        + " be kept across a suspension point later in this expression; assign it to a local variable of an"
        + " explicit type before this statement");
  }

  /** Rejects a value typed only by its assignment target where there is none. */
  private Val typed(Val v, TreePath p) {
    if (!v.targetTyped()) {
      return v;
    }
    throw Problem.at(p.getLeaf(), "cannot determine the exact type of the value of `" + p.getLeaf() + "` here;"
        + " assign it to a local variable of an explicit type first");
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

  private Val point(TreePath p, BodyScan.Point pt) {
    MethodInvocationTree call = pt.tree();
    switch (pt.kind()) {
      case CALL:
        return coroutineCall(p, call, pt);
      case AWAIT: {
        TreePath arg = child(p, call.getArguments().get(0));
        String x = operands(List.of(arg)).get(0);
        line(awaited() + " = awaiting(" + x + ");");
        suspendUnless("suspendOn(this, aw$)");
        TypeMirror type = typer.typeOf(p);
        if (type == null) {
          return awaitedValueTypedByJavac(arg);
        }
        return Val.of(FRAME + ".<" + TypeText.of(boxed(type), call, "the awaited value") + ">valueOf(aw$)", type);
      }
      case YIELD: {
        TreePath arg = child(p, call.getArguments().get(0));
        String x = operands(List.of(arg)).get(0);
        line("yielded(" + x + ");");
        int k = newState();
        suspendAlways(k);
        mark(k);
        return Val.of("", null);
      }
      default: {
        TreePath arg = child(p, call.getArguments().get(0));
        String x = operands(List.of(arg)).get(0);
        Variables.Var it = vars.newTemp("java.util.Iterator<?>", "the position of: " + userText.firstLine(call));
        line(it.name + " = (" + x + ").iterator();");
        int head = newState();
        int end = newState();
        mark(head);
        code.open("if (!" + it.name + ".hasNext())");
        jump(end);
        code.close();
        String elem = TypeText.of(boxed(self.valueType()), call, "the element type");
        line("yielded((" + elem + ") " + it.name + ".next());");
        suspendAlways(head);
        mark(end);
        return Val.of("", null);
      }
    }
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
      public Void visitBindingPattern(BindingPatternTree b, Void x) {
        declares[0] = true;
        return null;
      }
    }.scan(arg, null);
    if (scan.suspends(arg.getLeaf()) || declares[0]) {
      return new Val("valueOf(aw$)", null, false, true);
    }
    return Val.of("valueOf(aw$, false ? (" + userText.text(arg) + ") : null)", null);
  }

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
    for (ExpressionTree a : call.getArguments()) {
      ops.add(child(p, a));
    }
    List<String> args = operands(ops);
    if (!callee.isStatic() && !explicitReceiver) {
      if (self.isStatic() || !types.isSubtype(types.erasure(names.owner().asType()), types.erasure(callee.owner().asType()))) {
        throw Problem.at(call.getMethodSelect(), "instance coroutine " + callee.name() + " needs a receiver here"
            + " (an outer instance cannot be named from the generated frame); call it on an explicit object");
      }
      args.add(0, "self$");
    }
    String factory = naming.coroutinesQualifiedName(callee.owner()) + "." + typeArguments(p, call) + callee.name();
    line(awaited() + " = " + factory + "(" + String.join(", ", args) + ");");
    String child;
    if (pt.exact()) {
      // the callee's own frame class: its resume() is a direct call the JIT can inline
      child = "((" + naming.coroutinesQualifiedName(callee.owner()) + "." + naming.frameSimpleName(callee) + ") aw$)";
      suspendUnless(child + ".runAsChildOf(this)");
    } else {
      // javac chooses among same-arity overloads: run whichever frame its factory made
      child = "((" + FRAME + "<?>) aw$)";
      suspendUnless("call(this, " + child + ")");
    }
    if (callee.isVoid()) {
      return Val.of(child + ".takeVoid()", callee.valueType());
    }
    TypeMirror type = typer.returnType(call, p, pt.target());
    if (type == null) {
      return new Val("valueOf(aw$)", null, false, true);
    }
    switch (type.getKind()) {
      case INT: return Val.of(child + ".takeInt()", type);
      case LONG: return Val.of(child + ".takeLong()", type);
      case DOUBLE: return Val.of(child + ".takeDouble()", type);
      case BOOLEAN: return Val.of(child + ".takeBoolean()", type);
      default: {
        String box = "((" + TypeText.of(boxed(type), call, "the result of " + callee.name()) + ") " + child + ".takeObject())";
        // a char, float, short or byte result travels boxed: unbox it, or == would compare boxes
        return Val.of(type.getKind().isPrimitive() ? box + "." + type.getKind().name().toLowerCase(java.util.Locale.ROOT)
            + "Value()" : box, type);
      }
    }
  }

  /**
   * The local holding the child frame or awaitable of the current suspension point: a Java local,
   * kept in the frame only while suspended.
   */
  private String awaited() {
    if (awaited == null) {
      awaited = vars.newVar("aw$", "java.lang.Object", "null", false);
      awaited.field = true;
      awaited.source = "The child frame or awaitable this frame is suspended on.";
    }
    return awaited.name;
  }

  private TypeMirror boxed(TypeMirror t) {
    return t.getKind().isPrimitive() ? types.boxedClass((PrimitiveType) t).asType() : t;
  }

  /** Makes a user local declared among split statements a local of {@code resume()}. */
  private Variables.Var hoist(VariableTree v, TreePath vp, TreePath scopeProbe) {
    Variables.Var existing = vars.hoisted(v);
    if (existing != null) {
      return existing;
    }
    String type;
    if (isVar(v)) {
      TypeMirror t = typer.localType(v.getName().toString(), probeFor(vp, scopeProbe));
      if ((t == null || t.getKind() == TypeKind.ERROR || t.getKind() == TypeKind.NONE) && v.getInitializer() != null) {
        // e.g. var t = XCoroutines.f(): javac cannot type it before XCoroutines exists; the typer can
        TypeMirror init = typer.typeOf(child(vp, v.getInitializer()));
        t = init != null ? init : t;
      }
      if (t == null) {
        throw Problem.at(v, "cannot determine the type of `var " + v.getName() + "`; declare it with an explicit type");
      }
      type = TypeText.of(t, v, "`" + v.getName() + "`");
    } else {
      type = userText.text(child(vp, v.getType()));
    }
    Variables.Var var = vars.newVar(vars.uniqueName(v.getName().toString()), type, Variables.initialFor(type), false);
    Variables.Decl d = vars.declOf(v);
    var.field = vars.liveAcrossSuspension(d);
    var.source = userText.firstLine(v);
    vars.hoist(v, var);
    return var;
  }

  /**
   * Pattern variables ({@code o instanceof String s}, {@code P(var x, int y)}) become locals of
   * {@code resume()} when their declaration and a use are emitted as different pieces of code: the
   * pattern is in an expression that is split, or the variable's flow scope reaches past the
   * statement that is emitted whole ({@code if (!(o instanceof P p)) return; ... p}). Then the match
   * assigns them (see the rewrite of {@code instanceof} in {@link UserText#text}). A pattern in a
   * statement kept as written ({@code switch} cases included) keeps its own variables.
   */
  private void hoistBindings(TreePath p) {
    new InBodyScanner() {
      @Override
      public Void visitBindingPattern(BindingPatternTree b, Void x) {
        VariableTree v = b.getVariable();
        TreePath vp = new TreePath(getCurrentPath(), v);
        Variables.Decl d = vars.declOf(v);
        Tree whole = outermostUnsplitStatement(vp);
        if (vars.hoisted(v) == null && (whole == null || vars.usedOutside(d, whole))) {
          String type = isVar(v) ? varBindingType(v, d) : userText.text(new TreePath(vp, v.getType()));
          Variables.Var var = vars.newVar(vars.uniqueName(v.getName().toString()), type, Variables.initialFor(type), false);
          var.field = vars.liveAcrossSuspension(d);
          var.source = "pattern variable " + v.getName();
          vars.hoist(v, var);
        }
        return super.visitBindingPattern(b, x);
      }
    }.scan(p, null);
  }

  /** The outermost statement around {@code p} that does not suspend (it is emitted whole), or null. */
  private Tree outermostUnsplitStatement(TreePath p) {
    Tree whole = null;
    for (TreePath q = p; q != null && q.getLeaf() != bodyPath.getLeaf(); q = q.getParentPath()) {
      if (q.getLeaf() instanceof StatementTree && !scan.suspends(q.getLeaf())) {
        whole = q.getLeaf();
      }
    }
    return whole;
  }

  /** The type of a {@code var} pattern variable ({@code P(var x, ..)}), from javac's scope at one of its uses. */
  private String varBindingType(VariableTree v, Variables.Decl d) {
    TreePath use = vars.firstUse(d, bodyPath);
    TypeMirror t = use == null ? null : typer.localType(v.getName().toString(), use);
    if (t == null) {
      throw Problem.at(v, "cannot determine the type of pattern variable `" + v.getName() + "`, which is used"
          + " after a suspension; declare it with an explicit type");
    }
    return TypeText.of(t, v, "`" + v.getName() + "`");
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

  private String paramType(VariableTree p) {
    for (VariableElement e : self.method().getParameters()) {
      if (e.getSimpleName().contentEquals(p.getName())) {
        return TypeText.of(e.asType(), p, "parameter " + p.getName());
      }
    }
    throw new IllegalStateException("no parameter " + p.getName());
  }

  private String ownerTypeText() {
    TypeElement o = names.owner();
    if (o.getTypeParameters().isEmpty()) {
      return o.getQualifiedName().toString();
    }
    List<String> ps = new ArrayList<>();
    o.getTypeParameters().forEach(tp -> ps.add(tp.getSimpleName().toString()));
    return o.getQualifiedName() + "<" + String.join(", ", ps) + ">";
  }

  private void comment(Tree t) {
    line("// " + userText.firstLine(t));
  }
}

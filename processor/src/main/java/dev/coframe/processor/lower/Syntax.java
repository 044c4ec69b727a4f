package dev.coframe.processor.lower;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PatternTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.List;

/** Java syntax the lowering needs: operators, kinds, parentheses, assignments. */
final class Syntax {
  private Syntax() {}

  /** "a switch expression", "an assert statement". */
  static String kindName(Tree t) {
    String k = t.getKind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    if (t instanceof StatementTree && !k.endsWith("statement")) {
      k += " statement";
    }
    return ("aeiou".indexOf(k.charAt(0)) >= 0 ? "an " : "a ") + k;
  }

  static String paren(String s) {
    return s.startsWith("(") && s.endsWith(")") ? s : "(" + s + ")";
  }

  static Tree strip(Tree t) {
    while (t instanceof ParenthesizedTree) {
      t = ((ParenthesizedTree) t).getExpression();
    }
    return t;
  }

  static boolean isLoop(Tree t) {
    return t instanceof WhileLoopTree || t instanceof DoWhileLoopTree || t instanceof ForLoopTree
        || t instanceof EnhancedForLoopTree;
  }

  static TreePath child(TreePath p, Tree t) {
    return new TreePath(p, t);
  }

  static boolean assignsInside(Tree t, String name) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree a, Void x) {
        check(a.getVariable());
        return super.visitAssignment(a, x);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree a, Void x) {
        check(a.getVariable());
        return super.visitCompoundAssignment(a, x);
      }

      @Override
      public Void visitUnary(UnaryTree u, Void x) {
        check(u.getExpression());
        return super.visitUnary(u, x);
      }

      private void check(Tree v) {
        Tree s = strip(v);
        if (s instanceof IdentifierTree && ((IdentifierTree) s).getName().contentEquals(name)) {
          found[0] = true;
        }
      }
    }.scan(t, null);
    return found[0];
  }

  static String unaryOperator(Tree.Kind k) {
    switch (k) {
      case PREFIX_INCREMENT: case POSTFIX_INCREMENT: return "++";
      case PREFIX_DECREMENT: case POSTFIX_DECREMENT: return "--";
      case UNARY_MINUS: return "-";
      case UNARY_PLUS: return "+";
      case BITWISE_COMPLEMENT: return "~";
      default: return "!";
    }
  }

  static Tree.Kind compoundBase(Tree.Kind k) {
    switch (k) {
      case PLUS_ASSIGNMENT: return Tree.Kind.PLUS;
      case MINUS_ASSIGNMENT: return Tree.Kind.MINUS;
      case MULTIPLY_ASSIGNMENT: return Tree.Kind.MULTIPLY;
      case DIVIDE_ASSIGNMENT: return Tree.Kind.DIVIDE;
      case REMAINDER_ASSIGNMENT: return Tree.Kind.REMAINDER;
      case LEFT_SHIFT_ASSIGNMENT: return Tree.Kind.LEFT_SHIFT;
      case RIGHT_SHIFT_ASSIGNMENT: return Tree.Kind.RIGHT_SHIFT;
      case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT: return Tree.Kind.UNSIGNED_RIGHT_SHIFT;
      case AND_ASSIGNMENT: return Tree.Kind.AND;
      case XOR_ASSIGNMENT: return Tree.Kind.XOR;
      default: return Tree.Kind.OR;
    }
  }

  static String binaryOperator(Tree.Kind k) {
    switch (k) {
      case PLUS: return "+";
      case MINUS: return "-";
      case MULTIPLY: return "*";
      case DIVIDE: return "/";
      case REMAINDER: return "%";
      case LEFT_SHIFT: return "<<";
      case RIGHT_SHIFT: return ">>";
      case UNSIGNED_RIGHT_SHIFT: return ">>>";
      case LESS_THAN: return "<";
      case GREATER_THAN: return ">";
      case LESS_THAN_EQUAL: return "<=";
      case GREATER_THAN_EQUAL: return ">=";
      case EQUAL_TO: return "==";
      case NOT_EQUAL_TO: return "!=";
      case AND: return "&";
      case XOR: return "^";
      case OR: return "|";
      case CONDITIONAL_AND: return "&&";
      case CONDITIONAL_OR: return "||";
      default: throw new IllegalArgumentException(k.toString());
    }
  }

  /**
   * Whether a statement might not complete normally (JLS 14.22), erring towards yes: exact for
   * the simple statements, blocks and if/else; a loop whose condition may be constant, or a
   * statement holding a return, throw, break or continue (outside lambdas and classes), may.
   */
  static boolean mayEndAbruptly(TreePath p) {
    Tree t = p.getLeaf();
    switch (t.getKind()) {
      case RETURN: case THROW: case BREAK: case CONTINUE: case YIELD:
        return true;
      case EXPRESSION_STATEMENT: case VARIABLE: case EMPTY_STATEMENT:
        return false;
      case IF: {
        IfTree i = (IfTree) t;
        return i.getElseStatement() != null
            && mayEndAbruptly(child(p, i.getThenStatement())) && mayEndAbruptly(child(p, i.getElseStatement()));
      }
      case BLOCK: {
        List<? extends StatementTree> ss = ((BlockTree) t).getStatements();
        return !ss.isEmpty() && mayEndAbruptly(child(p, ss.get(ss.size() - 1)));
      }
      default:
        return holdsAbruptCompletion(p);
    }
  }

  private static boolean holdsAbruptCompletion(TreePath p) {
    boolean[] found = {false};
    new InBodyScanner() {
      @Override
      public Void visitReturn(ReturnTree r, Void x) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitThrow(ThrowTree r, Void x) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitBreak(BreakTree r, Void x) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitContinue(ContinueTree r, Void x) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitYield(com.sun.source.tree.YieldTree r, Void x) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitWhileLoop(WhileLoopTree l, Void x) {
        found[0] |= mayBeConstant(l.getCondition());
        return super.visitWhileLoop(l, x);
      }

      @Override
      public Void visitDoWhileLoop(DoWhileLoopTree l, Void x) {
        found[0] |= mayBeConstant(l.getCondition());
        return super.visitDoWhileLoop(l, x);
      }

      @Override
      public Void visitForLoop(ForLoopTree l, Void x) {
        found[0] |= l.getCondition() == null || mayBeConstant(l.getCondition());
        return super.visitForLoop(l, x);
      }
    }.scan(p, null);
    return found[0];
  }

  /** A condition without a call or a local's increment may be a constant expression ({@code true}, {@code DEBUG}). */
  private static boolean mayBeConstant(Tree cond) {
    boolean[] variable = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree m, Void x) {
        variable[0] = true;
        return null;
      }

      @Override
      public Void visitIdentifier(IdentifierTree i, Void x) {
        // a local or a non-constant field makes it variable; a constant needs an upper-case name by convention
        String n = i.getName().toString();
        variable[0] |= !n.equals(n.toUpperCase(java.util.Locale.ROOT));
        return null;
      }
    }.scan(cond, null);
    return !variable[0];
  }

  /**
   * The label trees of a case — constants, patterns, a guard — but not its statements or body:
   * from the tree's children, so JDK 21's label and guard trees need no API newer than 17.
   */
  static List<Tree> labelsOf(CaseTree c) {
    List<Tree> out = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void x) {
        if (tree != null && tree != c) {
          if (tree != c.getBody() && (c.getStatements() == null || !c.getStatements().contains(tree))) {
            out.add(tree);
          }
          return null;
        }
        return super.scan(tree, x);
      }
    }.scan(c, null);
    return out;
  }

  /**
   * Whether case {@code c} matches what no constant label can: {@code default} (no label on JDK 17, a
   * {@code DEFAULT_CASE_LABEL} on 21+), {@code null}, or a pattern.
   */
  static boolean matchesBeyondConstants(CaseTree c) {
    List<Tree> labels = labelsOf(c);
    if (labels.isEmpty() || c.getExpressions().stream().anyMatch(e -> e.getKind() == Tree.Kind.NULL_LITERAL)) {
      return true;
    }
    boolean[] found = {false};
    for (Tree label : labels) {
      new TreeScanner<Void, Void>() {
        @Override
        public Void scan(Tree t, Void x) {
          if (t != null) {
            String kind = t.getKind().name();
            found[0] |= kind.equals("DEFAULT_CASE_LABEL") || kind.equals("PATTERN_CASE_LABEL") || t instanceof PatternTree;
          }
          return found[0] ? null : super.scan(t, x);
        }
      }.scan(label, null);
    }
    return found[0];
  }

  /**
   * Whether a tree of {@link #labelsOf} is a case's guard ({@code when ..}): on JDK 21+ the labels
   * are {@code *_CASE_LABEL} trees and the guard is the one bare expression; older JDKs have none.
   */
  static boolean isGuard(Tree label) {
    return HAS_CASE_LABEL_TREES && !label.getKind().name().endsWith("_CASE_LABEL");
  }

  private static final boolean HAS_CASE_LABEL_TREES =
      java.util.Arrays.stream(Tree.Kind.values()).anyMatch(k -> k.name().equals("CONSTANT_CASE_LABEL"));

  /** Scans only what runs in the coroutine body itself: not lambda bodies, not class bodies. */
  static class InBodyScanner extends TreePathScanner<Void, Void> {
    @Override
    public Void visitLambdaExpression(LambdaExpressionTree t, Void x) {
      return null;
    }

    @Override
    public Void visitClass(ClassTree t, Void x) {
      return null;
    }
  }
}

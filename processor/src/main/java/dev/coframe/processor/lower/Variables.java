package dev.coframe.processor.lower;

import static dev.coframe.processor.lower.Syntax.assignsInside;
import static dev.coframe.processor.lower.Syntax.isLoop;

import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import dev.coframe.processor.analysis.BodyScan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The variables of a lowered body: every user declaration with the source range where its name
 * means it, the locals and temporaries {@code resume()} declares (renamed where a name would clash),
 * and which of them must survive a suspension.
 */
final class Variables {
  private static final Set<String> RESERVED = Set.of("state", "next$", "self$", "aw$", "result$", "failure$");

  private final CompilationUnitTree unit;
  private final SourcePositions positions;
  private final Tree body;
  private final BodyScan scan;
  private final List<Var> vars = new ArrayList<>();
  private final Map<Tree, Var> hoisted = new HashMap<>();
  private final List<Decl> decls = new ArrayList<>();
  private final Map<String, Integer> declCounts = new HashMap<>();
  private final Set<String> usedNames = new HashSet<>();
  /** Names generated code needs unshadowed: the roots of qualified names it writes (see {@link #nameOf}). */
  private final Set<String> shadowing;
  private final Map<Decl, String> renamed = new HashMap<>();
  private final List<long[]> loops = new ArrayList<>();
  private final Map<String, List<Long>> references = new HashMap<>();
  private int temps;

  Variables(CompilationUnitTree unit, SourcePositions positions, TreePath methodPath, BodyScan scan,
      Set<String> qualifierRoots) {
    this.unit = unit;
    this.shadowing = qualifierRoots;
    this.positions = positions;
    this.scan = scan;
    MethodTree m = (MethodTree) methodPath.getLeaf();
    this.body = m.getBody();
    collectDecls(m, new TreePath(methodPath, m.getBody()));
  }

  /** The local of {@code resume()} a user declaration became, or null if it stayed in verbatim text. */
  Var hoisted(Tree declaration) {
    return hoisted.get(declaration);
  }

  void hoist(Tree declaration, Var v) {
    hoisted.put(declaration, v);
  }

  /** Every variable {@code resume()} declares, in order of creation. */
  List<Var> all() {
    return vars;
  }

  /** Claims a name for generated code, so no variable is given it. */
  void reserve(String name) {
    usedNames.add(name);
  }

  /** A variable the lowering declares in {@code resume()}. */
  static final class Var {
    String name;
    String type;
    String initial;
    boolean param;
    boolean field;
    boolean assigned;
    String source;
  }

  /**
   * A declaration: its name means it from {@code start} to {@code end}; {@code declEnd} is where
   * its own declaration (and initializer) ends; a {@code perIteration} variable (an enhanced
   * {@code for}'s) is assigned afresh at the head of every iteration of the loop that is its scope;
   * {@code inClass}: declared inside a class body of the text (an anonymous class's member).
   */
  record Decl(String name, long start, long end, long scopeStart, long declEnd, boolean perIteration, Tree tree,
      boolean inClass) {}

  Var newVar(String name, String type, String initial, boolean param) {
    Var v = new Var();
    v.name = name;
    v.type = type;
    v.initial = initial;
    v.param = param;
    v.field = param;
    usedNames.add(name);
    vars.add(v);
    return v;
  }

  Var newTemp(String type, String source) {
    Var v = newVar(uniqueName("t$" + (++temps)), type, initialFor(type), false);
    v.field = true;
    v.source = source;
    return v;
  }

  static String initialFor(String type) {
    switch (type) {
      case "boolean": return "false";
      case "int": case "short": case "byte": case "char": return "0";
      case "long": return "0L";
      case "float": return "0f";
      case "double": return "0d";
      default: return "null";
    }
  }

  /**
   * The name of a user declaration that stays in the user's text (not a local of {@code resume()}):
   * the user's, unless it would shadow a name generated code relies on — a root of a qualified
   * name ({@code shop} in {@code shop.Shop.price(s)}, {@code dev} in Coframe's) or a generated
   * local — in which case it is renamed, declaration and uses alike.
   */
  String nameOf(Decl d) {
    if (d.inClass() || (!RESERVED.contains(d.name()) && !shadowing.contains(d.name()))) {
      return d.name();
    }
    return renamed.computeIfAbsent(d, k -> {
      String n = uniqueName(k.name());
      usedNames.add(n);
      return n;
    });
  }

  String uniqueName(String user) {
    String name = user;
    int k = 1;
    while (RESERVED.contains(name) || shadowing.contains(name) || usedNames.contains(name)
        || declCounts.getOrDefault(name, 0) > 1) {
      name = user + "$" + (k++);
      if (!usedNames.contains(name) && !declCounts.containsKey(name)) {
        break;
      }
    }
    return name;
  }

  boolean isAssigned(String name) {
    return assignsInside(body, name);
  }

  private void collectDecls(MethodTree m, TreePath bodyPath) {
    long bodyStart = positions.getStartPosition(unit, m.getBody());
    long bodyEnd = positions.getEndPosition(unit, m.getBody());
    for (VariableTree p : m.getParameters()) {
      addDecl(new Decl(p.getName().toString(), bodyStart, bodyEnd, bodyStart, bodyStart, false, p, false));
    }
    new TreePathScanner<Void, Void>() {
      private int classes;

      @Override
      public Void visitClass(com.sun.source.tree.ClassTree t, Void x) {
        classes++;
        super.visitClass(t, x);
        classes--;
        return null;
      }

      @Override
      public Void visitVariable(VariableTree v, Void x) {
        Tree scope = getCurrentPath().getParentPath().getLeaf();
        if (scope instanceof BindingPatternTree) {
          // flow scoping: a pattern variable may be used after its statement, up to the block's end
          for (TreePath q = getCurrentPath(); q != null; q = q.getParentPath()) {
            if (q.getLeaf() instanceof BlockTree) {
              scope = q.getLeaf();
              break;
            }
          }
        }
        addDecl(new Decl(v.getName().toString(), positions.getStartPosition(unit, v),
            positions.getEndPosition(unit, scope), positions.getStartPosition(unit, scope),
            positions.getEndPosition(unit, v), scope instanceof EnhancedForLoopTree, v, classes > 0));
        return super.visitVariable(v, x);
      }

      @Override
      public Void visitIdentifier(IdentifierTree t, Void x) {
        references.computeIfAbsent(t.getName().toString(), k -> new ArrayList<>())
            .add(positions.getStartPosition(unit, t));
        return null;
      }

      @Override
      public Void scan(Tree t, Void x) {
        if (t != null && isLoop(t)) {
          addLoop(t);
        }
        return super.scan(t, x);
      }
    }.scan(bodyPath, null);
  }

  private void addDecl(Decl d) {
    decls.add(d);
    declCounts.merge(d.name(), 1, Integer::sum);
  }

  private void addLoop(Tree t) {
    loops.add(new long[] {positions.getStartPosition(unit, t), positions.getEndPosition(unit, t)});
  }

  Decl declOf(Tree v) {
    for (Decl d : decls) {
      if (d.tree() == v) {
        return d;
      }
    }
    throw new IllegalStateException("undeclared " + v);
  }

  /** The innermost declaration of local {@code name} whose scope covers {@code at}, or null. */
  Decl localDecl(String name, Tree at) {
    return localDeclAt(name, positions.getStartPosition(unit, at));
  }

  /**
   * Whether some use of {@code d} lies outside {@code t}'s source: a pattern variable whose flow
   * scope reaches past the statement declaring it ({@code if (!(o instanceof P p)) return; use(p);}).
   */
  boolean usedOutside(Decl d, Tree t) {
    long from = positions.getStartPosition(unit, t);
    long to = positions.getEndPosition(unit, t);
    for (long r : references.getOrDefault(d.name(), List.of())) {
      if ((r < from || r >= to) && localDeclAt(d.name(), r) == d) {
        return true;
      }
    }
    return false;
  }

  /** A path to the first identifier in {@code body} that means {@code d}, or null. */
  TreePath firstUse(Decl d, TreePath body) {
    TreePath[] found = {null};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree t, Void x) {
        if (found[0] == null && t.getName().contentEquals(d.name()) && localDecl(d.name(), t) == d) {
          found[0] = getCurrentPath();
        }
        return null;
      }
    }.scan(body, null);
    return found[0];
  }

  private Decl localDeclAt(String name, long pos) {
    Decl best = null;
    for (Decl d : decls) {
      if (d.name().equals(name) && d.start() <= pos && pos < d.end() && (best == null || d.start() > best.start())) {
        best = d;
      }
    }
    return best;
  }

  /**
   * Whether a variable's value may be needed after some suspension point: a suspension inside its
   * scope, after its declaration, followed by a reference, or inside a loop (within the scope) that
   * also references it. Conservative: a few more fields, never a lost value.
   */
  boolean liveAcrossSuspension(Decl d) {
    List<Long> refs = references.getOrDefault(d.name(), List.of());
    for (Tree pt : pointTrees()) {
      long sp = positions.getStartPosition(unit, pt);
      long after = positions.getEndPosition(unit, pt);
      if (sp <= d.start() || sp >= d.end() || sp < d.declEnd()) {
        continue; // outside the scope, or in the variable's own initializer: its value comes after
      }
      for (long r : refs) {
        if (r >= after && r < d.end()) {
          return true;
        }
      }
      for (long[] loop : loops) {
        boolean ownLoop = loop[0] == d.scopeStart();
        if (loop[0] >= d.scopeStart() && loop[1] <= d.end() && loop[0] <= sp && sp < loop[1]
            && !(ownLoop && d.perIteration())) {
          for (long r : refs) {
            if (r >= loop[0] && r < loop[1]) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  private List<Tree> pointTrees() {
    List<Tree> out = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree t, Void x) {
        if (scan.pointAt(t) != null) {
          out.add(t);
        }
        return super.visitMethodInvocation(t, x);
      }
    }.scan(body, null);
    return out;
  }
}

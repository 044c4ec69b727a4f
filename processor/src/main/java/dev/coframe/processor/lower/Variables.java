package dev.coframe.processor.lower;

import com.palantir.javapoet.TypeName;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import dev.coframe.processor.ir.Builder;
import dev.coframe.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The variables of a lowered body: every user declaration with the source range where its name
 * means it, the locals and temporaries of the body method (named so nothing clashes), and the
 * names of user declarations that stay in the user's text.
 */
final class Variables {
  /**
   * Names of the body method's own parameters and locals, and {@code state}, which a frame field
   * named by a user's local would hide.
   */
  static final Set<String> RESERVED = Set.of("cx$", "frame$", "depth$", "next$", "region$", "resumed$", "result$", "ret$", "ASSERTIONS$", "aw$", "ex$", "self$", "state");

  private final CompilationUnitTree unit;
  private final SourcePositions positions;
  private final Builder builder;
  private final Map<Tree, Var> hoisted = new HashMap<>();
  private final List<Decl> decls = new ArrayList<>();
  private final Map<String, Integer> declCounts = new HashMap<>();
  private final Set<String> usedNames = new HashSet<>();
  private final Map<String, List<Long>> references = new HashMap<>();
  /** Names generated code needs unshadowed: the roots of qualified names it writes (see {@link #nameOf}). */
  private final Set<String> shadowing;
  private final Map<Decl, String> renamed = new HashMap<>();
  private int temps;

  Variables(CompilationUnitTree unit, SourcePositions positions, TreePath methodPath, Builder builder,
      Set<String> qualifierRoots) {
    this.unit = unit;
    this.positions = positions;
    this.builder = builder;
    this.shadowing = qualifierRoots;
    MethodTree m = (MethodTree) methodPath.getLeaf();
    collectDecls(m, new TreePath(methodPath, m.getBody()));
  }

  /**
   * A user declaration and the source range where its name means it: from {@code start} to
   * {@code end}; {@code inClass}: declared inside a class body of the text (an anonymous class's
   * member).
   */
  record Decl(String name, long start, long end, Tree tree, boolean inClass) {}

  /** The local of the body a user declaration became, or null if it stayed in the user's text. */
  Var hoisted(Tree declaration) {
    return hoisted.get(declaration);
  }

  /** Makes the user's declaration {@code declaration} a local of the body method. */
  Var hoist(Tree declaration, String userName, TypeName type, Var.Kind kind, String source) {
    Var v = builder.newVar(uniqueName(userName), type, kind, source);
    usedNames.add(v.name());
    hoisted.put(declaration, v);
    return v;
  }

  /** A temporary of the lowering, named {@code t$1}, {@code t$2}... (never a name the user declares). */
  Var newTemp(TypeName type, String source) {
    String name;
    do {
      name = "t$" + (++temps);
    } while (declCounts.containsKey(name) || usedNames.contains(name) || shadowing.contains(name));
    Var v = builder.newVar(name, type, Var.Kind.TEMP, source);
    usedNames.add(v.name());
    return v;
  }

  /** A name for generated code derived from {@code base} ({@code x$match}): unlike any name the user declares. */
  String freshName(String base) {
    String name = uniqueName(base);
    for (int k = 1; declCounts.containsKey(name) || usedNames.contains(name); k++) {
      name = base + "$" + k;
    }
    usedNames.add(name);
    return name;
  }

  /** A variable of the lowering with a reserved name ({@code aw$}): no user variable has it. */
  Var newReserved(String name, TypeName type, String source) {
    if (!RESERVED.contains(name)) {
      throw new IllegalArgumentException(name + " is not reserved");
    }
    return builder.newVar(name, type, Var.Kind.TEMP, source);
  }

  /**
   * The name of a user declaration that stays in the user's text (not a local of the body): the
   * user's, unless it would shadow a name generated code relies on — a root of a qualified name
   * ({@code shop} in {@code shop.Shop.price(s)}, {@code dev} in Coframe's) or a local of the body —
   * in which case it is renamed, declaration and uses alike.
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

  private void collectDecls(MethodTree m, TreePath bodyPath) {
    long bodyStart = positions.getStartPosition(unit, m.getBody());
    long bodyEnd = positions.getEndPosition(unit, m.getBody());
    for (VariableTree p : m.getParameters()) {
      addDecl(new Decl(p.getName().toString(), bodyStart, bodyEnd, p, false));
    }
    new TreePathScanner<Void, Void>() {
      private int classes;

      @Override
      public Void visitClass(ClassTree t, Void x) {
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
            positions.getEndPosition(unit, scope), v, classes > 0));
        return super.visitVariable(v, x);
      }

      @Override
      public Void visitIdentifier(IdentifierTree t, Void x) {
        references.computeIfAbsent(t.getName().toString(), k -> new ArrayList<>())
            .add(positions.getStartPosition(unit, t));
        return null;
      }
    }.scan(bodyPath, null);
  }

  private void addDecl(Decl d) {
    decls.add(d);
    declCounts.merge(d.name(), 1, Integer::sum);
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
}

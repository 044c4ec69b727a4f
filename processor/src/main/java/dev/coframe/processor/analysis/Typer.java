package dev.coframe.processor.analysis;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Scope;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * The types of expressions in a body that javac has parsed but not attributed, from public API
 * only (TOOLCHAIN.md): locals from {@link Trees#getScope} (which attributes a copy), members from
 * declarations, literals, casts and operators by the JLS rules. Answers {@code null} where it
 * cannot know exactly; callers then ask the user for a typed local instead of guessing.
 */
public final class Typer {
  private static final String CO = dev.coframe.processor.model.RuntimeContract.CO;

  private final Trees trees;
  private final Names names;
  private final Types types;
  private final ExecutableElement method;
  private final Set<String> bodyVarNames;
  /** javac's scope where each statement asked about starts; empty where javac failed to give it. */
  private final Map<Tree, java.util.Optional<Scope>> scopes = new HashMap<>();

  public Typer(Trees trees, Names names, ExecutableElement method, Set<String> bodyVarNames) {
    this.trees = trees;
    this.names = names;
    this.types = names.types;
    this.method = method;
    this.bodyVarNames = bodyVarNames;
  }

  public Names names() {
    return names;
  }

  /** The type of the local variable or parameter {@code name} visible at {@code at}, or null if none is. */
  public TypeMirror localType(String name, TreePath at) {
    for (VariableElement p : method.getParameters()) {
      if (p.getSimpleName().contentEquals(name)) {
        return p.asType();
      }
    }
    if (!bodyVarNames.contains(name)) {
      return null;
    }
    TypeMirror declared = declaredPrimitive(name, at);
    if (declared != null) {
      return declared;
    }
    // the scope where the statement starts first: javac attributes nothing of the statement for it
    TreePath statement = statementOf(at);
    Scope start = statementScope(statement);
    TypeMirror t = lookupLocal(name, start);
    t = t != null ? t : lookupLocal(name, scopeAt(at)); // a name the statement itself declares
    if (t == null && start == null) {
      t = fromEarlierStatements(name, statement); // javac failed here: where an earlier statement starts
    }
    if ((t == null || t.getKind() == TypeKind.ERROR) && localTypes != null) {
      // var t = await(XCoroutines.f()): javac cannot type it before XCoroutines exists; the lowering can
      TypeMirror known = localTypes.apply(name, at);
      return known != null ? known : t;
    }
    return t;
  }

  /**
   * The type of local {@code name} at {@code at} where its declaration ({@link #declarationOf})
   * writes a primitive type ({@code int sum = 0}): no attribution needed. Null otherwise (another
   * type, {@code var}, or no declaration found).
   */
  private TypeMirror declaredPrimitive(String name, TreePath at) {
    VariableTree v = declarationOf(name, at);
    return v != null && v.getType() instanceof PrimitiveTypeTree t ? types.getPrimitiveType(t.getPrimitiveTypeKind()) : null;
  }

  /**
   * The declaration of local {@code name} in scope at {@code at}, found by walking out from
   * {@code at} through the blocks and loops around it — sound without attribution, as Java lets no
   * local shadow another (nor a parameter, a resource or a catch parameter). Null where the walk
   * meets a lambda, a class or a colon-form case first (their own names are not walked), or finds
   * none.
   */
  private static VariableTree declarationOf(String name, TreePath at) {
    for (TreePath q = at; q.getParentPath() != null; q = q.getParentPath()) {
      Tree parent = q.getParentPath().getLeaf();
      List<? extends Tree> before = List.of();
      if (parent instanceof com.sun.source.tree.BlockTree block) {
        int i = block.getStatements().indexOf(q.getLeaf());
        before = i < 0 ? List.of() : block.getStatements().subList(0, i);
      } else if (parent instanceof com.sun.source.tree.ForLoopTree loop && !loop.getInitializer().contains(q.getLeaf())) {
        before = loop.getInitializer();
      } else if (parent instanceof com.sun.source.tree.EnhancedForLoopTree loop && q.getLeaf() == loop.getStatement()) {
        before = List.of(loop.getVariable());
      } else if (parent instanceof LambdaExpressionTree || parent instanceof ClassTree
          || parent instanceof CaseTree c && c.getCaseKind() == CaseTree.CaseKind.STATEMENT) {
        return null; // (a case's statements see the declarations of the cases before it; a rule's do not)
      }
      for (int i = before.size() - 1; i >= 0; i--) {
        if (before.get(i) instanceof VariableTree v && v.getName().contentEquals(name)) {
          return v;
        }
      }
    }
    return null;
  }

  /**
   * Types of locals the lowering worked out where javac's scope has only an error type (a
   * {@code var} initialized from a class generated later in the round), by name and place of use.
   */
  public void knowLocals(java.util.function.BiFunction<String, TreePath, TypeMirror> types) {
    this.localTypes = types;
  }

  private java.util.function.BiFunction<String, TreePath, TypeMirror> localTypes;

  private static TypeMirror lookupLocal(String name, Scope s) {
    for (; s != null && s.getEnclosingMethod() != null; s = s.getEnclosingScope()) {
      for (Element e : s.getLocalElements()) {
        if (e.getSimpleName().contentEquals(name) && isLocalKind(e.getKind())) {
          return e.asType();
        }
      }
    }
    return null;
  }

  private static boolean isLocalKind(ElementKind k) {
    return k == ElementKind.LOCAL_VARIABLE || k == ElementKind.PARAMETER
        || k == ElementKind.EXCEPTION_PARAMETER || k == ElementKind.RESOURCE_VARIABLE
        || k.name().equals("BINDING_VARIABLE");
  }

  private Scope statementScope(TreePath statement) {
    return scopes.computeIfAbsent(statement.getLeaf(), k -> java.util.Optional.ofNullable(scopeAt(statement)))
        .orElse(null);
  }

  /**
   * The type of local {@code name} in the scope where a statement before {@code statement} starts,
   * nearest first, in its block and the blocks around it: javac's attribution of a statement can
   * fail (a record accessor called without {@code this.} beside a {@code var} before it, in JDK 17)
   * where that of an earlier one does not. A local the nearest earlier statement itself declares is
   * not in that statement's scope, and is looked up no further.
   */
  private TypeMirror fromEarlierStatements(String name, TreePath statement) {
    for (TreePath q = statement; q.getParentPath() != null; q = q.getParentPath()) {
      if (!(q.getParentPath().getLeaf() instanceof com.sun.source.tree.BlockTree block)) {
        continue;
      }
      List<? extends StatementTree> stmts = block.getStatements();
      for (int i = stmts.indexOf(q.getLeaf()) - 1; i >= 0; i--) {
        TypeMirror t = lookupLocal(name, statementScope(new TreePath(q.getParentPath(), stmts.get(i))));
        if (t != null) {
          return t;
        }
      }
    }
    return null;
  }

  private static TreePath statementOf(TreePath p) {
    for (TreePath q = p; q != null; q = q.getParentPath()) {
      if (q.getLeaf() instanceof StatementTree) {
        return q;
      }
    }
    return p;
  }

  /**
   * javac's scope at {@code p}, or null where javac fails to attribute the code before it (JDK 17's
   * speculative attribution throws on some nests of conditionals, patterns and method references):
   * the lowering's own types of its locals answer then ({@link #knowLocals}).
   */
  private Scope scopeAt(TreePath p) {
    try {
      return trees.getScope(p);
    } catch (RuntimeException | AssertionError e) {
      return null;
    }
  }

  /** Whether {@code id} at {@code at} names a local variable or parameter. */
  public boolean isLocal(String id, TreePath at) {
    return localType(id, at) != null;
  }

  /** The exact type of the expression at {@code p}, or null where it cannot be known exactly. */
  public TypeMirror typeOf(TreePath p) {
    TypeMirror t = computeType(p);
    return t == null || mentionsError(t) ? null : t; // a type javac could not resolve (yet) is not known
  }

  private static boolean mentionsError(TypeMirror t) {
    return anyPart(t, TypeKind.ERROR);
  }

  /** Whether {@code t} or a type it is made of (component, argument, bound) is of kind {@code k}. */
  private static boolean anyPart(TypeMirror t, TypeKind k) {
    if (t.getKind() == k) {
      return true;
    }
    switch (t.getKind()) {
      case ARRAY:
        return anyPart(((ArrayType) t).getComponentType(), k);
      case DECLARED:
        for (TypeMirror a : ((DeclaredType) t).getTypeArguments()) {
          if (anyPart(a, k)) {
            return true;
          }
        }
        return false;
      case WILDCARD: {
        WildcardType w = (WildcardType) t;
        return (w.getExtendsBound() != null && anyPart(w.getExtendsBound(), k))
            || (w.getSuperBound() != null && anyPart(w.getSuperBound(), k));
      }
      default:
        return false;
    }
  }

  private TypeMirror computeType(TreePath p) {
    Tree t = p.getLeaf();
    switch (t.getKind()) {
      case PARENTHESIZED:
        return typeOf(child(p, ((ParenthesizedTree) t).getExpression()));
      case INT_LITERAL: return prim(TypeKind.INT);
      case LONG_LITERAL: return prim(TypeKind.LONG);
      case FLOAT_LITERAL: return prim(TypeKind.FLOAT);
      case DOUBLE_LITERAL: return prim(TypeKind.DOUBLE);
      case BOOLEAN_LITERAL: return prim(TypeKind.BOOLEAN);
      case CHAR_LITERAL: return prim(TypeKind.CHAR);
      case STRING_LITERAL: return string();
      case NULL_LITERAL: return types.getNullType();
      case IDENTIFIER:
        return typeOfIdentifier(((IdentifierTree) t).getName().toString(), p);
      case MEMBER_SELECT:
        return typeOfSelect((MemberSelectTree) t, p);
      case TYPE_CAST:
        return names.typeOfTypeTree(((TypeCastTree) t).getType());
      case NEW_CLASS: {
        NewClassTree n = (NewClassTree) t;
        return n.getClassBody() != null ? null : names.typeOfTypeTree(n.getIdentifier());
      }
      case NEW_ARRAY: {
        NewArrayTree n = (NewArrayTree) t;
        if (n.getType() == null) {
          return initializedArrayType(p);
        }
        TypeMirror c = names.typeOfTypeTree(n.getType());
        if (c == null) {
          return null;
        }
        int dims = Math.max(1, n.getDimensions().size());
        for (int i = 0; i < dims; i++) {
          c = types.getArrayType(c);
        }
        return c;
      }
      case ARRAY_ACCESS: {
        TypeMirror a = typeOf(child(p, ((ArrayAccessTree) t).getExpression()));
        return a instanceof ArrayType ? ((ArrayType) a).getComponentType() : null;
      }
      case ASSIGNMENT:
        return typeOf(child(p, ((AssignmentTree) t).getVariable()));
      case METHOD_INVOCATION:
        return typeOfCall((MethodInvocationTree) t, p);
      case CONDITIONAL_EXPRESSION: {
        ConditionalExpressionTree c = (ConditionalExpressionTree) t;
        return resultType(p, List.of(child(p, c.getTrueExpression()), child(p, c.getFalseExpression())));
      }
      case SWITCH_EXPRESSION:
        return resultType(p, switchResults(p));
      case INSTANCE_OF:
      case LESS_THAN: case LESS_THAN_EQUAL: case GREATER_THAN: case GREATER_THAN_EQUAL:
      case EQUAL_TO: case NOT_EQUAL_TO: case CONDITIONAL_AND: case CONDITIONAL_OR: case LOGICAL_COMPLEMENT:
        return prim(TypeKind.BOOLEAN);
      case PLUS: case MINUS: case MULTIPLY: case DIVIDE: case REMAINDER:
      case AND: case OR: case XOR: {
        BinaryTree b = (BinaryTree) t;
        TypeMirror l = typeOf(child(p, b.getLeftOperand()));
        TypeMirror r = typeOf(child(p, b.getRightOperand()));
        if (t.getKind() == Tree.Kind.PLUS && ((l != null && isString(l)) || (r != null && isString(r)))) {
          return string(); // string concatenation, whatever the other operand is (JLS 15.18.1)
        }
        if (l == null || r == null) {
          return null;
        }
        TypeMirror ul = unboxed(l);
        TypeMirror ur = unboxed(r);
        if (ul == null || ur == null) {
          return null;
        }
        if (ul.getKind() == TypeKind.BOOLEAN && ur.getKind() == TypeKind.BOOLEAN) {
          return ul;
        }
        return promote(ul, ur);
      }
      case LEFT_SHIFT: case RIGHT_SHIFT: case UNSIGNED_RIGHT_SHIFT: {
        TypeMirror l = unboxed(typeOf(child(p, ((BinaryTree) t).getLeftOperand())));
        return l == null ? null : promote(l, prim(TypeKind.INT));
      }
      case UNARY_MINUS: case UNARY_PLUS: case BITWISE_COMPLEMENT: {
        TypeMirror o = unboxed(typeOf(child(p, ((UnaryTree) t).getExpression())));
        return o == null ? null : promote(o, prim(TypeKind.INT));
      }
      case PREFIX_INCREMENT: case PREFIX_DECREMENT: case POSTFIX_INCREMENT: case POSTFIX_DECREMENT:
        return typeOf(child(p, ((UnaryTree) t).getExpression()));
      default:
        if (t instanceof CompoundAssignmentTree) {
          return typeOf(child(p, ((CompoundAssignmentTree) t).getVariable()));
        }
        return null;
    }
  }

  /**
   * The type of an array initializer without {@code new} ({@code {1, 2}}): the declared type of the
   * variable it initializes, or the component type of the array it is an element of.
   */
  private TypeMirror initializedArrayType(TreePath p) {
    Tree parent = p.getParentPath().getLeaf();
    if (parent instanceof NewArrayTree) {
      TypeMirror outer = typeOf(p.getParentPath());
      return outer instanceof ArrayType ? ((ArrayType) outer).getComponentType() : null;
    }
    if (parent instanceof VariableTree && ((VariableTree) parent).getType() != null) {
      TypeMirror declared = names.typeOfTypeTree(((VariableTree) parent).getType());
      return declared instanceof ArrayType ? declared : null;
    }
    return null;
  }

  private TypeMirror typeOfIdentifier(String name, TreePath p) {
    if (name.equals("this")) {
      return names.owner().asType();
    }
    TypeMirror local = localType(name, p);
    if (local != null) {
      return local;
    }
    TypeElement c = names.classWithField(name);
    if (c != null) {
      return memberType(c.asType(), names.field(c, name));
    }
    TypeElement imp = names.staticImportOf(name);
    if (imp != null) {
      VariableElement f = names.field(imp, name);
      return f == null ? null : f.asType();
    }
    return null;
  }

  private TypeMirror typeOfSelect(MemberSelectTree ms, TreePath p) {
    String name = ms.getIdentifier().toString();
    TypeElement staticSite = staticSite(ms.getExpression(), p);
    if (staticSite != null) {
      if (name.equals("class")) {
        return null;
      }
      VariableElement f = names.field(staticSite, name);
      return f == null ? null : f.asType();
    }
    TypeMirror site = typeOf(child(p, ms.getExpression()));
    if (site == null) {
      return null;
    }
    if (site.getKind() == TypeKind.ARRAY && name.equals("length")) {
      return prim(TypeKind.INT);
    }
    DeclaredType d = declared(site);
    if (d == null) {
      return null;
    }
    VariableElement f = names.field((TypeElement) d.asElement(), name);
    return f == null ? null : memberType(d, f);
  }

  /**
   * Whether a receiver or qualifier is evaluated (a value) rather than a name of a type or package.
   * A simple name is a value only if it names a variable (JLS 6.5.2); a type generated later in
   * this compilation (an {@code XCoroutines}) is no value even before it exists.
   */
  public boolean isValue(ExpressionTree e, TreePath at) {
    if (e instanceof IdentifierTree) {
      String n = ((IdentifierTree) e).getName().toString();
      return n.equals("this") || n.equals("super") || isLocal(n, at) || names.classWithField(n) != null
          || names.staticImportOf(n) != null && names.typeNamed(n) == null;
    }
    if (e instanceof MemberSelectTree) {
      MemberSelectTree ms = (MemberSelectTree) e;
      if (isValue(ms.getExpression(), at)) {
        return true; // a field of a value
      }
      TypeElement owner = names.typeOfName(ms.getExpression());
      return owner != null && names.field(owner, ms.getIdentifier().toString()) != null;
    }
    return true;
  }

  /** The class a receiver expression names when it is a type name rather than a value, or null. */
  public TypeElement staticSite(ExpressionTree recv, TreePath at) {
    if (recv instanceof IdentifierTree) {
      String n = ((IdentifierTree) recv).getName().toString();
      if (n.equals("this") || n.equals("super") || isLocal(n, at) || names.classWithField(n) != null) {
        return null;
      }
      return names.typeNamed(n);
    }
    if (recv instanceof MemberSelectTree) {
      MemberSelectTree ms = (MemberSelectTree) recv;
      if (staticSite(ms.getExpression(), at) != null || isPackageLike(ms.getExpression(), at)) {
        return names.typeOfName(recv);
      }
    }
    return null;
  }

  private boolean isPackageLike(ExpressionTree e, TreePath at) {
    if (e instanceof IdentifierTree) {
      String n = ((IdentifierTree) e).getName().toString();
      return !isLocal(n, at) && names.classWithField(n) == null && names.typeNamed(n) == null;
    }
    return e instanceof MemberSelectTree && isPackageLike(((MemberSelectTree) e).getExpression(), at);
  }

  /** The methods a call may target, with the site they are members of. */
  public record Target(TypeMirror site, List<ExecutableElement> candidates) {}

  /** Resolves the methods {@code call} may invoke by name and arity, or null if the receiver's type is unknown. */
  public Target targets(MethodInvocationTree call, TreePath p) {
    ExpressionTree sel = call.getMethodSelect();
    String name;
    TypeMirror site;
    if (sel instanceof IdentifierTree) {
      name = ((IdentifierTree) sel).getName().toString();
      TypeElement c = names.classWithMethod(name);
      if (c == null) {
        c = names.staticImportOf(name);
      }
      if (c == null) {
        return null;
      }
      site = c.asType();
    } else if (sel instanceof MemberSelectTree) {
      MemberSelectTree ms = (MemberSelectTree) sel;
      name = ms.getIdentifier().toString();
      TypeElement st = staticSite(ms.getExpression(), child(p, sel));
      if (st != null) {
        site = st.asType();
      } else if (ms.getExpression() instanceof IdentifierTree
          && ((IdentifierTree) ms.getExpression()).getName().contentEquals("super")) {
        return null;
      } else {
        site = typeOf(child(child(p, sel), ms.getExpression()));
      }
    } else {
      return null;
    }
    DeclaredType d = site == null ? null : declared(site);
    if (d == null) {
      return null;
    }
    int n = call.getArguments().size();
    List<ExecutableElement> exact = new ArrayList<>();
    List<ExecutableElement> variable = new ArrayList<>();
    for (ExecutableElement m : names.methods((TypeElement) d.asElement(), name)) {
      int k = m.getParameters().size();
      if (k == n && !m.isVarArgs()) {
        exact.add(m);
      } else if (k == n || (m.isVarArgs() && n >= k - 1)) {
        variable.add(m);
      }
    }
    // JLS 15.12.2: methods applicable without variable arity are chosen before varargs ones
    return new Target(d, exact.isEmpty() ? variable : exact);
  }

  private TypeMirror typeOfCall(MethodInvocationTree call, TreePath p) {
    TypeMirror factory = factoryType(call, p);
    if (factory != null) {
      return factory;
    }
    Target target = targets(call, p);
    if (target == null || target.candidates().isEmpty()) {
      return null;
    }
    if (isAwait(target)) {
      TypeMirror arg = typeOf(child(p, call.getArguments().get(0)));
      return arg == null ? null : awaitedType(arg);
    }
    return returnType(call, p, target);
  }

  /**
   * The type of a call to a generated factory ({@code ShopCoroutines.total(skus)}), known from the
   * coroutine's declaration even before the factory is generated: {@code Task<boxed result>} or
   * {@code Generator<element>}. Null if the call is not one.
   */
  private TypeMirror factoryType(MethodInvocationTree call, TreePath p) {
    if (!(call.getMethodSelect() instanceof MemberSelectTree)) {
      return null;
    }
    MemberSelectTree ms = (MemberSelectTree) call.getMethodSelect();
    String cls = ms.getExpression().toString();
    int dot = cls.lastIndexOf('.');
    String simple = cls.substring(dot + 1);
    if (!simple.endsWith("Coroutines") || names.typeOfName(ms.getExpression()) != null) {
      return null; // not a factory class, or one that exists already and is typed as usual
    }
    String userPath = simple.substring(0, simple.length() - "Coroutines".length()).replace('_', '.');
    String[] parts = userPath.split("\\.");
    TypeElement user = names.typeNamed(parts[0]);
    for (int i = 1; user != null && i < parts.length; i++) {
      TypeElement next = null;
      for (Element e : user.getEnclosedElements()) {
        if (e instanceof TypeElement && e.getSimpleName().contentEquals(parts[i])) {
          next = (TypeElement) e;
        }
      }
      user = next;
    }
    if (user == null) {
      return null;
    }
    TypeMirror found = null;
    for (ExecutableElement m : names.methods(user, ms.getIdentifier().toString())) {
      if (!dev.coframe.processor.model.CoroutineDecl.isCoroutine(m) || !m.getTypeParameters().isEmpty()) {
        continue;
      }
      boolean generator = false;
      TypeMirror value = m.getReturnType();
      for (VariableElement param : m.getParameters()) {
        if (types.erasure(param.asType()).toString().equals(dev.coframe.processor.model.RuntimeContract.YIELD)) {
          generator = true;
          List<? extends TypeMirror> args = ((DeclaredType) param.asType()).getTypeArguments();
          value = args.isEmpty() ? names.elements.getTypeElement("java.lang.Object").asType() : args.get(0);
        }
      }
      int arity = m.getParameters().size() - (generator ? 1 : 0) + (m.getModifiers().contains(Modifier.STATIC) ? 0 : 1);
      if (arity != call.getArguments().size()) {
        continue;
      }
      TypeMirror boxed = value.getKind() == TypeKind.VOID
          ? names.elements.getTypeElement("java.lang.Void").asType()
          : value.getKind().isPrimitive() ? types.boxedClass((javax.lang.model.type.PrimitiveType) value).asType() : value;
      TypeElement handle = names.elements.getTypeElement(generator ? dev.coframe.processor.model.RuntimeContract.generator(null)
          : dev.coframe.processor.model.RuntimeContract.TASK);
      TypeMirror t = types.getDeclaredType(handle, boxed);
      if (found != null && !types.isSameType(found, t)) {
        return null;
      }
      found = t;
    }
    return found;
  }

  /**
   * Whether the expression is a poly expression whose type may depend on where it is used: a call
   * of a generic method whose result mentions its type parameters, a diamond, a lambda or method
   * reference (JLS 15.2), or a conditional or parentheses around one.
   */
  public boolean isPoly(TreePath p) {
    Tree t = p.getLeaf();
    switch (t.getKind()) {
      case PARENTHESIZED:
        return isPoly(child(p, ((ParenthesizedTree) t).getExpression()));
      case CONDITIONAL_EXPRESSION: {
        ConditionalExpressionTree c = (ConditionalExpressionTree) t;
        return isPoly(child(p, c.getTrueExpression())) || isPoly(child(p, c.getFalseExpression()));
      }
      case LAMBDA_EXPRESSION:
      case MEMBER_REFERENCE:
        return true;
      case NEW_CLASS: {
        Tree id = ((NewClassTree) t).getIdentifier();
        return id instanceof ParameterizedTypeTree
            && ((ParameterizedTypeTree) id).getTypeArguments().isEmpty();
      }
      case METHOD_INVOCATION: {
        MethodInvocationTree call = (MethodInvocationTree) t;
        if (!call.getTypeArguments().isEmpty()) {
          return false;
        }
        Target target = targets(call, p);
        if (target == null) {
          return true;
        }
        for (ExecutableElement m : target.candidates()) {
          if (!m.getTypeParameters().isEmpty() && dependsOnContext(m)) {
            return true;
          }
        }
        return false;
      }
      default:
        return false;
    }
  }

  /**
   * A generic method's result depends on where it is used when it nests a type variable inside
   * another type ({@code List<E>}: invariance lets the target choose E), or returns a bare type
   * variable no parameter mentions ({@code <T> T empty()}). A bare {@code T} that an argument
   * bounds from below ({@code <T> T await(Awaitable<T>)}) is inferred from that argument.
   */
  private static boolean dependsOnContext(ExecutableElement m) {
    TypeMirror r = m.getReturnType();
    if (r.getKind() != TypeKind.TYPEVAR) {
      return mentionsTypeVariable(r);
    }
    for (VariableElement p : m.getParameters()) {
      if (mentionsTypeVariable(p.asType())) {
        return false;
      }
    }
    return true;
  }

  private static boolean mentionsTypeVariable(TypeMirror t) {
    return anyPart(t, TypeKind.TYPEVAR);
  }

  /** Whether the target is {@code Co.await}. */
  public static boolean isAwait(Target target) {
    ExecutableElement m = target.candidates().get(0);
    return m.getSimpleName().contentEquals("await")
        && ((TypeElement) m.getEnclosingElement()).getQualifiedName().contentEquals(CO);
  }

  /** The return type of the call, with the site's and the method's type arguments applied, or null. */
  public TypeMirror returnType(MethodInvocationTree call, TreePath p, Target target) {
    TypeMirror found = null;
    for (ExecutableElement m : applicable(call, p, target.candidates())) {
      TypeMirror r = returnTypeOf(call, p, (DeclaredType) target.site(), m);
      if (r == null || (found != null && !types.isSameType(found, r))) {
        return null;
      }
      found = r;
    }
    return found;
  }

  /** The one method the call invokes, if its overloads can be told apart here; else null. */
  public ExecutableElement resolve(MethodInvocationTree call, TreePath p, Target target) {
    List<ExecutableElement> ms = applicable(call, p, target.candidates());
    return ms.size() == 1 ? ms.get(0) : null;
  }

  /**
   * For each argument of {@code call}, the primitive type its parameter converts it to where every
   * overload that could be chosen agrees on one (an argument is converted as it is passed, before
   * the next one is evaluated), else null.
   */
  public List<TypeMirror> primitiveParameters(MethodInvocationTree call, TreePath p) {
    List<TypeMirror> out = new ArrayList<>();
    Target target = targets(call, p);
    List<ExecutableElement> ms = target == null ? List.of() : applicable(call, p, target.candidates());
    for (int i = 0; i < call.getArguments().size(); i++) {
      TypeMirror common = null;
      boolean agree = !ms.isEmpty();
      for (ExecutableElement m : ms) {
        TypeMirror t = parameterOf(m, i, call.getArguments().size());
        if (t == null || !t.getKind().isPrimitive() || (common != null && !types.isSameType(common, t))) {
          agree = false;
          break;
        }
        common = t;
      }
      out.add(agree ? common : null);
    }
    return out;
  }

  /**
   * The type argument {@code i} of {@code n} is passed as to {@code m}: its parameter, or the element
   * type of a varargs parameter it is one element of; null where it could be either.
   */
  private static TypeMirror parameterOf(ExecutableElement m, int i, int n) {
    List<? extends VariableElement> ps = m.getParameters();
    int last = ps.size() - 1;
    if (!m.isVarArgs() || i < last) {
      return i < ps.size() ? ps.get(i).asType() : null;
    }
    return n == ps.size() ? null : ((ArrayType) ps.get(last).asType()).getComponentType();
  }

  /** Overloads narrowed by the arguments' types where they are all known (else all of them). */
  private List<ExecutableElement> applicable(MethodInvocationTree call, TreePath p, List<ExecutableElement> cands) {
    if (cands.size() < 2) {
      return cands;
    }
    List<TypeMirror> args = new ArrayList<>();
    for (ExpressionTree a : call.getArguments()) {
      TypeMirror t = typeOf(child(p, a));
      if (t == null) {
        return cands;
      }
      args.add(t);
    }
    List<ExecutableElement> strict = new ArrayList<>();
    List<ExecutableElement> loose = new ArrayList<>();
    for (ExecutableElement m : cands) {
      // phase 1 (strict: no boxing) and phase 2 (loose) of JLS 15.12.2, for fixed-arity methods
      boolean s = !m.isVarArgs() && m.getParameters().size() == args.size();
      boolean l = s;
      for (int i = 0; l && i < args.size(); i++) {
        TypeMirror param = types.erasure(m.getParameters().get(i).asType());
        TypeMirror arg = types.erasure(args.get(i));
        boolean assignable = arg.getKind() == TypeKind.NULL ? !param.getKind().isPrimitive() : types.isAssignable(arg, param);
        s = s && assignable && (arg.getKind() == TypeKind.NULL || arg.getKind().isPrimitive() == param.getKind().isPrimitive());
        l = assignable;
      }
      if (s) {
        strict.add(m);
      } else if (l) {
        loose.add(m);
      }
    }
    List<ExecutableElement> phase = !strict.isEmpty() ? strict : !loose.isEmpty() ? loose : cands;
    if (phase.size() < 2) {
      return phase;
    }
    // the most specific: one whose parameters are all assignable to every other's
    for (ExecutableElement m : phase) {
      boolean mostSpecific = true;
      for (ExecutableElement o : phase) {
        for (int i = 0; mostSpecific && i < m.getParameters().size(); i++) {
          mostSpecific = types.isAssignable(types.erasure(m.getParameters().get(i).asType()),
              types.erasure(o.getParameters().get(i).asType()));
        }
      }
      if (mostSpecific) {
        return List.of(m);
      }
    }
    return phase;
  }

  private TypeMirror returnTypeOf(MethodInvocationTree call, TreePath p, DeclaredType site, ExecutableElement m) {
    ExecutableType et;
    if (m.getModifiers().contains(Modifier.STATIC)) {
      et = (ExecutableType) m.asType();
    } else {
      try {
        et = (ExecutableType) types.asMemberOf(site, m);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    TypeMirror ret = et.getReturnType();
    if (m.getTypeParameters().isEmpty()) {
      return ret;
    }
    // Inference light: bind the method's type variables from the arguments' types, matching each
    // parameter type's structure (T, List<T>, Collection<? extends T>, T[], varargs T...); a
    // variable bound two different ways, or not at all, leaves the type unknown.
    Map<Element, TypeMirror> bound = new HashMap<>();
    List<? extends TypeMirror> ps = et.getParameterTypes();
    int n = call.getArguments().size();
    boolean spread = m.isVarArgs() && !(n == ps.size() && lastIsArray(call, p));
    for (int i = 0; i < n; i++) {
      TypeMirror param = i < ps.size() - 1 || !spread ? ps.get(Math.min(i, ps.size() - 1))
          : ((ArrayType) ps.get(ps.size() - 1)).getComponentType();
      if (!mentionsTypeVariable(param)) {
        continue;
      }
      TypeMirror a = typeOf(child(p, call.getArguments().get(i)));
      if (a == null || a.getKind() == TypeKind.NULL || !unify(param, a, bound)) {
        return null;
      }
    }
    return substitute(ret, bound);
  }

  private boolean lastIsArray(MethodInvocationTree call, TreePath p) {
    TypeMirror last = typeOf(child(p, call.getArguments().get(call.getArguments().size() - 1)));
    return last != null && (last.getKind() == TypeKind.ARRAY || last.getKind() == TypeKind.NULL);
  }

  /** Binds the type variables of {@code param} so that {@code arg} fits it; false if they clash. */
  private boolean unify(TypeMirror param, TypeMirror arg, Map<Element, TypeMirror> bound) {
    switch (param.getKind()) {
      case TYPEVAR: {
        Element v = ((TypeVariable) param).asElement();
        if (!(v.getEnclosingElement() instanceof ExecutableElement)) {
          return true; // a class type variable, already fixed by the site
        }
        TypeMirror a = arg.getKind().isPrimitive() ? types.boxedClass((javax.lang.model.type.PrimitiveType) arg).asType() : arg;
        TypeMirror prev = bound.put(v, a);
        return prev == null || types.isSameType(prev, a);
      }
      case ARRAY:
        return arg.getKind() == TypeKind.ARRAY
            && unify(((ArrayType) param).getComponentType(), ((ArrayType) arg).getComponentType(), bound);
      case WILDCARD: {
        TypeMirror upper = ((WildcardType) param).getExtendsBound();
        return upper == null || unify(upper, arg, bound); // ? extends T: the argument is T's lower bound
      }
      case DECLARED: {
        DeclaredType pd = (DeclaredType) param;
        DeclaredType ad = asSuper(arg, (TypeElement) pd.asElement());
        if (ad == null || ad.getTypeArguments().size() != pd.getTypeArguments().size()) {
          return false;
        }
        for (int i = 0; i < pd.getTypeArguments().size(); i++) {
          TypeMirror pa = pd.getTypeArguments().get(i);
          TypeMirror aa = ad.getTypeArguments().get(i);
          if (!mentionsTypeVariable(pa)) {
            continue;
          }
          if (aa.getKind() == TypeKind.WILDCARD) {
            return false;
          }
          if (!unify(pa, aa, bound)) {
            return false;
          }
        }
        return true;
      }
      default:
        return true;
    }
  }

  /** {@code t} seen as (a parameterization of) {@code target}, or null. */
  private DeclaredType asSuper(TypeMirror t, TypeElement target) {
    DeclaredType d = declared(t);
    if (d == null) {
      return null;
    }
    if (d.asElement().equals(target)) {
      return d;
    }
    for (TypeMirror s : types.directSupertypes(d)) {
      DeclaredType found = asSuper(s, target);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private TypeMirror substitute(TypeMirror t, Map<Element, TypeMirror> bound) {
    switch (t.getKind()) {
      case TYPEVAR: {
        Element v = ((TypeVariable) t).asElement();
        if (v.getEnclosingElement() instanceof ExecutableElement) {
          return bound.get(v); // null: a method type variable inference light cannot bind
        }
        return t;
      }
      case ARRAY: {
        TypeMirror c = substitute(((ArrayType) t).getComponentType(), bound);
        return c == null ? null : types.getArrayType(c);
      }
      case DECLARED: {
        DeclaredType d = (DeclaredType) t;
        if (d.getTypeArguments().isEmpty()) {
          return t;
        }
        List<TypeMirror> args = new ArrayList<>();
        for (TypeMirror a : d.getTypeArguments()) {
          TypeMirror s = substitute(a, bound);
          if (s == null) {
            return null;
          }
          args.add(s);
        }
        return types.getDeclaredType((TypeElement) d.asElement(), args.toArray(new TypeMirror[0]));
      }
      case WILDCARD: {
        WildcardType w = (WildcardType) t;
        TypeMirror e = w.getExtendsBound() == null ? null : substitute(w.getExtendsBound(), bound);
        TypeMirror s = w.getSuperBound() == null ? null : substitute(w.getSuperBound(), bound);
        if ((w.getExtendsBound() != null && e == null) || (w.getSuperBound() != null && s == null)) {
          return null;
        }
        return types.getWildcardType(e, s);
      }
      default:
        return t;
    }
  }

  /** {@code T} for a {@code Task<T>}, {@code Awaitable<T>} or {@code CompletionStage<T>}, or null. */
  public TypeMirror awaitedType(TypeMirror t) {
    for (String iface : new String[] {dev.coframe.processor.model.RuntimeContract.TASK,
        dev.coframe.processor.model.RuntimeContract.AWAITABLE, "java.util.concurrent.CompletionStage"}) {
      TypeMirror a = supertypeArgument(t, iface);
      if (a != null) {
        return a;
      }
    }
    return null;
  }

  private TypeMirror supertypeArgument(TypeMirror t, String iface) {
    DeclaredType d = declared(t);
    if (d == null) {
      return null;
    }
    if (((TypeElement) d.asElement()).getQualifiedName().contentEquals(iface)) {
      if (d.getTypeArguments().size() != 1) {
        return null;
      }
      TypeMirror a = d.getTypeArguments().get(0);
      if (a.getKind() == TypeKind.WILDCARD) {
        return ((WildcardType) a).getExtendsBound() != null ? ((WildcardType) a).getExtendsBound() : null;
      }
      return a;
    }
    for (TypeMirror s : types.directSupertypes(d)) {
      TypeMirror a = supertypeArgument(s, iface);
      if (a != null) {
        return a;
      }
    }
    return null;
  }

  private TypeMirror memberType(TypeMirror site, VariableElement f) {
    if (f.getModifiers().contains(Modifier.STATIC) || !(site instanceof DeclaredType)) {
      return f.asType();
    }
    try {
      return types.asMemberOf((DeclaredType) site, f);
    } catch (IllegalArgumentException e) {
      return f.asType();
    }
  }

  private DeclaredType declared(TypeMirror t) {
    if (t.getKind() == TypeKind.TYPEVAR) {
      return declared(((TypeVariable) t).getUpperBound());
    }
    return t.getKind() == TypeKind.DECLARED ? (DeclaredType) t : null;
  }

  /**
   * Whether the expression calls a method whose declared result is one of its own type variables
   * ({@code <T> T await(..)}): JLS 15.25 does not count it as a numeric operand.
   */
  private boolean returnsTypeVariable(TreePath p) {
    Tree t = p.getLeaf();
    while (t instanceof ParenthesizedTree) {
      p = child(p, ((ParenthesizedTree) t).getExpression());
      t = p.getLeaf();
    }
    if (!(t instanceof MethodInvocationTree)) {
      return false;
    }
    Target target = targets((MethodInvocationTree) t, p);
    if (target == null) {
      return true;
    }
    for (ExecutableElement m : target.candidates()) {
      TypeMirror r = m.getReturnType();
      if (r.getKind() == TypeKind.TYPEVAR && ((TypeVariable) r).asElement().getEnclosingElement() instanceof ExecutableElement) {
        return true;
      }
    }
    return false;
  }

  /** Whether the expression at {@code p} is in an assignment or invocation context (JLS 15.2). */
  private static boolean inPolyContext(TreePath p) {
    Tree e = p.getLeaf();
    TreePath q = p.getParentPath();
    while (q != null && q.getLeaf() instanceof ParenthesizedTree) {
      e = q.getLeaf();
      q = q.getParentPath();
    }
    if (q == null) {
      return false;
    }
    Tree parent = q.getLeaf();
    return (parent instanceof MethodInvocationTree && ((MethodInvocationTree) parent).getArguments().contains(e))
        || (parent instanceof NewClassTree && ((NewClassTree) parent).getArguments().contains(e))
        || (parent instanceof VariableTree && ((VariableTree) parent).getInitializer() == e)
        || (parent instanceof AssignmentTree && ((AssignmentTree) parent).getExpression() == e)
        || parent instanceof ReturnTree;
  }

  /**
   * The type of a conditional's or a switch expression's results (JLS 15.25, 15.28.1) where the
   * two rules agree: one type; a primitive and its box (the primitive); numbers promoted; null
   * beside a reference. Null where it is not decided (byte/short/char mixed with int constants,
   * whose fits rules need values; lubs).
   */
  private TypeMirror resultType(TreePath p, List<TreePath> results) {
    List<TypeMirror> ts = new ArrayList<>();
    for (TreePath r : results) {
      TypeMirror x = typeOf(r);
      if (x == null) {
        return null;
      }
      ts.add(x);
    }
    if (ts.isEmpty()) {
      return null;
    }
    TypeMirror first = ts.get(0);
    if (ts.stream().allMatch(x -> types.isSameType(x, first))) {
      return first;
    }
    List<TypeMirror> unboxed = ts.stream().map(this::unboxed).toList();
    if (!unboxed.contains(null)) {
      // javac makes it a reference result (no unboxing) only as a poly expression: in an
      // assignment or invocation context, with a result typed by a method type variable
      boolean reference = inPolyContext(p) && results.stream().anyMatch(this::returnsTypeVariable);
      boolean oneUnboxed = unboxed.stream().allMatch(x -> types.isSameType(x, unboxed.get(0)));
      if (reference) {
        return oneUnboxed ? types.boxedClass((javax.lang.model.type.PrimitiveType) unboxed.get(0)).asType() : null;
      }
      if (ts.stream().anyMatch(x -> x.getKind().isPrimitive())) {
        if (oneUnboxed) {
          return unboxed.get(0); // a primitive and its box give the primitive
        }
        if (unboxed.stream().anyMatch(x -> x.getKind() == TypeKind.BOOLEAN)) {
          return null;
        }
        TypeMirror promoted = unboxed.stream().reduce(this::promote).orElseThrow();
        if (promoted.getKind() != TypeKind.INT || unboxed.stream().noneMatch(x -> isSmall(x.getKind()))) {
          return promoted;
        }
        // byte/short/char beside int: int if some int result is no constant (a box, or a call..) or
        // a constant the small type cannot hold; the small type if every int result is a constant it
        // holds (JLS 5.6, 15.25); undecided where a value is unknown
        List<TypeKind> small = unboxed.stream().map(TypeMirror::getKind).filter(Typer::isSmall).distinct().toList();
        // (a boxed small result counts as its primitive: javac unboxes it first, for a conditional
        // as for a switch, so `b ? aCharacter : 10` is a char, as is a switch with those arms)
        boolean allFit = small.size() == 1;
        for (int i = 0; i < ts.size(); i++) {
          if (unboxed.get(i).getKind() != TypeKind.INT) {
            continue;
          }
          Object c = constant(results.get(i));
          if (!ts.get(i).getKind().isPrimitive() || c == NOT_CONSTANT) {
            return promoted;
          }
          Integer v = c instanceof Integer x ? x : null;
          if (v != null && !fits(v, small.get(0))) {
            return promoted;
          }
          allFit &= v != null;
        }
        return allFit ? prim(small.get(0)) : null;
      }
      return null;
    }
    List<TypeMirror> refs = ts.stream().filter(x -> x.getKind() != TypeKind.NULL).toList();
    return refs.size() == 1 || refs.stream().allMatch(x -> types.isSameType(x, refs.get(0)))
        ? refs.get(0).getKind().isPrimitive() ? null : refs.get(0) : null;
  }

  /** {@link #constant}: the expression is no constant expression. */
  private static final Object NOT_CONSTANT = new Object();
  /** {@link #constant}: a constant expression whose value the typer does not compute (floating point, a string). */
  private static final Object SOME_CONSTANT = new Object();

  /**
   * What the expression at {@code p} is as a constant expression (JLS 15.29): its value (an
   * {@code Integer} for an int, {@code Long}, {@code Character}, {@code Boolean}, {@code Short},
   * {@code Byte}), {@link #SOME_CONSTANT}, {@link #NOT_CONSTANT}, or null where the typer cannot
   * tell (a name it cannot resolve). A local is a constant variable only if declared {@code final}
   * with a constant initializer; a parameter never is; a field as javac evaluated it.
   */
  private Object constant(TreePath p) {
    Tree t = p.getLeaf();
    if (t instanceof ParenthesizedTree x) {
      return constant(new TreePath(p, x.getExpression()));
    }
    if (t instanceof LiteralTree l) {
      Object v = l.getValue();
      return v == null ? NOT_CONSTANT : v instanceof Float || v instanceof Double || v instanceof String ? SOME_CONSTANT : v;
    }
    if (t instanceof IdentifierTree id) {
      String name = id.getName().toString();
      if (method.getParameters().stream().anyMatch(q -> q.getSimpleName().contentEquals(name))) {
        return NOT_CONSTANT;
      }
      if (bodyVarNames.contains(name)) {
        VariableTree v = declarationOf(name, p);
        if (v == null) {
          return null;
        }
        // a constant variable: final, of a primitive type or String, initialized with a constant expression
        boolean constantType = v.getType() instanceof PrimitiveTypeTree
            || v.getType() != null && v.getType().toString().matches("(java\\.lang\\.)?String");
        return v.getModifiers().getFlags().contains(Modifier.FINAL) && constantType && v.getInitializer() != null
            ? constant(new TreePath(new TreePath(p, v), v.getInitializer())) : NOT_CONSTANT;
      }
      TypeElement owner = names.classWithField(name);
      return owner == null ? null : fieldConstant(names.field(owner, name));
    }
    if (t instanceof MemberSelectTree m) {
      TypeElement owner = names.typeOfName(m.getExpression());
      VariableElement f = owner == null ? null : names.field(owner, m.getIdentifier().toString());
      return f == null ? null : fieldConstant(f);
    }
    if (t instanceof TypeCastTree c) {
      Object v = constant(new TreePath(p, c.getExpression()));
      if (!(c.getType() instanceof PrimitiveTypeTree pt)) {
        return v == NOT_CONSTANT || v == null ? v : c.getType().toString().matches("(java\\.lang\\.)?String")
            ? SOME_CONSTANT : NOT_CONSTANT;
      }
      return v instanceof Number || v instanceof Character ? cast(v, pt.getPrimitiveTypeKind()) : v;
    }
    if (t instanceof UnaryTree u) {
      Object v = constant(new TreePath(p, u.getExpression()));
      if (!(v instanceof Number || v instanceof Character || v instanceof Boolean)) {
        return v;
      }
      return switch (t.getKind()) {
        case UNARY_MINUS -> arithmetic(Tree.Kind.MINUS, 0, v);
        case UNARY_PLUS -> arithmetic(Tree.Kind.PLUS, 0, v);
        case BITWISE_COMPLEMENT -> arithmetic(Tree.Kind.XOR, -1, v);
        case LOGICAL_COMPLEMENT -> v instanceof Boolean b ? !b : NOT_CONSTANT;
        default -> NOT_CONSTANT; // ++, --
      };
    }
    if (t instanceof BinaryTree b) {
      Object l = constant(new TreePath(p, b.getLeftOperand()));
      Object r = constant(new TreePath(p, b.getRightOperand()));
      if (l == NOT_CONSTANT || r == NOT_CONSTANT) {
        return NOT_CONSTANT;
      }
      if (l == null || r == null) {
        return null;
      }
      return l == SOME_CONSTANT || r == SOME_CONSTANT ? SOME_CONSTANT : binary(t.getKind(), l, r);
    }
    if (t instanceof ConditionalExpressionTree c) {
      Object cond = constant(new TreePath(p, c.getCondition()));
      Object x = constant(new TreePath(p, c.getTrueExpression()));
      Object y = constant(new TreePath(p, c.getFalseExpression()));
      if (cond == NOT_CONSTANT || x == NOT_CONSTANT || y == NOT_CONSTANT) {
        return NOT_CONSTANT;
      }
      if (cond == null || x == null || y == null) {
        return null;
      }
      if (!(cond instanceof Boolean k) || x == SOME_CONSTANT || y == SOME_CONSTANT || x.getClass() != y.getClass()) {
        return SOME_CONSTANT; // (operands of two types are promoted first: their value is not computed here)
      }
      return k ? x : y;
    }
    return NOT_CONSTANT; // a call, an allocation, an assignment, an array access, a lambda, ..
  }

  private static Object fieldConstant(VariableElement f) {
    Object v = f.getConstantValue();
    return v == null ? NOT_CONSTANT : v instanceof Float || v instanceof Double || v instanceof String ? SOME_CONSTANT : v;
  }

  /** {@code (kind) v} for a number or char {@code v}. */
  private static Object cast(Object v, TypeKind kind) {
    long x = v instanceof Character c ? c : ((Number) v).longValue();
    return switch (kind) {
      case INT -> (int) x;
      case LONG -> v instanceof Character ? x : ((Number) v).longValue();
      case CHAR -> (char) x;
      case SHORT -> (short) x;
      case BYTE -> (byte) x;
      default -> SOME_CONSTANT; // float, double
    };
  }

  /** {@code l op r} on constants: integral arithmetic and comparisons, booleans; others are not computed. */
  private static Object binary(Tree.Kind op, Object l, Object r) {
    if (l instanceof Boolean a && r instanceof Boolean b) {
      return switch (op) {
        case CONDITIONAL_AND, AND -> a && b;
        case CONDITIONAL_OR, OR -> a || b;
        case XOR, NOT_EQUAL_TO -> a ^ b;
        case EQUAL_TO -> a == b;
        default -> SOME_CONSTANT;
      };
    }
    if (!(l instanceof Number || l instanceof Character) || !(r instanceof Number || r instanceof Character)) {
      return SOME_CONSTANT;
    }
    long a = l instanceof Character c ? c : ((Number) l).longValue();
    long b = r instanceof Character c ? c : ((Number) r).longValue();
    return switch (op) {
      case LESS_THAN -> a < b;
      case LESS_THAN_EQUAL -> a <= b;
      case GREATER_THAN -> a > b;
      case GREATER_THAN_EQUAL -> a >= b;
      case EQUAL_TO -> a == b;
      case NOT_EQUAL_TO -> a != b;
      default -> arithmetic(op, l, r);
    };
  }

  /** The operators {@link #arithmetic} computes. */
  private static final Set<Tree.Kind> ARITHMETIC = java.util.EnumSet.of(Tree.Kind.PLUS, Tree.Kind.MINUS,
      Tree.Kind.MULTIPLY, Tree.Kind.DIVIDE, Tree.Kind.REMAINDER, Tree.Kind.LEFT_SHIFT, Tree.Kind.RIGHT_SHIFT,
      Tree.Kind.UNSIGNED_RIGHT_SHIFT, Tree.Kind.AND, Tree.Kind.OR, Tree.Kind.XOR);

  /**
   * {@code l op r} after binary numeric promotion: a long if either is a long (a shift takes its
   * left's type), else an int — computed in long, then narrowed, which gives int arithmetic's result.
   */
  private static Object arithmetic(Tree.Kind op, Object l, Object r) {
    boolean shift = op == Tree.Kind.LEFT_SHIFT || op == Tree.Kind.RIGHT_SHIFT || op == Tree.Kind.UNSIGNED_RIGHT_SHIFT;
    boolean isLong = l instanceof Long || (!shift && r instanceof Long);
    long a = l instanceof Character c ? c : ((Number) l).longValue();
    long b = r instanceof Character c ? c : ((Number) r).longValue();
    if (!ARITHMETIC.contains(op)) {
      return SOME_CONSTANT;
    }
    if ((op == Tree.Kind.DIVIDE || op == Tree.Kind.REMAINDER) && b == 0) {
      return null; // javac says "division by zero": leave it undecided
    }
    long distance = b & (isLong ? 63 : 31);
    long v = switch (op) {
      case PLUS -> a + b;
      case MINUS -> a - b;
      case MULTIPLY -> a * b;
      case DIVIDE -> isLong ? a / b : (int) a / (int) b;
      case REMAINDER -> a % b;
      case LEFT_SHIFT -> a << distance;
      case RIGHT_SHIFT -> a >> distance;
      case UNSIGNED_RIGHT_SHIFT -> (isLong ? a : a & 0xFFFFFFFFL) >>> distance;
      case AND -> a & b;
      case OR -> a | b;
      default -> a ^ b;
    };
    return isLong ? (Object) v : (Object) (int) v;
  }

  private static boolean fits(int v, TypeKind small) {
    return switch (small) {
      case CHAR -> v >= Character.MIN_VALUE && v <= Character.MAX_VALUE;
      case SHORT -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
      default -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
    };
  }

  /** The expressions a switch expression's arms give (rule expressions and {@code yield} values), in order. */
  private static List<TreePath> switchResults(TreePath p) {
    List<TreePath> out = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitCase(CaseTree c, Void x) {
        if (c.getCaseKind() == CaseTree.CaseKind.RULE && c.getBody() instanceof ExpressionTree) {
          out.add(new TreePath(getCurrentPath(), c.getBody()));
          return null;
        }
        return super.visitCase(c, x);
      }

      @Override
      public Void visitYield(YieldTree y, Void x) {
        out.add(new TreePath(getCurrentPath(), y.getValue()));
        return null;
      }

      @Override
      public Void visitSwitchExpression(SwitchExpressionTree s, Void x) {
        return s == p.getLeaf() ? super.visitSwitchExpression(s, x) : null; // a nested one yields its own
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree l, Void x) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree k, Void x) {
        return null;
      }
    }.scan(p, null);
    return out;
  }

  private static boolean isSmall(TypeKind k) {
    return k == TypeKind.BYTE || k == TypeKind.SHORT || k == TypeKind.CHAR;
  }

  private TypeMirror promote(TypeMirror a, TypeMirror b) {
    for (TypeKind k : new TypeKind[] {TypeKind.DOUBLE, TypeKind.FLOAT, TypeKind.LONG}) {
      if (a.getKind() == k || b.getKind() == k) {
        return prim(k);
      }
    }
    return prim(TypeKind.INT);
  }

  /** The primitive type of {@code t} (itself, or unboxed), or null. */
  public TypeMirror unboxed(TypeMirror t) {
    if (t == null) {
      return null;
    }
    if (t.getKind().isPrimitive()) {
      return t;
    }
    try {
      return types.unboxedType(t);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private boolean isString(TypeMirror t) {
    return t.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) t).asElement()).getQualifiedName().contentEquals("java.lang.String");
  }

  private TypeMirror string() {
    return names.elements.getTypeElement("java.lang.String").asType();
  }

  private TypeMirror prim(TypeKind k) {
    return types.getPrimitiveType(k);
  }

  public static TreePath child(TreePath p, Tree t) {
    return new TreePath(p, t);
  }
}

package dev.coframe.processor.plan;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.coframe.processor.analysis.BodyScan;
import dev.coframe.processor.analysis.CallGraph;
import dev.coframe.processor.analysis.Names;
import dev.coframe.processor.diag.Message;
import dev.coframe.processor.diag.Problem;
import dev.coframe.processor.model.CoroutineDecl;
import dev.coframe.processor.plan.Decision.Elision;
import dev.coframe.processor.plan.Decision.Placement;
import dev.coframe.processor.read.Declarations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The elision plan of a round (DESIGN §3): per coroutine call site, embedded or allocated, and why.
 *
 * <p>What is asked for: the call's own {@code Elision} argument (a constant passed to a parameter
 * of type {@code Elision}) or {@code @Elide} on the local that receives the task; else {@code @Elide}
 * on the callee, its enclosing classes, its package; else {@code MAY}. {@code NEVER} allocates at
 * the call. {@code ALWAYS} embeds, or is a compile error at the call saying why it cannot: the call
 * closes a recursion cycle, javac chooses the overload, or the task escapes its block. {@code MAY}
 * embeds where the child's lifetime is provably nested in the parent's — awaited at once, or held
 * in a local awaited in the same block and nowhere else — and allocates otherwise, never an error.
 *
 * <p>A coroutine called without a frame (lazily, from a recursion cycle) would have to allocate one
 * at every call to embed in it; there {@code MAY} leaves its children lazy too, and only an
 * explicit {@code ALWAYS} embeds — its lazy callers then allocate its frame at the call, as a body
 * that holds children never runs without its frame.
 */
public final class ElisionPlanner {
  private static final String ELISION = "dev.coframe.Elision";
  private static final String TASK = dev.coframe.processor.model.RuntimeContract.TASK;

  private final CallGraph graph;
  private final Trees trees;
  private final Map<CoroutineDecl, Body> bodies;
  /** Coroutines some call site of the round calls without a frame (lazily). */
  private final Set<String> frameless = new TreeSet<>();

  /** Whether the frame class of a coroutine of an earlier compilation holds embedded children ({@code @FrameInfo(embeds)}). */
  private final Predicate<CoroutineDecl> embedsInClassFile;

  /** The warnings of the round, in the order the sites were planned. */
  private final List<Warning> warnings = new ArrayList<>();

  private ElisionPlanner(CallGraph graph, Trees trees, Map<CoroutineDecl, Body> bodies,
      Predicate<CoroutineDecl> embedsInClassFile) {
    this.graph = graph;
    this.trees = trees;
    this.bodies = bodies;
    this.embedsInClassFile = embedsInClassFile;
  }

  /**
   * A caller's body as the planner reads it — syntax only, never attributing it (javac would then
   * attribute the class in place, TOOLCHAIN.md): its path, its locals' names, how its names resolve
   * (imports, members) and its suspension points.
   */
  public record Body(TreePath path, Set<String> declaredNames, Names names, BodyScan scan) {}

  /** What the planner found wrong at one caller: a problem to report there. */
  public record Refusal(CoroutineDecl caller, Problem problem) {}

  /** A warning at {@code at} in {@code caller}'s body: {@code message} with {@code values}. */
  public record Warning(CoroutineDecl caller, Tree at, Message message, List<Object> values) {}

  /**
   * The plan, the refusals (ALWAYS that cannot be honoured) and the warnings (a request that decides
   * less than it seems to) of the round {@code graph} describes.
   */
  public record Result(ElisionPlan plan, List<Refusal> refusals, List<Warning> warnings) {}

  /**
   * Plans every site of {@code graph}, whose callers' bodies are {@code bodies}; {@code
   * embedsInClassFile} tells of a callee of an earlier compilation whether its frame holds
   * embedded children.
   */
  public static Result plan(CallGraph graph, Map<CoroutineDecl, Body> bodies, Trees trees,
      Predicate<CoroutineDecl> embedsInClassFile) {
    return new ElisionPlanner(graph, trees, bodies, embedsInClassFile).plan();
  }

  private Result plan() {
    List<Refusal> refusals = new ArrayList<>();
    Map<CallGraph.Site, Request> requests = new LinkedHashMap<>();
    for (CallGraph.Site s : graph.sites()) {
      try {
        requests.put(s, request(s));
      } catch (Problem p) {
        refusals.add(new Refusal(s.caller(), p));
      }
    }
    findFrameless(requests);
    ElisionPlan plan = new ElisionPlan();
    Map<String, List<Decision>> embeddedByCaller = new LinkedHashMap<>();
    Map<String, CoroutineDecl> callers = new LinkedHashMap<>();
    requests.forEach((s, r) -> {
      Decision d;
      try {
        d = decide(s, r);
      } catch (Problem p) {
        refusals.add(new Refusal(s.caller(), p));
        return;
      }
      plan.add(d);
      if (d.embedded()) {
        String k = key(s.caller());
        callers.put(k, s.caller());
        embeddedByCaller.computeIfAbsent(k, x -> new ArrayList<>()).add(d);
      }
    });
    embeddedByCaller.forEach((k, ds) -> {
      CoroutineDecl caller = callers.get(k);
      List<ElisionPlan.Field> fields = fields(ds, bodies.get(caller).declaredNames());
      fields.forEach(f -> f.sites().forEach(plan::add));
      plan.fields(caller, fields);
    });
    // A body whose frame holds embedded children always runs with its frame: a site that would call
    // it lazily takes one from the allocator at the call instead (as its run would need one anyway)
    // and gives it back if the child completes without suspending.
    for (CallGraph.Site s : graph.sites()) {
      Decision d = plan.at(s.call());
      if (d != null && d.placement() == Placement.LAZY
          && (bodies.containsKey(s.callee()) ? !plan.fieldsOf(s.callee()).isEmpty() : embedsInClassFile.test(s.callee()))) {
        plan.add(new Decision(s, d.line(), d.requested(), d.requestedBy(), Placement.AT_CALL,
            Message.CALLEE_HOLDS_CHILDREN.format(d.reason(), s.callee().name()), null));
      }
    }
    bodies.forEach((caller, body) -> indirect(caller, body, refusals));
    return new Result(plan, refusals, warnings);
  }

  // ---------------------------------------------------------------------------- what is asked

  /** The elision asked for a site, and by what. */
  private record Request(Elision elision, String by) {}

  private Request request(CallGraph.Site s) {
    Request call = callLevel(s);
    if (call != null) {
      return call;
    }
    Request declared = declarationLevel(s.callee().method());
    return declared != null ? declared : new Request(Elision.MAY, "");
  }

  /** A constant {@code Elision} argument, or {@code @Elide} on the local the task is declared in. */
  private Request callLevel(CallGraph.Site s) {
    List<? extends VariableElement> params = s.callee().method().getParameters();
    int shift = s.factory() && !s.callee().isStatic() ? 1 : 0;
    Request first = null;
    for (int i = 0; i < params.size(); i++) {
      if (isElision(params.get(i).asType().toString()) && i + shift < s.call().getArguments().size()) {
        Tree arg = s.call().getArguments().get(i + shift);
        Elision e = constant(arg, bodies.get(s.caller()));
        if (e != null && e != Elision.MAY) {
          if (first == null) {
            first = new Request(e, Message.BY_ARGUMENT.format(e));
          } else if (first.elision() != e) {
            warnings.add(new Warning(s.caller(), arg, Message.ELISION_ARGUMENTS_DISAGREE,
                List.of(s.callee().name(), first.elision(), e)));
          }
        }
      }
    }
    if (first != null) {
      return first;
    }
    VariableTree local = receivingLocal(s.path());
    if (local != null) {
      Elision e = elide(local, bodies.get(s.caller()));
      if (e != null) {
        if (!s.factory()) {
          throw Problem.at(local, Message.ELIDE_LOCAL_NO_TASK, local.getName(), s.call().getMethodSelect(), e,
              s.callee().owner().getSimpleName() + "Coroutines." + s.callee().name());
        }
        if (e != Elision.MAY) {
          return new Request(e, Message.BY_LOCAL.format(local.getName()));
        }
      }
    }
    return null;
  }

  /** {@code @Elide} on the callee method, else its enclosing classes, innermost first, else its package. */
  private Request declarationLevel(ExecutableElement callee) {
    for (Element e = callee; e != null; e = e.getEnclosingElement()) {
      Elision x = elide(e);
      if (x != null && x != Elision.MAY) { // MAY decides nothing: the next level out may
        String what = e.getKind() == ElementKind.METHOD ? "method " + e.getEnclosingElement().getSimpleName() + "."
            + e.getSimpleName() : e.getKind() == ElementKind.PACKAGE ? "package " + e
            : "class " + ((TypeElement) e).getQualifiedName();
        return new Request(x, Message.BY_DECLARATION.format(what));
      }
      if (e.getKind() == ElementKind.PACKAGE) {
        break;
      }
    }
    return null;
  }

  /** The value of {@code @Elide} on {@code e}, or null. */
  private static Elision elide(Element e) {
    if (e == null) {
      return null;
    }
    for (AnnotationMirror a : e.getAnnotationMirrors()) {
      if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(Declarations.ELIDE)) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> v : a.getElementValues().entrySet()) {
          if (v.getKey().getSimpleName().contentEquals("value") && v.getValue().getValue() instanceof VariableElement c) {
            return Elision.valueOf(c.getSimpleName().toString());
          }
        }
      }
    }
    return null;
  }

  /** {@code Elision.X} (or {@code X} statically imported) in {@code body}, or null if {@code t} is no such constant. */
  private static Elision constant(Tree t, Body body) {
    while (t instanceof ParenthesizedTree) {
      t = ((ParenthesizedTree) t).getExpression();
    }
    String name;
    if (t instanceof MemberSelectTree m) {
      TypeElement type = body.names().typeOfName(m.getExpression());
      if (type == null || !isElision(type.getQualifiedName().toString())) {
        return null;
      }
      name = m.getIdentifier().toString();
    } else if (t instanceof IdentifierTree i) {
      name = i.getName().toString();
      TypeElement imported = body.names().staticImportOf(name);
      if (body.declaredNames().contains(name) || imported == null
          || !isElision(imported.getQualifiedName().toString())) {
        return null;
      }
    } else {
      return null;
    }
    for (Elision e : Elision.values()) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return null;
  }

  /** The value of {@code @Elide} on local {@code v}, read from its source, or null. */
  private static Elision elide(VariableTree v, Body body) {
    for (AnnotationTree a : v.getModifiers().getAnnotations()) {
      TypeElement type = body.names().typeOfName(a.getAnnotationType());
      if (type != null && type.getQualifiedName().contentEquals(Declarations.ELIDE) && a.getArguments().size() == 1) {
        Tree arg = a.getArguments().get(0);
        return constant(arg instanceof AssignmentTree x ? x.getExpression() : arg, body);
      }
    }
    return null;
  }

  /** Whether a local of {@code type} can receive a {@code Task}: a reference type {@code Task} is a subtype of. */
  private static boolean mayHoldATask(TypeMirror type, Body body) {
    if (type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    TypeElement task = body.names().elements().getTypeElement(TASK);
    Types types = body.names().types();
    return task == null || types.isSubtype(types.erasure(task.asType()), types.erasure(type));
  }

  private static boolean isElision(String type) {
    return type.equals(ELISION);
  }

  /** The local declared with the call as its initializer, or null. */
  private static VariableTree receivingLocal(TreePath call) {
    Tree parent = call.getParentPath().getLeaf();
    return parent instanceof VariableTree v && v.getInitializer() == call.getLeaf() ? v : null;
  }

  // ---------------------------------------------------------------------------- what is decided

  /**
   * The callees some site calls without a frame: a MAY site closing a recursion cycle is lazy (its
   * frame would contain itself), and so, in turn, are the MAY sites of a coroutine called lazily.
   */
  private void findFrameless(Map<CallGraph.Site, Request> requests) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Map.Entry<CallGraph.Site, Request> e : requests.entrySet()) {
        CallGraph.Site s = e.getKey();
        if (s.immediate() && !s.factory() && s.exact() && e.getValue().elision() == Elision.MAY
            && (graph.onCycle(s.caller(), s.callee()) || frameless.contains(key(s.caller())))) {
          changed |= frameless.add(key(s.callee()));
        }
      }
    }
  }

  private Decision decide(CallGraph.Site s, Request r) {
    if (r.elision() == Elision.NEVER) {
      return new Decision(s, line(s), r.elision(), r.by(), Placement.AT_CALL, Message.NEVER_EMBEDDED.format(), null);
    }
    String unproven = unproven(s);
    if (r.elision() == Elision.ALWAYS) {
      if (unproven != null) {
        throw Problem.at(s.call(), Message.ALWAYS_REFUSED, r.by(), s.callee().name(), unproven);
      }
      return new Decision(s, line(s), r.elision(), r.by(), Placement.EMBEDDED, nested(s), null);
    }
    if (unproven == null && frameless.contains(key(s.caller()))) {
      unproven = Message.CALLER_FRAMELESS.format(s.caller().name(),
          graph.isRecursive(s.caller()) ? Message.ON_CYCLE_TOO.format() : "");
    }
    if (unproven != null) {
      // a call through the factory (a held task, or an overload javac picks) allocates there
      return new Decision(s, line(s), r.elision(), r.by(), s.immediate() && !s.factory() && s.exact() ? Placement.LAZY
          : Placement.AT_CALL, unproven, null);
    }
    return new Decision(s, line(s), r.elision(), r.by(), Placement.EMBEDDED, nested(s), null);
  }

  /** Why an embedded child's lifetime is nested in its parent's. */
  private static String nested(CallGraph.Site s) {
    return (s.immediate() ? Message.AWAITED_AT_ONCE : Message.HELD_IN_BLOCK).format();
  }

  /** Why the child's lifetime is not provably nested in the parent's, or null if it is. */
  private String unproven(CallGraph.Site s) {
    if (graph.onCycle(s.caller(), s.callee())) {
      return Message.RECURSION_CYCLE.format(String.join(" -> ", graph.cycleOf(s.callee())));
    }
    if (!s.exact()) {
      return Message.OVERLOAD_CHOSEN_BY_JAVAC.format(s.callee().name());
    }
    return s.immediate() ? null : escape(s);
  }

  /**
   * Why a held task escapes its block, or null: it must be the initializer of a local declared in
   * a block and be used there only as the argument of one {@code await}, not in a loop nested in
   * the block, a lambda or a class.
   */
  private String escape(CallGraph.Site s) {
    TreePath p = s.path();
    Tree parent = p.getParentPath().getLeaf();
    if (parent instanceof VariableTree v && v.getInitializer() == s.call()) {
      TreePath decl = p.getParentPath();
      if (!(decl.getParentPath().getLeaf() instanceof BlockTree)) {
        return Message.ESCAPES_NOT_IN_BLOCK.format(v.getName());
      }
      // the block after the declaration: the local's name means the local there (Java lets no
      // nested declaration hide it, but a class's member may: a use in a class is an escape anyway)
      String local = v.getName().toString();
      Body body = bodies.get(s.caller());
      List<String> problems = new ArrayList<>();
      Set<Tree> awaits = new HashSet<>(); // looked up only
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitIdentifier(IdentifierTree t, Void x) {
          if (t.getName().contentEquals(local)) {
            String use = useOf(getCurrentPath(), decl.getParentPath(), body);
            if (use == null) {
              awaits.add(t);
            } else {
              problems.add(use);
            }
          }
          return null;
        }
      }.scan(decl.getParentPath(), null);
      if (!problems.isEmpty()) {
        return Message.ESCAPES_USE.format(v.getName(), problems.get(0));
      }
      if (awaits.isEmpty()) {
        return Message.ESCAPES_NEVER_AWAITED.format(v.getName());
      }
      int onOnePath = mostOnOnePath(decl.getParentPath().getLeaf(), awaits);
      if (onOnePath > 1) {
        return Message.ESCAPES_AWAITED_TWICE.format(v.getName(), onOnePath);
      }
      return null;
    }
    if (parent instanceof AssignmentTree a) {
      return Message.ESCAPES_ASSIGNED.format(a.getVariable());
    }
    return Message.ESCAPES_VALUE.format(valueUse(p));
  }

  /**
   * The most of {@code refs} (a held task's awaits) one run of {@code t} can reach: their sum, but
   * for exclusive branches ({@code if}/{@code else}, the arms of {@code ?:}, a {@code switch}'s rules),
   * of which one runs: the most of either. (A colon-form {@code switch}, whose cases may fall through,
   * counts them all.) A task awaited once on each branch is awaited once.
   */
  private static int mostOnOnePath(Tree t, Set<Tree> refs) {
    Integer n = new TreeScanner<Integer, Void>() {
      @Override
      public Integer scan(Tree tree, Void x) {
        return tree != null && refs.contains(tree) ? Integer.valueOf(1) : super.scan(tree, x);
      }

      @Override
      public Integer reduce(Integer a, Integer b) {
        return (a == null ? 0 : a) + (b == null ? 0 : b);
      }

      @Override
      public Integer visitIf(IfTree i, Void x) {
        return reduce(scan(i.getCondition(), x), Math.max(count(i.getThenStatement()), count(i.getElseStatement())));
      }

      @Override
      public Integer visitConditionalExpression(ConditionalExpressionTree c, Void x) {
        return reduce(scan(c.getCondition(), x), Math.max(count(c.getTrueExpression()), count(c.getFalseExpression())));
      }

      @Override
      public Integer visitSwitch(SwitchTree s, Void x) {
        return reduce(scan(s.getExpression(), x), cases(s.getCases()));
      }

      @Override
      public Integer visitSwitchExpression(SwitchExpressionTree s, Void x) {
        return reduce(scan(s.getExpression(), x), cases(s.getCases()));
      }

      private int cases(List<? extends CaseTree> cases) {
        boolean rules = !cases.isEmpty() && cases.get(0).getCaseKind() == CaseTree.CaseKind.RULE;
        int most = 0;
        int all = 0;
        for (CaseTree c : cases) {
          int k = count(c);
          most = Math.max(most, k);
          all += k;
        }
        return rules ? most : all;
      }

      private int count(Tree branch) {
        Integer k = scan(branch, null);
        return k == null ? 0 : k;
      }
    }.scan(t, null);
    return n == null ? 0 : n;
  }

  /** How a reference to a held task's local is used: null for {@code await(t)} in the block itself, else in words. */
  private static String useOf(TreePath ref, TreePath block, Body body) {
    Tree parent = ref.getParentPath().getLeaf();
    boolean inLoop = false;
    for (TreePath q = ref.getParentPath(); q != null && q.getLeaf() != block.getLeaf(); q = q.getParentPath()) {
      Tree t = q.getLeaf();
      if (t instanceof LambdaExpressionTree || t instanceof MemberReferenceTree || t instanceof ClassTree) {
        return Message.USE_CAPTURED.format();
      }
      inLoop |= t instanceof ForLoopTree || t instanceof EnhancedForLoopTree || t instanceof WhileLoopTree
          || t instanceof DoWhileLoopTree;
    }
    BodyScan.Point p = body.scan().pointAt(parent);
    boolean awaited = p != null && p.kind() == BodyScan.Kind.AWAIT && ((MethodInvocationTree) parent).getArguments().size() == 1
        && ((MethodInvocationTree) parent).getArguments().get(0) == ref.getLeaf();
    if (awaited) {
      return inLoop ? Message.USE_AWAITED_IN_LOOP.format() : null;
    }
    if (parent instanceof AssignmentTree a && a.getVariable() == ref.getLeaf()) {
      return Message.USE_ASSIGNED_AGAIN.format();
    }
    return valueUse(ref);
  }

  /** What the expression at {@code p} is used for, in words. */
  private static String valueUse(TreePath p) {
    for (TreePath q = p; q.getParentPath() != null; q = q.getParentPath()) {
      Tree t = q.getParentPath().getLeaf();
      if (t instanceof LambdaExpressionTree || t instanceof MemberReferenceTree || t instanceof ClassTree) {
        return Message.USE_CAPTURED.format();
      }
      if (t instanceof ParenthesizedTree) {
        continue;
      }
      if (t instanceof ReturnTree) {
        return Message.USE_RETURNED.format();
      }
      if (t instanceof MethodInvocationTree m) {
        return Message.USE_PASSED.format(m.getMethodSelect());
      }
      if (t instanceof NewClassTree n) {
        return Message.USE_PASSED_TO_NEW.format(n.getIdentifier());
      }
      if (t instanceof AssignmentTree a) {
        return Message.USE_STORED.format(a.getVariable());
      }
      if (t instanceof VariableTree v) {
        return Message.USE_STORED.format(v.getName());
      }
      return Message.USE_VALUE.format();
    }
    return Message.USE_VALUE.format();
  }

  // ---------------------------------------------------------------------------- ALWAYS on what is no coroutine

  /**
   * ALWAYS asked of a task that no coroutine call makes here — a call through an interface, a
   * lambda or an overridable method (P2477 §7: an indirect call has no frame the caller could hold):
   * an {@code Elision.ALWAYS} argument to a method that is not a coroutine, or {@code @Elide(ALWAYS)}
   * on a local initialized otherwise than by a factory call.
   */
  private void indirect(CoroutineDecl caller, Body body, List<Refusal> refusals) {
    Set<Tree> sites = new HashSet<>();
    graph.from(caller).forEach(s -> sites.add(s.call()));
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree t, Void x) {
        if (!sites.contains(t)) {
          for (ExpressionTree arg : t.getArguments()) {
            if (constant(arg, body) == Elision.ALWAYS) {
              refusals.add(new Refusal(caller, Problem.at(arg, Message.ALWAYS_NOT_A_COROUTINE,
                  t.getMethodSelect())));
            }
          }
        }
        return super.visitMethodInvocation(t, x);
      }

      @Override
      public Void visitVariable(VariableTree t, Void x) {
        ExpressionTree init = t.getInitializer();
        Elision e = init == null || sites.contains(init) ? null : elide(t, body);
        TypeMirror type = e == null ? null : body.names().typeOfTypeTree(t.getType());
        if (type != null && !mayHoldATask(type, body)) {
          refusals.add(new Refusal(caller, Problem.at(t, Message.ELIDE_LOCAL_NOT_A_TASK, t.getName(), type, e)));
        } else if (e == Elision.ALWAYS) {
          refusals.add(new Refusal(caller, Problem.at(init, Message.ELIDE_LOCAL_NOT_A_FACTORY,
              t.getName())));
        }
        return super.visitVariable(t, x);
      }
    }.scan(body.path(), null);
  }

  // ---------------------------------------------------------------------------- fields

  /**
   * The fields of one caller's embedded sites: the sites awaited at once of one callee share a
   * field (each completes before the next starts); a held task has its own.
   */
  private static List<ElisionPlan.Field> fields(List<Decision> embedded, Set<String> taken) {
    Map<String, List<Decision>> groups = new LinkedHashMap<>();
    Map<String, CoroutineDecl> callees = new LinkedHashMap<>();
    for (Decision d : embedded) {
      CallGraph.Site s = d.site();
      String group = s.immediate() ? key(s.callee()) : "held:" + groups.size();
      groups.computeIfAbsent(group, k -> new ArrayList<>()).add(d);
      callees.put(group, s.callee());
    }
    Set<String> names = new HashSet<>(taken);
    List<ElisionPlan.Field> out = new ArrayList<>();
    groups.forEach((group, ds) -> {
      String base = callees.get(group).name() + "$frame";
      String name = base;
      for (int k = 2; !names.add(name); k++) {
        name = base + k;
      }
      String field = name;
      out.add(new ElisionPlan.Field(name, callees.get(group), ds.stream().map(d -> withField(d, field)).toList()));
    });
    return out;
  }

  private static Decision withField(Decision d, String field) {
    return new Decision(d.site(), d.line(), d.requested(), d.requestedBy(), d.placement(), d.reason(), field);
  }

  private static String key(CoroutineDecl c) {
    return c.method().getEnclosingElement() + "." + c.method();
  }

  private long line(CallGraph.Site s) {
    CompilationUnitTree unit = s.path().getCompilationUnit();
    return unit.getLineMap().getLineNumber(trees.getSourcePositions().getStartPosition(unit, s.call()));
  }
}

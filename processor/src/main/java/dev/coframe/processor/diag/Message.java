package dev.coframe.processor.diag;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every text the processor can show a user, in one place: each {@code [coframe]} error, warning
 * and note, and the reasons an elision report gives. A template names its holes as
 * {@code {hole}}, filled in order by {@link #format}. The troubleshooting guide
 * ({@code docs/troubleshooting.md}) is generated from this list, so the two cannot drift; a test
 * checks that every message the processor prints in the tests matches one of these templates.
 */
public enum Message {
  // ---------------------------------------------------------------------------------- build setup
  NEEDS_JAVAC_ECJ(Topic.BUILD, "Coframe needs javac's Tree API (com.sun.source) to read coroutine bodies, and the"
      + " Eclipse compiler (ECJ) does not provide it. Build with javac: run `mvn compile`, which writes the"
      + " XCoroutines classes to target/generated-sources/annotations. In Eclipse, turn off JDT annotation processing"
      + " for this project (pom property <m2e.apt.activation>disabled</m2e.apt.activation>, or Properties > Java"
      + " Compiler > Annotation Processing), add target/generated-sources/annotations as a source folder, and run"
      + " `mvn compile` again after editing a coroutine."),
  NEEDS_JAVAC_WRAPPED(Topic.BUILD, "Coframe needs javac's Tree API (com.sun.source) to read coroutine bodies, and"
      + " could not reach it: this compiler's processing environment ({environment}) is not javac's and wraps none"
      + " that Coframe can find. Build with javac directly (Maven, Gradle, or IntelliJ delegating the build to Maven"
      + " or Gradle), and report the environment's class to Coframe."),
  UNKNOWN_OPTION(Topic.BUILD, Kind.WARNING, "unknown processor option -A{option}, ignored; Coframe's options are {known}"),
  UNKNOWN_REPORT(Topic.BUILD, Kind.WARNING, "unknown report kind -Acoframe.report={kind}, ignored; the report kinds are: {known}"),
  OPTION_WITHOUT_VALUE(Topic.BUILD, Kind.WARNING, "processor option -A{option} has no value, ignored; give it as {usage}"),
  GRAPH_DIR_UNUSABLE(Topic.BUILD, Kind.WARNING, "-Acoframe.graph={directory}: no state-machine diagrams are written,"
      + " because the directory cannot be made or written ({reason}); give a directory that can"),
  SOURCE_UNAVAILABLE(Topic.BUILD, "the source of {method} is not available to the processor:"
      + " a coroutine is lowered from its source, so its file must be compiled in this javac run (a build tool that"
      + " reprocesses classes without their sources needs its incremental processing turned off for Coframe)"),
  INTERNAL_ERROR(Topic.BUILD, "internal error while processing this coroutine (please report it with this"
      + " source): {exception}"),

  // ---------------------------------------------------------------------------------- declarations
  NOT_A_CLASS_METHOD(Topic.DECLARATION, "@Coroutine is for methods of a class"),
  INTERFACE_METHOD(Topic.DECLARATION, "a @Coroutine body must be a concrete method of a class, not of interface"
      + " {interface}; declare the interface method as returning Task<T> and implement it with a @Coroutine in a"
      + " class"),
  NO_BODY(Topic.DECLARATION, "a @Coroutine method needs a body: remove @Coroutine or give {method} a body"),
  PRIVATE_METHOD(Topic.DECLARATION, "a @Coroutine method must not be private: its generated frame lives in another"
      + " class of the same package; make {method} package-private"),
  SYNCHRONIZED_METHOD(Topic.DECLARATION, "a @Coroutine method must not be synchronized: the monitor would be"
      + " released at the first suspension (or held while the frame is parked); remove synchronized and guard the"
      + " shared state with an async Mutex, or with a synchronized block that does not suspend"),
  OVERRIDABLE(Topic.DECLARATION, "instance coroutine {method} is overridable, but coroutine calls are resolved"
      + " statically; make the method final (or the class {class} final, or a record)"),
  OVERRIDES(Topic.DECLARATION, Kind.WARNING, "coroutine {method} overrides {supertype}.{method}: a call through {supertype} runs"
      + " this body as plain Java (direct mode), which blocks on every await (and throws on an event loop) instead"
      + " of suspending. Declare the {supertype} method as returning Task<..> and implement it by returning"
      + " {factory}(..) from a method of another name; or add @SuppressWarnings(\"coframe\")"),
  OVERLOADS_DISAGREE(Topic.DECLARATION, "all overloads of {method} must agree on being @Coroutine (calls are"
      + " recognised by name): annotate {other} too, or rename one"),
  LOCAL_CLASS_OWNER(Topic.DECLARATION, "a @Coroutine method must be declared in a top-level or static nested class,"
      + " not in a local or anonymous class"),
  PRIVATE_CLASS(Topic.DECLARATION, "class {class} is private, but the generated frames of {method} live in another"
      + " class; make it package-private"),
  FRAME_NAME_CLASH(Topic.DECLARATION, "this coroutine and {other} would both have the frame class {frame}, even with"
      + " their parameter types' package names in it; rename one"),
  AUXILIARY_OWNER(Topic.DECLARATION, Kind.WARNING, "class {class} is an auxiliary class (a second top-level class"
      + " of {file}): the generated {generated} names it in its signatures, where javac's -Xlint:auxiliaryclass warns"
      + " at every use of it and no @SuppressWarnings can silence that; declare {class} in a file of its own,"
      + " {class}.java, or nest it in the file's class"),
  INNER_CLASS(Topic.DECLARATION, "inner class {class} needs an outer instance the generated frame cannot name; make"
      + " it a static nested class"),

  // ---------------------------------------------------------------------------------- generators
  YIELD_COUNT(Topic.GENERATOR, "a generator takes exactly one Yield parameter; {method} has {count}"),
  GENERATOR_RETURNS(Topic.GENERATOR, "generator {method} (it has a Yield parameter) must return void: its elements"
      + " are what it yields"),
  YIELD_ESCAPES(Topic.GENERATOR, "the Yield parameter '{yield}' must not escape the generator body: use it only as"
      + " {yield}.yield(v) or {yield}.yieldAll(values) in the body itself"),
  YIELD_REFERENCED(Topic.GENERATOR, "the Yield parameter '{yield}' must not escape the generator body (here as a"
      + " method reference); write the loop in the body and call {yield}.yield(v) directly"),
  AWAIT_IN_GENERATOR(Topic.GENERATOR, "{point} cannot be used in generator {method}: generators are synchronous and"
      + " suspend only at {yield}.yield(..)"),
  GENERATOR_CALLED(Topic.GENERATOR, "generator {method} cannot be called from a coroutine body; iterate its"
      + " generated factory {factory}(..) instead"),

  // ---------------------------------------------------------------------------------- where a body can suspend
  SUSPEND_IN_LAMBDA(Topic.SUSPENSION, "{point} cannot suspend inside a lambda: the lambda runs later, outside this"
      + " coroutine's frame; move the call out of the lambda (or await a Task the lambda returns)"),
  SUSPEND_IN_CLASS(Topic.SUSPENSION, "{point} cannot suspend inside an anonymous or local class: its methods run"
      + " outside this coroutine's frame; move the call into the coroutine body"),
  SUSPEND_IN_SYNCHRONIZED(Topic.SUSPENSION, "{point} cannot suspend inside synchronized: the monitor would be held"
      + " across the suspension (and released by another thread); use an async Mutex, or move the call out of the"
      + " synchronized block"),
  SUSPEND_IN_CASE_LABEL(Topic.SUSPENSION, "a suspension point in a case label or guard is not supported: the case is"
      + " chosen before any of them could suspend; compute the value into a local variable before the switch"),
  SUSPEND_IN_STATEMENT(Topic.SUSPENSION, "a suspension point inside {construct} is not supported yet; compute the"
      + " awaited value into a local variable before the statement"),
  SUSPEND_IN_EXPRESSION(Topic.SUSPENSION, "a suspension point inside {construct} is not supported yet; assign the"
      + " awaited value to a local variable first"),
  LOCAL_CLASS_IN_BODY(Topic.SUSPENSION, "a local class cannot be declared among the statements of a coroutine body"
      + " that suspends: its instances could live across a suspension in another class; make it a static nested"
      + " class"),

  // ---------------------------------------------------------------------------------- names the frame cannot reach
  SUPER_CALL(Topic.ACCESS, "super.{member} cannot be reached from the generated frame (another class); call it"
      + " through a package-private method of {class}"),
  OUTER_THIS(Topic.ACCESS, "{expression} cannot be reached from the generated frame (another class); pass the outer"
      + " instance as a parameter"),
  OUTER_METHOD(Topic.ACCESS, "instance method {method} of {class} needs an enclosing instance the generated frame"
      + " cannot name; call it on an explicit receiver"),
  OUTER_FIELD(Topic.ACCESS, "field {field} of an enclosing instance cannot be reached from the generated frame;"
      + " pass it as a parameter"),
  OUTER_COROUTINE(Topic.ACCESS, "instance coroutine {method} needs a receiver here (an outer instance cannot be"
      + " named from the generated frame); call it on an explicit object"),
  PRIVATE_MEMBER(Topic.ACCESS, "private {kind} {name} is used by coroutine {method}, whose body runs in the"
      + " generated class {generated}; make it package-private"),
  PROTECTED_MEMBER(Topic.ACCESS, "protected {kind} {name} is inherited from another package and cannot be reached"
      + " from the generated frame; wrap it in a package-private method of {class}"),
  PRIVATE_RECORD_FIELD(Topic.ACCESS, "the private field {component} of record {record} is used by coroutine"
      + " {method}, whose body runs in the generated class {generated}, and its accessor {component}() is declared"
      + " explicitly (it may return something else); call {component}(), or read the field into a local in a"
      + " package-private method of {record}"),

  // ---------------------------------------------------------------------------------- types the frame must write
  VAR_TYPE(Topic.TYPES, "cannot determine the type of `var {name}`; declare it with an explicit type"),
  PATTERN_TYPE(Topic.TYPES, "cannot determine the type of pattern variable `{name}`, which is used after a"
      + " suspension; declare it with an explicit type"),
  MULTI_CATCH_TYPES(Topic.TYPES, "cannot determine the types of multi-catch parameter `{name}`; catch their common"
      + " supertype instead"),
  MULTI_CATCH_INTERSECTION(Topic.TYPES, "the type of multi-catch parameter `{name}` is an intersection, which the"
      + " generated frame cannot declare, and its catch block suspends; catch a common supertype instead"),
  ARRAY_INITIALIZER_TYPE(Topic.TYPES, "cannot determine the type of this array initializer, which suspends; write"
      + " new T[] {..} with its type"),
  SWITCH_EXPRESSION_TYPE(Topic.TYPES, "cannot determine the type of this switch expression, whose arms suspend;"
      + " assign it to a local variable of an explicit type first"),
  CONDITIONAL_TYPE(Topic.TYPES, "cannot determine the exact type of this conditional expression, whose branches"
      + " suspend; assign it to a local variable of an explicit type with if/else instead"),
  COMPOUND_TARGET_TYPE(Topic.TYPES, "cannot determine the exact type of {target}, which is read before the"
      + " suspension on its right; use a local variable of an explicit type"),
  OPERAND_TYPE(Topic.TYPES, "cannot determine the exact type of `{expression}`, whose value must be kept across a"
      + " suspension point later in this expression; assign it to a local variable of an explicit type before this"
      + " statement"),
  VALUE_TYPE(Topic.TYPES, "cannot determine the exact type of the value of `{expression}` here; assign it to a local"
      + " variable of an explicit type first"),
  UNNAMEABLE_CLASS(Topic.TYPES, "{what} holds an instance of {class}, whose type the generated frame (another"
      + " class) cannot name; declare it with a named type (an interface it implements, or a static nested class)"),
  TYPE_NOT_KNOWN_YET(Topic.TYPES, "the type of {what} is not known to the compiler yet ({type}); declare it with an"
      + " explicit type"),
  TYPE_NOT_DENOTABLE(Topic.TYPES, "the type of {what} ({type}) cannot be written in Java; assign it to a local"
      + " variable of an explicit type"),

  // ---------------------------------------------------------------------------------- elision
  ALWAYS_REFUSED(Topic.ELISION, "Elision.ALWAYS ({requestedBy}) cannot be honoured for this call of {callee}:"
      + " {reason}; use Elision.MAY (embedded where provable, else allocated) or NEVER"),
  ALWAYS_NOT_A_COROUTINE(Topic.ELISION, "Elision.ALWAYS cannot be honoured for {call}(..): it is not a call of a"
      + " coroutine the processor can see, but a call through an interface, a lambda or an overridable method, whose"
      + " frame a caller cannot hold (P2477 §7); pass Elision.MAY or NEVER"),
  ELIDE_LOCAL_NOT_A_FACTORY(Topic.ELISION, "@Elide(ALWAYS) on local {local} cannot be honoured: its task does not"
      + " come from a coroutine's factory the processor can see but from a call through an interface, a lambda or"
      + " an overridable method, whose frame a caller cannot hold (P2477 §7); use MAY or NEVER, or call the factory"
      + " XCoroutines.f(..)"),
  ELIDE_LOCAL_NO_TASK(Topic.ELISION, "@Elide on local {local} has no task to act on: {call}(..) is awaited at once and"
      + " {local} receives its value; pass Elision.{mode} to the call, or declare the task: Task<..> t ="
      + " {factory}(..)"),
  ELIDE_LOCAL_NOT_A_TASK(Topic.ELISION, "@Elide on local {local} has no task to act on: {local} is of type {type},"
      + " not a task; pass Elision.{mode} to the call, or put @Elide on a local declared with a coroutine's task: Task<..> t ="
      + " XCoroutines.f(..)"),
  ELISION_ARGUMENTS_DISAGREE(Topic.ELISION, Kind.WARNING, "the Elision arguments of this call of {callee} disagree:"
      + " the first, {first}, decides, and this {other} is ignored; pass one mode"),
  ELIDE_NOT_ON_A_COROUTINE(Topic.ELISION, Kind.WARNING, "@Elide on method {method} has no effect: it is not a"
      + " @Coroutine (only a coroutine's frame can be embedded); remove it, or mark the method @Coroutine"),
  ELIDE_LOCAL_OUTSIDE_A_COROUTINE(Topic.ELISION, Kind.WARNING, "@Elide on local {local} has no effect: it is not"
      + " in a @Coroutine body, where only a task held in a local and awaited in its block is embedded; remove it"),
  DECISION_NOTE(Topic.ELISION, Kind.NOTE, "{callee}(..): {placement} ({mode}{requestedBy}: {reason})"),

  // ------------------------------------------------- the {placement}, {requestedBy} and {reason} of an elision
  PLACED_EMBEDDED(Topic.DECISION, "embedded in {caller}'s frame"),
  PLACED_LAZY(Topic.DECISION, "allocated only if it suspends"),
  PLACED_AT_CALL(Topic.DECISION, "allocated at the call"),
  BY_ARGUMENT(Topic.DECISION, "the Elision.{mode} argument"),
  BY_LOCAL(Topic.DECISION, "@Elide on local {local}"),
  BY_DECLARATION(Topic.DECISION, "@Elide on {declaration}"),
  FROM(Topic.DECISION, " from {requestedBy}"),
  NEVER_EMBEDDED(Topic.DECISION, "never embedded"),
  AWAITED_AT_ONCE(Topic.DECISION, "awaited at once"),
  HELD_IN_BLOCK(Topic.DECISION, "held in a local awaited in the same block"),
  CALLER_FRAMELESS(Topic.DECISION, "{caller} itself runs without a frame (it is called lazily{recursion}), so"
      + " embedding would cost it an allocation at every call"),
  ON_CYCLE_TOO(Topic.DECISION, ", on a recursion cycle"),
  CALLEE_HOLDS_CHILDREN(Topic.DECISION, "{reason}; {callee}'s frame holds its own children's frames, so it is never run"
      + " without one"),
  RECURSION_CYCLE(Topic.DECISION, "it is on a recursion cycle ({cycle}), so its frame would contain itself"),
  OVERLOAD_CHOSEN_BY_JAVAC(Topic.DECISION, "javac chooses among overloads of {callee} with as many parameters, and"
      + " the processor cannot tell which"),
  ESCAPES_NOT_IN_BLOCK(Topic.DECISION, "the task escapes: its local {local} is not declared in a block"),
  ESCAPES_USE(Topic.DECISION, "the task escapes: {local} is {use}"),
  ESCAPES_NEVER_AWAITED(Topic.DECISION, "the task escapes: {local} is never awaited in the block that declares it"),
  ESCAPES_AWAITED_TWICE(Topic.DECISION, "the task escapes: {local} is awaited {count} times (a lazy task has one"
      + " awaiter)"),
  ESCAPES_ASSIGNED(Topic.DECISION, "the task escapes: it is assigned to {target} rather than declared with it (a"
      + " task assigned in one branch and awaited after it outlives the branch)"),
  ESCAPES_VALUE(Topic.DECISION, "the task escapes: {use}"),
  USE_CAPTURED(Topic.DECISION, "captured by a lambda or class"),
  USE_AWAITED_IN_LOOP(Topic.DECISION, "awaited in a loop inside the block that declares it"),
  USE_ASSIGNED_AGAIN(Topic.DECISION, "assigned again"),
  USE_RETURNED(Topic.DECISION, "returned"),
  USE_PASSED(Topic.DECISION, "passed to {method}(..)"),
  USE_PASSED_TO_NEW(Topic.DECISION, "passed to new {class}(..)"),
  USE_STORED(Topic.DECISION, "stored in {target}"),
  USE_VALUE(Topic.DECISION, "used as a value");

  /** How a message reaches the user: on its own as a javac error, warning or note, or as part of another. */
  public enum Kind { ERROR, WARNING, NOTE, PART }

  /** The guide's sections, in its order. */
  public enum Topic {
    BUILD("Build setup"),
    DECLARATION("Declaring a coroutine"),
    GENERATOR("Generators"),
    SUSPENSION("Where a body can suspend"),
    ACCESS("Names the generated frame cannot reach"),
    TYPES("Types the generated frame must write"),
    ELISION("Elision (`@Elide`, `Elision`)"),
    DECISION("Parts of elision messages: placements, who asked, and reasons");

    private final String title;

    Topic(String title) {
      this.title = title;
    }

    public String title() {
      return title;
    }
  }

  private static final Pattern HOLE = Pattern.compile("\\{([a-zA-Z]+)\\}");

  private final Topic topic;
  private final Kind kind;
  private final String template;

  /** An error, or for {@link Topic#DECISION} a part of another message. */
  Message(Topic topic, String template) {
    this(topic, topic == Topic.DECISION ? Kind.PART : Kind.ERROR, template);
  }

  Message(Topic topic, Kind kind, String template) {
    this.topic = topic;
    this.kind = kind;
    this.template = template;
  }

  public Topic topic() {
    return topic;
  }

  public Kind kind() {
    return kind;
  }

  /** This message, which its caller prints as a {@code kind}: a message printed as another kind is a bug. */
  public Message as(Kind kind) {
    if (this.kind != kind) {
      throw new IllegalArgumentException(this + " is a " + this.kind + ", not a " + kind);
    }
    return this;
  }

  /** The text with its holes, as the guide shows it. */
  public String template() {
    return template;
  }

  /**
   * The text with its holes filled by {@code args}: one value per distinct hole, in the order the
   * holes first appear (a hole named twice shows its value twice); their number must match.
   */
  public String format(Object... args) {
    Matcher m = HOLE.matcher(template);
    List<String> names = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      int i = names.indexOf(m.group(1));
      if (i < 0) {
        i = names.size();
        names.add(m.group(1));
      }
      if (i >= args.length) {
        throw new IllegalArgumentException(name() + " has more holes than the " + args.length + " values given");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(args[i])));
    }
    if (names.size() != args.length) {
      throw new IllegalArgumentException(name() + " has " + names.size() + " holes, but " + args.length
          + " values were given");
    }
    return m.appendTail(out).toString();
  }

  /** A pattern matching every text {@link #format} can make of this message. */
  public Pattern pattern() {
    Matcher m = HOLE.matcher(template);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      out.append(Pattern.quote(template.substring(last, m.start()))).append("(.*)");
      last = m.end();
    }
    return Pattern.compile(out.append(Pattern.quote(template.substring(last))).toString(), Pattern.DOTALL);
  }
}

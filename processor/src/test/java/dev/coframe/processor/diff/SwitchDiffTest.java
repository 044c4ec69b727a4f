package dev.coframe.processor.diff;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential cases for {@code switch} statements and expressions with suspension points in the
 * selector, the case bodies and the expression arms — arrow and colon forms, fall-through,
 * {@code yield}, {@code default}, int, String and enum selectors, jumps out of cases, switches in
 * loops and in {@code try} — and for {@code assert} with a suspending condition or message; on JDK
 * 21+ pattern switches (type and record patterns, guards, {@code case null}) that suspend.
 */
class SwitchDiffTest {

  static List<Case> cases() {
    return List.of(
        Case.task("switch_statement_colon_with_fallthrough", """
            @Coroutine static String run(int k) {
              StringBuilder sb = new StringBuilder();
              switch (await(Sched.v(k))) {
                case 1:
                  sb.append(await(Sched.v("one")));
                case 2:
                  sb.append("two");
                  break;
                case 3: {
                  sb.append(await(Sched.v("three")));
                  if (k == 3) break;
                  sb.append("never");
                }
                default:
                  sb.append("default ").append(await(Sched.v(k)));
              }
              return sb.toString() + "|";
            }
            """).args(1).args(2).args(3).args(9),
        Case.task("switch_statement_arrow_over_strings", """
            @Coroutine static int run(String s) {
              int r = 0;
              switch (s) {
                case "a", "b" -> r = await(Sched.v(1));
                case "c" -> {
                  Log.add("c");
                  r = await(Sched.v(3)) * 10;
                }
                case "d" -> throw new IllegalStateException("d " + await(Sched.v(4)));
                default -> Log.add("other " + s);
              }
              return r;
            }
            """).args("a").args("b").args("c").args("d").args("zz"),
        Case.task("switch_over_an_enum_without_default", """
            enum Color { RED, GREEN, BLUE }
            @Coroutine static String run(int k) {
              Color c = Color.values()[k];
              String s = "none";
              switch (c) {
                case RED: s = "r" + await(Sched.v(1)); break;
                case GREEN: s = "g" + await(Sched.v(2)); break;
              }
              return s;
            }
            """).args(0).args(1).args(2),
        // a rule's value is no label: a bare field name there is qualified like any other
        Case.task("enum_switch_rule_value_is_a_field_name", """
            enum Color { RED, GREEN, BLUE }
            static int weight = 7;
            @Coroutine static int run(int k) {
              int before = await(Sched.v(k));
              int w = switch (Color.values()[k]) {
                case RED -> weight;
                default -> 100;
              };
              return before + w;
            }
            """).args(0).args(1),
        Case.task("switch_expression_arrows_and_yield", """
            @Coroutine static int run(int k) {
              int v = switch (k) {
                case 0 -> await(Sched.v(100));
                case 1 -> {
                  int t = await(Sched.v(10));
                  yield t + 1;
                }
                case 2 -> {
                  if (k > 1) yield 20;
                  yield 21;
                }
                default -> k * await(Sched.v(-1));
              };
              return v + await(Sched.v(1));
            }
            """).args(0).args(1).args(2).args(7),
        Case.task("switch_expression_colon_form_with_yield", """
            @Coroutine static String run(String s) {
              String r = switch (s.length()) {
                case 0:
                  yield "empty";
                case 1:
                  Log.add("one char");
                  yield await(Sched.v("single " + s));
                default:
                  String t = await(Sched.v(s.toUpperCase()));
                  yield t;
              };
              return r;
            }
            """).args("").args("x").args("abc"),
        Case.task("switch_expression_selector_suspends_in_an_argument", """
            static String tag(String a, int b) { return a + b; }
            @Coroutine static String run(int k) {
              String label = switch (await(Sched.v(k))) { case 1 -> "one"; case 2 -> "two"; default -> "many"; };
              return tag(label, k);
            }
            """).args(1).args(2).args(5),
        // typed without a target (JLS 15.28.1): a char arm beside a non-constant int arm is int;
        // parenthesized with a target, the target types it
        Case.task("switch_expressions_that_suspend_typed_from_their_arms", """
            static int n(int v) { return v; }
            @Coroutine static String run(int k) {
              int sum = await(Sched.v(k)) + (switch (await(Sched.v(k % 3))) {
                case 0 -> await(Sched.v('a'));
                case 1 -> n(await(Sched.v(7)));
                default -> { int t = await(Sched.v(2)); yield t * 3; }
              });
              long wide = 1 + (switch (k) { case 0 -> await(Sched.v(5L)); default -> k; });
              String s = (switch (k) { case 1 -> await(Sched.v("one")); default -> "other"; });
              return sum + " " + wide + " " + s;
            }
            """).args(0).args(1).args(2),
        // a boxed Character arm beside int constants it holds is a char, as javac types it (found by
        // random program 20376: the processor refused it as untypable); beside a constant it cannot
        // hold, an int; the same for a conditional
        Case.task("boxed_char_arm_beside_int_constants_is_a_char", """
            @Coroutine static String run(int k) {
              String a = "" + (switch (await(Sched.v(k))) { case 1 -> 10; default -> await(Sched.v('A')); });
              String b = "" + (switch (k) { case 1 -> 100000; default -> await(Sched.v('B')); });
              String c = "" + (k > 0 ? await(Sched.v('C')) : 10);
              Character boxed = await(Sched.v('D'));
              int d = await(Sched.v(1)) + (switch (k) { case 3 -> 'x'; default -> boxed; });
              return a + " " + b + " " + c + " " + d;
            }
            """).args(0).args(1).args(3),
        // whether an int arm is a constant expression (JLS 15.29) decides char or int: a literal
        // conditional, a final local with a constant initializer and a static final field are
        // constants (char, if the char holds them); a non-final field, an effectively final local
        // and a parameter are not (int). Found by random programs 31607 and 23362: the processor
        // refused these as untypable
        Case.task("char_arm_beside_constant_expressions_and_constant_variables", """
            static int sfI = 3;
            static final int SEVEN = 7;
            @Coroutine static String run(int k) {
              final int two = 2;
              int three = 3;
              String a = "" + (switch (await(Sched.v(k))) { case 1 -> (true ? 1 : 0); case 2 -> 2 * two; default -> '0'; });
              String b = "" + (switch (await(Sched.v(k))) { case 1 -> SEVEN; case 2 -> -SEVEN + 70; default -> 'A'; });
              String c = "" + (switch (await(Sched.v(k))) { case 1 -> 1 * sfI; default -> await(Sched.v('B')); });
              String d = "" + (switch (await(Sched.v(k))) { case 1 -> three; default -> 'C'; });
              String e = "" + (switch (await(Sched.v(k))) { case 1 -> k; default -> 'D'; });
              String f = "" + (switch (await(Sched.v(k))) { case 1 -> (char) 66 + 1; case 2 -> 1 << 20; default -> 'E'; });
              int i0 = await(Sched.v(1)) + (switch (await(Sched.v(k))) { case 2, 0 -> 5; case 1 -> { yield (true ? 1 : 0); } default -> '0'; });
              return a + " " + b + " " + c + " " + d + " " + e + " " + f + " " + i0;
            }
            """).args(0).args(1).args(2),
        Case.task("switch_in_a_loop_with_break_and_continue", """
            @Coroutine static int run(int n) {
              int sum = 0;
              loop:
              for (int i = 0; i < n; i++) {
                switch (i % 4) {
                  case 0:
                    sum += await(Sched.v(i));
                    break;
                  case 1:
                    continue;
                  case 2:
                    if (await(Sched.v(i)) > 5) break loop;
                    sum += 100;
                    break;
                  default:
                    sum -= 1;
                }
                Log.add("after " + i);
              }
              return sum;
            }
            """).args(9),
        Case.task("switch_inside_try_and_try_inside_switch", """
            @Coroutine static String run(int k) {
              StringBuilder sb = new StringBuilder();
              try {
                switch (k) {
                  case 0 -> {
                    try {
                      sb.append(await(Sched.v("a")));
                      throw new IllegalStateException("inner");
                    } catch (IllegalStateException e) {
                      sb.append(await(Sched.v("b")));
                    } finally {
                      sb.append("c");
                    }
                  }
                  case 1 -> throw new IllegalArgumentException("outer " + await(Sched.v(k)));
                  default -> sb.append(await(Sched.v("d")));
                }
              } catch (IllegalArgumentException e) {
                sb.append(e.getMessage());
              } finally {
                sb.append(await(Sched.v("!")));
              }
              return sb.toString();
            }
            """).args(0).args(1).args(2),
        Case.task("return_from_switch_expression_block_through_finally", """
            @Coroutine static int run(int k) {
              try {
                return switch (k) {
                  case 0 -> await(Sched.v(5));
                  default -> {
                    Log.add("default");
                    yield await(Sched.v(k)) * 2;
                  }
                };
              } finally {
                Log.add("finally " + await(Sched.v(k)));
              }
            }
            """).args(0).args(3),
        Case.task("assert_with_a_suspending_condition_and_message", """
            @Coroutine static String run(int k) {
              assert await(Sched.v(k)) >= 0 : "negative " + await(Sched.v(k));
              assert k != 7;
              return "ok " + k;
            }
            """).args(1).args(-2).args(7),
        Case.task("pattern_instanceof_on_an_awaited_value", """
            @Coroutine static String run(int k) {
              Object o = k == 0 ? (Object) "text" : (Object) Integer.valueOf(k);
              if (await(Sched.v(o)) instanceof String s && s.length() > await(Sched.v(2))) {
                return "string " + s + await(Sched.v("!"));
              }
              if (!(await(Sched.v(o)) instanceof Integer i)) {
                return "neither";
              }
              return "int " + (i + await(Sched.v(1)));
            }
            """).args(0).args(5));
  }

  /** JDK 21: pattern switches that suspend. */
  static List<Case> java21() {
    String shapes = """
        sealed interface Shape permits Circle, Square, Rect {}
        record Circle(int r) implements Shape {}
        record Square(int side) implements Shape {}
        record Rect(int w, int h) implements Shape {}
        static Object pick(int k) {
          return switch (k) {
            case 0 -> new Circle(2);
            case 1 -> new Square(3);
            case 2 -> new Rect(2, 5);
            case 3 -> "text";
            case 4 -> 42;
            default -> null;
          };
        }
        """;
    return List.of(
        Case.task("pattern_switch_statement_that_suspends", shapes + """
            @Coroutine static String run(int k) {
              Object o = pick(k);
              String r;
              int min = await(Sched.v(1));
              switch (o) {
                case Circle c when c.r() > min -> r = "big circle " + c.r() + await(Sched.v("!"));
                case Circle c -> r = "circle " + c.r();
                case Rect(int w, var h) -> r = "rect " + (w * h + await(Sched.v(0)));
                case String s -> {
                  String t = await(Sched.v(s.toUpperCase()));
                  r = t + s.length();
                }
                case null -> r = "null " + await(Sched.v("!"));
                default -> r = "other " + o;
              }
              return r;
            }
            """).args(0).args(1).args(2).args(3).args(4).args(5),
        Case.task("sealed_pattern_switch_expression_that_suspends", shapes + """
            @Coroutine static int run(int k) {
              Shape s = (Shape) pick(k);
              int area = switch (s) {
                case Circle c -> 3 * c.r() * await(Sched.v(c.r()));
                case Square q -> {
                  int side = await(Sched.v(q.side()));
                  yield side * side;
                }
                case Rect(var w, var h) when w == h -> await(Sched.v(w * w));
                case Rect(var w, var h) -> w * h;
              };
              return area;
            }
            """).args(0).args(1).args(2),
        // a switch that does not suspend is kept as written: its guard reads a local the frame keeps
        Case.task("guard_reads_a_kept_local_in_a_switch_that_does_not_suspend", shapes + """
            @Coroutine static String run(int k) {
              String r = "";
              for (int min : new int[] {1, 3}) {
                int seen = await(Sched.v(min));
                switch (pick(k)) {
                  case Circle c when c.r() > seen -> r += "big circle;";
                  case Circle c -> r += "circle;";
                  case Integer i when i > min + seen -> r += "big " + i + ";";
                  default -> r += "other;";
                }
              }
              return r;
            }
            """).args(0).args(4).args(5));
  }

  @TestFactory
  Stream<DynamicTest> differential() {
    return DiffHarness.tests(cases());
  }

  @TestFactory
  Stream<DynamicTest> differentialJava21() {
    Assumptions.assumeTrue(Runtime.version().feature() >= 21, "pattern switch needs JDK 21");
    return DiffHarness.tests(java21(), List.of("--release", "21"));
  }
}

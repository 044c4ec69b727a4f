package dev.coframe.processor.diff;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential cases for generators: the elements of {@code CaseCoroutines.gen(args)} (a
 * {@code Generator}) against direct mode {@code Case.gen(args, sink)}, with the body's log
 * interleaved with the consumer's ("got v"), so the generator must run exactly up to each yield.
 */
class GeneratorsDiffTest {

  static List<Case> cases() {
    return List.of(
        Case.gen("gen_for", """
            @Coroutine static void gen(int n, Yield<Integer> out) {
              for (int i = 0; i < n; i++) {
                Log.add("yield " + i);
                out.yield(i);
              }
              Log.add("end");
            }
            """).args(0).args(1).args(5),
        Case.gen("gen_if_filter", """
            @Coroutine static void gen(int n, Yield<Integer> out) {
              for (int i = 0; i < n; i++) {
                if (i % 2 == 0) {
                  out.yield(i * i);
                } else {
                  Log.add("skip " + i);
                }
              }
            }
            """).args(6),
        Case.gen("gen_while_break_live_string", """
            @Coroutine static void gen(int n, Yield<String> out) {
              int i = 0;
              String acc = "";
              while (true) {
                if (i >= n) break;
                acc += i;
                out.yield(acc);
                i++;
              }
              out.yield("done " + acc);
            }
            """).args(0).args(4),
        Case.gen("gen_labelled_loops", """
            @Coroutine static void gen(int n, Yield<Integer> out) {
              outer:
              for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                  if (j > i) continue outer;
                  if (i + j == 5) break outer;
                  out.yield(i * 10 + j);
                }
              }
            }
            """).args(4).args(6),
        Case.gen("gen_foreach_list_and_chars", """
            @Coroutine static void gen(List<String> words, Yield<String> out) {
              for (String w : words) {
                if (w.isEmpty()) continue;
                for (char c : w.toCharArray()) out.yield(w + ":" + c);
              }
            }
            """).args(List.of("ab", "", "c")),
        Case.gen("gen_return_early_from_do", """
            @Coroutine static void gen(int stop, Yield<Integer> out) {
              int i = 0;
              do {
                if (i == stop) {
                  Log.add("return");
                  return;
                }
                out.yield(i);
                i++;
              } while (i < 5);
              Log.add("loop end");
            }
            """).args(2).args(9),
        Case.gen("gen_throws_after_elements", """
            @Coroutine static void gen(int n, Yield<Integer> out) {
              for (int i = 0; ; i++) {
                if (i == n) throw new IllegalStateException("stop at " + i);
                out.yield(i);
              }
            }
            """).args(0).args(2),
        Case.gen("gen_throws_checked", """
            @Coroutine static void gen(String s, Yield<Character> out) throws IOException {
              for (char c : s.toCharArray()) {
                if (c == '!') throw new IOException("bang at " + s.indexOf(c));
                out.yield(c);
              }
            }
            """).args("ab").args("ab!c"),
        Case.gen("gen_yield_all", """
            @Coroutine static void gen(int n, Yield<Integer> out) {
              out.yieldAll(List.of(1, 2, 3));
              for (int i = 0; i < n; i++) out.yieldAll(Collections.nCopies(i, i));
              out.yield(-1);
            }
            """).args(3),
        Case.gen("gen_live_locals_of_several_kinds", """
            @Coroutine static void gen(int n, Yield<String> out) {
              long total = 0;
              double avg = 0;
              StringBuilder sb = new StringBuilder();
              for (int i = 1; i <= n; i++) {
                total += i;
                avg = (double) total / i;
                sb.append(i);
                out.yield(total + "/" + avg + "/" + sb);
              }
            }
            """).args(4),
        Case.gen("gen_ternary_and_plain_helper", """
            static int sq(int x) {
              Log.add("sq " + x);
              return x * x;
            }
            @Coroutine static void gen(int n, Yield<Integer> out) {
              int i = n;
              while (i-- > 0) out.yield(i % 2 == 0 ? sq(i) : -i);
            }
            """).args(5),
        Case.gen("gen_if_else_chain", """
            @Coroutine static void gen(int n, Yield<String> out) {
              for (int i = 1; i <= n; i++) {
                if (i % 15 == 0) out.yield("FizzBuzz");
                else if (i % 5 == 0) out.yield("Buzz");
                else if (i % 3 == 0) out.yield("Fizz");
                else out.yield(String.valueOf(i));
              }
            }
            """).args(15),
        Case.gen("gen_consumes_other_generator", """
            @Coroutine static void squares(int n, Yield<Integer> out) {
              for (int i = 0; i < n; i++) {
                Log.add("square " + i);
                out.yield(i * i);
              }
            }
            @Coroutine static void gen(int n, Yield<Integer> out) {
              for (int sq : CaseCoroutines.squares(n)) {
                if (sq % 2 == 1) out.yield(sq);
              }
            }
            """).args(6),
        Case.gen("gen_instance_generator", """
            final List<Integer> items;
            Case(List<Integer> items) {
              this.items = items;
            }
            @Coroutine void evens(Yield<Integer> out) {
              for (int x : items) if (x % 2 == 0) out.yield(x);
            }
            @Coroutine static void gen(int k, Yield<Integer> out) {
              Case c = new Case(List.of(1, 2, 3, 4, 6));
              for (int x : CaseCoroutines.evens(c)) out.yield(x * k);
            }
            """).args(3));
  }

  @TestFactory
  Stream<DynamicTest> differential() {
    return DiffHarness.tests(cases());
  }
}

package dev.coframe.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.coframe.processor.ir.Block;
import dev.coframe.processor.ir.Body;
import dev.coframe.processor.ir.Instr;
import dev.coframe.processor.ir.JumpText;
import dev.coframe.processor.ir.Point;
import dev.coframe.processor.ir.Region;
import dev.coframe.processor.ir.TypeNames;
import dev.coframe.processor.ir.Var;
import dev.coframe.processor.lower.Layout;
import dev.coframe.processor.lower.Lowerer;
import dev.coframe.processor.model.RuntimeContract;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a frame's body method {@code run$} from the lowered {@link Body} and the frame's
 * {@link Layout}.
 *
 * <p>A body that fits one method: its locals; on resumption, what the frame kept at the resume
 * point read back (its reference fields cleared) and what was awaited taken; then its blocks as
 * the cases of a {@code switch} on the state — inside a dispatch loop where the body jumps, inside
 * a loop catching exceptions where it has protected regions. A block entered only by falling
 * through from the one before it gets no label. At a suspension point the body writes what is
 * live into its frame (created if it has none) and returns.
 *
 * <p>A body lowered in fields mode (its estimated bytecode past {@link #LIMIT}) keeps every
 * variable in its frame; {@code run$} is then a driver that calls part methods, each a dispatch over
 * a range of blocks of at most {@link #PART} estimated bytes, so no method nears HotSpot's
 * 8,000-byte {@code DontCompileHugeMethods} limit.
 */
final class BodyWriter {
  /** Past this many estimated bytes of bytecode, a body is split into parts. */
  static final int LIMIT = 7000;
  /** The most estimated bytes of bytecode one part method gets. */
  static final int PART = 3500;
  /**
   * Bytes of bytecode per character of a body's code (whitespace collapsed, comments dropped):
   * at most 0.355 over 663 bodies of differential and random programs (median 0.267).
   */
  private static final double BYTES_PER_CHAR = 0.36;

  private final Lowerer.Lowered lowered;
  private final Layout layout;
  private final boolean generator;
  private final boolean fields;
  /** How the fields-mode driver makes its frame at entry: {@code RunFrame_int}, {@code MapFrame_List<>}. */
  private final String frameNew;
  /**
   * How a suspending body gets a frame from the strand's allocator ({@code RunFrame_int.KIND.allocate(cx$)}),
   * or null where it always has one (it took one at entry, for its embedded children).
   */
  private final String frameAlloc;
  private final TypeName result;
  private final String regionRef;
  private final Set<Block> targets = new HashSet<>();
  private final List<List<Block>> parts = new ArrayList<>();

  BodyWriter(Lowerer.Lowered lowered, Layout layout, boolean generator, String frameNew, String frameAlloc,
      TypeName result) {
    this.lowered = lowered;
    this.layout = layout;
    this.generator = generator;
    this.fields = lowered.body().fields();
    this.frameNew = frameNew;
    this.frameAlloc = frameAlloc;
    this.result = result;
    this.regionRef = fields ? "frame$.region$" : "region$";
    for (Block b : lowered.body().blocks()) {
      for (Instr i : b.instrs()) {
        if (i instanceof Instr.Goto g) {
          targets.add(g.target());
        } else if (i instanceof Instr.IfNot c) {
          targets.add(c.target());
        } else if (i instanceof Instr.Verbatim v) {
          v.exits().forEach(e -> targets.add(e.target()));
        }
      }
      if (b.region() != null && b.region().handler() != null) {
        targets.add(b.region().handler());
      }
    }
    if (generator) {
      lowered.body().points().stream().map(Point::finallyEntry).filter(e -> e != null).forEach(targets::add);
    }
    splitIntoParts();
  }

  /**
   * Whether each of {@code blocks} can be entered: the first, a jump's target, a resume point, or
   * the fall-through of an enterable block before it. A block nothing enters is not written.
   * (Jumps to a block that only returns are kept as jumps: returning at a loop's exit instead made
   * C2 compile W1's loop calling an ALWAYS chain twice as slow, 0.77 against 0.38 ns per call.)
   */
  private boolean[] enterable(List<Block> blocks) {
    boolean[] in = new boolean[blocks.size()];
    for (int i = 0; i < blocks.size(); i++) {
      Block b = blocks.get(i);
      in[i] = i == 0 || targets.contains(b) || b.resumedAt() != null || (in[i - 1] && blocks.get(i - 1).fallsThrough());
    }
    return in;
  }

  /**
   * A body's code, written once: the statements of {@code run$}, those of each part method (fields
   * mode), and the estimated bytecode of {@code run$} written as one method.
   */
  record Code(String body, List<String> parts, int bytes) {}

  /** The body's code. */
  Code code() {
    String body = (fields ? driver() : single()).toString();
    List<String> out = new ArrayList<>();
    parts().forEach(p -> out.add(p.toString()));
    return new Code(body, out, estimate(body));
  }

  private static int estimate(CodeBlock code) {
    return estimate(code.toString());
  }

  /** Bytes of bytecode that {@code text} compiles to, estimated from its characters (whitespace collapsed, comments dropped). */
  private static int estimate(String text) {
    int chars = 0;
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
        while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
          i++;
        }
      } else if (Character.isWhitespace(c)) {
        space = true;
      } else {
        chars += space ? 2 : 1;
        space = false;
      }
    }
    return (int) ((chars + (space ? 1 : 0)) * BYTES_PER_CHAR);
  }

  private void splitIntoParts() {
    List<Block> current = new ArrayList<>();
    int size = 0;
    for (Block b : lowered.body().blocks()) {
      int bytes = fields ? estimate(blockCode(b, null)) : 0;
      if (!current.isEmpty() && size + bytes > PART) {
        parts.add(current);
        current = new ArrayList<>();
        size = 0;
      }
      b.part(parts.size());
      current.add(b);
      size += bytes;
    }
    parts.add(current);
  }

  /** In fields mode: the statements of each part method {@code part$k}. */
  private List<CodeBlock> parts() {
    List<CodeBlock> out = new ArrayList<>();
    if (fields) {
      for (List<Block> part : parts) {
        CodeBlock.Builder c = CodeBlock.builder();
        if (lowered.receiver() != null) {
          c.addStatement("final $L self$$ = frame$$.self$$", TypeNames.write(lowered.receiver().type()));
        }
        dispatch(c, part, true, true);
        out.add(c.build());
      }
    }
    return out;
  }

  /** A body written as one method. */
  private CodeBlock single() {
    Body body = lowered.body();
    CodeBlock.Builder c = CodeBlock.builder();
    locals(c);
    boolean regions = body.hasRegions();
    boolean loop = !targets.isEmpty();
    if (regions) {
      c.addStatement("int region$$ = 0");
      c.beginControlFlow("for (;;)").beginControlFlow("try");
    }
    if (!body.points().isEmpty()) {
      resumes(c, true);
    }
    if (loop || !body.points().isEmpty()) {
      dispatch(c, body.blocks(), false, loop);
    } else {
      boolean[] in = enterable(body.blocks());
      for (int i = 0; i < in.length; i++) {
        if (in[i]) {
          c.add(blockCode(body.blocks().get(i), null));
        }
      }
    }
    if (regions) {
      c.nextControlFlow("catch (java.lang.Throwable ex$$)");
      handlers(c);
      c.endControlFlow().endControlFlow();
    }
    return c.build();
  }

  /** In fields mode, {@code run$}: stores the parameters, takes what was awaited, runs the parts. */
  private CodeBlock driver() {
    Body body = lowered.body();
    CodeBlock.Builder c = CodeBlock.builder();
    c.add("if (frame$$ == null) frame$$ = new $L();\n", frameNew);
    List<String> stores = new ArrayList<>();
    for (Var p : lowered.params()) {
      stores.add("frame$." + layout.slotOf(p).name() + " = " + p.name() + ";");
    }
    if (!stores.isEmpty()) {
      c.beginControlFlow("if (next$$ == 0)").add("$L\n", String.join(" ", stores)).endControlFlow();
    }
    c.addStatement("boolean resumed$$ = next$$ != 0");
    c.beginControlFlow("for (;;)");
    if (body.hasRegions()) {
      c.beginControlFlow("try");
    }
    c.beginControlFlow("if (resumed$$)").addStatement("resumed$$ = false");
    resumes(c, false);
    c.endControlFlow();
    StringBuilder call = new StringBuilder();
    for (int k = 0; k < parts.size(); k++) {
      String args = RuntimeContract.partArguments(generator);
      if (k + 1 < parts.size()) {
        call.append("next$ < ").append(parts.get(k + 1).get(0).id()).append(" ? part$").append(k).append('(')
            .append(args).append(") : ");
      } else {
        call.append("part$").append(k).append('(').append(args).append(')');
      }
    }
    c.addStatement("next$$ = $L", call);
    c.beginControlFlow("if (next$$ < 0)");
    if (!clears().isEmpty()) {
      c.beginControlFlow("if (next$$ == -1)").add("$L\n", clears()).endControlFlow();
    }
    if (generator || result == null || result.equals(TypeName.VOID)) {
      c.addStatement("return");
    } else {
      c.addStatement("return next$$ == -1 ? frame$$.result$$ : $L", TypeNames.zero(result));
    }
    c.endControlFlow();
    if (body.hasRegions()) {
      c.nextControlFlow("catch (java.lang.Throwable ex$$)");
      handlers(c);
      c.endControlFlow();
    }
    c.endControlFlow();
    return c.build();
  }

  /** The body's locals, all but its parameters, grouped by type: {@code int sum = 0, i = 0;}. */
  private void locals(CodeBlock.Builder c) {
    Map<TypeName, List<Var>> byType = new LinkedHashMap<>();
    for (Var v : lowered.body().vars()) {
      if (!v.isParam()) {
        byType.computeIfAbsent(v.type(), k -> new ArrayList<>()).add(v);
      }
    }
    byType.forEach((type, vs) -> {
      List<String> decls = new ArrayList<>();
      vs.forEach(v -> decls.add(v.name() + " = " + TypeNames.zero(type)));
      c.addStatement("$L $L", TypeNames.write(type), String.join(", ", decls));
    });
  }

  /**
   * On resumption: read back what the frame kept at the resume point and clear its references
   * ({@code restore}; in fields mode the variables are the fields), take what was awaited.
   */
  private void resumes(CodeBlock.Builder c, boolean restore) {
    List<Point> points = lowered.body().points();
    boolean destroys = points.stream().anyMatch(p -> p.finallyEntry() != null);
    boolean one = points.size() == 1 && !generator && !destroys;
    if (!one) {
      c.beginControlFlow("switch (next$$)");
    }
    for (Point p : points) {
      List<String> reads = new ArrayList<>();
      if (lowered.body().hasRegions()) {
        reads.add(regionRef + " = " + regionId(p.continuation().region()) + ";");
      }
      reads.addAll(restores(p, restore));
      Instr.Suspend s = suspensionOf(p);
      CodeBlock.Builder line = CodeBlock.builder().add("$L", String.join(" ", reads));
      if (s.onResume() != null) {
        line.add(reads.isEmpty() ? "" : " ").add(s.onResume());
      }
      if (one) {
        if (!line.isEmpty()) { // else resuming reads nothing back
          c.add("if (next$$ == $L) { $L } // resumed after $L\n", p.state(), line.build(), p.what());
        }
      } else {
        c.add("$<case $L: $L$L // resumed after $L\n$>", p.state(), line.build(), line.isEmpty() ? "break;" : " break;",
            p.what());
      }
    }
    // destroyed while suspended at a point (a generator closed, a task cancelled): restore, then run
    // the finally blocks around it; a point with none ends at the default (see RuntimeContract.BAD_STATE)
    for (Point p : points) {
      if (p.finallyEntry() != null) {
        List<String> reads = new ArrayList<>(restores(p, restore));
        if (!generator) {
          reads.add(RuntimeContract.DROP_AWAITED);
        }
        reads.add(p.finallyPending() + " = -1;");
        reads.add("next$ = " + p.finallyEntry().id() + ";");
        if (lowered.body().hasRegions()) {
          reads.add(regionRef + " = " + regionId(p.finallyEntry().region()) + ";");
        }
        c.add("$<case $L: $L break; // $L while suspended after $L\n$>", -p.state(), String.join(" ", reads),
            generator ? "closed" : "cancelled", p.what());
      }
    }
    if (generator) {
      c.add("$<default: if (next$$ < 0) return;\n$>");
    }
    if (!one) {
      c.endControlFlow();
    }
  }

  /** What resuming at {@code p} reads back from the frame, and the reference fields it then clears. */
  private List<String> restores(Point p, boolean restore) {
    List<String> reads = new ArrayList<>();
    List<String> clears = new ArrayList<>();
    for (Var v : restore ? layout.liveAt(p) : List.<Var>of()) {
      if (!v.isParam()) {
        String field = "frame$." + layout.slotAt(v, p).name();
        reads.add(v.name() + " = " + field + ";");
        if (v.isReference()) {
          clears.add(field + " = null;");
        }
      }
    }
    reads.addAll(clears);
    return reads;
  }

  private Instr.Suspend suspensionOf(Point p) {
    for (Block b : lowered.body().blocks()) {
      for (Instr i : b.instrs()) {
        if (i instanceof Instr.Suspend s && s.point() == p) {
          return s;
        }
      }
    }
    throw new IllegalStateException("no suspension for " + p);
  }

  /**
   * {@code switch (next$) { case ..: .. }} over {@code blocks} (a part: the first is entered from
   * outside), inside the dispatch loop {@code $dispatch: for (;;)} where the blocks jump.
   */
  private void dispatch(CodeBlock.Builder c, List<Block> blocks, boolean part, boolean loop) {
    // a state no block has (a frame run in a state it never suspended in) throws: said on the switch's line
    c.add("$L { default: $L\n$>", loop ? "$dispatch: for (;;) switch (next$)" : "switch (next$)", RuntimeContract.BAD_STATE);
    boolean[] in = part ? null : enterable(blocks);
    for (int i = 0; i < blocks.size(); i++) {
      Block b = blocks.get(i);
      if (in != null && !in[i]) {
        continue;
      }
      boolean label = i == 0 || targets.contains(b) || b.resumedAt() != null || !blocks.get(i - 1).fallsThrough();
      boolean region = lowered.body().hasRegions() && (b.setsRegion()
          || i > 0 && blocks.get(i - 1).fallsThrough() && b.region() != blocks.get(i - 1).region());
      CodeBlock code = blockCode(b, i + 1 < blocks.size() ? blocks.get(i + 1) : null);
      if (label && !region && !b.fallsThrough()) {
        String text = code.toString();
        if (text.indexOf('\n') == text.length() - 1) {
          c.add("$<case $L: $L$>", b.id(), text); // a block of one line that leaves: on its label's line
          continue;
        }
      }
      if (label) {
        c.add("$<case $L:\n$>", b.id());
      }
      if (region) {
        c.addStatement("$L = $L", regionRef, regionId(b.region()));
      }
      c.add(code);
    }
    Block last = blocks.get(blocks.size() - 1);
    List<Block> all = lowered.body().blocks();
    int next = all.indexOf(last) + 1;
    if (part && last.fallsThrough() && next < all.size()) {
      Block following = all.get(next); // falls through into the next part, entering its region
      if (lowered.body().hasRegions() && following.region() != last.region()) {
        c.addStatement("$L = $L", regionRef, regionId(following.region()));
      }
      c.addStatement("return $L", following.id());
    }
    c.endControlFlow();
  }

  /**
   * The code of one block; {@code next} is the block emitted after it in the same method, or null.
   * The source statement a line came from is quoted beside it where its code is one line (before it
   * otherwise), and a jump goes on the line of the one-line statement before it.
   */
  private CodeBlock blockCode(Block b, Block next) {
    CodeBlock.Builder c = CodeBlock.builder();
    List<Instr> instrs = b.instrs();
    for (int i = 0; i < instrs.size(); i++) {
      Instr in = instrs.get(i);
      Instr after = i + 1 < instrs.size() ? instrs.get(i + 1) : null;
      if (in instanceof Instr.Comment k && after instanceof Instr.Code code) {
        String line = code.code().toString();
        int own = line.indexOf(" // ");
        if (oneLine(line)) {
          c.add("$L // $L\n", line, k.text());
          i++;
          continue;
        } else if (line.indexOf('\n') < 0 && own > 0 && k.text().contains(line.substring(own + 4).strip())) {
          c.add("$L // $L\n", line.substring(0, own), k.text()); // a for's init, quoted by the for
          i++;
          continue;
        }
      } else if (in instanceof Instr.Code code && after instanceof Instr.Goto g && g.target() != next) {
        String line = code.code().toString();
        if (oneLine(line)) {
          c.add("$L $L\n", line, new JumpText(b, g.target(), regionRef));
          i++;
          continue;
        }
      }
      instr(c, b, in, next);
    }
    return c.build();
  }

  private void instr(CodeBlock.Builder c, Block b, Instr in, Block next) {
    if (in instanceof Instr.Comment k) {
      c.add("// $L\n", k.text());
    } else if (in instanceof Instr.Code k) {
      c.add(k.code()).add("\n");
    } else if (in instanceof Instr.Goto g) {
      if (g.target() != next) {
        c.add("$L\n", new JumpText(b, g.target(), regionRef));
      }
    } else if (in instanceof Instr.IfNot k) {
      String cond = k.cond().toString();
      c.add("if (!$L) { $L }\n", cond.startsWith("(") && cond.endsWith(")") && balanced(cond) ? cond : "(" + cond + ")",
          new JumpText(b, k.target(), regionRef));
    } else if (in instanceof Instr.Verbatim v) {
      if (v.completion() == Instr.Completion.MAYBE) {
        // it may not complete normally; javac must still see what follows as reachable
        c.beginControlFlow("if (true)").add(v.code()).add("\n").endControlFlow();
      } else {
        c.add(v.code()).add("\n");
      }
    } else if (in instanceof Instr.Suspend s) {
      suspend(c, s);
    } else if (in instanceof Instr.Return r) {
      returns(c, r);
    } else if (in instanceof Instr.Throw t) {
      c.addStatement("throw $L", t.value());
    }
  }

  private void returns(CodeBlock.Builder c, Instr.Return r) {
    boolean value = !generator && r.value() != null;
    if (fields) {
      if (value) {
        c.addStatement("frame$$.result$$ = $L", r.value());
      }
      c.addStatement("return -1");
    } else if (value) {
      c.addStatement("return $L", r.value());
    } else {
      c.addStatement("return");
    }
  }

  /** Whether {@code code} is one line with no comment of its own. */
  private static boolean oneLine(String code) {
    return code.indexOf('\n') < 0 && !code.contains("//");
  }

  /** Whether the outer parentheses of {@code s} enclose all of it. */
  private static boolean balanced(String s) {
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth--;
        if (depth == 0 && i < s.length() - 1) {
          return false;
        }
      }
    }
    return depth == 0;
  }

  /**
   * Writes what is live into the frame and returns; no reference field keeps anything the code
   * will not read again (parameters are taken out of their fields by {@code run()}; in fields mode
   * every dead variable is cleared).
   */
  private void suspend(CodeBlock.Builder c, Instr.Suspend s) {
    Point p = s.point();
    List<String> writes = new ArrayList<>();
    Set<Var> live = new HashSet<>(layout.liveAt(p));
    for (Var v : fields ? List.<Var>of() : layout.liveAt(p)) {
      writes.add("frame$." + layout.slotAt(v, p).name() + " = " + v.name() + ";");
    }
    if (fields) {
      for (Var v : lowered.body().vars()) {
        if (!live.contains(v) && v.isReference() && v != lowered.receiver()) {
          writes.add("frame$." + layout.slotOf(v).name() + " = null;");
        }
      }
    }
    // a held task that can no longer be awaited here keeps nothing: its frame forgets its arguments
    lowered.held().forEach((field, v) -> {
      if (v == null || !live.contains(v)) {
        writes.add(RuntimeContract.disarm("frame$." + field));
      }
    });
    String ret = fields ? "return -2;" : generator || result == null || result.equals(TypeName.VOID) ? "return;"
        : "return " + TypeNames.zero(result) + ";";
    if (generator) {
      writes.add(RuntimeContract.generatorState(p.state()));
      c.add("$L\n", String.join(" ", writes)).add("$L\n", ret);
      return;
    }
    // one line: the synchronous path reads on, past what only a suspension runs
    c.add("if ($L) { ", s.check());
    if (!fields && frameAlloc != null) {
      c.add("if (frame$$ == null) frame$$ = $L; ", frameAlloc);
    }
    for (String w : writes) {
      c.add("$L ", w);
    }
    c.add("$L $L }\n", RuntimeContract.suspend(p.state()), ret);
    if (s.onSync() != null) {
      c.add(s.onSync()).add("\n"); // the child did not suspend
    }
  }

  /** The exception handlers: the innermost region of the code that threw decides where it continues. */
  private void handlers(CodeBlock.Builder c) {
    c.beginControlFlow("switch ($L)", regionRef);
    for (Region r : lowered.body().regions()) {
      c.add("$<case $L: $L = ex$$; $L = $L; next$$ = $L; continue;\n$>", r.id(), r.caught(), regionRef,
          regionId(r.parent()), r.handler().id());
    }
    c.add("$<default:\n$>");
    if (fields && !clears().isEmpty()) {
      c.add("$L\n", clears());
    }
    c.addStatement("throw ex$$");
    c.endControlFlow();
  }

  /** In fields mode, what a finished body clears: every reference field of its variables. */
  private String clears() {
    List<String> out = new ArrayList<>();
    for (Var v : lowered.body().vars()) {
      if (v.isReference()) {
        out.add("frame$." + layout.slotOf(v).name() + " = null;");
      }
    }
    return String.join(" ", out);
  }

  private static int regionId(Region r) {
    return r == null ? 0 : r.id();
  }
}

package dev.coframe.processor.write;

import dev.coframe.processor.ir.Block;
import dev.coframe.processor.ir.Exit;
import dev.coframe.processor.ir.Instr;
import dev.coframe.processor.lower.Lowerer;
import java.util.List;

/**
 * A coroutine's state machine as a Graphviz diagram ({@code -Acoframe.graph=DIR}): a node per
 * state (block), the source statements it runs with their lines, its suspension point highlighted
 * (a resumed state names the point and its line); solid edges for
 * jumps and fall-through, dotted for where an exception in a protected block goes.
 */
public final class GraphWriter {
  private GraphWriter() {}

  public static String dot(String name, Lowerer.Lowered lowered) {
    StringBuilder g = new StringBuilder("digraph \"" + escape(name) + "\" {\n  node [shape=box, fontname=\"monospace\"];\n");
    List<Block> blocks = lowered.body().blocks();
    for (int i = 0; i < blocks.size(); i++) {
      Block b = blocks.get(i);
      StringBuilder label = new StringBuilder("state " + b.id());
      if (b.resumedAt() != null) {
        label.append("\\nresumed after ").append(escape(b.resumedAt().what())).append(" (line ")
            .append(b.resumedAt().line()).append(')');
      }
      boolean suspends = false;
      for (Instr in : b.instrs()) {
        if (in instanceof Instr.Comment c) {
          label.append("\\n").append(c.line()).append(": ").append(escape(c.text()));
        } else if (in instanceof Instr.Suspend) {
          suspends = true;
        }
      }
      g.append("  s").append(b.id()).append(" [label=\"").append(label).append("\"")
          .append(suspends ? ", style=filled, fillcolor=lightyellow" : "").append("];\n");
      for (Instr in : b.instrs()) {
        if (in instanceof Instr.Goto t) {
          edge(g, b, t.target(), "");
        } else if (in instanceof Instr.IfNot c) {
          edge(g, b, c.target(), "label=\"else\"");
        } else if (in instanceof Instr.Verbatim v) {
          for (Exit e : v.exits()) {
            edge(g, b, e.target(), "");
          }
        } else if (in instanceof Instr.Suspend s) {
          edge(g, b, s.point().continuation(), "label=\"resume\", color=orange");
        }
      }
      if (b.fallsThrough() && i + 1 < blocks.size() && !(last(b) instanceof Instr.Suspend)) {
        edge(g, b, blocks.get(i + 1), "");
      }
      if (b.region() != null && b.region().handler() != null) {
        edge(g, b, b.region().handler(), "style=dotted, label=\"throws\"");
      }
    }
    return g.append("}\n").toString();
  }

  private static Instr last(Block b) {
    return b.instrs().isEmpty() ? null : b.instrs().get(b.instrs().size() - 1);
  }

  private static void edge(StringBuilder g, Block from, Block to, String attributes) {
    g.append("  s").append(from.id()).append(" -> s").append(to.id())
        .append(attributes.isEmpty() ? "" : " [" + attributes + "]").append(";\n");
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
  }
}

package dev.coframe.processor.lower;

import dev.coframe.processor.ir.Block;
import dev.coframe.processor.ir.Body;
import dev.coframe.processor.ir.Exit;
import dev.coframe.processor.ir.Instr;
import dev.coframe.processor.ir.Point;
import dev.coframe.processor.ir.Region;
import dev.coframe.processor.ir.Uses;
import dev.coframe.processor.ir.Var;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which variables each suspension point must keep: those the code may read after resuming before
 * it writes them (backward dataflow over the blocks; an exception in a protected region continues
 * at its handler). A suspended frame keeps exactly these, nothing the code will not read again.
 */
public final class Liveness {
  private final Body body;
  private final Map<Var, Integer> index = new HashMap<>();
  private final Map<Block, BitSet> liveIn = new HashMap<>();

  private Liveness(Body body) {
    this.body = body;
    for (Var v : body.vars()) {
      index.put(v, index.size());
    }
  }

  /** Per suspension point, the variables live there, in the order the body declares them. */
  public static Map<Point, List<Var>> of(Body body) {
    Liveness l = new Liveness(body);
    l.solve();
    Map<Point, List<Var>> out = new LinkedHashMap<>();
    for (Point p : body.points()) {
      out.put(p, l.vars(l.atSuspension(p)));
    }
    return out;
  }

  private void solve() {
    for (Block b : body.blocks()) {
      liveIn.put(b, new BitSet());
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      List<Block> blocks = body.blocks();
      for (int i = blocks.size() - 1; i >= 0; i--) {
        Block b = blocks.get(i);
        BitSet in = transfer(b, liveOut(b, i));
        if (!in.equals(liveIn.get(b))) {
          liveIn.put(b, in);
          changed = true;
        }
      }
    }
  }

  /** What is live when {@code b} (at position {@code i}) ends: its fall-through successor's, and its handler's. */
  private BitSet liveOut(Block b, int i) {
    BitSet out = new BitSet();
    if (b.fallsThrough() && i + 1 < body.blocks().size()) {
      out.or(liveIn.get(body.blocks().get(i + 1)));
    }
    return out;
  }

  /**
   * Backward through the block's instructions; every instruction of a protected block may throw
   * to its handler, so what the handler needs is live before each (a kill later in the block does
   * not hide it).
   */
  private BitSet transfer(Block b, BitSet out) {
    BitSet live = (BitSet) out.clone();
    BitSet handler = handlerLive(b.region());
    live.or(handler);
    List<Instr> is = b.instrs();
    for (int k = is.size() - 1; k >= 0; k--) {
      Instr i = is.get(k);
      if (i instanceof Instr.Goto g) {
        live = (BitSet) liveIn.get(g.target()).clone();
        live.or(handler);
      } else if (i instanceof Instr.IfNot c) {
        live.or(liveIn.get(c.target()));
        apply(live, c.uses());
      } else if (i instanceof Instr.Verbatim v) {
        if (v.completion() == Instr.Completion.NEVER) {
          live = (BitSet) handler.clone();
        }
        for (Exit e : v.exits()) {
          BitSet along = (BitSet) liveIn.get(e.target()).clone();
          e.kills().forEach(killed -> along.clear(index.get(killed)));
          live.or(along);
        }
        apply(live, v.uses());
      } else if (i instanceof Instr.Suspend s) {
        BitSet suspended = atSuspension(s, live);
        if (s.onSync() != null) {
          apply(live, s.syncUses());
        }
        live.or(suspended);
        apply(live, s.checkUses());
      } else if (i instanceof Instr.Return r) {
        live = new BitSet();
        apply(live, r.uses());
      } else if (i instanceof Instr.Throw t) {
        live = (BitSet) handler.clone();
        apply(live, t.uses());
      } else if (i instanceof Instr.Code c) {
        apply(live, c.uses());
      }
      if (!(i instanceof Instr.Goto || i instanceof Instr.Comment)) {
        live.or(handler); // it may throw before its kills take effect
      }
    }
    return live;
  }

  private BitSet handlerLive(Region r) {
    BitSet out = new BitSet();
    if (r != null && r.handler() != null) {
      out.or(liveIn.get(r.handler()));
      out.clear(index.get(r.caught()));
    }
    return out;
  }

  /**
   * Live while suspended at {@code s}: what the continuation needs, less what resuming itself
   * provides; and what the innermost finally needs, which a generator closed here runs.
   */
  private BitSet atSuspension(Instr.Suspend s, BitSet after) {
    BitSet live = (BitSet) after.clone();
    apply(live, s.resumeUses());
    Point p = s.point();
    if (p.finallyEntry() != null) {
      BitSet closing = (BitSet) liveIn.get(p.finallyEntry()).clone();
      closing.clear(index.get(p.finallyPending()));
      body.destroyForgets().forEach(v -> closing.clear(index.get(v)));
      live.or(closing);
    }
    return live;
  }

  private BitSet atSuspension(Point p) {
    Block continuation = p.continuation();
    for (Block b : body.blocks()) {
      for (Instr i : b.instrs()) {
        if (i instanceof Instr.Suspend s && s.point() == p) {
          return atSuspension(s, liveIn.get(continuation));
        }
      }
    }
    throw new IllegalStateException("no suspension for " + p);
  }

  private void apply(BitSet live, Uses u) {
    for (Var v : u.kills()) {
      live.clear(index.get(v));
    }
    for (Var v : u.reads()) {
      live.set(index.get(v));
    }
  }

  private List<Var> vars(BitSet set) {
    List<Var> out = new ArrayList<>();
    for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
      out.add(body.vars().get(i));
    }
    return out;
  }
}

package dev.coframe.processor.ir;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link Body}: blocks placed in emission order (each placed block is the current one,
 * which instructions go to), variables, suspension points and protected regions.
 *
 * <p>In fields mode (a body too large for one method, split into several) every variable lives in
 * the frame: code refers to it as {@code frame$.name}, and the region being run is kept there too.
 */
public final class Builder {
  private final boolean fields;
  private final List<Block> blocks = new ArrayList<>();
  private final List<Var> vars = new ArrayList<>();
  private final List<Point> points = new ArrayList<>();
  private final List<Region> regions = new ArrayList<>();
  private Region region;
  private Block current;

  public Builder(boolean fields) {
    this.fields = fields;
    place(newBlock());
  }

  public boolean fields() {
    return fields;
  }

  /** How code refers to the region being run: a local of the body method, or the frame's field. */
  public String regionRef() {
    return fields ? "frame$.region$" : "region$";
  }

  /** A new block in the current region, to be placed later (a jump target ahead). */
  public Block newBlock() {
    return new Block(region);
  }

  /** Places {@code b} after the blocks placed so far; code now goes to it. */
  public void place(Block b) {
    if (b.id() >= 0) {
      throw new IllegalStateException(b + " placed twice");
    }
    b.id(blocks.size());
    blocks.add(b);
    current = b;
  }

  public Block current() {
    return current;
  }

  /** Whether code added now can run: false after a jump, return or throw, until a block is placed. */
  public boolean reachable() {
    return current.fallsThrough();
  }

  /** Adds {@code i} to the current block, unless nothing can reach it (javac rejects unreachable code). */
  public void add(Instr i) {
    if (reachable()) {
      current.instrs().add(i);
    }
  }

  public void code(CodeBlock code, Uses uses) {
    add(new Instr.Code(code, uses));
  }

  public void comment(String text, long line) {
    add(new Instr.Comment(text, line));
  }

  /** Continues at {@code target}: a jump, or nothing if {@code target} is placed next. */
  public void jump(Block target) {
    add(new Instr.Goto(target));
  }

  public void ifNot(CodeBlock cond, Uses uses, Block target) {
    add(new Instr.IfNot(cond, uses, target));
  }

  /**
   * A suspension point at the current position, inside the split {@code finally} starting at
   * {@code finallyEntry} (or none); its continuation is placed next, so the code that follows runs
   * after the point, resumed or not.
   */
  public Point suspend(long line, String what, CodeBlock check, Uses checkUses, CodeBlock onResume,
      Uses resumeUses, CodeBlock onSync, Uses syncUses, Block finallyEntry, Var finallyPending) {
    Block continuation = newBlock();
    Point p = new Point(continuation, line, what, finallyEntry, finallyPending);
    add(new Instr.Suspend(p, check, checkUses, onResume, resumeUses, onSync, syncUses));
    place(continuation);
    continuation.resumedAt(p);
    points.add(p);
    return p;
  }

  public Var newVar(String name, TypeName type, Var.Kind kind, String source) {
    return newVar(name, type, kind, source, fields ? "frame$." + name : name);
  }

  /** A variable code refers to as {@code ref} in every mode (the receiver, a final local of every part). */
  public Var newVar(String name, TypeName type, Var.Kind kind, String source, String ref) {
    Var v = new Var(name, type, kind, source, ref);
    vars.add(v);
    return v;
  }

  /** Blocks created from now on are protected by a new region, nested in the current one. */
  public Region enterRegion(Var caught) {
    region = new Region(regions.size() + 1, region, caught);
    regions.add(region);
    return region;
  }

  /** Ends region {@code r}: blocks created from now on are protected by its parent. */
  public void exitRegion(Region r) {
    if (r != region) {
      throw new IllegalStateException("regions must nest");
    }
    region = r.parent();
  }

  /** Goes back into region {@code r}, a child of the current region ended before. */
  public void reenter(Region r) {
    if (r.parent() != region) {
      throw new IllegalStateException("regions must nest");
    }
    region = r;
  }

  /** Exceptions in {@code r} continue at {@code handler} (a block of the parent region). */
  public void handle(Region r, Block handler) {
    r.handler(handler);
  }

  public Region region() {
    return region;
  }

  public Body build(java.util.Set<Var> destroyForgets) {
    return new Body(List.copyOf(blocks), List.copyOf(vars), List.copyOf(points), List.copyOf(regions), fields,
        java.util.Set.copyOf(destroyForgets));
  }
}

package dev.coframe.processor.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * A state of the body: a straight sequence of instructions entered at its top, by falling
 * through from the block before it, by a jump, or — for the continuation of a suspension point —
 * by resuming. It ends with a {@link Instr.Goto}, a {@link Instr.Return} or {@link Instr.Throw},
 * or falls through to the next block. Its id is its state number.
 */
public final class Block {
  private int id = -1;
  private final Region region;
  private final List<Instr> instrs = new ArrayList<>();
  private Point resumedAt;
  private int part;
  private boolean setsRegion;

  Block(Region region) {
    this.region = region;
  }

  /** The state number: the block's place in the body (set when it is placed). */
  public int id() {
    return id;
  }

  void id(int id) {
    this.id = id;
  }

  /** The innermost protected region the block's code runs in, or null. */
  public Region region() {
    return region;
  }

  public List<Instr> instrs() {
    return instrs;
  }

  /** The suspension point this block continues after (its resume point), or null. */
  public Point resumedAt() {
    return resumedAt;
  }

  void resumedAt(Point p) {
    resumedAt = p;
  }

  /** Which method of a body split into several this block is emitted in (0 when it is one). */
  public int part() {
    return part;
  }

  public void part(int p) {
    part = p;
  }

  /**
   * Whether the block sets the protected region it runs in when entered: a jump from the user's
   * text that leaves a {@code try} kept as written lands here without setting it, as the resources
   * closed and the {@code finally} run on the way out still belong to the region it leaves.
   */
  public boolean setsRegion() {
    return setsRegion;
  }

  public void setsRegionOnEntry() {
    setsRegion = true;
  }

  /** Whether control can run off the end of this block into the next one. */
  public boolean fallsThrough() {
    if (instrs.isEmpty()) {
      return true;
    }
    Instr last = instrs.get(instrs.size() - 1);
    if (last instanceof Instr.Verbatim v) {
      return v.completion() != Instr.Completion.NEVER;
    }
    return !(last instanceof Instr.Goto || last instanceof Instr.Return || last instanceof Instr.Throw);
  }

  @Override
  public String toString() {
    return "B" + id;
  }
}

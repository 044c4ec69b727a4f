package dev.coframe.processor.ir;

/**
 * A protected region of the body ({@code try} block or {@code catch} block of a split
 * {@code try}): an exception thrown by the code of its blocks continues at {@code handler}, which
 * finds the matching {@code catch} or runs the {@code finally}, with the exception in
 * {@code caught}. Regions nest: the handler's own code runs in {@code parent}.
 */
public final class Region {
  private final int id;
  private final Region parent;
  private Block handler;
  private final Var caught;

  Region(int id, Region parent, Var caught) {
    this.id = id;
    this.parent = parent;
    this.caught = caught;
  }

  public int id() {
    return id;
  }

  public Region parent() {
    return parent;
  }

  public Block handler() {
    return handler;
  }

  void handler(Block h) {
    handler = h;
  }

  /** The variable the exception is stored in when it reaches the handler. */
  public Var caught() {
    return caught;
  }
}

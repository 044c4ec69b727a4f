package dev.coframe.processor.ir;

/**
 * The code of a jump from the code of block {@code from} to {@code target}, written when the body
 * is emitted (once every block is placed and assigned to a method): set the region the target
 * runs in if it differs (unless the target sets it itself, {@link Block#setsRegion()}), then
 * continue the dispatch loop at the target — or, if the target is in another part of a body split
 * into several methods, return its state to the driver.
 */
public record JumpText(Block from, Block target, String regionRef) {
  @Override
  public String toString() {
    String region = target.region() == from.region() || target.setsRegion() ? ""
        : regionRef + " = " + (target.region() == null ? 0 : target.region().id()) + "; ";
    return region + (target.part() == from.part() ? "next$ = " + target.id() + "; continue $dispatch;"
        : "return " + target.id() + ";");
  }
}

package dev.coframe.processor.ir;

import java.util.List;

/**
 * The lowered body of one coroutine: its blocks in emission order (block 0 is the entry), its
 * variables, its suspension points and its protected regions; {@code fields}: lowered in fields
 * mode (see {@link Builder}).
 */
public record Body(List<Block> blocks, List<Var> vars, List<Point> points, List<Region> regions, boolean fields) {
  public boolean hasRegions() {
    return !regions.isEmpty();
  }
}

package dev.coframe.processor.ir;

import java.util.List;

/**
 * The lowered body of one coroutine: its blocks in emission order (block 0 is the entry), its
 * variables, its suspension points and its protected regions; {@code fields}: lowered in fields
 * mode (see {@link Builder}); {@code destroyForgets}: what no destroy path reads (the pending
 * completions of split {@code finally} blocks, and the exceptions and value they keep: a destroy
 * replaces them with its own before anything would read them), however they are live otherwise.
 */
public record Body(List<Block> blocks, List<Var> vars, List<Point> points, List<Region> regions, boolean fields,
    java.util.Set<Var> destroyForgets) {
  public boolean hasRegions() {
    return !regions.isEmpty();
  }
}

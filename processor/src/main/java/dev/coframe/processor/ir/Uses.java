package dev.coframe.processor.ir;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a piece of generated code does with the body's variables: which it may read, and which it
 * certainly assigns before reading (a kill, for liveness). Conservative: a variable the code may or
 * may not read is read; one it may or may not assign is not killed.
 */
public record Uses(Set<Var> reads, Set<Var> kills) {
  public static final Uses NONE = new Uses(Set.of(), Set.of());

  public Uses {
    reads = Collections.unmodifiableSet(new LinkedHashSet<>(reads));
    kills = Collections.unmodifiableSet(new LinkedHashSet<>(kills));
  }

  public static Uses reading(Var... vs) {
    return new Uses(Set.of(vs), Set.of());
  }

  public static Uses reading(Set<Var> vs) {
    return new Uses(vs, Set.of());
  }

  /** Code that reads what {@code this} reads and then certainly assigns {@code v}. */
  public Uses thenKilling(Var v) {
    Set<Var> k = new LinkedHashSet<>(kills);
    k.add(v);
    return new Uses(reads, k);
  }

  /** Code that does what {@code this} does, then what {@code next} does. */
  public Uses then(Uses next) {
    Set<Var> r = new LinkedHashSet<>(reads);
    for (Var v : next.reads) {
      if (!kills.contains(v)) {
        r.add(v);
      }
    }
    Set<Var> k = new LinkedHashSet<>(kills);
    k.addAll(next.kills);
    return new Uses(r, k);
  }

  /** Code that may do either: reads of both, kills of both only. */
  public Uses or(Uses other) {
    Set<Var> r = new LinkedHashSet<>(reads);
    r.addAll(other.reads);
    Set<Var> k = new LinkedHashSet<>(kills);
    k.retainAll(other.kills);
    return new Uses(r, k);
  }

  /** The same reads, and no kill (code that may not complete, or may not run). */
  public Uses maybe() {
    return new Uses(reads, Set.of());
  }
}

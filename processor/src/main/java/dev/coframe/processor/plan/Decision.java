package dev.coframe.processor.plan;

import dev.coframe.processor.analysis.CallGraph;
import dev.coframe.processor.diag.Message;

/**
 * Where one call site's child frame comes from, and why: the elision {@code requested} for it (by
 * the call, the callee's declaration, or the default {@code MAY}), {@code requestedBy} saying
 * which, the {@link Placement} chosen, and the reason in words (for the report and the notes).
 * An embedded site names the parent's field that holds the child frame.
 */
public record Decision(CallGraph.Site site, long line, Elision requested, String requestedBy, Placement placement,
    String reason, String field) {

  /** P2477's {@code coro_elision}, as the processor reads it from {@code dev.coframe.Elision}. */
  public enum Elision { MAY, ALWAYS, NEVER }

  /** Where the child frame lives. */
  public enum Placement {
    /** In a field of the parent's frame, made on first use and reused by every later call there. */
    EMBEDDED,
    /** From the allocator, only if the child really suspends (a child that completes needs none). */
    LAZY,
    /** From the allocator at the call, every call. */
    AT_CALL
  }

  public boolean embedded() {
    return placement == Placement.EMBEDDED;
  }

  /** Where the child frame lives, in words (a note's {@code {placement}}). */
  public String placementText() {
    return switch (placement) {
      case EMBEDDED -> Message.PLACED_EMBEDDED.format(site.caller().name());
      case LAZY -> Message.PLACED_LAZY.format();
      case AT_CALL -> Message.PLACED_AT_CALL.format();
    };
  }

  /** Who asked for the elision, in words, or nothing for the default (a note's {@code {requestedBy}}). */
  public String fromText() {
    return requestedBy.isEmpty() ? "" : Message.FROM.format(requestedBy);
  }
}

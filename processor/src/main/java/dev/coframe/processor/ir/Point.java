package dev.coframe.processor.ir;

/**
 * A suspension point of a body: where it may suspend, where it resumes, and the user's source
 * position, for comments, reports and stack traces.
 *
 * @param continuation the block the body continues with, after resuming or without suspending;
 *     its id is the point's resume index
 * @param line the user's source line (1-based)
 * @param what the call or await, as the user wrote it (shortened)
 * @param finallyEntry the innermost split {@code finally} around the point, or null: where a
 *     generator closed while suspended here continues (its destroy path)
 * @param finallyPending that finally's pending completion variable, or null
 */
public record Point(Block continuation, long line, String what, Block finallyEntry, Var finallyPending) {
  public int state() {
    return continuation.id();
  }
}

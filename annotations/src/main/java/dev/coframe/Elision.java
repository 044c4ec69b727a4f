package dev.coframe;

/**
 * Whether a child coroutine's frame is embedded in its parent's frame (P2477 {@code coro_elision}).
 */
public enum Elision {
  /** Implementation-defined: embedded when the processor can prove the child's lifetime is nested. */
  MAY,
  /** Always embedded; where that cannot be honoured the call is a compile error. */
  ALWAYS,
  /** Never embedded: the child's frame always comes from the current frame allocator. */
  NEVER
}

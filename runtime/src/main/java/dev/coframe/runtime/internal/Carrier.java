package dev.coframe.runtime.internal;

/**
 * A thread made by the runtime to run coroutines (a {@code WorkStealingPool}'s worker): it holds
 * its Coframe entry in a field, so {@link Allocators#here()} finds it without a thread-local lookup.
 */
public interface Carrier {
  /** This thread's entry. */
  Allocators.PerThread coframeEntry();
}

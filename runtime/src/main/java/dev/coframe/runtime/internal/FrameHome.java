package dev.coframe.runtime.internal;

/** Where an allocated frame goes back: its allocator's side (for a recycling one, a thread's cache). */
public interface FrameHome {
  /** Takes back {@code f}, whose run is over and whose result was taken (re-armed, FREE): to reuse, or to drop. */
  void release(Frame<?> f);

  /** {@code f}'s run is over but its handle may still be read (a launched root): counted back, never reused. */
  void dropped(Frame<?> f);
}

package dev.coframe.runtime;

import java.util.concurrent.CopyOnWriteArrayList;

/** Every frame made with {@code new}, every time; frames given back are left to the garbage collector. */
public final class HeapAllocator implements FrameAllocator {
  private final CopyOnWriteArrayList<AllocatorCounters> all = new CopyOnWriteArrayList<>();
  private final ThreadLocal<AllocatorCounters> counters = ThreadLocal.withInitial(() -> AllocatorCounters.register(all));
  private final FrameHome home = new FrameHome() {
    @Override
    public void release(Frame<?> f) {
      counters.get().gotBack();
    }

    @Override
    public void dropped(Frame<?> f) {
      counters.get().gotBack();
    }
  };

  @Override
  public <F extends Frame<?>> F allocate(FrameKind<F> kind) {
    F f = kind.make();
    f.handedOut(home, kind.id());
    counters.get().handedOut(true);
    return f;
  }

  @Override
  public AllocatorStats stats() {
    return AllocatorCounters.sum(all);
  }

  @Override
  public void resetStats() {
    AllocatorCounters.resetAll(all);
  }

  @Override
  public String toString() {
    return "HeapAllocator" + stats();
  }
}

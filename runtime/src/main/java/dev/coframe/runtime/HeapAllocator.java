package dev.coframe.runtime;

import dev.coframe.runtime.internal.AllocatorCounters;
import dev.coframe.runtime.internal.CountingAllocator;
import dev.coframe.runtime.internal.Frame;
import dev.coframe.runtime.internal.FrameHome;
import dev.coframe.runtime.internal.FrameKind;

/** Every frame made with {@code new}, every time; frames given back are left to the garbage collector. */
public final class HeapAllocator extends CountingAllocator {
  private final ThreadLocal<AllocatorCounters> counters = ThreadLocal.withInitial(this::newCounters);
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
}

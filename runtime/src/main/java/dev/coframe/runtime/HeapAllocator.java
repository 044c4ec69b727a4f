package dev.coframe.runtime;

/** Every frame made with {@code new}, every time; frames given back are left to the garbage collector. */
public final class HeapAllocator extends AbstractFrameAllocator {
  @Override
  protected Object reuse(Class<?> frameClass) {
    return null;
  }

  @Override
  protected void giveBack(Object frame) {}
}

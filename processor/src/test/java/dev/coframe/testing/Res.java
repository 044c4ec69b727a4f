package dev.coframe.testing;

/**
 * A resource for the differential tests' try-with-resources: opening and closing are logged, and a
 * resource opened with {@code k ≡ 1 (mod 5)} throws when closed, so the close order and JLS
 * 14.20.3's suppressed exceptions show in the log.
 */
public final class Res implements AutoCloseable {
  private final String name;
  private final boolean failsOnClose;

  private Res(String name, boolean failsOnClose) {
    this.name = name;
    this.failsOnClose = failsOnClose;
  }

  /** Opens (logs) the resource {@code name}; it fails on close if {@code k ≡ 1 (mod 5)}. */
  public static Res open(String name, int k) {
    Log.add("open " + name + " " + k);
    return new Res(name, Math.floorMod(k, 5) == 1);
  }

  @Override
  public void close() {
    Log.add("close " + name);
    if (failsOnClose) {
      throw new IllegalStateException("close " + name);
    }
  }

  /** What the log shows of a caught exception: its message (NPE's names bytecode locals) and how many it suppressed. */
  public static String describe(Throwable t) {
    String m = t instanceof NullPointerException ? "NPE" : t.getMessage();
    return t.getSuppressed().length == 0 ? m : m + " (suppressed " + t.getSuppressed().length + ")";
  }
}

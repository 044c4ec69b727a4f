package dev.coframe.runtime.internal;

import dev.coframe.runtime.Awaitable;
import dev.coframe.runtime.Co;
import dev.coframe.runtime.Generator;
import dev.coframe.runtime.Task;
import java.io.IOException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Frames written by hand in the shape the processor generates (see {@link Frame}'s javadoc): a
 * typed base ({@link IntFrame}, {@link RefFrame}...), fields for the parameters and for what a
 * suspension point keeps, {@code run()} calling the static body {@code run$} with the frame, and
 * the body itself — locals, on resumption what the frame kept read back and what was awaited taken,
 * a {@code switch} on the state, and at a suspension point the live locals written into the frame
 * (created if the body has none) before {@link Strand#suspend}. A call of another coroutine calls
 * its body directly. Each frame quotes the user's source it stands for; the static methods play
 * the part of the generated factories ({@code XCoroutines.x(..)}).
 */
final class HandFrames {
  private HandFrames() {}

  // =========================================================================== chain

  /**
   * Factory of:
   *
   * <pre>{@code
   * @Coroutine static int chain(int n, Awaitable<Integer> leaf) {
   *   if (n == 0) return leaf == null ? 0 : await(leaf);
   *   return chain(n - 1, leaf) + 1;
   * }
   * }</pre>
   */
  static Task<Integer> chain(int n, Awaitable<Integer> leaf) {
    Chain frame = Chain.KIND.allocate();
    frame.n = n;
    frame.leaf = leaf;
    return frame;
  }

  /** {@code chain(n, null)}: a chain that completes synchronously. */
  static Task<Integer> chain(int n) {
    return chain(n, null);
  }

  /** Frame of {@code chain(int, Awaitable)}. */
  @FrameInfo("HandFrames.chain(int,Awaitable)")
  static final class Chain extends IntFrame {
    static final FrameKind<Chain> KIND = new FrameKind<>(Contract.VERSION, new Chain());

    private int n;
    private Awaitable<Integer> leaf;

    @Override
    protected void run() throws Throwable {
      Awaitable<Integer> leaf = this.leaf; this.leaf = null;
      done(run$(strand(), this, state, depth(), n, leaf));
    }

    static int run$(Strand cx, Chain frame, int next, int depth, int n, Awaitable<Integer> leaf) throws Throwable {
      if (next == 0 && depth >= Strand.MAX_DEPTH) {
        // too deep for this stack: the trampoline runs it
        if (frame == null) frame = Chain.KIND.allocate(cx);
        frame.n = n; frame.leaf = leaf;
        cx.bounce(frame);
        return 0;
      }
      Object aw = null;
      int child = 0;
      switch (next) {
        case 1: // resumed after chain(n - 1, leaf)
          child = ((Chain) frame.takeAwaited()).takeInt();
          break;
        case 2: // resumed after await(leaf)
          aw = frame.takeAwaited();
          break;
        default:
          break;
      }
      switch (next) {
        case 0:
          if (n == 0) {
            // return leaf == null ? 0 : await(leaf);
            if (leaf == null) {
              return 0;
            }
            aw = awaiting(leaf);
            if (!cx.ready(aw, depth)) {
              if (frame == null) frame = Chain.KIND.allocate(cx);
              cx.suspend(frame, 2);
              return 0;
            }
            return Frame.<Integer>valueOf(aw);
          }
          // return chain(n - 1, leaf) + 1;
          child = Chain.run$(cx, null, 0, depth + 1, n - 1, leaf);
          if (cx.suspended()) {
            if (frame == null) frame = Chain.KIND.allocate(cx);
            cx.suspend(frame, 1);
            return 0;
          }
          // fall through
        case 1:
          return child + 1;
        case 2:
          return Frame.<Integer>valueOf(aw);
        default:
          throw frame.badState(next);
      }
    }
  }

  // =========================================================================== asyncLoop

  /**
   * Factory of:
   *
   * <pre>{@code
   * @Coroutine static long asyncLoop(int n, IntFunction<Awaitable<Integer>> source) {
   *   long sum = 0;
   *   for (int i = 0; i < n; i++) sum += await(source.apply(i));
   *   return sum;
   * }
   * }</pre>
   */
  static Task<Long> asyncLoop(int n, IntFunction<Awaitable<Integer>> source) {
    AsyncLoop frame = AsyncLoop.KIND.allocate();
    frame.n = n;
    frame.source = source;
    return frame;
  }

  /** Frame of {@code asyncLoop(int, IntFunction)}. */
  @FrameInfo("HandFrames.asyncLoop(int,IntFunction)")
  static final class AsyncLoop extends LongFrame {
    static final FrameKind<AsyncLoop> KIND = new FrameKind<>(Contract.VERSION, new AsyncLoop());

    private int n;
    private IntFunction<Awaitable<Integer>> source;
    private long sum;
    private int i;

    @Override
    protected void run() throws Throwable {
      IntFunction<Awaitable<Integer>> source = this.source; this.source = null;
      done(run$(strand(), this, state, depth(), n, source));
    }

    static long run$(Strand cx, AsyncLoop frame, int next, int depth, int n,
        IntFunction<Awaitable<Integer>> source) throws Throwable {
      long sum = 0;
      int i = 0;
      Object aw = null;
      switch (next) {
        case 2: // resumed after await(source.apply(i))
          sum = frame.sum; i = frame.i;
          aw = frame.takeAwaited();
          break;
        default:
          break;
      }
      dispatch:
      for (;;) {
        switch (next) {
          case 0:
            sum = 0;
            i = 0;
            // fall through
          case 1:
            if (!(i < n)) {
              return sum;
            }
            // sum += await(source.apply(i));
            aw = awaiting(source.apply(i));
            if (!cx.ready(aw, depth)) {
              if (frame == null) frame = AsyncLoop.KIND.allocate(cx);
              frame.n = n; frame.source = source; frame.sum = sum; frame.i = i;
              cx.suspend(frame, 2);
              return 0;
            }
            // fall through
          case 2:
            sum += Frame.<Integer>valueOf(aw);
            i++;
            next = 1;
            continue dispatch;
          default:
            throw frame.badState(next);
        }
      }
    }
  }

  // =========================================================================== awaitables

  /** Not ready when asked; once awaited, completes by posting to {@code executor}. */
  static final class Posted<T> implements Awaitable<T> {
    private final Executor executor;
    private final T value;
    private volatile boolean ready;

    Posted(Executor executor, T value) {
      this.executor = executor;
      this.value = value;
    }

    @Override
    public boolean isReady() {
      return ready;
    }

    @Override
    public void onReady(Runnable continuation) {
      executor.execute(() -> {
        ready = true;
        continuation.run();
      });
    }

    @Override
    public T result() {
      return value;
    }
  }

  /** Not ready when asked; {@code onReady} runs the continuation at once, on the calling thread. */
  static final class Immediate<T> implements Awaitable<T> {
    private final T value;
    private boolean ready;

    Immediate(T value) {
      this.value = value;
    }

    @Override
    public boolean isReady() {
      return ready;
    }

    @Override
    public void onReady(Runnable continuation) {
      ready = true;
      continuation.run();
    }

    @Override
    public T result() {
      return value;
    }
  }

  /** An awaitable completed by hand, from any thread; can carry a failure. */
  static final class Gate<T> implements Awaitable<T> {
    private T value;
    private Throwable failure;
    private Runnable continuation;
    private boolean ready;

    @Override
    public synchronized boolean isReady() {
      return ready;
    }

    @Override
    public void onReady(Runnable c) {
      synchronized (this) {
        if (!ready) {
          continuation = c;
          return;
        }
      }
      c.run();
    }

    void complete(T v) {
      settle(v, null);
    }

    void fail(Throwable t) {
      settle(null, t);
    }

    private void settle(T v, Throwable t) {
      Runnable c;
      synchronized (this) {
        value = v;
        failure = t;
        ready = true;
        c = continuation;
        continuation = null;
      }
      if (c != null) {
        c.run();
      }
    }

    synchronized boolean hasContinuation() {
      return continuation != null;
    }

    @Override
    public synchronized T result() {
      if (failure != null) {
        throw Sneaky.rethrow(failure);
      }
      return value;
    }
  }

  // =========================================================================== failures

  /**
   * Factory of {@code @Coroutine static int thrower(Awaitable<?> first, Throwable t) throws
   * Exception { if (first != null) await(first); throw t; }}: fails synchronously, or after a
   * real suspension when {@code first} is not ready.
   */
  static Task<Integer> thrower(Awaitable<?> first, Throwable t) {
    Thrower frame = Thrower.KIND.allocate();
    frame.first = first;
    frame.t = t;
    return frame;
  }

  /** Frame of {@code thrower(Awaitable, Throwable)}. */
  @FrameInfo("HandFrames.thrower(Awaitable,Throwable)")
  static final class Thrower extends IntFrame {
    static final FrameKind<Thrower> KIND = new FrameKind<>(Contract.VERSION, new Thrower());

    private Awaitable<?> first;
    private Throwable t;

    @Override
    protected void run() throws Throwable {
      Awaitable<?> first = this.first; this.first = null;
      Throwable t = this.t; this.t = null;
      done(run$(strand(), this, state, depth(), first, t));
    }

    static int run$(Strand cx, Thrower frame, int next, int depth, Awaitable<?> first, Throwable t) throws Throwable {
      Object aw = null;
      switch (next) {
        case 1: // resumed after await(first)
          aw = frame.takeAwaited();
          break;
        default:
          break;
      }
      switch (next) {
        case 0:
          // if (first != null) await(first);
          if (first == null) {
            throw t;
          }
          aw = awaiting(first);
          if (!cx.ready(aw, depth)) {
            if (frame == null) frame = Thrower.KIND.allocate(cx);
            frame.t = t;
            cx.suspend(frame, 1);
            return 0;
          }
          // fall through
        case 1:
          valueOf(aw);
          // throw t;
          throw t;
        default:
          throw frame.badState(next);
      }
    }
  }

  /** Factory of {@code @Coroutine static int plusOne(Task<Integer> c) { return await(c) + 1; }}: no catch. */
  static Task<Integer> plusOne(Task<Integer> child) {
    PlusOne frame = PlusOne.KIND.allocate();
    frame.c = child;
    return frame;
  }

  /** Frame of {@code plusOne(Task)}; awaits a lazy task as a child on its strand. */
  @FrameInfo("HandFrames.plusOne(Task)")
  static final class PlusOne extends IntFrame {
    static final FrameKind<PlusOne> KIND = new FrameKind<>(Contract.VERSION, new PlusOne());

    private Task<Integer> c;

    @Override
    protected void run() throws Throwable {
      Task<Integer> c = this.c; this.c = null;
      done(run$(strand(), this, state, depth(), c));
    }

    static int run$(Strand cx, PlusOne frame, int next, int depth, Task<Integer> c) throws Throwable {
      Object aw = null;
      switch (next) {
        case 1: // resumed after await(c)
          aw = frame.takeAwaited();
          break;
        default:
          break;
      }
      switch (next) {
        case 0:
          // return await(c) + 1;
          aw = awaiting(c);
          if (!cx.ready(aw, depth)) {
            if (frame == null) frame = PlusOne.KIND.allocate(cx);
            cx.suspend(frame, 1);
            return 0;
          }
          // fall through
        case 1:
          return Frame.<Integer>valueOf(aw) + 1;
        default:
          throw frame.badState(next);
      }
    }
  }

  /**
   * Factory of:
   *
   * <pre>{@code
   * @Coroutine static int recover(Task<Integer> c) {
   *   try { return await(c); } catch (IOException e) { return -1; }
   * }
   * }</pre>
   *
   * The exception caught is kept in the frame for the test to inspect (when the frame exists).
   */
  static Task<Integer> recover(Task<Integer> child) {
    Recover frame = Recover.KIND.allocate();
    frame.c = child;
    return frame;
  }

  /** Frame of {@code recover(Task)}. */
  @FrameInfo("HandFrames.recover(Task)")
  static final class Recover extends IntFrame {
    static final FrameKind<Recover> KIND = new FrameKind<>(Contract.VERSION, new Recover());

    private Task<Integer> c;
    /** The exception caught, kept for the test to inspect. */
    IOException caught;

    @Override
    protected void run() throws Throwable {
      Task<Integer> c = this.c; this.c = null;
      done(run$(strand(), this, state, depth(), c));
    }

    static int run$(Strand cx, Recover frame, int next, int depth, Task<Integer> c) throws Throwable {
      Object aw = null;
      try {
        switch (next) {
          case 1: // resumed after await(c)
            aw = frame.takeAwaited();
            break;
          default:
            break;
        }
        switch (next) {
          case 0:
            // try { return await(c); }
            aw = awaiting(c);
            if (!cx.ready(aw, depth)) {
              if (frame == null) frame = Recover.KIND.allocate(cx);
                cx.suspend(frame, 1);
              return 0;
            }
            // fall through
          case 1:
            return Frame.<Integer>valueOf(aw);
          default:
            throw frame.badState(next);
        }
      } catch (Throwable e) {
        // catch (IOException e) { return -1; }
        if (e instanceof IOException) {
          if (frame != null) {
            frame.caught = (IOException) e;
          }
          return -1;
        }
        throw e;
      }
    }
  }

  // =========================================================================== constants

  /** Factory of {@code @Coroutine static <T> T constant(T v) { return v; }}; counts its runs. */
  static <T> Task<T> constant(T v, AtomicInteger runs) {
    Constant<T> frame = (Constant<T>) Constant.KIND.allocate();
    frame.v = v;
    frame.runs = runs;
    return frame;
  }

  /** Frame of {@code constant(Object)}; records the thread it ran on. */
  @FrameInfo("HandFrames.constant(Object)")
  static final class Constant<T> extends RefFrame<T> {
    static final FrameKind<Constant<?>> KIND = new FrameKind<>(Contract.VERSION, new Constant<>());

    private T v;
    private AtomicInteger runs;
    volatile Thread ranOn;

    @Override
    protected void run() throws Throwable {
      ranOn = Thread.currentThread();
      if (runs != null) {
        runs.incrementAndGet();
      }
      T v = this.v; this.v = null;
      done(run$(strand(), this, state, depth(), v));
    }

    static <T> T run$(Strand cx, Constant<T> frame, int next, int depth, T v) throws Throwable {
      // return v;
      return v;
    }
  }

  /** Factory of {@code @Coroutine static long longValue(long v) { return v; }}. */
  static Task<Long> longValue(long v) {
    LongValue frame = LongValue.KIND.allocate();
    frame.v = v;
    return frame;
  }

  /** Frame of {@code longValue(long)}: the result stays unboxed. */
  @FrameInfo("HandFrames.longValue(long)")
  static final class LongValue extends LongFrame {
    static final FrameKind<LongValue> KIND = new FrameKind<>(Contract.VERSION, new LongValue());

    private long v;

    @Override
    protected void run() throws Throwable {
      done(run$(strand(), this, state, depth(), v));
    }

    static long run$(Strand cx, LongValue frame, int next, int depth, long v) throws Throwable {
      return v;
    }
  }

  /** Factory of {@code @Coroutine static double doubleValue(double v) { return v; }}. */
  static Task<Double> doubleValue(double v) {
    DoubleValue frame = DoubleValue.KIND.allocate();
    frame.v = v;
    return frame;
  }

  /** Frame of {@code doubleValue(double)}. */
  @FrameInfo("HandFrames.doubleValue(double)")
  static final class DoubleValue extends DoubleFrame {
    static final FrameKind<DoubleValue> KIND = new FrameKind<>(Contract.VERSION, new DoubleValue());

    private double v;

    @Override
    protected void run() throws Throwable {
      done(run$(strand(), this, state, depth(), v));
    }

    static double run$(Strand cx, DoubleValue frame, int next, int depth, double v) throws Throwable {
      return v;
    }
  }

  /** Factory of {@code @Coroutine static boolean not(Awaitable<Boolean> a) { return !await(a); }}. */
  static Task<Boolean> not(Awaitable<Boolean> a) {
    Not frame = Not.KIND.allocate();
    frame.a = a;
    return frame;
  }

  /** Frame of {@code not(Awaitable)}. */
  @FrameInfo("HandFrames.not(Awaitable)")
  static final class Not extends BooleanFrame {
    static final FrameKind<Not> KIND = new FrameKind<>(Contract.VERSION, new Not());

    private Awaitable<Boolean> a;

    @Override
    protected void run() throws Throwable {
      Awaitable<Boolean> a = this.a; this.a = null;
      done(run$(strand(), this, state, depth(), a));
    }

    static boolean run$(Strand cx, Not frame, int next, int depth, Awaitable<Boolean> a) throws Throwable {
      Object aw = null;
      switch (next) {
        case 1: // resumed after await(a)
          aw = frame.takeAwaited();
          break;
        default:
          break;
      }
      switch (next) {
        case 0:
          aw = awaiting(a);
          if (!cx.ready(aw, depth)) {
            if (frame == null) frame = Not.KIND.allocate(cx);
            cx.suspend(frame, 1);
            return false;
          }
          // fall through
        case 1:
          return !Frame.<Boolean>valueOf(aw);
        default:
          throw frame.badState(next);
      }
    }
  }

  // =========================================================================== awaitStage

  /**
   * Factory of {@code @Coroutine static <T> T awaitStage(CompletionStage<T> s) { return await(s); }}:
   * the lowering of {@code Co.await(CompletionStage)} through {@code awaiting}/{@code ready}.
   */
  static <T> Task<T> awaitStage(CompletionStage<T> stage) {
    AwaitStage<T> frame = (AwaitStage<T>) AwaitStage.KIND.allocate();
    frame.s = stage;
    return frame;
  }

  /** Frame of {@code awaitStage(CompletionStage)}. */
  @FrameInfo("HandFrames.awaitStage(CompletionStage)")
  static final class AwaitStage<T> extends RefFrame<T> {
    static final FrameKind<AwaitStage<?>> KIND = new FrameKind<>(Contract.VERSION, new AwaitStage<>());

    private CompletionStage<T> s;

    @Override
    protected void run() throws Throwable {
      CompletionStage<T> s = this.s; this.s = null;
      done(run$(strand(), this, state, depth(), s));
    }

    static <T> T run$(Strand cx, AwaitStage<T> frame, int next, int depth, CompletionStage<T> s) throws Throwable {
      Object aw = null;
      switch (next) {
        case 1: // resumed after await(s)
          aw = frame.takeAwaited();
          break;
        default:
          break;
      }
      switch (next) {
        case 0:
          aw = awaiting(s);
          if (!cx.ready(aw, depth)) {
            if (frame == null) frame = (AwaitStage<T>) AwaitStage.KIND.allocate(cx);
            cx.suspend(frame, 1);
            return null;
          }
          // fall through
        case 1:
          return Frame.<T>valueOf(aw);
        default:
          throw frame.badState(next);
      }
    }
  }

  // =========================================================================== sleeper

  /**
   * Factory of:
   *
   * <pre>{@code
   * @Coroutine static String sleeper(long millis) {
   *   Thread before = Thread.currentThread();
   *   await(Co.sleep(millis));
   *   return before.getName() + "/" + Thread.currentThread().getName();
   * }
   * }</pre>
   */
  static Task<String> sleeper(long millis) {
    Sleeper frame = Sleeper.KIND.allocate();
    frame.millis = millis;
    return frame;
  }

  /** Frame of {@code sleeper(long)}. */
  @FrameInfo("HandFrames.sleeper(long)")
  static final class Sleeper extends RefFrame<String> {
    static final FrameKind<Sleeper> KIND = new FrameKind<>(Contract.VERSION, new Sleeper());

    private long millis;
    private Thread before;

    @Override
    protected void run() throws Throwable {
      done(run$(strand(), this, state, depth(), millis));
    }

    static String run$(Strand cx, Sleeper frame, int next, int depth, long millis) throws Throwable {
      Thread before = null;
      Object aw = null;
      switch (next) {
        case 1: // resumed after await(Co.sleep(millis))
          before = frame.before; frame.before = null;
          aw = frame.takeAwaited();
          break;
        default:
          break;
      }
      switch (next) {
        case 0:
          before = Thread.currentThread();
          // await(Co.sleep(millis));
          aw = awaiting(Co.sleep(millis));
          if (!cx.ready(aw, depth)) {
            if (frame == null) frame = Sleeper.KIND.allocate(cx);
            frame.before = before;
            cx.suspend(frame, 1);
            return null;
          }
          // fall through
        case 1:
          valueOf(aw);
          return before.getName() + "/" + Thread.currentThread().getName();
        default:
          throw frame.badState(next);
      }
    }
  }

  // =========================================================================== generator

  /**
   * Factory of:
   *
   * <pre>{@code
   * @Coroutine static void naturals(int n, int failAt, Yield<Integer> out) throws IOException {
   *   for (int i = 0; i < n; i++) {
   *     if (i == failAt) throw new IOException("at " + i);
   *     out.yield(i);
   *   }
   * }
   * }</pre>
   *
   * {@code steps} counts how often the body was resumed (to observe laziness); a negative state is
   * {@code close()} entering its destroy path.
   */
  static Naturals naturals(int n, int failAt, AtomicInteger steps) {
    Naturals frame = new Naturals();
    frame.n = n;
    frame.failAt = failAt;
    frame.steps = steps;
    return frame;
  }

  /** Generator frame of {@code naturals(int, int, Yield)}. */
  @FrameInfo("HandFrames.naturals(int,int,Yield)")
  static final class Naturals extends GeneratorFrame<Integer> {
    private int n;
    private int failAt;
    private int i;
    private AtomicInteger steps;

    @Override
    protected void run() throws Throwable {
      if (steps != null && state >= 0) {
        steps.incrementAndGet(); // resumptions of the body proper, not its destroy path
      }
      run$(this, state, n, failAt);
    }

    static void run$(Naturals frame, int next, int n, int failAt) throws Throwable {
      int i = 0;
      switch (next) {
        case 1: // resumed after out.yield(i)
          i = frame.i;
          break;
        default:
          if (next < 0) {
            return; // closed while suspended: no finally to run
          }
          break;
      }
      switch (next) {
        case 0:
          i = 0;
          break;
        case 1:
          i++;
          break;
        default:
          throw frame.badState(next);
      }
      if (i < n) {
        // if (i == failAt) throw new IOException("at " + i);
        if (i == failAt) {
          throw new IOException("at " + i);
        }
        // out.yield(i);
        frame.yielded(i);
        frame.i = i; frame.state = 1;
      }
    }
  }
}

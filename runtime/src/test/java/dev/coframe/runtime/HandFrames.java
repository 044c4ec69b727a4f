package dev.coframe.runtime;

import java.io.IOException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Frames written by hand exactly as the processor will generate them (see {@link Frame}'s
 * javadoc): fields for the spilled locals, an {@code int}-switch {@link Frame#resume()} that
 * catches {@link Throwable} and calls {@code fail(t)}, {@code call(this, child)} for a child
 * coroutine, {@code await(this, awaitable)} for an external awaitable, {@code takeInt()} /
 * {@code takeObject()} for a completed child's result, {@code complete()} after storing the
 * result. Each frame quotes the user's source it stands for; the static methods play the part of
 * the generated factories ({@code XCoroutines.x(..)}).
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
    return new Chain(n, leaf);
  }

  /** {@code chain(n, null)}: a chain that completes synchronously. */
  static Task<Integer> chain(int n) {
    return new Chain(n, null);
  }

  /** Frame of {@code chain(int, Awaitable)}. */
  static final class Chain extends Frame<Integer> {
    private int n;
    private Awaitable<Integer> leaf;
    private Chain child;
    private int result;

    Chain(int n, Awaitable<Integer> leaf) {
      this.n = n;
      this.leaf = leaf;
    }

    @Override
    protected void resume() {
      try {
        switch (state) {
          case 0:
            if (n == 0) {
              // return leaf == null ? 0 : await(leaf);
              if (leaf == null) {
                result = 0;
                complete();
                return;
              }
              if (!await(this, leaf)) {
                state = 2;
                return;
              }
              result = leaf.result();
              leaf = null;
              complete();
              return;
            }
            // return chain(n - 1, leaf) + 1;
            child = new Chain(n - 1, leaf);
            leaf = null;
            if (!call(this, child)) {
              state = 1;
              return;
            }
            // fall through: the child completed inline
          case 1: {
            int v = child.takeInt();
            child = null;
            result = v + 1;
            complete();
            return;
          }
          case 2:
            // await(leaf)   (after the suspension)
            result = leaf.result();
            leaf = null;
            complete();
            return;
          default:
            throw badState();
        }
      } catch (Throwable t) {
        fail(t);
      }
    }

    @Override
    protected Integer boxedResult() {
      return result;
    }

    @Override
    protected int intResult() {
      return result;
    }

    @Override
    protected String coroutineName() {
      return "HandFrames.chain(int,Awaitable)";
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
    return new AsyncLoop(n, source);
  }

  /** Frame of {@code asyncLoop(int, IntFunction)}. */
  static final class AsyncLoop extends Frame<Long> {
    private int n;
    private IntFunction<Awaitable<Integer>> source;
    private long sum;
    private int i;
    private Awaitable<Integer> awaited;
    private long result;

    AsyncLoop(int n, IntFunction<Awaitable<Integer>> source) {
      this.n = n;
      this.source = source;
    }

    @Override
    protected void resume() {
      try {
        switch (state) {
          case 0:
            // long sum = 0;
            sum = 0;
            // for (int i = 0; ...
            i = 0;
            break;
          case 1:
            // sum += await(source.apply(i));   (after the suspension)
            sum += awaited.result();
            awaited = null;
            i++;
            break;
          default:
            throw badState();
        }
        // for (...; i < n; i++)
        while (i < n) {
          // sum += await(source.apply(i));
          Awaitable<Integer> a = source.apply(i);
          if (!await(this, a)) {
            awaited = a;
            state = 1;
            return;
          }
          sum += a.result();
          i++;
        }
        // return sum;
        result = sum;
        source = null;
        complete();
      } catch (Throwable t) {
        fail(t);
      }
    }

    @Override
    protected Long boxedResult() {
      return result;
    }

    @Override
    protected long longResult() {
      return result;
    }

    @Override
    protected String coroutineName() {
      return "HandFrames.asyncLoop(int,IntFunction)";
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
    return new Thrower(first, t);
  }

  /** Frame of {@code thrower(Awaitable, Throwable)}. */
  static final class Thrower extends Frame<Integer> {
    private Awaitable<?> first;
    private Throwable t;

    Thrower(Awaitable<?> first, Throwable t) {
      this.first = first;
      this.t = t;
    }

    @Override
    protected void resume() {
      try {
        switch (state) {
          case 0:
            // if (first != null) await(first);
            if (first != null && !await(this, first)) {
              state = 1;
              return;
            }
            // fall through
          case 1:
            if (first != null) {
              first.result();
            }
            // throw t;
            throw t;
          default:
            throw badState();
        }
      } catch (Throwable x) {
        fail(x);
      }
    }

    @Override
    protected Integer boxedResult() {
      throw new AssertionError("a thrower never completes normally");
    }

    @Override
    protected String coroutineName() {
      return "HandFrames.thrower(Awaitable,Throwable)";
    }
  }

  /** Factory of {@code @Coroutine static int plusOne(Task<Integer> c) { return await(c) + 1; }}: no catch. */
  static Task<Integer> plusOne(Task<Integer> child) {
    return new PlusOne(child);
  }

  /** Frame of {@code plusOne(Task)}; awaits a lazy task as a child on its strand. */
  static final class PlusOne extends Frame<Integer> {
    private Task<Integer> c;
    private Object awaited;
    private int result;

    PlusOne(Task<Integer> c) {
      this.c = c;
    }

    @Override
    protected void resume() {
      try {
        switch (state) {
          case 0:
            // return await(c) + 1;
            awaited = awaiting(c);
            if (!suspendOn(this, awaited)) {
              state = 1;
              return;
            }
            // fall through
          case 1: {
            int v = valueOf(awaited);
            awaited = null;
            result = v + 1;
            complete();
            return;
          }
          default:
            throw badState();
        }
      } catch (Throwable t) {
        fail(t);
      }
    }

    @Override
    protected Integer boxedResult() {
      return result;
    }

    @Override
    protected int intResult() {
      return result;
    }

    @Override
    protected String coroutineName() {
      return "HandFrames.plusOne(Task)";
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
   * ({@code c} is a lazy task, so it runs as a child: {@code call} and {@code takeInt}).
   */
  static Task<Integer> recover(Task<Integer> child) {
    return new Recover(child);
  }

  /** Frame of {@code recover(Task)}. */
  static final class Recover extends Frame<Integer> {
    private Task<Integer> c;
    private Frame<Integer> child;
    private int result;
    /** The exception caught, kept for the test to inspect. */
    IOException caught;

    Recover(Task<Integer> c) {
      this.c = c;
    }

    @Override
    protected void resume() {
      try {
        switch (state) {
          case 0:
            // try { return await(c); }
            child = (Frame<Integer>) c;
            c = null;
            if (!call(this, child)) {
              state = 1;
              return;
            }
            // fall through
          case 1: {
            int v;
            try {
              v = child.takeInt();
            } catch (Exception e) {
              // catch (IOException e) { return -1; }   (javac rejects catching a checked
              // exception that the try block does not declare, so the catch is by test)
              if (e instanceof IOException) {
                caught = (IOException) e;
                child = null;
                result = -1;
                complete();
                return;
              }
              throw e;
            }
            child = null;
            result = v;
            complete();
            return;
          }
          default:
            throw badState();
        }
      } catch (Throwable t) {
        fail(t);
      }
    }

    @Override
    protected Integer boxedResult() {
      return result;
    }

    @Override
    protected int intResult() {
      return result;
    }

    @Override
    protected String coroutineName() {
      return "HandFrames.recover(Task)";
    }
  }

  // =========================================================================== constants

  /** Factory of {@code @Coroutine static <T> T constant(T v) { return v; }}; counts its runs. */
  static <T> Task<T> constant(T v, AtomicInteger runs) {
    return new Constant<>(v, runs);
  }

  /** Frame of {@code constant(Object)}; records the thread it ran on. */
  static final class Constant<T> extends Frame<T> {
    private T v;
    private final AtomicInteger runs;
    private T result;
    volatile Thread ranOn;

    Constant(T v, AtomicInteger runs) {
      this.v = v;
      this.runs = runs;
    }

    @Override
    protected void resume() {
      try {
        switch (state) {
          case 0:
            ranOn = Thread.currentThread();
            if (runs != null) {
              runs.incrementAndGet();
            }
            // return v;
            result = v;
            v = null;
            complete();
            return;
          default:
            throw badState();
        }
      } catch (Throwable t) {
        fail(t);
      }
    }

    @Override
    protected T boxedResult() {
      return result;
    }

    @Override
    protected String coroutineName() {
      return "HandFrames.constant(Object)";
    }
  }

  /** Factory of {@code @Coroutine static long longValue(long v) { return v; }}. */
  static Task<Long> longValue(long v) {
    return new LongValue(v);
  }

  /** Frame of {@code longValue(long)}: the result stays unboxed. */
  static final class LongValue extends Frame<Long> {
    private long v;
    private long result;

    LongValue(long v) {
      this.v = v;
    }

    @Override
    protected void resume() {
      try {
        switch (state) {
          case 0:
            result = v;
            complete();
            return;
          default:
            throw badState();
        }
      } catch (Throwable t) {
        fail(t);
      }
    }

    @Override
    protected Long boxedResult() {
      return result;
    }

    @Override
    protected long longResult() {
      return result;
    }

    @Override
    protected String coroutineName() {
      return "HandFrames.longValue(long)";
    }
  }

  /** Factory of {@code @Coroutine static double doubleValue(double v) { return v; }}. */
  static Task<Double> doubleValue(double v) {
    return new DoubleValue(v);
  }

  /** Frame of {@code doubleValue(double)}. */
  static final class DoubleValue extends Frame<Double> {
    private double v;
    private double result;

    DoubleValue(double v) {
      this.v = v;
    }

    @Override
    protected void resume() {
      try {
        switch (state) {
          case 0:
            result = v;
            complete();
            return;
          default:
            throw badState();
        }
      } catch (Throwable t) {
        fail(t);
      }
    }

    @Override
    protected Double boxedResult() {
      return result;
    }

    @Override
    protected double doubleResult() {
      return result;
    }

    @Override
    protected String coroutineName() {
      return "HandFrames.doubleValue(double)";
    }
  }

  /** Factory of {@code @Coroutine static boolean not(Awaitable<Boolean> a) { return !await(a); }}. */
  static Task<Boolean> not(Awaitable<Boolean> a) {
    return new Not(a);
  }

  /** Frame of {@code not(Awaitable)}. */
  static final class Not extends Frame<Boolean> {
    private Awaitable<Boolean> a;
    private boolean result;

    Not(Awaitable<Boolean> a) {
      this.a = a;
    }

    @Override
    protected void resume() {
      try {
        switch (state) {
          case 0:
            if (!await(this, a)) {
              state = 1;
              return;
            }
            // fall through
          case 1:
            result = !a.result();
            a = null;
            complete();
            return;
          default:
            throw badState();
        }
      } catch (Throwable t) {
        fail(t);
      }
    }

    @Override
    protected Boolean boxedResult() {
      return result;
    }

    @Override
    protected boolean booleanResult() {
      return result;
    }

    @Override
    protected String coroutineName() {
      return "HandFrames.not(Awaitable)";
    }
  }

  // =========================================================================== awaitStage

  /**
   * Factory of {@code @Coroutine static <T> T awaitStage(CompletionStage<T> s) { return await(s); }}:
   * the lowering of {@code Co.await(CompletionStage)} through {@code awaiting}/{@code suspendOn}.
   */
  static <T> Task<T> awaitStage(CompletionStage<T> stage) {
    return new AwaitStage<>(stage);
  }

  /** Frame of {@code awaitStage(CompletionStage)}. */
  static final class AwaitStage<T> extends Frame<T> {
    private CompletionStage<T> s;
    private Object awaited;
    private T result;

    AwaitStage(CompletionStage<T> s) {
      this.s = s;
    }

    @Override
    protected void resume() {
      try {
        switch (state) {
          case 0:
            awaited = awaiting(s);
            s = null;
            if (!suspendOn(this, awaited)) {
              state = 1;
              return;
            }
            // fall through
          case 1:
            result = valueOf(awaited);
            awaited = null;
            complete();
            return;
          default:
            throw badState();
        }
      } catch (Throwable t) {
        fail(t);
      }
    }

    @Override
    protected T boxedResult() {
      return result;
    }

    @Override
    protected String coroutineName() {
      return "HandFrames.awaitStage(CompletionStage)";
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
    return new Sleeper(millis);
  }

  /** Frame of {@code sleeper(long)}. */
  static final class Sleeper extends Frame<String> {
    private long millis;
    private Thread before;
    private Object awaited;
    private String result;

    Sleeper(long millis) {
      this.millis = millis;
    }

    @Override
    protected void resume() {
      try {
        switch (state) {
          case 0:
            before = Thread.currentThread();
            // await(Co.sleep(millis));
            awaited = awaiting(Co.sleep(millis));
            if (!suspendOn(this, awaited)) {
              state = 1;
              return;
            }
            // fall through
          case 1:
            valueOf(awaited);
            awaited = null;
            result = before.getName() + "/" + Thread.currentThread().getName();
            before = null;
            complete();
            return;
          default:
            throw badState();
        }
      } catch (Throwable t) {
        fail(t);
      }
    }

    @Override
    protected String boxedResult() {
      return result;
    }

    @Override
    protected String coroutineName() {
      return "HandFrames.sleeper(long)";
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
   * {@code steps} counts how often the body was resumed (to observe laziness).
   */
  static Naturals naturals(int n, int failAt, AtomicInteger steps) {
    return new Naturals(n, failAt, steps);
  }

  /** Generator frame of {@code naturals(int, int, Yield)}. */
  static final class Naturals extends Generator<Integer> {
    private int n;
    private int failAt;
    private int i;
    private final AtomicInteger steps;

    Naturals(int n, int failAt, AtomicInteger steps) {
      this.n = n;
      this.failAt = failAt;
      this.steps = steps;
    }

    @Override
    protected void resume() {
      try {
        if (steps != null) {
          steps.incrementAndGet();
        }
        switch (state) {
          case 0:
            // for (int i = 0; ...
            i = 0;
            break;
          case 1:
            // ...; i++)   (after out.yield(i))
            i++;
            break;
          default:
            throw badState();
        }
        if (i < n) {
          // if (i == failAt) throw new IOException("at " + i);
          if (i == failAt) {
            throw new IOException("at " + i);
          }
          // out.yield(i);
          yielded(i);
          state = 1;
          return;
        }
        complete();
      } catch (Throwable t) {
        fail(t);
      }
    }

    @Override
    protected String coroutineName() {
      return "HandFrames.naturals(int,int,Yield)";
    }
  }
}

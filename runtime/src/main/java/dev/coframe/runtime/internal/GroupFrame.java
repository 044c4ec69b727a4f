package dev.coframe.runtime.internal;

import dev.coframe.runtime.Awaitable;
import dev.coframe.runtime.Task;
import dev.coframe.runtime.TaskTimeoutException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;

/**
 * The frame of {@code Co.all}, {@code Co.any} and {@code Co.withTimeout} (DESIGN §5.2): a lazy task
 * whose run starts its members concurrently and completes once every one of them is done, so no
 * member outlives it.
 *
 * <p>The shape is TooManyCooks' {@code spawn_many}: each lazy member runs as the root of a strand
 * of its own on this frame's executor (strands are recycled per thread), all but the last posted
 * in one pass and the last run in place; members write their outcomes into this frame's arrays by
 * index, one counter counts them down, and the member that finishes last resumes this frame in
 * place on its own thread (no extra dispatch) when it ran on the same executor. The counter starts
 * at one more than the members: that count is this frame's own, given up only once it has
 * suspended and its continuation is registered ({@link Gate#register}), so no member can resume a
 * frame still unwinding. A member that was started elsewhere (launched, or joined) is watched
 * through its future instead.
 *
 * <p>The first failure of a member of {@code all} (the first success of one of {@code any}, the
 * deadline of {@code withTimeout}) cancels the others; a cancellation never waits, and every
 * cancellation happens before the member or timer that decided it gives up its count, so none can
 * reach a member after this frame has recycled it. Cancelled itself, the frame cancels every member
 * and waits for them before its destroy ends. Members' cleanup failures are kept as suppressed.
 */
@FrameInfo("Co.all")
public final class GroupFrame extends RefFrame<Object> {
  static final FrameKind<GroupFrame> KIND = new FrameKind<>(Contract.VERSION, new GroupFrame());

  private static final byte ALL = 0;
  private static final byte ANY = 1;
  private static final byte TIMEOUT = 2;

  /** Nesting of runs in place (a last member, a resumed parent) on one thread before they are posted. */
  private static final int MAX_IN_PLACE = 32;

  private static final VarHandle PENDING;
  private static final VarHandle DECIDED;
  private static final VarHandle FIRST_FAILED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      PENDING = lookup.findVarHandle(GroupFrame.class, "pending", int.class);
      DECIDED = lookup.findVarHandle(GroupFrame.class, "decided", int.class);
      FIRST_FAILED = lookup.findVarHandle(GroupFrame.class, "firstFailed", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private byte mode;
  /** The members as given (the frame's own array, kept for its next group of as many). */
  private Task<?>[] tasks;
  /** Lazy members' frames, each the root of {@link #strands}' strand; null where a member was started elsewhere. */
  private Frame<?>[] frames;
  private Strand[] strands;
  /** Which members this frame cancelled (whose cancellation is then not a failure of theirs). */
  private boolean[] cancelling;
  private Object[] results;
  /** The primitive results, unboxed, beside their kinds in {@link #results} ({@link Frame#resultInto}); null if no member has one. */
  private long[] bits;
  private Throwable[] failures;
  /** {@code withTimeout}'s deadline. */
  private Duration timeout;
  private ScheduledFuture<?> timer;
  private volatile boolean timedOut;
  /** Members not done, plus this frame's count and, for a timeout, the timer's. */
  private volatile int pending;
  /** The member that decided the outcome: all's first failure, any's first success; -1 until one does. */
  private volatile int decided;
  /** any's first failure, for when every member fails. */
  private volatile int firstFailed;
  /** Whether this frame holds its own count: from its start until its gate registers its continuation. */
  private boolean ownCount;
  /** What this frame suspends on while its members run. */
  private Gate gate;

  private GroupFrame() {}

  /** {@code Co.all(tasks)}: a lazy task of the members' results in order (the array is copied). */
  public static <T> Task<List<T>> all(Task<?>[] tasks) {
    return make(ALL, tasks, List.of(), null);
  }

  /** {@code Co.all(list)}. */
  public static <T> Task<List<T>> all(List<? extends Task<?>> tasks) {
    return make(ALL, null, tasks, null);
  }

  /** {@code Co.any(tasks)}: a lazy task of the first member's result that succeeds. */
  public static <T> Task<T> any(Task<?>[] tasks) {
    return make(ANY, tasks, List.of(), null);
  }

  /** {@code Co.any(list)}. */
  public static <T> Task<T> any(List<? extends Task<?>> tasks) {
    return make(ANY, null, tasks, null);
  }

  /** {@code Co.withTimeout(timeout, task)}. */
  public static <T> Task<T> withTimeout(Duration timeout, Task<T> task) {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("Co.withTimeout needs a duration that is not negative: " + timeout);
    }
    return make(TIMEOUT, null, java.util.Collections.singletonList(task), timeout);
  }

  /**
   * A group of the tasks of {@code array}, else of {@code list}, copied into the frame's own array
   * (a recycled group of as many members reuses its arrays).
   */
  @SuppressWarnings("unchecked")
  private static <R> Task<R> make(byte mode, Task<?>[] array, List<? extends Task<?>> list, Duration timeout) {
    int n = array != null ? array.length : list.size();
    if (n == 0 && mode == ANY) {
      throw new IllegalArgumentException("Co.any needs at least one task: there is no first result of none");
    }
    GroupFrame g = KIND.allocate();
    Task<?>[] ts = g.tasks;
    if (ts == null || ts.length != n) {
      g.tasks = ts = new Task<?>[n];
    }
    for (int i = 0; i < n; i++) {
      Task<?> t = array != null ? array[i] : list.get(i);
      if (t == null) {
        Arrays.fill(ts, null);
        g.recycle();
        throw new NullPointerException(NAMES[mode] + " was given a null task (at " + i + ")");
      }
      ts[i] = t;
    }
    g.mode = mode;
    g.timeout = timeout;
    return (Task<R>) g.handle();
  }

  private static final String[] NAMES = {"Co.all", "Co.any", "Co.withTimeout"};

  @Override
  protected String coroutineName() {
    return NAMES[mode];
  }

  @Override
  protected void clearFields() {
    if (tasks != null) {
      Arrays.fill(tasks, null);
    }
    frames = null;
    strands = null;
    cancelling = null;
    results = null;
    bits = null;
    failures = null;
    timeout = null;
    timer = null;
  }

  // ---------------------------------------------------------------- the run

  @Override
  protected void run() throws Throwable {
    Strand cx = strand();
    switch (state) {
      case 0:
        start(cx);
        if (!cx.ready(gate, depth())) {
          cx.suspend(this, 1);
          return;
        }
        // fall through: every member completed while this frame started them
      case 1:
        done(outcome());
        return;
      case -1: // cancelled while the members run: they are cancelled first, and waited for
        takeAwaited();
        if (!ownCount) {
          PENDING.getAndAdd(this, 1); // a count of its own again, for this wait
          ownCount = true;
        }
        cancelAllBut(-1);
        if (!cx.ready(gate, depth())) {
          cx.suspend(this, 2);
          return;
        }
        // fall through
      case 2:
        takeAwaited();
        endDestroyed(cx);
        throw badState(-2);
      default:
        throw badState(state);
    }
  }

  private void start(Strand cx) {
    Task<?>[] ts = tasks;
    int n = ts.length;
    if (frames == null || frames.length != n) { // a recycled group of as many members keeps its arrays
      frames = new Frame<?>[n];
      strands = new Strand[n];
      cancelling = new boolean[n];
      failures = new Throwable[n];
    }
    if (results == null || results.length != n) {
      results = new Object[n]; // kept while no list took it (see outcome())
    }
    decided = -1;
    firstFailed = -1;
    timedOut = false;
    if (gate == null) {
      gate = new Gate(this);
    }
    pending = n + 1 + (mode == TIMEOUT ? 1 : 0);
    ownCount = true;
    claimMembers(ts);
    bits = null;
    for (Frame<?> f : frames) {
      if (f != null && !(f instanceof RefFrame) && !(f instanceof VoidFrame)) {
        bits = new long[n];
        break;
      }
    }
    Executor executor = cx.executor();
    Allocators.PerThread here = Allocators.here();
    for (int i = 0; i < n; i++) {
      Frame<?> f = frames[i];
      if (f != null && !f.isDoneFrame()) {
        strands[i] = Strand.member(this, i, f, executor, cx.allocator(), here);
      }
    }
    for (int i = 0; i < n; i++) {
      Frame<?> f = frames[i];
      if (f != null && strands[i] == null) { // cancelled before anything started it: settled first
        settle(i, f.failure(), executor);
      }
    }
    if (mode == TIMEOUT) {
      if (strands[0] != null || frames[0] == null) {
        timer = Timers.schedule(timeout.toNanos(), this::deadline);
      } else {
        countDown(null); // the member was done before it started: no timer, and no count of one
      }
    }
    for (int i = 0; i < n; i++) {
      Strand s = strands[i];
      if (s == null) {
        if (frames[i] == null) {
          watch(i, ts[i]);
        }
      } else if (i < n - 1) {
        post(s, executor, here);
      } else {
        inPlace(s, here);
      }
    }
  }

  /**
   * Takes every lazy member for this run (a member given twice, or awaited already, is refused:
   * the members claimed before it are given back unrun, and this frame fails).
   */
  private void claimMembers(Task<?>[] ts) {
    int i = 0;
    try {
      for (; i < ts.length; i++) {
        Frame<?> f = Frame.of(ts[i]);
        if (f != null && f.claimForAwait()) {
          frames[i] = f;
        }
      }
    } catch (RuntimeException e) {
      for (int j = 0; j < i; j++) {
        if (frames[j] != null) {
          frames[j].discard();
          frames[j] = null;
        }
      }
      throw e;
    }
  }

  /** A member other than the last goes to the executor; one it rejects runs here instead. */
  private static void post(Strand s, Executor executor, Allocators.PerThread here) {
    try {
      executor.execute(s);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      runHere(s, here);
    }
  }

  /** Runs {@code s}'s first step on this thread, unless too many runs in place are nested already. */
  private static void inPlace(Strand s, Allocators.PerThread here) {
    if (here.inPlace >= MAX_IN_PLACE) {
      post(s, s.executor(), here);
    } else {
      runHere(s, here);
    }
  }

  private static void runHere(Strand s, Allocators.PerThread here) {
    here.inPlace++;
    try {
      s.run();
    } finally {
      here.inPlace--;
    }
  }

  /** A member started elsewhere: its outcome comes through its future. */
  private void watch(int i, Task<?> t) {
    t.toCompletableFuture().whenComplete((v, x) -> {
      if (x == null) {
        results[i] = v;
      }
      settle(i, x == null ? null : Sneaky.unwrap(x), null);
    });
  }

  /** For {@link Strand}: lazy member {@code i}, whose strand ran on {@code executor}, is done. */
  void memberDone(int i, Executor executor) {
    Frame<?> f = frames[i];
    Throwable t = f.failure();
    if (t == null) {
      f.resultInto(results, bits, i);
    }
    settle(i, t, executor);
  }

  /**
   * Member {@code i} is done with {@code failure}, or its result is in its slot: recorded, and what it decides
   * done (the others cancelled) before its count is given up. The last count resumes this frame,
   * in place if the member ran on this frame's executor ({@code executor}; null: a future's thread).
   */
  private void settle(int i, Throwable failure, Executor executor) {
    if (failure == null) {
      if (mode != ALL && DECIDED.compareAndSet(this, -1, i)) {
        cancelAllBut(i);
      }
    } else {
      failures[i] = failure;
      if (mode == ALL && DECIDED.compareAndSet(this, -1, i)) {
        cancelAllBut(i);
      } else if (mode != ALL) {
        FIRST_FAILED.compareAndSet(this, -1, i);
      }
    }
    if (mode == TIMEOUT && timer != null && timer.cancel(false)) {
      countDown(executor); // the timer will not run: its count goes too
    }
    countDown(executor);
  }

  /** The timeout's timer: the member is cancelled, and the timer's count given up after. */
  private void deadline() {
    timedOut = true;
    cancelAllBut(-1);
    countDown(null);
  }

  private void countDown(Executor executor) {
    if ((int) PENDING.getAndAdd(this, -1) == 1) {
      gate.open(executor);
    }
  }

  /** Cancels every member but {@code keep} (never waits: a member done already is left as it is). */
  private void cancelAllBut(int keep) {
    Task<?>[] ts = tasks;
    for (int j = 0; j < ts.length; j++) {
      if (j == keep) {
        continue;
      }
      cancelling[j] = true;
      Strand s = strands[j];
      if (s != null) {
        s.cancel(frames[j]);
      } else if (frames[j] == null) {
        ts[j].cancel();
      }
    }
  }

  /** Every member is done: the outcome (a value, or the failure thrown), after the members are given back. */
  private Object outcome() throws Throwable {
    Throwable failure = groupFailure();
    Object value = null;
    if (failure == null) {
      switch (mode) {
        case ALL:
          value = Results.of(this);
          break;
        case ANY:
          value = Results.slot(results, bits, decided);
          break;
        default: // TIMEOUT
          value = Results.slot(results, bits, 0);
          break;
      }
    }
    release();
    if (failure != null) {
      throw failure;
    }
    return value;
  }

  /** What the group fails with, once every member is done, or null if it succeeds. */
  private Throwable groupFailure() {
    Throwable[] xs = failures;
    switch (mode) {
      case ALL: {
        int d = decided;
        return d < 0 ? null : withOthers(xs[d], d, xs, cancelling);
      }
      case ANY: {
        int first = firstFailed;
        return decided >= 0 ? null : withOthers(xs[first], first, xs, cancelling);
      }
      default: { // TIMEOUT
        Throwable t = xs[0];
        if (t != null && timedOut && t instanceof CancellationException && cancelling[0]) {
          TaskTimeoutException e = new TaskTimeoutException(timeout);
          for (Throwable s : t.getSuppressed()) {
            e.addSuppressed(s); // what the task's finally blocks threw while it was cancelled
          }
          return e;
        }
        return t;
      }
    }
  }

  /**
   * {@code first}, with the other members' failures added as suppressed in member order; of a
   * member this frame cancelled, only what its cleanup threw (its cancellation is not a failure).
   */
  private static Throwable withOthers(Throwable first, int at, Throwable[] xs, boolean[] cancelledByUs) {
    for (int j = 0; j < xs.length; j++) {
      Throwable t = xs[j];
      if (j == at || t == null || t == first) {
        continue;
      }
      if (cancelledByUs[j] && t instanceof CancellationException) {
        for (Throwable s : t.getSuppressed()) {
          first.addSuppressed(s);
        }
      } else {
        first.addSuppressed(t);
      }
    }
    return first;
  }

  /** The destroy path's end: what the members' cleanup threw is kept in this frame's cancellation. */
  private void endDestroyed(Strand cx) {
    for (Throwable t : failures) {
      if (t instanceof CancellationException) {
        for (Throwable s : t.getSuppressed()) {
          cx.suppressed(s);
        }
      } else if (t != null) {
        cx.suppressed(t);
      }
    }
    release();
  }

  /** Gives the members' frames back to their allocators and their strands to this thread. */
  private void release() {
    Frame<?>[] fs = frames;
    Strand[] ss = strands;
    Allocators.PerThread here = Allocators.here();
    for (int i = 0; i < fs.length; i++) {
      if (fs[i] != null) {
        fs[i].recycle();
        fs[i] = null;
      }
      if (ss[i] != null) {
        ss[i].released(here);
        ss[i] = null;
      }
      cancelling[i] = false;
      failures[i] = null;
    }
    Arrays.fill(tasks, null); // the arrays stay, empty, for this frame's next group of as many members
    if (results != null) {
      Arrays.fill(results, null);
    }
    bits = null;
    timer = null;
  }

  /**
   * The members' results in order: a read-only list over the slots they were written into, a
   * primitive boxed as it is read (where the reader unboxes it at once, the JIT makes no box).
   */
  private static final class Results extends AbstractList<Object> implements RandomAccess {
    /** The slots' references (kinds where a slot is unboxed), or null where every slot is of {@link #kind}. */
    private final Object[] values;
    private final long[] bits;
    private final Unboxed kind;
    private final int size;

    private Results(Object[] values, long[] bits, Unboxed kind, int size) {
      this.values = values;
      this.bits = bits;
      this.kind = kind;
      this.size = size;
    }

    /**
     * The list of {@code g}'s results: where every member's result is a primitive of one kind
     * (skynet's {@code long}s), only the bits, and {@code g} keeps its slots' array for its next
     * group; otherwise the list takes that array.
     */
    static Results of(GroupFrame g) {
      Object[] rs = g.results;
      Object first = rs.length == 0 ? null : rs[0];
      boolean uniform = first instanceof Unboxed;
      for (int i = 1; uniform && i < rs.length; i++) {
        uniform = rs[i] == first;
      }
      if (uniform) {
        return new Results(null, g.bits, (Unboxed) first, rs.length);
      }
      g.results = null;
      return new Results(rs, g.bits, null, rs.length);
    }

    static Object slot(Object[] values, long[] bits, int i) {
      Object v = values[i];
      return v instanceof Unboxed ? ((Unboxed) v).box(bits[i]) : v;
    }

    @Override
    public Object get(int index) {
      if (values != null) {
        return slot(values, bits, index);
      }
      java.util.Objects.checkIndex(index, size);
      return kind.box(bits[index]);
    }

    @Override
    public int size() {
      return size;
    }
  }

  /**
   * What a group frame suspends on: ready once every member is done; its registration gives up the
   * frame's count, so the last count runs the continuation.
   */
  private static final class Gate implements Awaitable<Void> {
    private final GroupFrame group;
    private Runnable continuation;

    Gate(GroupFrame group) {
      this.group = group;
    }

    @Override
    public boolean isReady() {
      // only the frame's own count left: every member is done, and nothing will count down again
      if (group.pending == 1 && PENDING.compareAndSet(group, 1, 0)) {
        group.ownCount = false;
        return true;
      }
      return false;
    }

    @Override
    public void onReady(Runnable k) {
      continuation = k; // written before the count is given up, read after the last one
      group.ownCount = false;
      group.countDown(null);
    }

    @Override
    public Void result() {
      return null;
    }

    /** The last count: the frame resumes, in place where a member of its executor finished last. */
    void open(Executor memberExecutor) {
      Runnable k = continuation;
      if (k != null) {
        continuation = null;
        Strand.resumeAfter(k, memberExecutor, MAX_IN_PLACE);
      }
    }

    @Override
    public String toString() {
      return group.coroutineName() + "'s members";
    }
  }
}

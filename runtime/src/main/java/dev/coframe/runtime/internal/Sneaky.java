package dev.coframe.runtime.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Rethrowing original exceptions, checked ones included, and unwrapping future wrappers. */
public final class Sneaky {
  private Sneaky() {}

  /** Throws {@code t} as it is, without declaring it. Returns nothing; typed so callers can write {@code throw}. */
  @SuppressWarnings("unchecked")
  public static <E extends Throwable> RuntimeException rethrow(Throwable t) throws E {
    throw (E) t;
  }

  /** The exception a {@link java.util.concurrent.Future} wrapped. */
  public static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** What {@code join()} throws for a failure: unchecked as is, checked wrapped. */
  public static RuntimeException forJoin(Throwable t) {
    if (t instanceof RuntimeException) {
      throw (RuntimeException) t;
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
    throw new CompletionException(t);
  }
}

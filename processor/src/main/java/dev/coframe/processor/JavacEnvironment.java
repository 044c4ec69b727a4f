package dev.coframe.processor;

import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Finds javac's own {@link ProcessingEnvironment} behind a build tool's wrapper, for the two
 * services that accept nothing else: {@link Trees#instance} and {@code JavacTask.instance}. Gradle's
 * incremental processing wraps it in {@code IncrementalProcessingEnvironment} (field {@code
 * delegate}), IntelliJ in a {@link Proxy} whose invocation handler captured it ({@code
 * val$delegateTo}), other tools in a field such as {@code processingEnv}. This walks, breadth first
 * and a few levels deep, the fields of type {@code ProcessingEnvironment} or {@code Object} of the
 * wrapper's classes and of a proxy's handler, and keeps the first object {@code Trees} accepts. It
 * names no class of javac's or of a tool's; a field it may not open (module encapsulation) is
 * skipped.
 *
 * <p>Only {@code Trees} and the task listener use what this finds: the Filer, Messager and utilities
 * remain the given environment's, so a tool that tracks what the processor writes still sees it.
 */
final class JavacEnvironment {
  /** Wrappers seen in practice are one or two levels deep; a few more cost nothing. */
  static final int MAX_DEPTH = 4;

  private JavacEnvironment() {}

  /** What {@code env} wraps that javac's {@code Trees} accepts ({@code env} itself if it is javac's), or null. */
  static ProcessingEnvironment unwrap(ProcessingEnvironment env) {
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Object> level = new ArrayDeque<>();
    level.add(env);
    for (int depth = 0; depth <= MAX_DEPTH && !level.isEmpty(); depth++) {
      Deque<Object> next = new ArrayDeque<>();
      for (Object o : level) {
        if (!seen.add(o)) {
          continue;
        }
        if (o instanceof ProcessingEnvironment && hasTrees((ProcessingEnvironment) o)) {
          return (ProcessingEnvironment) o;
        }
        inner(o, next);
      }
      level = next;
    }
    return null;
  }

  private static boolean hasTrees(ProcessingEnvironment env) {
    try {
      Trees.instance(env);
      return true;
    } catch (RuntimeException | LinkageError e) {
      return false; // IllegalArgumentException: not javac's; LinkageError: no jdk.compiler at all
    }
  }

  /** Adds to {@code out} what {@code o} holds that may be, or lead to, the environment it wraps. */
  private static void inner(Object o, Deque<Object> out) {
    Class<?> k = o.getClass();
    if (Proxy.isProxyClass(k)) {
      try {
        add(Proxy.getInvocationHandler(o), out);
      } catch (RuntimeException e) {
        // not a proxy after all, or not ours to ask
      }
      return;
    }
    for (; k != null && k != Object.class; k = k.getSuperclass()) {
      if (k.getName().startsWith("java.")) {
        return; // the platform's own types wrap no environment, and their fields are closed
      }
      Field[] fields;
      try {
        fields = k.getDeclaredFields();
      } catch (RuntimeException | LinkageError e) {
        continue;
      }
      for (Field f : fields) {
        Class<?> type = f.getType();
        if (Modifier.isStatic(f.getModifiers())
            || (type != Object.class && !ProcessingEnvironment.class.isAssignableFrom(type))) {
          continue;
        }
        try {
          if (f.trySetAccessible()) {
            add(f.get(o), out);
          }
        } catch (RuntimeException | IllegalAccessException e) {
          // InaccessibleObjectException, SecurityException: a field we may not read leads nowhere
        }
      }
    }
  }

  private static void add(Object value, Deque<Object> out) {
    if (value != null) {
      out.add(value);
    }
  }
}

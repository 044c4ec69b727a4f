package dev.coframe.processor.diff;

import static org.junit.jupiter.api.Assertions.fail;

import dev.coframe.runtime.Task;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * A case compiled with the processor and loaded, for tests that drive its generated factories
 * through the runtime (cancellation, executors, combinators) instead of comparing with direct mode.
 */
final class CompiledCase {
  private final ClassLoader loader;
  private final Class<?> owner;
  private final Class<?> coroutines;

  private CompiledCase(ClassLoader loader, Class<?> owner, Class<?> coroutines) {
    this.loader = loader;
    this.owner = owner;
    this.coroutines = coroutines;
  }

  /** Compiles {@code c}; a case that does not compile fails the test with its errors and sources. */
  static CompiledCase of(Case c) {
    DiffHarness.Build b = DiffHarness.buildAll(List.of(c)).get(c);
    if (!b.ok()) {
      fail("does not compile:\n" + b.errors("") + c.describeSources());
    }
    ClassLoader loader = new MemoryClassLoader(b.classes(), CompiledCase.class.getClassLoader());
    try {
      Class<?> owner = loader.loadClass(c.entryClass());
      return new CompiledCase(loader, owner, loader.loadClass(owner.getPackageName() + ".CaseCoroutines"));
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  /** The case's class, whose static fields the tests read and set. */
  Class<?> owner() {
    return owner;
  }

  ClassLoader loader() {
    return loader;
  }

  /** A static field of the case's class. */
  @SuppressWarnings("unchecked")
  <T> T field(String name) {
    try {
      return (T) owner.getField(name).get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** Sets a static field of the case's class. */
  void set(String name, Object value) {
    try {
      owner.getField(name).set(null, value);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** Calls the factory {@code name} (the one of that name; a case's factories are not overloaded). */
  @SuppressWarnings("unchecked")
  <T> Task<T> task(String name, Object... args) {
    return (Task<T>) call(coroutines, name, args);
  }

  /** Calls the case's static method {@code name} directly (direct mode). */
  @SuppressWarnings("unchecked")
  <T> T direct(String name, Object... args) throws Throwable {
    try {
      return (T) method(owner, name).invoke(null, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static Object call(Class<?> c, String name, Object... args) {
    try {
      return method(c, name).invoke(null, args);
    } catch (InvocationTargetException e) {
      throw new AssertionError(e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  private static Method method(Class<?> c, String name) {
    for (Method m : c.getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        m.setAccessible(true);
        return m;
      }
    }
    throw new AssertionError("no method " + name + " in " + c.getName());
  }
}

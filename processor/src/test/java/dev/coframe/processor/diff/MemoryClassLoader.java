package dev.coframe.processor.diff;

import java.util.Map;

/** Defines the classes of one compilation from memory; everything else comes from the parent. */
final class MemoryClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final Map<String, byte[]> classes;

  MemoryClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
    super("coframe-diff", parent);
    this.classes = classes;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }
}

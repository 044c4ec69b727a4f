package dev.coframe.runtime.internal;

import java.util.Iterator;

/**
 * The position of an enhanced {@code for} whose body suspends: kept in the frame across
 * suspensions. One type for arrays and iterables, so the processor needs no type to write it:
 * javac picks the {@code of} overload and the loop variable's type picks the {@code next} method.
 */
public final class Cursor {
  private final Iterator<?> iterator;
  private final Object array;
  private final int length;
  private int index;

  private Cursor(Iterator<?> iterator, Object array, int length) {
    this.iterator = iterator;
    this.array = array;
    this.length = length;
  }

  public static Cursor of(Iterable<?> values) {
    return new Cursor(values.iterator(), null, 0);
  }

  public static Cursor of(Object[] values) {
    return new Cursor(null, values, values.length);
  }

  public static Cursor of(int[] values) {
    return new Cursor(null, values, values.length);
  }

  public static Cursor of(long[] values) {
    return new Cursor(null, values, values.length);
  }

  public static Cursor of(double[] values) {
    return new Cursor(null, values, values.length);
  }

  public static Cursor of(float[] values) {
    return new Cursor(null, values, values.length);
  }

  public static Cursor of(char[] values) {
    return new Cursor(null, values, values.length);
  }

  public static Cursor of(short[] values) {
    return new Cursor(null, values, values.length);
  }

  public static Cursor of(byte[] values) {
    return new Cursor(null, values, values.length);
  }

  public static Cursor of(boolean[] values) {
    return new Cursor(null, values, values.length);
  }

  public boolean hasNext() {
    return iterator != null ? iterator.hasNext() : index < length;
  }

  /** The next element, boxed if the array is primitive. */
  public Object next() {
    return iterator != null ? iterator.next() : java.lang.reflect.Array.get(array, index++);
  }

  public int nextInt() {
    if (array instanceof int[]) {
      return ((int[]) array)[index++];
    }
    Object v = next();
    return v instanceof Character ? (Character) v : ((Number) v).intValue();
  }

  public long nextLong() {
    if (array instanceof long[]) {
      return ((long[]) array)[index++];
    }
    Object v = next();
    return v instanceof Character ? (Character) v : ((Number) v).longValue();
  }

  public double nextDouble() {
    if (array instanceof double[]) {
      return ((double[]) array)[index++];
    }
    Object v = next();
    return v instanceof Character ? (Character) v : ((Number) v).doubleValue();
  }

  public float nextFloat() {
    Object v = next();
    return v instanceof Character ? (Character) v : ((Number) v).floatValue();
  }

  public char nextChar() {
    return (Character) next();
  }

  public short nextShort() {
    Object v = next();
    return v instanceof Byte ? (Byte) v : (Short) v;
  }

  public byte nextByte() {
    return (Byte) next();
  }

  public boolean nextBoolean() {
    return (Boolean) next();
  }
}

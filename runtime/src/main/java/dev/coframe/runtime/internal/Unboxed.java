package dev.coframe.runtime.internal;

/**
 * A primitive result kept unboxed in a slot of a group's results: the slot's reference is the
 * kind, and its 64 bits beside it the value ({@link Frame#resultInto}), boxed only when read.
 */
enum Unboxed {
  INT, LONG, DOUBLE, FLOAT, SHORT, CHAR, BYTE, BOOLEAN;

  /** The value {@code bits} holds, boxed as its kind. */
  Object box(long bits) {
    switch (this) {
      case INT:
        return (int) bits;
      case LONG:
        return bits;
      case DOUBLE:
        return Double.longBitsToDouble(bits);
      case FLOAT:
        return Float.intBitsToFloat((int) bits);
      case SHORT:
        return (short) bits;
      case CHAR:
        return (char) bits;
      case BYTE:
        return (byte) bits;
      default:
        return bits != 0;
    }
  }
}

package dev.sparkweld.weld.abi;

import java.lang.reflect.Field;

/**
 * Raw off-heap memory access for encoding and decoding ABI values. {@code sun.misc.Unsafe} is what Spark itself uses
 * for off-heap data (it needs no JVM flags on Java 17; Java 24+ prints a one-time notice).
 */
public final class Memory {
  private static final sun.misc.Unsafe U;

  static {
    try {
      Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      U = (sun.misc.Unsafe) f.get(null);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Memory() {}

  /** Allocates {@code bytes} (at least 1) of 16-byte-aligned memory; free with {@link #free}. */
  public static long allocate(long bytes) {
    return U.allocateMemory(Math.max(1, bytes));
  }

  public static void free(long address) {
    U.freeMemory(address);
  }

  public static void zero(long address, long bytes) {
    U.setMemory(address, bytes, (byte) 0);
  }

  public static void copy(long from, long to, long bytes) {
    U.copyMemory(from, to, bytes);
  }

  public static byte getByte(long a) {
    return U.getByte(a);
  }

  public static short getShort(long a) {
    return U.getShort(a);
  }

  public static int getInt(long a) {
    return U.getInt(a);
  }

  public static long getLong(long a) {
    return U.getLong(a);
  }

  public static float getFloat(long a) {
    return U.getFloat(a);
  }

  public static double getDouble(long a) {
    return U.getDouble(a);
  }

  public static void putByte(long a, byte v) {
    U.putByte(a, v);
  }

  public static void putShort(long a, short v) {
    U.putShort(a, v);
  }

  public static void putInt(long a, int v) {
    U.putInt(a, v);
  }

  public static void putLong(long a, long v) {
    U.putLong(a, v);
  }

  public static void putFloat(long a, float v) {
    U.putFloat(a, v);
  }

  public static void putDouble(long a, double v) {
    U.putDouble(a, v);
  }

  /** An i128 in ABI layout (low word first). */
  public static java.math.BigInteger getI128(long a) {
    return i128(getLong(a), getLong(a + 8));
  }

  /** The i128 of low word {@code lo} and high word {@code hi}. */
  public static java.math.BigInteger i128(long lo, long hi) {
    return java.math.BigInteger.valueOf(hi).shiftLeft(64).or(new java.math.BigInteger(Long.toUnsignedString(lo)));
  }

  /** Copies {@code n} bytes from off-heap memory into a new array. */
  public static byte[] getBytes(long a, int n) {
    byte[] out = new byte[n];
    U.copyMemory(null, a, out, sun.misc.Unsafe.ARRAY_BYTE_BASE_OFFSET, n);
    return out;
  }

  public static void putBytes(long a, byte[] src) {
    U.copyMemory(src, sun.misc.Unsafe.ARRAY_BYTE_BASE_OFFSET, null, a, src.length);
  }
}

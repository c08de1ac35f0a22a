package dev.sparkweld.weld.value;

/**
 * The Java representation of Weld values, shared by the interpreter, the corpus format and the JIT marshalling code.
 *
 * <table>
 *   <tr><th>Weld type</th><th>Java</th></tr>
 *   <tr><td>bool</td><td>{@link Boolean}</td></tr>
 *   <tr><td>i8, u8</td><td>{@link Byte} (u8 holds the same bits; 255u8 is (byte) -1)</td></tr>
 *   <tr><td>i16, u16</td><td>{@link Short}</td></tr>
 *   <tr><td>i32, u32</td><td>{@link Integer}</td></tr>
 *   <tr><td>i64, u64</td><td>{@link Long}</td></tr>
 *   <tr><td>i128</td><td>{@link java.math.BigInteger} in [-2^127, 2^127)</td></tr>
 *   <tr><td>f32, f64</td><td>{@link Float}, {@link Double}</td></tr>
 *   <tr><td>simd[S]</td><td>{@link SimdValue}</td></tr>
 *   <tr><td>vec[T]</td><td>{@link VecValue}</td></tr>
 *   <tr><td>struct</td><td>{@link StructValue}</td></tr>
 *   <tr><td>dict[K,V]</td><td>{@link DictValue}</td></tr>
 * </table>
 *
 * Unsigned types use the signed Java type of the same width holding the same bits; the Weld type says how to read them.
 */
public final class Values {
  private Values() {}
}

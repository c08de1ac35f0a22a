package dev.sparkweld.weld;

import dev.sparkweld.weld.abi.ValueCodec;
import dev.sparkweld.weld.ir.Type;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A value crossing the Java/native boundary, in one of two forms: Java objects (the representation of
 * {@link dev.sparkweld.weld.value.Values}: boxed scalars, {@code VecValue}, {@code StructValue}, {@code DictValue})
 * that a run encodes into native memory, or an address of memory already in the ABI layout (docs/abi.md), which a
 * run uses as is: zero copy.
 *
 * <p>Run results are of the second form, owned by the {@link WeldContext} of the run; {@link #toJava()} copies one out.
 */
public final class WeldValue {
  private final List<Object> javaValues;
  private final long address;
  private final Type type;
  private final int simdBits;

  private WeldValue(List<Object> javaValues, long address, Type type, int simdBits) {
    this.javaValues = javaValues;
    this.address = address;
    this.type = type;
    this.simdBits = simdBits;
  }

  /** The arguments of a run as Java values, one per parameter of the program. */
  public static WeldValue of(Object... args) {
    return new WeldValue(Collections.unmodifiableList(Arrays.asList(args.clone())), 0, null, 0);
  }

  public static WeldValue ofList(List<Object> args) {
    return of(args.toArray());
  }

  /**
   * An argument block already in native memory: the struct {@code {param0, ..., paramN-1, result}} in ABI layout
   * ({@link WeldModule#argsLayoutSize()} bytes). The kernel writes its result into the last field.
   */
  public static WeldValue ofAddress(long address, Type argsType) {
    if (address == 0) {
      throw new IllegalArgumentException("null address");
    }
    return new WeldValue(null, address, Objects.requireNonNull(argsType), 0);
  }

  /** A native value whose layout follows {@code weld.simd.bits = simdBits}. */
  static WeldValue ofNative(long address, Type type, int simdBits) {
    return new WeldValue(null, address, type, simdBits);
  }

  public boolean isNative() {
    return javaValues == null;
  }

  /** The Java values of a Java-form value. */
  public List<Object> javaValues() {
    if (javaValues == null) {
      throw new IllegalStateException("a native value has no Java form; use toJava()");
    }
    return javaValues;
  }

  /** The address of a native-form value (for a result: of the value itself, in ABI layout). */
  public long address() {
    if (javaValues != null) {
      throw new IllegalStateException("a Java value has no address until a run encodes it");
    }
    return address;
  }

  /** The type of a native-form value. */
  public Type type() {
    return type;
  }

  /** Decodes a native value into Java objects (valid while the owning context is open). */
  public Object toJava() {
    if (javaValues != null) {
      return javaValues.size() == 1 ? javaValues.get(0) : javaValues;
    }
    return ValueCodec.decode(type, address, simdBits);
  }

  @Override
  public String toString() {
    return javaValues != null ? "WeldValue" + javaValues : "WeldValue[" + type + " @0x" + Long.toHexString(address) + "]";
  }
}

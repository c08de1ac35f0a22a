package dev.sparkweld.weld.ir;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/** A scalar literal. {@code bits} holds the value: integers sign- or zero-extended to 64 bits, floats as raw IEEE bits ({@code f32} in the low 32), booleans 0/1; {@code high} is the upper 64 bits of an {@code i128} (the sign extension of {@code bits} otherwise). */
public record Literal(ScalarKind kind, long bits, long high) implements ExprKind {
  public Literal {
    Objects.requireNonNull(kind);
  }

  public static Literal ofBool(boolean b) {
    return new Literal(ScalarKind.BOOL, b ? 1 : 0, 0);
  }

  public static Literal ofI32(int v) {
    return ofLong(ScalarKind.I32, v);
  }

  public static Literal ofI64(long v) {
    return ofLong(ScalarKind.I64, v);
  }

  public static Literal ofF64(double v) {
    return new Literal(ScalarKind.F64, Double.doubleToRawLongBits(v), 0);
  }

  public static Literal ofF32(float v) {
    return new Literal(ScalarKind.F32, Float.floatToRawIntBits(v) & 0xFFFFFFFFL, 0);
  }

  /**
   * An integer or bool literal of the given kind holding {@code v} wrapped to the kind's width (two's complement), so
   * {@code ofLong(U8, -1)} is 255 and {@code ofLong(I8, 200)} is -56.
   */
  public static Literal ofLong(ScalarKind kind, long v) {
    if (kind.isFloat()) {
      return kind == ScalarKind.F64 ? ofF64(v) : ofF32(v);
    }
    return ofBigInteger(kind, BigInteger.valueOf(v));
  }

  /** An integer literal holding {@code v} wrapped to the kind's width. */
  public static Literal ofBigInteger(ScalarKind kind, BigInteger v) {
    if (kind == ScalarKind.BOOL) {
      return ofBool(v.signum() != 0);
    }
    if (kind.isFloat()) {
      return kind == ScalarKind.F64 ? ofF64(v.doubleValue()) : ofF32(v.floatValue());
    }
    int bits = kind.bits();
    BigInteger mod = BigInteger.ONE.shiftLeft(bits);
    BigInteger w = v.mod(mod);
    if (kind.isSigned() && w.testBit(bits - 1)) {
      w = w.subtract(mod);
    }
    long lo = w.longValue();
    long hi = w.shiftRight(64).longValue();
    if (!kind.isSigned() && bits < 64) {
      hi = 0;
    }
    return new Literal(kind, lo, kind == ScalarKind.I128 ? hi : (kind.isSigned() ? lo >> 63 : 0));
  }

  public boolean asBoolean() {
    return bits != 0;
  }

  /** The value of an integer literal (for u64, the raw bits). */
  public long asLong() {
    return bits;
  }

  public double asDouble() {
    return kind == ScalarKind.F32 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
  }

  public float asFloat() {
    return Float.intBitsToFloat((int) bits);
  }

  /** The exact mathematical value of an integer literal (unsigned kinds are non-negative). */
  public BigInteger asBigInteger() {
    if (kind == ScalarKind.I128) {
      return BigInteger.valueOf(high).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(bits)));
    }
    if (kind == ScalarKind.U64) {
      return new BigInteger(Long.toUnsignedString(bits));
    }
    return BigInteger.valueOf(bits);
  }

  public ScalarType type() {
    return new ScalarType(kind);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitLiteral(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of();
  }

  @Override
  public Literal withChildren(List<Expr> c) {
    return new Literal(kind, bits, high);
  }
}

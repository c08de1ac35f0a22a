package dev.sparkweld.weld.ir;

import java.util.Locale;

/** The scalar types. {@code I128} is our addition (Spark decimals up to precision 38). */
public enum ScalarKind {
  BOOL(1, false, false),
  I8(8, true, false),
  I16(16, true, false),
  I32(32, true, false),
  I64(64, true, false),
  I128(128, true, false),
  U8(8, false, false),
  U16(16, false, false),
  U32(32, false, false),
  U64(64, false, false),
  F32(32, true, true),
  F64(64, true, true);

  private final int bits;
  private final boolean signed;
  private final boolean floating;

  ScalarKind(int bits, boolean signed, boolean floating) {
    this.bits = bits;
    this.signed = signed;
    this.floating = floating;
  }

  /** Width in bits; {@code BOOL} is 1 (stored as one byte, see docs/abi.md). */
  public int bits() {
    return bits;
  }

  /** Size in bytes of the ABI representation. */
  public int byteSize() {
    return this == BOOL ? 1 : bits / 8;
  }

  public boolean isSigned() {
    return signed;
  }

  public boolean isFloat() {
    return floating;
  }

  public boolean isBool() {
    return this == BOOL;
  }

  public boolean isInteger() {
    return !floating && this != BOOL;
  }

  public boolean isSignedInteger() {
    return isInteger() && signed;
  }

  public boolean isUnsignedInteger() {
    return isInteger() && !signed;
  }

  public boolean isNumeric() {
    return this != BOOL;
  }

  /** The keyword spelling ({@code i32}, {@code f64}, ...). */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ScalarKind fromKeyword(String s) {
    for (ScalarKind k : values()) {
      if (k.keyword().equals(s)) {
        return k;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return keyword();
  }
}

package dev.sparkweld.weld.interp;

import dev.sparkweld.runtime.WeldRuntimeException;
import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.Literal;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.UnaryOpKind;
import dev.sparkweld.weld.value.Scalars;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Constant folding for the optimizer, done by the reference interpreter's own scalar operators so that a folded
 * literal is by construction the value the program would have computed. An operation that would raise a runtime
 * error (division by zero, checked overflow) is not folded: the error must still happen at run time.
 */
public final class Folding {
  private Folding() {}

  public static Optional<Literal> binary(BinOpKind op, Literal a, Literal b, boolean checked) {
    try {
      Object r = ScalarOps.binary(op, a.kind(), Operators.literal(a), Operators.literal(b), checked);
      return Optional.of(literal(r, op.isComparison() || (op.isLogical()) ? ScalarKind.BOOL : a.kind()));
    } catch (WeldRuntimeException e) {
      return Optional.empty();
    }
  }

  public static Optional<Literal> negate(Literal a, boolean checked) {
    try {
      return Optional.of(literal(ScalarOps.negate(a.kind(), Operators.literal(a), checked), a.kind()));
    } catch (WeldRuntimeException e) {
      return Optional.empty();
    }
  }

  public static Optional<Literal> not(Literal a) {
    return Optional.of(literal(ScalarOps.not(a.kind(), Operators.literal(a)), a.kind()));
  }

  /**
   * Folds only the operators that are exactly rounded on every backend (spec section 8): a transcendental folded
   * by Java's libm could differ in the last bit from what the JIT's libm computes.
   */
  public static Optional<Literal> unary(UnaryOpKind op, Literal a, boolean checked) {
    if (op != UnaryOpKind.ABS && op != UnaryOpKind.SQRT && op != UnaryOpKind.FLOOR && op != UnaryOpKind.CEIL) {
      return Optional.empty();
    }
    try {
      return Optional.of(literal(ScalarOps.unary(op, a.kind(), Operators.literal(a), checked), a.kind()));
    } catch (WeldRuntimeException e) {
      return Optional.empty();
    }
  }

  public static Optional<Literal> cast(Literal a, ScalarKind to, boolean checked) {
    try {
      return Optional.of(literal(Casts.cast(Operators.literal(a), a.kind(), to, checked), to));
    } catch (WeldRuntimeException e) {
      return Optional.empty();
    }
  }

  /** A NaN result is not folded: its bit pattern (visible through serialize) is whatever the hardware makes. */
  private static Literal literal(Object v, ScalarKind k) {
    if ((v instanceof Double d && d.isNaN()) || (v instanceof Float f && f.isNaN())) {
      throw new dev.sparkweld.runtime.WeldRuntimeException(dev.sparkweld.runtime.ErrorKind.INTERNAL, "NaN");
    }
    switch (k) {
      case BOOL:
        return Literal.ofBool((Boolean) v);
      case F64:
        return Literal.ofF64((Double) v);
      case F32:
        return Literal.ofF32((Float) v);
      case I128:
        return Literal.ofBigInteger(k, (BigInteger) v);
      default:
        return Literal.ofBigInteger(k, Scalars.exact(v, k));
    }
  }
}

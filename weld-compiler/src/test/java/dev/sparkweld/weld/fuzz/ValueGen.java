package dev.sparkweld.weld.fuzz;

import dev.sparkweld.weld.ir.DictType;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import dev.sparkweld.weld.value.DictValue;
import dev.sparkweld.weld.value.StructValue;
import dev.sparkweld.weld.value.VecValue;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;

/** Random argument values in the Java representation of {@code dev.sparkweld.weld.value.Values}. */
final class ValueGen {
  private final SplittableRandom rnd;
  private final Literals literals;
  private final int maxLen;

  ValueGen(SplittableRandom rnd, int maxLen) {
    this.rnd = rnd;
    this.literals = new Literals(rnd);
    this.maxLen = maxLen;
  }

  Object of(Type t) {
    if (t instanceof ScalarType s) {
      return scalar(s.kind());
    }
    if (t instanceof VecType v) {
      int n = length();
      List<Object> elems = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        elems.add(of(v.elem()));
      }
      return new VecValue(elems);
    }
    if (t instanceof StructType s) {
      List<Object> fields = new ArrayList<>();
      for (Type f : s.fields()) {
        fields.add(of(f));
      }
      return new StructValue(fields);
    }
    if (t instanceof DictType d) {
      LinkedHashMap<Object, Object> m = new LinkedHashMap<>();
      int n = length();
      for (int i = 0; i < n; i++) {
        m.putIfAbsent(of(d.key()), of(d.value()));
      }
      return new DictValue(m);
    }
    throw new IllegalArgumentException("no random values of type " + t);
  }

  private int length() {
    int r = rnd.nextInt(10);
    return r == 0 ? 0 : r < 8 ? rnd.nextInt(1, 6) : rnd.nextInt(maxLen + 1);
  }

  Object scalar(ScalarKind k) {
    switch (k) {
      case BOOL:
        return rnd.nextBoolean();
      case F64:
        return randomDouble();
      case F32:
        return (float) randomDouble();
      default:
        break;
    }
    BigInteger v = literals.intValue(k);
    switch (k) {
      case I8:
      case U8:
        return v.byteValue();
      case I16:
      case U16:
        return v.shortValue();
      case I32:
      case U32:
        return v.intValue();
      case I64:
      case U64:
        return v.longValue();
      case I128:
        return v;
      default:
        throw new IllegalArgumentException(k.toString());
    }
  }

  private double randomDouble() {
    int r = rnd.nextInt(20);
    if (r == 0) {
      return Double.NaN;
    }
    if (r == 1) {
      return -0.0;
    }
    if (r == 2) {
      return rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    return r < 10 ? rnd.nextInt(-50, 50) * 0.25 : rnd.nextDouble(-1e6, 1e6);
  }
}

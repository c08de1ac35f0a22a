package dev.sparkweld.weld.fuzz;

import dev.sparkweld.weld.ir.DictType;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/** Random value types for the generator, the predicates that decide which constructs apply, and type source text. */
final class TypeGen {
  static final ScalarKind[] SCALARS = ScalarKind.values();
  static final ScalarKind[] INTS = {ScalarKind.I8, ScalarKind.I16, ScalarKind.I32, ScalarKind.I64, ScalarKind.I128,
      ScalarKind.U8, ScalarKind.U16, ScalarKind.U32, ScalarKind.U64};
  /** Kinds weighted toward the common ones. */
  private static final ScalarKind[] COMMON = {ScalarKind.I32, ScalarKind.I32, ScalarKind.I64, ScalarKind.I64,
      ScalarKind.F64, ScalarKind.F64, ScalarKind.BOOL, ScalarKind.BOOL, ScalarKind.I8, ScalarKind.U8, ScalarKind.F32,
      ScalarKind.I16, ScalarKind.U16, ScalarKind.U32, ScalarKind.U64, ScalarKind.I128};

  private final SplittableRandom rnd;

  TypeGen(SplittableRandom rnd) {
    this.rnd = rnd;
  }

  ScalarType scalar() {
    return Type.scalar(COMMON[rnd.nextInt(COMMON.length)]);
  }

  ScalarType numericScalar() {
    ScalarType t;
    do {
      t = scalar();
    } while (t.kind() == ScalarKind.BOOL);
    return t;
  }

  /** A value type (no builders, functions or simd) of nesting depth at most {@code depth}. */
  Type value(int depth) {
    int r = rnd.nextInt(100);
    if (depth <= 0 || r < 55) {
      return scalar();
    }
    if (r < 78) {
      return Type.vec(value(depth - 1));
    }
    if (r < 93) {
      int n = 1 + rnd.nextInt(3);
      List<Type> fields = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        fields.add(value(depth - 1));
      }
      return new StructType(fields);
    }
    return dictType(depth - 1);
  }

  /** A dictionary type the generator can build: numeric (or numeric-struct) values, or vectors of values. */
  DictType dictType(int depth) {
    Type k = key(depth);
    Type v = rnd.nextInt(4) == 0 ? Type.vec(scalar()) : mergeable();
    return Type.dict(k, v);
  }

  Type key(int depth) {
    int r = rnd.nextInt(10);
    if (depth > 0 && r == 0) {
      return Type.STRING;
    }
    if (depth > 0 && r == 1) {
      return Type.struct(scalarKey(), scalarKey());
    }
    return scalarKey();
  }

  private ScalarType scalarKey() {
    return rnd.nextInt(8) == 0 ? scalar() : Type.scalar(rnd.nextBoolean() ? ScalarKind.I32 : ScalarKind.I64);
  }

  /** A type mergers, dictmergers and vecmergers accept with any op: a numeric scalar or a struct of them. */
  Type mergeable() {
    if (rnd.nextInt(6) == 0) {
      return Type.struct(numericScalar(), numericScalar());
    }
    return numericScalar();
  }

  static boolean isNumeric(Type t) {
    return t instanceof ScalarType s && s.kind() != ScalarKind.BOOL;
  }

  static boolean isInt(Type t) {
    return t instanceof ScalarType s && s.kind().isInteger();
  }

  static boolean isFloat(Type t) {
    return t instanceof ScalarType s && s.kind().isFloat();
  }

  static boolean isBool(Type t) {
    return t instanceof ScalarType s && s.kind() == ScalarKind.BOOL;
  }

  static boolean isMergeable(Type t) {
    return isNumeric(t) || t instanceof StructType s && !s.fields().isEmpty()
        && s.fields().stream().allMatch(TypeGen::isNumeric);
  }

  /** Types with {@code < ==} (no dicts, no simd). */
  static boolean isComparable(Type t) {
    if (t instanceof ScalarType) {
      return true;
    }
    if (t instanceof VecType || t instanceof StructType) {
      return t.children().stream().allMatch(TypeGen::isComparable);
    }
    return false;
  }

  /** Comparable with a total order (no floats, so no NaN): safe for sort comparators. */
  static boolean isTotallyOrdered(Type t) {
    if (t instanceof ScalarType s) {
      return !s.kind().isFloat();
    }
    if (t instanceof VecType || t instanceof StructType) {
      return t.children().stream().allMatch(TypeGen::isTotallyOrdered);
    }
    return false;
  }

  static boolean isHashable(Type t) {
    return isComparable(t);
  }

  /** Source text of a type. */
  static String text(Type t) {
    if (t instanceof ScalarType s) {
      return s.kind().keyword();
    }
    if (t instanceof VecType v) {
      return "vec[" + text(v.elem()) + "]";
    }
    if (t instanceof StructType s) {
      return s.fields().stream().map(TypeGen::text).collect(Collectors.joining(", ", "{", "}"));
    }
    if (t instanceof DictType d) {
      return "dict[" + text(d.key()) + ", " + text(d.value()) + "]";
    }
    if (t instanceof SimdType s) {
      return "simd[" + s.elem().keyword() + "]";
    }
    throw new IllegalArgumentException("no source text for " + t);
  }
}

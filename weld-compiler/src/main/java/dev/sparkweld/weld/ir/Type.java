package dev.sparkweld.weld.ir;

import java.util.List;

/**
 * A Weld type. Value types: scalars, {@code simd[S]}, {@code vec[T]}, {@code dict[K,V]} and structs; builder types
 * (see {@link BuilderType}); function types for lambdas; and {@link UnknownType} for what inference has yet to fill
 * in. Types are immutable values with structural equality.
 */
public sealed interface Type
    permits ScalarType, SimdType, VecType, DictType, StructType, FunctionType, UnknownType, BuilderType {

  <R> R accept(TypeVisitor<R> v);

  /** The direct component types, in a fixed order. */
  List<Type> children();

  /** True if this type or any component is {@link UnknownType}. */
  default boolean isPartial() {
    if (this instanceof UnknownType) {
      return true;
    }
    for (Type c : children()) {
      if (c.isPartial()) {
        return true;
      }
    }
    return false;
  }

  /** True for builders and for structs (non-empty) all of whose fields are builders. */
  default boolean isBuilder() {
    if (this instanceof BuilderType) {
      return true;
    }
    if (this instanceof StructType s) {
      return !s.fields().isEmpty() && s.fields().stream().allMatch(Type::isBuilder);
    }
    return false;
  }

  /** True if a builder occurs anywhere inside this type. */
  default boolean containsBuilder() {
    if (this instanceof BuilderType) {
      return true;
    }
    for (Type c : children()) {
      if (c.containsBuilder()) {
        return true;
      }
    }
    return false;
  }

  /** Types usable as dictionary keys and in {@code ==}/hash: scalars, and vectors and structs of hashable types. */
  default boolean isHashable() {
    if (this instanceof ScalarType) {
      return true;
    }
    if (this instanceof VecType || this instanceof StructType || this instanceof SimdType) {
      return children().stream().allMatch(Type::isHashable);
    }
    return false;
  }

  // Factory constants and helpers.
  ScalarType BOOL = new ScalarType(ScalarKind.BOOL);
  ScalarType I8 = new ScalarType(ScalarKind.I8);
  ScalarType I16 = new ScalarType(ScalarKind.I16);
  ScalarType I32 = new ScalarType(ScalarKind.I32);
  ScalarType I64 = new ScalarType(ScalarKind.I64);
  ScalarType I128 = new ScalarType(ScalarKind.I128);
  ScalarType U8 = new ScalarType(ScalarKind.U8);
  ScalarType U16 = new ScalarType(ScalarKind.U16);
  ScalarType U32 = new ScalarType(ScalarKind.U32);
  ScalarType U64 = new ScalarType(ScalarKind.U64);
  ScalarType F32 = new ScalarType(ScalarKind.F32);
  ScalarType F64 = new ScalarType(ScalarKind.F64);
  UnknownType UNKNOWN = new UnknownType();
  /** Strings are UTF-8 bytes: {@code vec[i8]}, as in Weld. */
  VecType STRING = new VecType(I8);

  static ScalarType scalar(ScalarKind k) {
    return new ScalarType(k);
  }

  static VecType vec(Type elem) {
    return new VecType(elem);
  }

  static StructType struct(Type... fields) {
    return new StructType(List.of(fields));
  }

  static DictType dict(Type k, Type v) {
    return new DictType(k, v);
  }
}

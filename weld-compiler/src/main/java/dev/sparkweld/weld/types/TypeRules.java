package dev.sparkweld.weld.types;

import dev.sparkweld.weld.ir.AppenderType;
import dev.sparkweld.weld.ir.BuilderOp;
import dev.sparkweld.weld.ir.BuilderType;
import dev.sparkweld.weld.ir.DictMergerType;
import dev.sparkweld.weld.ir.DictType;
import dev.sparkweld.weld.ir.FunctionType;
import dev.sparkweld.weld.ir.GroupMergerType;
import dev.sparkweld.weld.ir.MergerType;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.TypeVisitor;
import dev.sparkweld.weld.ir.UnknownType;
import dev.sparkweld.weld.ir.VecMergerType;
import dev.sparkweld.weld.ir.VecType;
import java.util.Optional;

/**
 * The classes of types the spec (section 2 and 4) names: value types, hashable keys, comparable and serializable
 * values, mergeable builder elements, and the well-formedness of a complete type. All take complete types.
 */
public final class TypeRules {
  private TypeRules() {}

  /** Not a builder, not a function, and nothing inside is one. */
  public static boolean isValue(Type t) {
    if (t instanceof BuilderType || t instanceof FunctionType || t instanceof UnknownType) {
      return false;
    }
    return t.children().stream().allMatch(TypeRules::isValue);
  }

  /** A builder or a non-empty struct of builders (a struct whose fields are all builders, recursively). */
  public static boolean isBuilder(Type t) {
    return t.isBuilder();
  }

  /** Dictionary keys: scalars, and vectors and structs of hashable types (spec 2; simd values are not keys). */
  public static boolean isHashable(Type t) {
    if (t instanceof ScalarType) {
      return true;
    }
    if (t instanceof VecType || t instanceof StructType) {
      return t.children().stream().allMatch(TypeRules::isHashable);
    }
    return false;
  }

  /** Operands of comparisons: scalars, simd values (lane-wise), and vectors and structs of comparable values. */
  public static boolean isComparable(Type t) {
    return t instanceof SimdType || isOrdered(t);
  }

  private static boolean isOrdered(Type t) {
    if (t instanceof ScalarType) {
      return true;
    }
    if (t instanceof VecType || t instanceof StructType) {
      return t.children().stream().allMatch(TypeRules::isOrdered);
    }
    return false;
  }

  /** What {@code serialize} accepts (spec 4.7): value types without simd parts. */
  public static boolean isSerializable(Type t) {
    if (t instanceof ScalarType) {
      return true;
    }
    if (t instanceof VecType || t instanceof StructType || t instanceof DictType) {
      return t.children().stream().allMatch(TypeRules::isSerializable);
    }
    return false;
  }

  /**
   * Element types of mergers, dictmerger values and vecmergers: numeric scalars or structs of them; {@code bool} only
   * with {@code min} and {@code max}.
   */
  public static boolean isMergeable(Type t, BuilderOp op) {
    if (t instanceof ScalarType s) {
      return s.kind() != ScalarKind.BOOL || op == BuilderOp.MIN || op == BuilderOp.MAX;
    }
    if (t instanceof StructType s) {
      return s.fields().stream().allMatch(f -> f instanceof ScalarType && isMergeable(f, op));
    }
    return false;
  }

  /** The scalar kind of a scalar or the lane kind of a simd type. */
  public static Optional<ScalarKind> laneKind(Type t) {
    if (t instanceof ScalarType s) {
      return Optional.of(s.kind());
    }
    if (t instanceof SimdType s) {
      return Optional.of(s.elem());
    }
    return Optional.empty();
  }

  /**
   * Why a complete type is ill-formed, or empty if it is well-formed: vectors, dicts and struct fields hold values
   * (a struct is either all values or all builders), keys are hashable, builder elements are as section 4.5 says.
   */
  public static Optional<String> whyIllFormed(Type t) {
    return Optional.ofNullable(t.accept(WELL_FORMED));
  }

  private static String checkValue(Type t, String what) {
    String inner = t.accept(WELL_FORMED);
    if (inner != null) {
      return inner;
    }
    return isValue(t) ? null : what + " must have a value type, not " + t;
  }

  private static final TypeVisitor<String> WELL_FORMED = new TypeVisitor<>() {
    @Override
    public String visitScalar(ScalarType t) {
      return null;
    }

    @Override
    public String visitSimd(SimdType t) {
      return null;
    }

    @Override
    public String visitVec(VecType t) {
      return checkValue(t.elem(), "vector elements");
    }

    @Override
    public String visitDict(DictType t) {
      String key = checkValue(t.key(), "dictionary keys");
      if (key != null) {
        return key;
      }
      if (!isHashable(t.key())) {
        return "dictionary key type " + t.key() + " is not hashable";
      }
      return checkValue(t.value(), "dictionary values");
    }

    @Override
    public String visitStruct(StructType t) {
      for (Type f : t.fields()) {
        String inner = f.accept(this);
        if (inner != null) {
          return inner;
        }
      }
      boolean allValues = t.fields().stream().allMatch(TypeRules::isValue);
      boolean allBuilders = t.fields().stream().allMatch(Type::isBuilder);
      return allValues || allBuilders ? null : "struct " + t + " mixes builders with other fields";
    }

    @Override
    public String visitFunction(FunctionType t) {
      for (Type p : t.params()) {
        String inner = p.accept(this);
        if (inner != null) {
          return inner;
        }
        if (p instanceof FunctionType) {
          return "functions are not values: a parameter cannot have type " + p;
        }
      }
      if (t.result() instanceof FunctionType) {
        return "functions are not values: a lambda cannot return " + t.result();
      }
      return t.result().accept(this);
    }

    @Override
    public String visitUnknown(UnknownType t) {
      return "unknown type";
    }

    @Override
    public String visitAppender(AppenderType t) {
      return checkValue(t.elem(), "appender elements");
    }

    @Override
    public String visitMerger(MergerType t) {
      return mergeable(t.elem(), t.op(), t);
    }

    @Override
    public String visitDictMerger(DictMergerType t) {
      String key = checkValue(t.key(), "dictmerger keys");
      if (key != null) {
        return key;
      }
      if (!isHashable(t.key())) {
        return "dictmerger key type " + t.key() + " is not hashable";
      }
      return mergeable(t.value(), t.op(), t);
    }

    @Override
    public String visitGroupMerger(GroupMergerType t) {
      String key = checkValue(t.key(), "groupmerger keys");
      if (key != null) {
        return key;
      }
      if (!isHashable(t.key())) {
        return "groupmerger key type " + t.key() + " is not hashable";
      }
      return checkValue(t.value(), "groupmerger values");
    }

    @Override
    public String visitVecMerger(VecMergerType t) {
      return mergeable(t.elem(), t.op(), t);
    }

    private String mergeable(Type elem, BuilderOp op, Type builder) {
      if (isMergeable(elem, op)) {
        return null;
      }
      return "the elements of " + builder + " must be numeric scalars or structs of them"
          + " (bool only with min or max), not " + elem;
    }
  };
}

package dev.sparkweld.weld.interp;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.weld.ir.BuilderOp;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.value.DictValue;
import dev.sparkweld.weld.value.Scalars;
import dev.sparkweld.weld.value.SimdValue;
import dev.sparkweld.weld.value.StructValue;
import dev.sparkweld.weld.value.VecValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The builders of spec 4.5 as mutable Java objects. Linearity (checked by the front end) guarantees a builder value
 * is consumed once, so {@code merge} can update in place and return the same object; serial iteration order then
 * gives exactly the spec's results (appender order, dictionary insertion order, first-value-then-op).
 */
final class Builders {
  private Builders() {}

  /** A builder value at run time. */
  interface Builder {
    void merge(Object value);

    Object result();
  }

  /** {@code acc op v} for scalars or, field-wise, structs of scalars. */
  static Object combine(BuilderOp op, Type t, Object acc, Object v, boolean checked) {
    if (t instanceof ScalarType s) {
      return ScalarOps.binary(op.binOp(), s.kind(), acc, v, checked);
    }
    StructType st = (StructType) t;
    StructValue x = (StructValue) acc;
    StructValue y = (StructValue) v;
    List<Object> out = new ArrayList<>(st.fields().size());
    for (int i = 0; i < st.fields().size(); i++) {
      out.add(combine(op, st.fields().get(i), x.get(i), y.get(i), checked));
    }
    return new StructValue(out);
  }

  /** The identity of {@code op} on type {@code t}: 0, 1, the type's maximum (min) or minimum (max), field-wise. */
  static Object identity(BuilderOp op, Type t) {
    if (t instanceof StructType st) {
      List<Object> out = new ArrayList<>(st.fields().size());
      for (Type f : st.fields()) {
        out.add(identity(op, f));
      }
      return new StructValue(out);
    }
    ScalarKind k = ((ScalarType) t).kind();
    switch (op) {
      case ADD:
        return Casts.cast(0, ScalarKind.I32, k, false);
      case MUL:
        return Casts.cast(1, ScalarKind.I32, k, false);
      case MIN:
        return extreme(k, true);
      case MAX:
        return extreme(k, false);
      default:
        throw Errors.internal("builder operator " + op);
    }
  }

  private static Object extreme(ScalarKind k, boolean max) {
    switch (k) {
      case BOOL:
        return max;
      case F32:
        return max ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
      case F64:
        return max ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
      default:
        return Scalars.wrap(max ? Scalars.max(k) : Scalars.min(k), k);
    }
  }

  static final class Appender implements Builder {
    private final ArrayList<Object> elems;

    Appender(int capacityHint) {
      elems = new ArrayList<>(Math.max(0, Math.min(capacityHint, 1 << 16)));
    }

    @Override
    public void merge(Object value) {
      if (value instanceof SimdValue s) {
        elems.addAll(s.lanes());
      } else {
        elems.add(value);
      }
    }

    @Override
    public Object result() {
      return VecValue.wrap(elems.toArray());
    }
  }

  static final class Merger implements Builder {
    private final Type elem;
    private final BuilderOp op;
    private final boolean checked;
    private Object acc;

    Merger(Type elem, BuilderOp op, Object initial, boolean checked) {
      this.elem = elem;
      this.op = op;
      this.checked = checked;
      this.acc = initial != null ? initial : identity(op, elem);
    }

    @Override
    public void merge(Object value) {
      if (value instanceof SimdValue s) {
        for (Object lane : s.lanes()) {
          acc = combine(op, elem, acc, lane, checked);
        }
      } else {
        acc = combine(op, elem, acc, value, checked);
      }
    }

    @Override
    public Object result() {
      return acc;
    }
  }

  static final class DictMerger implements Builder {
    private final Type value;
    private final BuilderOp op;
    private final boolean checked;
    private final LinkedHashMap<Object, Object> map = new LinkedHashMap<>();

    DictMerger(Type value, BuilderOp op, boolean checked) {
      this.value = value;
      this.op = op;
      this.checked = checked;
    }

    @Override
    public void merge(Object kv) {
      StructValue pair = (StructValue) kv;
      Object k = pair.get(0);
      Object old = map.get(k);
      // Re-putting an existing key keeps its position, so the order stays that of first insertion.
      map.put(k, old == null ? pair.get(1) : combine(op, value, old, pair.get(1), checked));
    }

    @Override
    public Object result() {
      return new DictValue(map);
    }
  }

  static final class GroupMerger implements Builder {
    private final LinkedHashMap<Object, ArrayList<Object>> groups = new LinkedHashMap<>();

    @Override
    public void merge(Object kv) {
      StructValue pair = (StructValue) kv;
      groups.computeIfAbsent(pair.get(0), k -> new ArrayList<>()).add(pair.get(1));
    }

    @Override
    public Object result() {
      LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<Object, ArrayList<Object>> e : groups.entrySet()) {
        out.put(e.getKey(), VecValue.wrap(e.getValue().toArray()));
      }
      return new DictValue(out);
    }
  }

  static final class VecMerger implements Builder {
    private final Type elem;
    private final BuilderOp op;
    private final boolean checked;
    private final Object[] slots;

    VecMerger(Type elem, BuilderOp op, VecValue initial, boolean checked) {
      this.elem = elem;
      this.op = op;
      this.checked = checked;
      this.slots = initial.toArray();
    }

    @Override
    public void merge(Object iv) {
      StructValue pair = (StructValue) iv;
      long i = (Long) pair.get(0);
      if (i < 0 || i >= slots.length) {
        throw Errors.of(ErrorKind.OUT_OF_BOUNDS, "vecmerger index " + i + " outside [0, " + slots.length + ")");
      }
      slots[(int) i] = combine(op, elem, slots[(int) i], pair.get(1), checked);
    }

    @Override
    public Object result() {
      return VecValue.wrap(slots.clone());
    }
  }
}

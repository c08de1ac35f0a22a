package dev.sparkweld.weld.interp;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.weld.value.DictValue;
import dev.sparkweld.weld.value.StructValue;
import dev.sparkweld.weld.value.VecValue;
import java.util.List;
import java.util.Map;

/** Vector and dictionary operations of spec 4.4 that need no evaluation of subexpressions. */
final class CollectionOps {
  private CollectionOps() {}

  static Object lookup(VecValue v, long i) {
    if (i < 0 || i >= v.size()) {
      throw Errors.of(ErrorKind.OUT_OF_BOUNDS, "lookup index " + i + " outside [0, " + v.size() + ")");
    }
    return v.get((int) i);
  }

  static Object lookup(DictValue d, Object key) {
    Object v = d.get(key);
    if (v == null) {
      throw Errors.of(ErrorKind.KEY_NOT_FOUND, "lookup of a key the dictionary does not hold");
    }
    return v;
  }

  /** Strict bounds: {@code i < 0}, {@code n < 0} or {@code i + n > len} is OUT_OF_BOUNDS, never a clamp. */
  static VecValue slice(VecValue v, long i, long n) {
    if (i < 0 || n < 0 || i > v.size() || n > v.size() - i) {
      throw Errors.of(ErrorKind.OUT_OF_BOUNDS,
          "slice(" + i + ", " + n + ") outside a vector of length " + v.size());
    }
    return v.slice((int) i, (int) n);
  }

  /** zip of vectors: equal lengths (else BAD_ITERATOR), the vector of structs of corresponding elements. */
  static VecValue zip(List<VecValue> vs) {
    int n = vs.get(0).size();
    for (VecValue v : vs) {
      if (v.size() != n) {
        throw Errors.of(ErrorKind.BAD_ITERATOR, "zip of vectors of lengths " + n + " and " + v.size());
      }
    }
    Object[] out = new Object[n];
    Object[] fields = new Object[vs.size()];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < vs.size(); j++) {
        fields[j] = vs.get(j).get(i);
      }
      out[i] = StructValue.of(fields.clone());
    }
    return VecValue.wrap(out);
  }

  /** The entries as {@code {K,V}} structs in insertion order. */
  static VecValue toVec(DictValue d) {
    Object[] out = new Object[d.size()];
    int i = 0;
    for (Map.Entry<Object, Object> e : d.asMap().entrySet()) {
      out[i++] = StructValue.of(e.getKey(), e.getValue());
    }
    return VecValue.wrap(out);
  }

  /** A comparator function of the program: negative, zero or positive i32. */
  interface Cmp {
    int compare(Object a, Object b);
  }

  /**
   * Stable bottom-up merge sort. Our own rather than {@code List.sort}: TimSort throws on comparators that are not
   * consistent (a program's comparator may be anything), and this one needs no recursion and calls the comparator
   * in a fixed, implementation-independent pattern.
   */
  /** Length of the runs sorted by insertion before merging (SortCodegen.RUN). */
  static final int RUN = 16;

  static VecValue sort(VecValue v, Cmp cmp) {
    Object[] a = v.toArray();
    Object[] tmp = new Object[a.length];
    // Exactly the algorithm of the generated code (spec 4.4): insertion sort of runs of RUN elements, then merges of
    // widths RUN, 2 RUN, ... For a comparator that is not a consistent order (NaN under `compare`), the result then
    // still matches across backends.
    for (int lo = 0; lo < a.length; lo += RUN) {
      int hi = Math.min(lo + RUN, a.length);
      for (int i = lo + 1; i < hi; i++) {
        Object x = a[i];
        int j = i;
        while (j > lo && cmp.compare(a[j - 1], x) > 0) {
          a[j] = a[j - 1];
          j--;
        }
        a[j] = x;
      }
    }
    for (int width = RUN; width < a.length; width *= 2) {
      for (int lo = 0; lo < a.length - width; lo += 2 * width) {
        int mid = lo + width;
        int hi = Math.min(lo + 2 * width, a.length);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          // Only a strictly positive comparison moves the right element first: ties keep input order (stability).
          tmp[k++] = cmp.compare(a[i], a[j]) > 0 ? a[j++] : a[i++];
        }
        while (i < mid) {
          tmp[k++] = a[i++];
        }
        while (j < hi) {
          tmp[k++] = a[j++];
        }
        System.arraycopy(tmp, lo, a, lo, hi - lo);
      }
      if (width > Integer.MAX_VALUE / 2) {
        break;
      }
    }
    return VecValue.wrap(a);
  }
}

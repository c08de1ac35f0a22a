package dev.sparkweld.weld.value;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A {@code vec[T]}: an immutable sequence of element values (see {@link Values} for the Java representation of each
 * type).
 *
 * <p>Backed by an array window so that {@link #slice} is O(1) and builder results need not be copied twice: the
 * interpreter slices and iterates large vectors, and a copying {@code slice} inside a loop would make it quadratic.
 * Equality and hashing are by elements only, so a slice equals a fresh vector with the same elements.
 */
public final class VecValue {
  private static final Object[] NONE = new Object[0];
  public static final VecValue EMPTY = new VecValue(NONE, 0, 0);

  private final Object[] data;
  private final int from;
  private final int size;
  /** Cached {@link #hashCode()}; 0 means not computed yet (vectors are dictionary keys, e.g. strings). */
  private int hash;

  private VecValue(Object[] data, int from, int size) {
    this.data = data;
    this.from = from;
    this.size = size;
  }

  /** A vector holding a copy of {@code elems} (which must not contain null). */
  public VecValue(List<?> elems) {
    this(checkNonNull(elems.toArray()), 0, elems.size());
  }

  public static VecValue of(Object... elems) {
    return new VecValue(checkNonNull(elems.clone()), 0, elems.length);
  }

  /**
   * A vector over {@code elems} without copying: the caller hands the array over and must never modify it again.
   * For builder results and other freshly filled arrays.
   */
  public static VecValue wrap(Object[] elems) {
    return elems.length == 0 ? EMPTY : new VecValue(checkNonNull(elems), 0, elems.length);
  }

  private static Object[] checkNonNull(Object[] a) {
    for (Object o : a) {
      Objects.requireNonNull(o, "vector elements are never null");
    }
    return a;
  }

  public int size() {
    return size;
  }

  public Object get(int i) {
    Objects.checkIndex(i, size);
    return data[from + i];
  }

  /** Elements {@code i .. i+n-1} as a view sharing this vector's storage; bounds must be checked by the caller. */
  public VecValue slice(int i, int n) {
    Objects.checkFromIndexSize(i, n, size);
    return n == 0 ? EMPTY : new VecValue(data, from + i, n);
  }

  /** A read-only list view of the elements. */
  public List<Object> elems() {
    return new View();
  }

  /** A fresh array with the elements. */
  public Object[] toArray() {
    return Arrays.copyOfRange(data, from, from + size);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof VecValue v) || v.size != size) {
      return false;
    }
    if (hash != 0 && v.hash != 0 && hash != v.hash) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      if (!data[from + i].equals(v.data[v.from + i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = 1;
      for (int i = 0; i < size; i++) {
        h = 31 * h + data[from + i].hashCode();
      }
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return elems().toString();
  }

  private final class View extends AbstractList<Object> implements RandomAccess {
    @Override
    public Object get(int index) {
      return VecValue.this.get(index);
    }

    @Override
    public int size() {
      return size;
    }
  }
}

package dev.sparkweld.weld.value;

import java.util.List;

/**
 * A {@code vec[T]} in the interpreter: an immutable list of element values (see {@link Values} for the Java
 * representation of each type).
 */
public record VecValue(List<Object> elems) {
  public VecValue {
    elems = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(elems));
  }

  public int size() {
    return elems.size();
  }

  public Object get(int i) {
    return elems.get(i);
  }
}

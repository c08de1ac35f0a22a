package dev.sparkweld.weld.value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code dict[K,V]}: entries in insertion order (the order the spec gives {@code tovec}). Keys compare with Java
 * {@code equals} on their value representation, which is what the spec's key equality is: bitwise for floats, with
 * all NaNs equal to each other and {@code -0.0} distinct from {@code 0.0}. Equality of two dicts includes order.
 */
public final class DictValue {
  private final LinkedHashMap<Object, Object> map;

  public DictValue(Map<Object, Object> entries) {
    this.map = new LinkedHashMap<>(entries);
  }

  public static DictValue ofEntries(List<Map.Entry<Object, Object>> entries) {
    LinkedHashMap<Object, Object> m = new LinkedHashMap<>();
    for (Map.Entry<Object, Object> e : entries) {
      m.put(e.getKey(), e.getValue());
    }
    return new DictValue(m);
  }

  public int size() {
    return map.size();
  }

  public boolean containsKey(Object key) {
    return map.containsKey(key);
  }

  /** The value for key, or null if absent (values are never null). */
  public Object get(Object key) {
    return map.get(key);
  }

  /** Read-only view in insertion order. */
  public Map<Object, Object> asMap() {
    return Collections.unmodifiableMap(map);
  }

  public List<Map.Entry<Object, Object>> entries() {
    return new ArrayList<>(map.entrySet());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DictValue d && entries().equals(d.entries());
  }

  @Override
  public int hashCode() {
    return Objects.hash(entries());
  }

  @Override
  public String toString() {
    return map.toString();
  }
}

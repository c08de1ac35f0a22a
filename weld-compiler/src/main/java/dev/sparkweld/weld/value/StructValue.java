package dev.sparkweld.weld.value;

import java.util.List;

/** A struct value: its field values in order. */
public record StructValue(List<Object> fields) {
  public StructValue {
    fields = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(fields));
  }

  public static StructValue of(Object... fields) {
    return new StructValue(java.util.Arrays.asList(fields));
  }

  public Object get(int i) {
    return fields.get(i);
  }
}

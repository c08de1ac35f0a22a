package dev.sparkweld.weld.value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A struct value: its field values in order (never null). Also holds the fields of a struct of builders. */
public record StructValue(List<Object> fields) {
  public StructValue {
    fields = Collections.unmodifiableList(new ArrayList<>(fields));
  }

  public static StructValue of(Object... fields) {
    return new StructValue(Arrays.asList(fields));
  }

  public Object get(int i) {
    return fields.get(i);
  }

  public int size() {
    return fields.size();
  }
}

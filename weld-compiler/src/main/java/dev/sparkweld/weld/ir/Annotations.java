package dev.sparkweld.weld.ir;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code @(key:value, ...)}: an unstructured string map on an expression that passes and backends may read
 * (e.g. {@code predicate:true}, {@code vectorize:false}, {@code grain:4096}, {@code overflow:check}).
 */
public record Annotations(SortedMap<String, String> values) {
  public static final Annotations NONE = new Annotations(new TreeMap<>());

  public Annotations {
    values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
  }

  public static Annotations of(Map<String, String> map) {
    return map.isEmpty() ? NONE : new Annotations(new TreeMap<>(map));
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public boolean flag(String key) {
    return "true".equals(values.get(key));
  }

  public Annotations with(String key, String value) {
    TreeMap<String, String> copy = new TreeMap<>(values);
    copy.put(key, value);
    return new Annotations(copy);
  }

  public Annotations without(String key) {
    if (!values.containsKey(key)) {
      return this;
    }
    TreeMap<String, String> copy = new TreeMap<>(values);
    copy.remove(key);
    return copy.isEmpty() ? NONE : new Annotations(copy);
  }

  @Override
  public String toString() {
    return values.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
        .collect(Collectors.joining(",", "@(", ")"));
  }
}

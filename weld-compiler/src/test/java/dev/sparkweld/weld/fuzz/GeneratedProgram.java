package dev.sparkweld.weld.fuzz;

import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.ir.Type;
import java.util.List;
import java.util.Objects;

/**
 * A generated program with inputs, ready for any backend: Weld source text, the declared parameter types, matching
 * argument values (in the Java representation of {@code dev.sparkweld.weld.value.Values}), the result type the
 * program was built to have, and the configuration it must run under (the simd width is pinned because results of
 * {@code simditer} loops depend on it).
 */
public record GeneratedProgram(long seed, String source, List<Type> paramTypes, List<Object> args, Type resultType,
    WeldConf conf) {
  public GeneratedProgram {
    Objects.requireNonNull(source);
    paramTypes = List.copyOf(paramTypes);
    args = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args));
    Objects.requireNonNull(resultType);
    Objects.requireNonNull(conf);
  }

  @Override
  public String toString() {
    return "seed " + seed + " " + conf + ":\n" + source;
  }
}

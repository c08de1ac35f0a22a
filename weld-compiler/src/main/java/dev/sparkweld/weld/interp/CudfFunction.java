package dev.sparkweld.weld.interp;

import java.util.List;

/**
 * The Java implementation of a native function called with {@code cudf[name, T](args)}: it receives the argument
 * values (in the {@link dev.sparkweld.weld.value.Values} representation) and returns a value of type {@code T}.
 * Throwing reports failure (runtime error UDF_FAILED).
 */
@FunctionalInterface
public interface CudfFunction {
  Object call(List<Object> args);
}

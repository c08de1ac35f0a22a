package dev.sparkweld.weld.interp;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The functions {@code cudf} calls in the interpreter, by symbol name (spec 4.6). Thread-safe; registering a name
 * again replaces its function.
 */
public final class CudfRegistry {
  private final Map<String, CudfFunction> functions = new ConcurrentHashMap<>();

  public static CudfRegistry empty() {
    return new CudfRegistry();
  }

  public CudfRegistry register(String name, CudfFunction f) {
    functions.put(name, f);
    return this;
  }

  public Optional<CudfFunction> find(String name) {
    return Optional.ofNullable(functions.get(name));
  }
}

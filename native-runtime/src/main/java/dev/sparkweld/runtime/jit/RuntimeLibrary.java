package dev.sparkweld.runtime.jit;

import java.util.Map;

final class RuntimeLibrary {
  static Map<String, Long> symbols() {
    return Map.of();
  }
}

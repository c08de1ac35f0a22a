package dev.sparkweld.weld.fuzz;

import dev.sparkweld.weld.ir.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The value variables visible at a point of a generated program, innermost last. Builders are never entered: the
 * generator writes every builder into the one place that consumes it, which keeps programs linear by construction.
 */
final class Scope {
  private final List<String> names = new ArrayList<>();
  private final List<Type> types = new ArrayList<>();
  private int counter;

  int mark() {
    return names.size();
  }

  void reset(int mark) {
    while (names.size() > mark) {
      names.remove(names.size() - 1);
      types.remove(types.size() - 1);
    }
  }

  void bind(String name, Type type) {
    names.add(name);
    types.add(type);
  }

  /** A fresh name with the given prefix. */
  String fresh(String prefix) {
    return prefix + (counter++);
  }

  /** The visible (not shadowed) variables of exactly type t. */
  List<String> ofType(Type t) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = names.size() - 1; i >= 0; i--) {
      if (seen.add(names.get(i)) && types.get(i).equals(t)) {
        out.add(names.get(i));
      }
    }
    return out;
  }

  /** The visible (not shadowed) variables with their types, innermost first. */
  List<Map.Entry<String, Type>> visible() {
    List<Map.Entry<String, Type>> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = names.size() - 1; i >= 0; i--) {
      if (seen.add(names.get(i))) {
        out.add(Map.entry(names.get(i), types.get(i)));
      }
    }
    return out;
  }

  /** All visible variable names, innermost first. */
  List<String> visibleNames() {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = names.size() - 1; i >= 0; i--) {
      if (seen.add(names.get(i))) {
        out.add(names.get(i));
      }
    }
    return out;
  }
}

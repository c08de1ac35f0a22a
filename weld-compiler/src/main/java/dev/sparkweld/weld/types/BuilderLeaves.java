package dev.sparkweld.weld.types;

import dev.sparkweld.weld.ir.BuilderType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The builders inside a builder-typed value, as paths of field indices: a builder has the one path {@code []}, the
 * struct of builders {@code {appender[i32], {merger[i64,+], appender[f64]}}} has {@code [0], [1,0], [1,1]}. Linearity
 * is tracked per path, so the fields of a struct of builders are consumed separately.
 */
final class BuilderLeaves {
  private BuilderLeaves() {}

  /** One builder of a variable: the variable and the field path to the builder inside it. */
  record Leaf(Symbol symbol, List<Integer> path) {
    Leaf {
      path = List.copyOf(path);
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder(symbol.toString());
      path.forEach(i -> s.append(".$").append(i));
      return s.toString();
    }
  }

  /** The field paths of the builders inside {@code t}, in field order (empty if t holds no builder). */
  static List<List<Integer>> paths(Type t) {
    List<List<Integer>> out = new ArrayList<>();
    collect(t, new ArrayList<>(), out);
    return out;
  }

  private static void collect(Type t, List<Integer> prefix, List<List<Integer>> out) {
    if (t instanceof BuilderType) {
      out.add(List.copyOf(prefix));
    } else if (t instanceof StructType s && t.isBuilder()) {
      for (int i = 0; i < s.fields().size(); i++) {
        prefix.add(i);
        collect(s.fields().get(i), prefix, out);
        prefix.remove(prefix.size() - 1);
      }
    }
  }

  /** The leaves of variable {@code s} of type {@code t}. */
  static List<Leaf> of(Symbol s, Type t) {
    return paths(t).stream().map(p -> new Leaf(s, p)).toList();
  }

  /** The range [from, to) of field {@code i}'s builders within the builders of struct-of-builders {@code t}. */
  static int[] fieldRange(Type t, int i) {
    if (!(t instanceof StructType s) || i >= s.fields().size()) {
      return new int[] {0, 0};
    }
    int from = 0;
    for (int f = 0; f < i; f++) {
      from += paths(s.fields().get(f)).size();
    }
    return new int[] {from, from + paths(s.fields().get(i)).size()};
  }

  /** True if {@code path} lies at or below {@code prefix}. */
  static boolean under(List<Integer> path, List<Integer> prefix) {
    return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
  }
}

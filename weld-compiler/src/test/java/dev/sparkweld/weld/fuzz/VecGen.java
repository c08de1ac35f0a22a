package dev.sparkweld.weld.fuzz;

import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Vector expressions other than builder results: literals, the map/filter/flatten macros, in-range slices, sorts
 * (by the elements or by a key from a let-bound lambda) and zips of vectors derived from one vector, so that their
 * lengths agree.
 */
final class VecGen {
  private final ProgramGen g;
  private final SplittableRandom rnd;

  VecGen(ProgramGen g) {
    this.g = g;
    this.rnd = g.rnd;
  }

  String vec(VecType v, int d) {
    int r = rnd.nextInt(100);
    if (r < 40) {
      return g.loops.vec(v, d);
    }
    if (r < 52) {
      List<String> elems = new ArrayList<>();
      int n = 1 + rnd.nextInt(3);
      for (int i = 0; i < n; i++) {
        elems.add(g.expr(v.elem(), d - 1));
      }
      return "[" + String.join(", ", elems) + "]";
    }
    if (r < 64) {
      return map(v.elem(), d);
    }
    if (r < 72) {
      String x = g.scope.fresh("y");
      int mark = g.scope.mark();
      g.scope.bind(x, v.elem());
      String cond = g.expr(Type.BOOL, d - 1);
      g.scope.reset(mark);
      return "filter(" + g.expr(v, d - 1) + ", |" + x + "| " + cond + ")";
    }
    if (r < 80) {
      return slice(v, d);
    }
    if (r < 88) {
      return sort(v, d);
    }
    if (r < 92) {
      return "flatten(" + g.expr(Type.vec(v), d - 1) + ")";
    }
    if (v.elem() instanceof StructType s && s.fields().size() >= 2 && rnd.nextBoolean()) {
      return zip(s, d);
    }
    return null;
  }

  /** {@code map(src, |y| e)} from a vector of any type to elements of type elem. */
  String map(Type elem, int d) {
    Type src = rnd.nextInt(3) == 0 ? elem : g.types.value(1);
    String y = g.scope.fresh("y");
    String source = g.expr(Type.vec(src), d - 1);
    int mark = g.scope.mark();
    g.scope.bind(y, src);
    String body = g.expr(elem, d - 1);
    g.scope.reset(mark);
    return "map(" + source + ", |" + y + "| " + body + ")";
  }

  private String slice(VecType v, int d) {
    String vv = g.scope.fresh("v");
    String len = "len(" + vv + ")";
    String[] starts = {"0L", len + " / 2L", len + " / 3L", len};
    String start = starts[rnd.nextInt(starts.length)];
    String count = rnd.nextBoolean() ? "(" + len + " - " + start + ")" : "((" + len + " - " + start + ") / 2L)";
    return "(let " + vv + " = " + g.expr(v, d - 1) + "; slice(" + vv + ", " + start + ", " + count + "))";
  }

  /** A sort by the elements themselves (either direction) or by a key computed by a let-bound lambda. */
  private String sort(VecType v, int d) {
    String a = g.scope.fresh("a");
    String b = g.scope.fresh("b");
    String src = g.expr(v, d - 1);
    int r = rnd.nextInt(3);
    if (r < 2 && TypeGen.isComparable(v.elem())) {
      String cmp = r == 0 ? "compare(" + a + ", " + b + ")" : "compare(" + b + ", " + a + ")";
      return "sort(" + src + ", |" + a + ", " + b + "| " + cmp + ")";
    }
    ScalarType keyType = g.types.scalar();
    String k = g.scope.fresh("k");
    String f = g.scope.fresh("key");
    int mark = g.scope.mark();
    g.scope.bind(k, v.elem());
    String key = g.expr(keyType, d - 1);
    g.scope.reset(mark);
    return "(let " + f + " = |" + k + ": " + TypeGen.text(v.elem()) + "| " + key + "; sort(" + src + ", |" + a + ", "
        + b + "| compare(" + f + "(" + a + "), " + f + "(" + b + "))))";
  }

  /** {@code zip} of a vector with vectors derived from it (so the lengths agree), to build vec[{T1, T2, ...}]. */
  private String zip(StructType s, int d) {
    String vv = g.scope.fresh("v");
    String first = g.expr(Type.vec(s.fields().get(0)), d - 1);
    List<String> parts = new ArrayList<>();
    parts.add(vv);
    for (int i = 1; i < s.fields().size(); i++) {
      Type fi = s.fields().get(i);
      String y = g.scope.fresh("y");
      int mark = g.scope.mark();
      g.scope.bind(y, s.fields().get(0));
      String body = g.expr(fi, d - 2);
      g.scope.reset(mark);
      parts.add("map(" + vv + ", |" + y + "| " + body + ")");
    }
    return "(let " + vv + " = " + first + "; zip(" + String.join(", ", parts) + "))";
  }
}

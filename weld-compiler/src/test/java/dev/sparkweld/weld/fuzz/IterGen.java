package dev.sparkweld.weld.fuzz;

import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The first argument of a {@code for}: a vector, {@code iter} with bounds derived from the vector's length (so always
 * {@code 0 <= start <= end <= len}), a short {@code rangeiter} in either direction, or a {@code zip} of iterators over
 * vectors of one length. The vector an iterator's bounds refer to is let-bound in front of the loop.
 */
final class IterGen {
  /** An iterator: {@code prelude} (lets, possibly empty) goes before the loop, {@code elem} is the loop's x type. */
  record Iter(String prelude, String text, Type elem) {}

  private final ProgramGen g;
  private final SplittableRandom rnd;

  IterGen(ProgramGen g) {
    this.g = g;
    this.rnd = g.rnd;
  }

  Iter any(int d) {
    int r = rnd.nextInt(100);
    if (r < 35) {
      Type elem = sourceElem();
      return new Iter("", source(elem, d), elem);
    }
    if (r < 55) {
      Type elem = sourceElem();
      String v = g.scope.fresh("v");
      return new Iter("let " + v + " = " + source(elem, d) + "; ", iter(v), elem);
    }
    if (r < 75) {
      return new Iter("", range(), Type.I64);
    }
    return zip(d);
  }

  /** Small loops for nesting inside another loop's body. */
  Iter inner(int d) {
    if (rnd.nextBoolean()) {
      return new Iter("", range(), Type.I64);
    }
    Type elem = sourceElem();
    return new Iter("", source(elem, d), elem);
  }

  private Type sourceElem() {
    List<Type> vecs = new ArrayList<>();
    for (Map.Entry<String, Type> e : g.scope.visible()) {
      if (e.getValue() instanceof VecType v) {
        vecs.add(v.elem());
      }
    }
    if (!vecs.isEmpty() && rnd.nextInt(3) != 0) {
      return vecs.get(rnd.nextInt(vecs.size()));
    }
    return rnd.nextBoolean() ? g.types.scalar() : g.types.value(1);
  }

  String source(Type elem, int d) {
    return g.expr(Type.vec(elem), d - 1);
  }

  private String iter(String v) {
    String len = "len(" + v + ")";
    String[] starts = {"0L", "0L", len + " / 2L", len + " / 3L"};
    String[] ends = {len, len, len + " - " + len + " / 4L"};
    return "iter(" + v + ", " + starts[rnd.nextInt(starts.length)] + ", " + ends[rnd.nextInt(ends.length)] + ", "
        + (1 + rnd.nextInt(3)) + "L)";
  }

  private String range() {
    long start = rnd.nextInt(-6, 7);
    int count = rnd.nextInt(9);
    long stride = 1 + rnd.nextInt(3);
    if (rnd.nextInt(4) == 0) {
      stride = -stride;
    }
    long end = start + stride * count - (stride > 0 ? rnd.nextInt((int) stride) : -rnd.nextInt((int) -stride));
    return "rangeiter(" + lit(start) + ", " + lit(end) + ", " + lit(stride) + ")";
  }

  private static String lit(long v) {
    return v < 0 ? "(" + v + "L)" : v + "L";
  }

  /** zip of two or three iterators with the same count: all are derived from one let-bound vector. */
  private Iter zip(int d) {
    Type elem = sourceElem();
    String v = g.scope.fresh("v");
    String prelude = "let " + v + " = " + source(elem, d) + "; ";
    int n = 2 + (rnd.nextInt(4) == 0 ? 1 : 0);
    List<String> parts = new ArrayList<>();
    List<Type> elems = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int r = rnd.nextInt(4);
      if (r == 0) {
        parts.add(v);
        elems.add(elem);
      } else if (r == 1) {
        parts.add("iter(" + v + ", 0L, len(" + v + "), 1L)");
        elems.add(elem);
      } else if (r == 2) {
        // From a to len + a: as many iterations as the vector has elements.
        int a = rnd.nextInt(5);
        parts.add("rangeiter(" + a + "L, len(" + v + ") + " + a + "L, 1L)");
        elems.add(Type.I64);
      } else {
        Type to = g.types.scalar();
        String y = g.scope.fresh("y");
        int mark = g.scope.mark();
        g.scope.bind(y, elem);
        String body = g.expr(to, d - 2);
        g.scope.reset(mark);
        parts.add("map(" + v + ", |" + y + "| " + body + ")");
        elems.add(to);
      }
    }
    return new Iter(prelude, "zip(" + String.join(", ", parts) + ")", new StructType(elems));
  }

  /** True if t can be the element of {@code simditer}: a number. */
  static boolean simdElem(Type t) {
    return TypeGen.isNumeric(t) && t instanceof ScalarType;
  }
}

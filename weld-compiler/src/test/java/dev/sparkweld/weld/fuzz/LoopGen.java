package dev.sparkweld.weld.fuzz;

import dev.sparkweld.weld.ir.DictType;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builders, {@code for} loops and dictionaries. A builder is chosen from the type its result must have
 * ({@link Plan}); the loop body is then written to consume the builder parameter exactly once on every path (merge,
 * merge under {@code if}, chained merges, a nested {@code for}, field by field for structs of builders).
 */
final class LoopGen {
  private static final String[] OPS = {"+", "*", "min", "max"};

  enum Kind { APPENDER, MERGER, VECMERGER, DICTMERGER, GROUPMERGER }

  /** How to build a value of type {@code result}: the builder's source text and what each merge takes. */
  record Plan(Kind kind, String builder, Type merged, int vecLen) {}

  private final ProgramGen g;
  private final SplittableRandom rnd;
  private final IterGen iters;

  LoopGen(ProgramGen g) {
    this.g = g;
    this.rnd = g.rnd;
    this.iters = new IterGen(g);
  }

  /** A builder whose result has type t, or null if no builder makes t. */
  Plan plan(Type t, int d) {
    if (t instanceof VecType v) {
      if (TypeGen.isMergeable(v.elem()) && rnd.nextInt(4) == 0) {
        int n = 1 + rnd.nextInt(4);
        List<String> init = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          init.add(g.constant(v.elem()));
        }
        String b = "vecmerger[" + TypeGen.text(v.elem()) + ", " + op() + "]([" + String.join(", ", init) + "])";
        return new Plan(Kind.VECMERGER, b, Type.struct(Type.I64, v.elem()), n);
      }
      String elem = TypeGen.text(v.elem());
      String[] forms = {"appender[" + elem + "]", "appender[" + elem + "]", "appender",
          "appender[" + elem + "](" + rnd.nextInt(20) + "L)"};
      return new Plan(Kind.APPENDER, forms[rnd.nextInt(forms.length)], v.elem(), 0);
    }
    if (TypeGen.isMergeable(t)) {
      String init = rnd.nextInt(4) == 0 ? "(" + g.expr(t, d - 2) + ")" : "";
      return new Plan(Kind.MERGER, "merger[" + TypeGen.text(t) + ", " + op() + "]" + init, t, 0);
    }
    if (TypeGen.isBool(t)) {
      return new Plan(Kind.MERGER, "merger[bool, " + (rnd.nextBoolean() ? "min" : "max") + "]", t, 0);
    }
    if (t instanceof DictType dt && TypeGen.isHashable(dt.key())) {
      if (TypeGen.isMergeable(dt.value())) {
        String b = "dictmerger[" + TypeGen.text(dt.key()) + ", " + TypeGen.text(dt.value()) + ", " + op() + "]";
        return new Plan(Kind.DICTMERGER, b, Type.struct(dt.key(), dt.value()), 0);
      }
      if (dt.value() instanceof VecType v) {
        String b = "groupmerger[" + TypeGen.text(dt.key()) + ", " + TypeGen.text(v.elem()) + "]";
        return new Plan(Kind.GROUPMERGER, b, Type.struct(dt.key(), v.elem()), 0);
      }
    }
    return null;
  }

  private String op() {
    return OPS[rnd.nextInt(OPS.length)];
  }

  /** {@code result(for(...))} producing t, or a builder merged outside any loop; null if no builder makes t. */
  String build(Type t, int d) {
    Plan p = plan(t, d);
    if (p == null) {
      return null;
    }
    if (rnd.nextInt(8) == 0) {
      String b = p.builder();
      // A bare appender learns its element type from a merge, so it needs at least one.
      int n = rnd.nextInt(3) + (b.equals("appender") ? 1 : 0);
      for (int i = 0; i < n; i++) {
        b = "merge(" + b + ", " + mergeValue(p, d - 1) + ")";
      }
      return "result(" + b + ")";
    }
    IterGen.Iter it = iters.any(d);
    String b = g.scope.fresh("b");
    String i = g.scope.fresh("n");
    String x = g.scope.fresh("x");
    int mark = g.scope.mark();
    g.scope.bind(i, Type.I64);
    g.scope.bind(x, it.elem());
    String body = body(p, b, d - 1);
    g.scope.reset(mark);
    String[] notes = {"", "", "", "@(grain:64) ", "@(size:10) ", "@(vectorize:false) ", "@(custom:\"x\") "};
    String loop = "result(" + notes[rnd.nextInt(notes.length)] + "for(" + it.text() + ", " + p.builder() + ", |" + b + ", " + i + ", " + x + "| " + body + "))";
    return it.prelude().isEmpty() ? loop : "(" + it.prelude() + loop + ")";
  }

  /** A loop body: returns a builder derived from b, consuming b once on every path. */
  private String body(Plan p, String b, int d) {
    int r = rnd.nextInt(100);
    if (r < 40 || d <= 0) {
      return "merge(" + b + ", " + mergeValue(p, d) + ")";
    }
    if (r < 60) {
      return "if(" + g.expr(Type.BOOL, d - 1) + ", merge(" + b + ", " + mergeValue(p, d) + "), " + b + ")";
    }
    if (r < 70) {
      return "merge(merge(" + b + ", " + mergeValue(p, d) + "), " + mergeValue(p, d) + ")";
    }
    if (r < 78) {
      String b2 = g.scope.fresh("b");
      return "(let " + b2 + " = merge(" + b + ", " + mergeValue(p, d) + "); if(" + g.expr(Type.BOOL, d - 1)
          + ", merge(" + b2 + ", " + mergeValue(p, d) + "), " + b2 + "))";
    }
    IterGen.Iter it = iters.inner(d);
    String b2 = g.scope.fresh("b");
    String i2 = g.scope.fresh("n");
    String x2 = g.scope.fresh("x");
    int mark = g.scope.mark();
    g.scope.bind(i2, Type.I64);
    g.scope.bind(x2, it.elem());
    String inner = body(p, b2, d - 1);
    g.scope.reset(mark);
    return "for(" + it.text() + ", " + b + ", |" + b2 + ", " + i2 + ", " + x2 + "| " + inner + ")";
  }

  private String mergeValue(Plan p, int d) {
    switch (p.kind()) {
      case VECMERGER: {
        String n = p.vecLen() + "L";
        String index = "((" + g.expr(Type.I64, d - 1) + " % " + n + ") + " + n + ") % " + n;
        return "{" + index + ", " + g.expr(((StructType) p.merged()).fields().get(1), d - 1) + "}";
      }
      case DICTMERGER:
      case GROUPMERGER: {
        StructType kv = (StructType) p.merged();
        return "{" + key(kv.fields().get(0), d) + ", " + g.expr(kv.fields().get(1), d - 1) + "}";
      }
      default:
        return g.expr(p.merged(), d - 1);
    }
  }

  /** A dictionary key; integer keys are often folded into a few values so that merges meet existing keys. */
  private String key(Type k, int d) {
    if (k instanceof ScalarType s && rnd.nextBoolean()) {
      String few = "(" + g.expr(Type.I64, d - 1) + " % " + (2 + rnd.nextInt(4)) + "L)";
      if (s.kind().isInteger()) {
        return s.kind().keyword() + few;
      }
      if (s.kind() == ScalarKind.BOOL) {
        return "(" + few + " == 0L)";
      }
    }
    return g.expr(k, d - 1);
  }

  /** A struct of builders, each field a builder for the struct's field, filled by one loop. */
  String structOfBuilders(StructType s, int d) {
    List<Plan> plans = new ArrayList<>();
    for (Type f : s.fields()) {
      Plan p = plan(f, d);
      if (p == null) {
        return null;
      }
      plans.add(p);
    }
    IterGen.Iter it = iters.any(d);
    String b = g.scope.fresh("b");
    String i = g.scope.fresh("n");
    String x = g.scope.fresh("x");
    int mark = g.scope.mark();
    g.scope.bind(i, Type.I64);
    g.scope.bind(x, it.elem());
    int skip = rnd.nextInt(3) == 0 ? rnd.nextInt(plans.size()) : -1;
    List<String> merged = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    List<String> builders = new ArrayList<>();
    for (int f = 0; f < plans.size(); f++) {
      merged.add("merge(" + b + ".$" + f + ", " + mergeValue(plans.get(f), d - 1) + ")");
      kept.add(f == skip ? b + ".$" + f : merged.get(f));
      builders.add(plans.get(f).builder());
    }
    String body = "{" + String.join(", ", merged) + "}";
    if (skip >= 0) {
      body = "if(" + g.expr(Type.BOOL, d - 1) + ", " + body + ", {" + String.join(", ", kept) + "})";
    }
    g.scope.reset(mark);
    String r = g.scope.fresh("r");
    List<String> results = new ArrayList<>();
    for (int f = 0; f < plans.size(); f++) {
      results.add("result(" + r + ".$" + f + ")");
    }
    return "(" + it.prelude() + "let " + r + " = for(" + it.text() + ", {" + String.join(", ", builders) + "}, |" + b
        + ", " + i + ", " + x + "| " + body + "); {" + String.join(", ", results) + "})";
  }

  /** A vector made by a builder, by {@code tovec} of a dictionary, or by a simd loop. */
  String vec(VecType v, int d) {
    int r = rnd.nextInt(10);
    if (r < 2 && v.elem() instanceof StructType s && s.fields().size() == 2) {
      DictType dt = Type.dict(s.fields().get(0), s.fields().get(1));
      if (plan(dt, d) != null) {
        return "tovec(" + g.expr(dt, d - 1) + ")";
      }
    }
    if (r < 4 && g.simd && IterGen.simdElem(v.elem())) {
      return simd(v.elem(), true, d);
    }
    return build(v, d);
  }

  /** A scalar made by a merger (in a loop, outside one, or over simd chunks). */
  String scalar(Type t, int d) {
    if (g.simd && IterGen.simdElem(t) && rnd.nextInt(3) == 0) {
      return simd(t, false, d);
    }
    return build(t, d);
  }

  /** A loop over {@code simditer} then {@code fringeiter} of one vector, appending or merging lane values. */
  private String simd(Type elem, boolean append, int d) {
    String v = g.scope.fresh("v");
    String src = g.expr(Type.vec(elem), d - 1);
    String builder = append ? "appender[" + TypeGen.text(elem) + "]" : "merger[" + TypeGen.text(elem) + ", "
        + (rnd.nextBoolean() ? "+" : op()) + "]";
    String b = g.scope.fresh("b");
    String i = g.scope.fresh("n");
    String x = g.scope.fresh("x");
    int mark = g.scope.mark();
    g.scope.bind(i, Type.I64);
    g.scope.bind(x, new SimdType(((ScalarType) elem).kind()));
    String lanes = simdValue(x, elem, d - 1);
    g.scope.reset(mark);
    String chunks = "for(simditer(" + v + "), " + builder + ", |" + b + ", " + i + ", " + x + "| merge(" + b + ", "
        + lanes + "))";
    if (rnd.nextInt(3) != 0) {
      String b2 = g.scope.fresh("b");
      String i2 = g.scope.fresh("n");
      String x2 = g.scope.fresh("x");
      chunks = "for(fringeiter(" + v + "), " + chunks + ", |" + b2 + ", " + i2 + ", " + x2 + "| merge(" + b2 + ", "
          + x2 + "))";
    }
    return "(let " + v + " = " + src + "; result(" + chunks + "))";
  }

  private String simdValue(String x, Type elem, int d) {
    int r = rnd.nextInt(4);
    String scalar = "broadcast(" + g.expr(elem, d - 1) + ")";
    if (r == 0) {
      return x;
    }
    if (r == 1) {
      return "select(" + x + " > " + scalar + ", " + x + ", " + scalar + ")";
    }
    String[] ops = {"+", "-", "*"};
    return "(" + x + " " + ops[rnd.nextInt(ops.length)] + " " + scalar + ")";
  }

  /** A dictionary of type dt: built by a loop, by merges outside a loop, or empty. */
  String dict(DictType dt, int d) {
    if (rnd.nextInt(10) == 0) {
      return emptyDict(dt);
    }
    return build(dt, d);
  }

  /** The empty dictionary of type dt, as an unmerged builder's result or deserialized from a zero count. */
  String emptyDict(DictType dt) {
    if (rnd.nextInt(4) != 0) {
      Plan p = plan(dt, 0);
      if (p != null) {
        return "result(" + p.builder() + ")";
      }
    }
    return "deserialize[" + TypeGen.text(dt) + "]([0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8])";
  }

  /** A value read from a dictionary: {@code lookup} of a key taken from its own {@code tovec}, or optlookup. */
  String dictRead(Type value, int d) {
    if (!TypeGen.isMergeable(value) && !(value instanceof VecType)) {
      return null;
    }
    DictType dt = Type.dict(g.types.key(1), value);
    String dict = g.expr(dt, d - 1);
    if (rnd.nextInt(3) == 0) {
      return "optlookup(" + dict + ", " + g.expr(dt.key(), d - 1) + ").$1";
    }
    String dd = g.scope.fresh("d");
    String tt = g.scope.fresh("t");
    String len = "len(" + tt + ")";
    String index = "((" + g.expr(Type.I64, d - 2) + " % " + len + ") + " + len + ") % " + len;
    return "(let " + dd + " = " + dict + "; let " + tt + " = tovec(" + dd + "); if(" + len + " > 0L, lookup(" + dd
        + ", lookup(" + tt + ", " + index + ").$0), " + g.expr(value, d - 2) + "))";
  }

  /** {@code keyexists} or the validity of an {@code optlookup}. */
  String dictTest(int d) {
    DictType dt = g.types.dictType(1);
    String dict = g.expr(dt, d - 1);
    String key = g.expr(dt.key(), d - 1);
    return rnd.nextBoolean() ? "keyexists(" + dict + ", " + key + ")" : "optlookup(" + dict + ", " + key + ").$0";
  }

  /** {@code optlookup} of a {@code dict[K, value]}, sometimes with a key known to be present. */
  String optLookup(Type value, int d) {
    DictType dt = Type.dict(g.types.key(1), value);
    if (plan(dt, d) == null) {
      return null;
    }
    String dd = g.scope.fresh("d");
    String tt = g.scope.fresh("t");
    String key = g.expr(dt.key(), d - 1);
    if (rnd.nextBoolean()) {
      key = "if(len(" + tt + ") > 0L, lookup(" + tt + ", 0L).$0, " + key + ")";
    }
    return "(let " + dd + " = " + g.expr(dt, d - 1) + "; let " + tt + " = tovec(" + dd + "); optlookup(" + dd + ", "
        + key + "))";
  }
}

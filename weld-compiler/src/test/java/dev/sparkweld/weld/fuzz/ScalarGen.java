package dev.sparkweld.weld.fuzz;

import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import java.util.SplittableRandom;

/**
 * Scalar expressions: literals, operators, math functions, casts and the collection reads that yield scalars. Integer
 * division is by {@code (d | 1)}, which is odd and so never zero, and integer exponents are masked with {@code & 7}:
 * both can never fail, whatever the operands. Wrapping overflow is defined, so everything else is safe as is.
 */
final class ScalarGen {
  private static final String[] FLOAT_FNS = {"exp", "log", "sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "sinh",
      "cosh", "tanh", "erf", "floor", "ceil", "abs"};
  private static final String[] COMPARE = {"==", "!=", "<", "<=", ">", ">="};

  private final ProgramGen g;
  private final SplittableRandom rnd;

  ScalarGen(ProgramGen g) {
    this.g = g;
    this.rnd = g.rnd;
  }

  String expr(ScalarKind k, int d) {
    return k == ScalarKind.BOOL ? bool(d) : number(k, d);
  }

  private String sub(ScalarKind k, int d) {
    return g.expr(Type.scalar(k), d - 1);
  }

  private String number(ScalarKind k, int d) {
    int r = rnd.nextInt(100);
    if (r < 8) {
      return g.constant(Type.scalar(k));
    }
    if (r < 26) {
      if (g.macros && rnd.nextInt(5) == 0) {
        return "twice(" + sub(k, d) + ")";
      }
      if (rnd.nextInt(10) == 0) {
        return "@(overflow:wrap) (" + sub(k, d) + " * " + sub(k, d) + ")";
      }
      String[] ops = k.isFloat() ? new String[] {"+", "-", "*", "/", "%"} : new String[] {"+", "-", "*"};
      return "(" + sub(k, d) + " " + ops[rnd.nextInt(ops.length)] + " " + sub(k, d) + ")";
    }
    if (r < 32) {
      if (k.isFloat()) {
        return null;
      }
      String op = rnd.nextBoolean() ? " / " : " % ";
      return "(" + sub(k, d) + op + "(" + sub(k, d) + " | " + Literals.one(k) + "))";
    }
    if (r < 38) {
      String[] fns = {"min", "max", "pow"};
      String fn = fns[rnd.nextInt(fns.length)];
      if (fn.equals("pow") && !k.isFloat()) {
        return "pow(" + sub(k, d) + ", (" + sub(k, d) + " & " + g.literals.small(k, 7).replace("(", "")
            .replace(")", "") + "))";
      }
      return fn + "(" + sub(k, d) + ", " + sub(k, d) + ")";
    }
    if (r < 44) {
      if (k.isFloat()) {
        return FLOAT_FNS[rnd.nextInt(FLOAT_FNS.length)] + "(" + sub(k, d) + ")";
      }
      return rnd.nextBoolean() ? "abs(" + sub(k, d) + ")" : "-(" + sub(k, d) + ")";
    }
    if (r < 52) {
      if (k.isFloat()) {
        return rnd.nextInt(3) == 0 ? "-(" + sub(k, d) + ")" : FLOAT_FNS[rnd.nextInt(FLOAT_FNS.length)] + "(" + sub(k, d)
            + ")";
      }
      String[] ops = {"&", "|", "^", "<<", ">>"};
      if (rnd.nextInt(6) == 0) {
        return "!(" + sub(k, d) + ")";
      }
      return "(" + sub(k, d) + " " + ops[rnd.nextInt(ops.length)] + " " + sub(k, d) + ")";
    }
    if (r < 60) {
      ScalarType from = g.types.scalar();
      return k.keyword() + "(" + g.expr(from, d - 1) + ")";
    }
    if (r < 64 && k == ScalarKind.I64) {
      return "len(" + g.expr(Type.vec(g.types.value(1)), d - 1) + ")";
    }
    if (r < 70) {
      return lookup(Type.scalar(k), d);
    }
    if (r < 76) {
      return "sum(" + g.expr(Type.vec(Type.scalar(k)), d - 1) + ")";
    }
    if (r < 90) {
      return g.loops.scalar(Type.scalar(k), d);
    }
    return g.loops.dictRead(Type.scalar(k), d);
  }

  /** {@code lookup(v, i)} with i reduced into range, or a default value when v is empty. */
  String lookup(Type elem, int d) {
    String v = g.scope.fresh("v");
    String len = "len(" + v + ")";
    String index = g.expr(Type.I64, d - 1);
    return "(let " + v + " = " + g.expr(Type.vec(elem), d - 1) + "; if(" + len + " > 0L, lookup(" + v + ", ((" + index
        + " % " + len + ") + " + len + ") % " + len + "), " + g.expr(elem, d - 2) + "))";
  }

  private String bool(int d) {
    int r = rnd.nextInt(100);
    if (r < 8) {
      return rnd.nextBoolean() ? "true" : "false";
    }
    if (r < 38) {
      Type t = rnd.nextInt(8) == 0 ? g.types.value(1) : g.types.scalar();
      if (!TypeGen.isComparable(t)) {
        return null;
      }
      String op = COMPARE[rnd.nextInt(COMPARE.length)];
      return "(" + g.expr(t, d - 1) + " " + op + " " + g.expr(t, d - 1) + ")";
    }
    if (r < 50) {
      String op = rnd.nextBoolean() ? " && " : " || ";
      return "(" + bool(d - 1, true) + op + bool(d - 1, true) + ")";
    }
    if (r < 56) {
      return "!" + bool(d - 1, false);
    }
    if (r < 62) {
      String[] ops = {"&", "|", "^"};
      return "(" + sub(ScalarKind.BOOL, d) + " " + ops[rnd.nextInt(ops.length)] + " " + sub(ScalarKind.BOOL, d) + ")";
    }
    if (r < 66) {
      return "bool(" + g.expr(g.types.numericScalar(), d - 1) + ")";
    }
    if (r < 76) {
      return g.loops.dictTest(d);
    }
    if (r < 82) {
      return lookup(Type.BOOL, d);
    }
    return g.loops.scalar(Type.BOOL, d);
  }

  /** A bool operand; {@code !} applies to a leaf, so the operand of a negation is parenthesized. */
  private String bool(int d, boolean any) {
    String e = g.expr(Type.BOOL, d);
    return any ? e : "(" + e + ")";
  }

  static boolean isVecOf(Type t, ScalarKind k) {
    return t instanceof VecType v && v.elem() instanceof ScalarType s && s.kind() == k;
  }
}

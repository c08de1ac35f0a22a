package dev.sparkweld.weld.fuzz;

import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.ir.DictType;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded, type-directed generator of well-typed Weld programs as source text, with matching arguments.
 *
 * <p>Every expression is generated for a type fixed in advance, so the intended result type is known without running
 * the type checker, and every construct is written in a form that cannot fail at runtime for any argument values:
 * vector indices are reduced modulo a length checked to be positive, divisors are forced odd with {@code | 1},
 * integer exponents are masked non-negative, dictionary lookups use keys read back from the dictionary. Builders are
 * written straight into the expression that consumes them, so programs are linear by construction. The weights favour
 * loops, builders and dictionaries because those are what a JIT gets wrong.
 *
 * <p>This class dispatches on the target type and owns the forms that apply to every type (variables, let, if,
 * lambdas, struct and vector literals); {@link ScalarGen} writes scalar expressions and {@link LoopGen} loops,
 * builders and dictionaries.
 */
public final class ProgramGen {
  /** Expression depth of a program body: deep enough for loops in loops, small enough for 10k runs a second. */
  static final int DEPTH = 4;

  final SplittableRandom rnd;
  final Scope scope = new Scope();
  final TypeGen types;
  final Literals literals;
  final ScalarGen scalars;
  final LoopGen loops;
  final VecGen vecs;
  /** Whether {@code simditer}/{@code fringeiter} may appear: only when the conf pins the vector width. */
  final boolean simd;
  /** Whether the program defines the user macros {@code pick} and {@code twice}. */
  boolean macros;

  private ProgramGen(SplittableRandom rnd, boolean simd) {
    this.rnd = rnd;
    this.types = new TypeGen(rnd);
    this.literals = new Literals(rnd);
    this.simd = simd;
    this.scalars = new ScalarGen(this);
    this.loops = new LoopGen(this);
    this.vecs = new VecGen(this);
  }

  /** The program for {@code seed}: the same seed always gives the same program and arguments. */
  public static GeneratedProgram generate(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    WeldConf conf = WeldConf.defaults();
    boolean simd = rnd.nextInt(6) == 0;
    if (simd) {
      int[] widths = {128, 256, 512};
      conf = conf.with(WeldConf.SIMD_BITS, widths[rnd.nextInt(widths.length)]);
    }
    ProgramGen g = new ProgramGen(rnd, simd);
    ValueGen values = new ValueGen(rnd, 8);
    int n = rnd.nextInt(4);
    StringBuilder prelude = new StringBuilder();
    List<Type> paramTypes = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    List<String> params = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Type t = rnd.nextInt(3) == 0 ? g.types.scalar() : g.types.value(2);
      String name = g.scope.fresh("p");
      g.scope.bind(name, t);
      paramTypes.add(t);
      args.add(values.of(t));
      String typeText = TypeGen.text(t);
      if (rnd.nextInt(5) == 0) {
        prelude.append("type ty").append(i).append(" = ").append(typeText).append(";\n");
        typeText = "ty" + i;
      }
      params.add(name + ": " + typeText);
    }
    g.macros = rnd.nextInt(3) == 0;
    if (g.macros) {
      // x1 is also a name the generator binds, so an argument mentioning it checks macro hygiene.
      prelude.append("macro pick(c, a, b) = if(c, a, b);\nmacro twice(a) = let x1 = a; x1 + x1;\n");
    }
    Type result = g.resultType();
    String body = g.expr(result, DEPTH);
    body = g.comments(body);
    String source = prelude + (n == 0 && rnd.nextBoolean() ? body : "|" + String.join(", ", params) + "| " + body);
    return new GeneratedProgram(seed, source, paramTypes, args, result, conf);
  }

  /** Line breaks and comments at a few list separators: positions after the first line must still be right. */
  private String comments(String body) {
    StringBuilder out = new StringBuilder();
    int from = 0;
    for (int at = body.indexOf(", "); at >= 0; at = body.indexOf(", ", at + 2)) {
      if (rnd.nextInt(25) == 0) {
        out.append(body, from, at).append(rnd.nextBoolean() ? ",\n  " : ", # note, (\n  ");
        from = at + 2;
      }
    }
    return out.append(body.substring(from)).toString();
  }

  private Type resultType() {
    int r = rnd.nextInt(10);
    if (r < 3) {
      return types.scalar();
    }
    if (r < 5) {
      return Type.vec(types.value(1));
    }
    if (r < 7) {
      return types.dictType(1);
    }
    return types.value(2);
  }

  /** An expression of type t, nested at most d deep. */
  String expr(Type t, int d) {
    if (d <= 0) {
      return leaf(t);
    }
    for (int attempt = 0; attempt < 6; attempt++) {
      String s = attempt(t, d);
      if (s != null) {
        return s;
      }
    }
    return leaf(t);
  }

  private String attempt(Type t, int d) {
    int r = rnd.nextInt(100);
    if (r < 6) {
      return variable(t);
    }
    if (r < 12) {
      return let(t, d);
    }
    if (r < 16) {
      String form = macros && rnd.nextInt(3) == 0 ? "pick(" : rnd.nextInt(6) == 0 ? "@(predicate:true) if(" : "if(";
      return form + expr(Type.BOOL, d - 1) + ", " + expr(t, d - 1) + ", " + expr(t, d - 1) + ")";
    }
    if (r < 18) {
      return "select(" + expr(Type.BOOL, d - 1) + ", " + expr(t, d - 1) + ", " + expr(t, d - 1) + ")";
    }
    if (r < 21) {
      return applyLambda(t, d);
    }
    if (r < 23) {
      return fieldOfStruct(t, d);
    }
    if (r < 25) {
      return "deserialize[" + TypeGen.text(t) + "](serialize(" + expr(t, d - 1) + "))";
    }
    if (r < 27) {
      return iterate(t, d);
    }
    if (t instanceof ScalarType s) {
      return scalars.expr(s.kind(), d);
    }
    if (t instanceof VecType v) {
      return vecs.vec(v, d);
    }
    if (t instanceof StructType s) {
      return struct(s, d);
    }
    if (t instanceof DictType dt) {
      return loops.dict(dt, d);
    }
    throw new IllegalArgumentException("cannot generate " + t);
  }

  /** A variable of type t, a field of a struct variable, or a constant. */
  String leaf(Type t) {
    String v = rnd.nextInt(4) == 0 ? null : variable(t);
    return v != null ? v : constant(t);
  }

  String variable(Type t) {
    List<String> exact = scope.ofType(t);
    if (!exact.isEmpty() && rnd.nextInt(4) != 0) {
      return exact.get(rnd.nextInt(exact.size()));
    }
    List<String> fields = new ArrayList<>();
    for (Map.Entry<String, Type> e : scope.visible()) {
      if (e.getValue() instanceof StructType s) {
        for (int i = 0; i < s.fields().size(); i++) {
          if (s.fields().get(i).equals(t)) {
            fields.add(e.getKey() + ".$" + i);
          }
        }
      }
    }
    if (!fields.isEmpty()) {
      return fields.get(rnd.nextInt(fields.size()));
    }
    return exact.isEmpty() ? null : exact.get(0);
  }

  /** A closed constant of type t (no variables), small. */
  String constant(Type t) {
    if (t instanceof ScalarType s) {
      return s.kind().isInteger() ? literals.intLiteral(s.kind()) : literals.of(s.kind());
    }
    if (t.equals(Type.STRING) && rnd.nextInt(3) == 0) {
      String[] strings = {"\"\"", "\"a\"", "\"weld\"", "\"tab\\there\"", "\"\\x00\\xC3\\xA9\\n\"", "\"\u00e9t\u00e9\""};
      return strings[rnd.nextInt(strings.length)];
    }
    if (t instanceof VecType v) {
      if (rnd.nextInt(4) == 0) {
        return "([]: " + TypeGen.text(t) + ")";
      }
      List<String> elems = new ArrayList<>();
      int n = 1 + rnd.nextInt(3);
      for (int i = 0; i < n; i++) {
        elems.add(constant(v.elem()));
      }
      return "[" + String.join(", ", elems) + "]";
    }
    if (t instanceof StructType s) {
      List<String> fields = new ArrayList<>();
      for (Type f : s.fields()) {
        fields.add(constant(f));
      }
      return "{" + String.join(", ", fields) + "}";
    }
    if (t instanceof DictType dt) {
      return loops.emptyDict(dt);
    }
    throw new IllegalArgumentException("no constant of type " + t);
  }

  /** {@code let x = e1; e2}, parenthesized because let extends as far right as possible. */
  String let(Type t, int d) {
    Type vt = rnd.nextBoolean() ? types.scalar() : types.value(2);
    String value = expr(vt, d - 1);
    List<String> visible = scope.visibleNames();
    // Sometimes shadow a visible name, which the uniquifier must rename apart (and the printer write as x__N).
    String name = !visible.isEmpty() && rnd.nextInt(6) == 0 ? visible.get(rnd.nextInt(visible.size()))
        : scope.fresh("x");
    String ascription = rnd.nextInt(4) == 0 ? ": " + TypeGen.text(vt) : "";
    int mark = scope.mark();
    scope.bind(name, vt);
    String body = expr(t, d - 1);
    scope.reset(mark);
    return "(let " + name + ascription + " = " + value + "; " + body + ")";
  }

  /** A lambda applied to arguments, directly or through a let-bound name. */
  private String applyLambda(Type t, int d) {
    int n = 1 + rnd.nextInt(2);
    List<String> params = new ArrayList<>();
    List<String> args = new ArrayList<>();
    int mark = scope.mark();
    List<String> names = new ArrayList<>();
    List<Type> paramTypes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Type pt = rnd.nextBoolean() ? types.scalar() : types.value(1);
      paramTypes.add(pt);
      args.add(expr(pt, d - 1));
      String name = scope.fresh("a");
      names.add(name);
      params.add(name + ": " + TypeGen.text(pt));
    }
    for (int i = 0; i < n; i++) {
      scope.bind(names.get(i), paramTypes.get(i));
    }
    String body = expr(t, d - 1);
    scope.reset(mark);
    String lambda = "|" + String.join(", ", params) + "| " + body;
    if (rnd.nextBoolean()) {
      return "(" + lambda + ")(" + String.join(", ", args) + ")";
    }
    String f = scope.fresh("fn");
    return "(let " + f + " = " + lambda + "; " + f + "(" + String.join(", ", args) + "))";
  }

  /** Field i of a struct built around an expression of type t. */
  private String fieldOfStruct(Type t, int d) {
    int n = 1 + rnd.nextInt(3);
    int at = rnd.nextInt(n);
    List<String> fields = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      fields.add(i == at ? expr(t, d - 1) : expr(types.value(1), d - 2));
    }
    return "{" + String.join(", ", fields) + "}.$" + at;
  }

  /** A bounded {@code iterate}: the state carries a counter that stops the loop after a few rounds. */
  private String iterate(Type t, int d) {
    String s = scope.fresh("s");
    String c = scope.fresh("c");
    String init = expr(t, d - 1);
    int mark = scope.mark();
    scope.bind(c, t);
    String next = expr(t, d - 1);
    scope.reset(mark);
    int rounds = rnd.nextInt(5);
    String state = "{" + init + ", 0L}";
    return "iterate(" + state + ", |" + s + "| let " + c + " = " + s + ".$0; {{" + next + ", " + s + ".$1 + 1L}, "
        + s + ".$1 < " + rounds + "L}).$0";
  }

  private String struct(StructType s, int d) {
    int r = rnd.nextInt(10);
    if (r < 3) {
      String viaBuilders = loops.structOfBuilders(s, d);
      if (viaBuilders != null) {
        return viaBuilders;
      }
    }
    if (r < 5 && s.fields().size() == 2 && TypeGen.isBool(s.fields().get(0))) {
      String opt = loops.optLookup(s.fields().get(1), d);
      if (opt != null) {
        return opt;
      }
    }
    List<String> fields = new ArrayList<>();
    for (Type f : s.fields()) {
      fields.add(expr(f, d - 1));
    }
    return "{" + String.join(", ", fields) + "}";
  }

  static ScalarKind kindOf(Type t) {
    return ((ScalarType) t).kind();
  }
}

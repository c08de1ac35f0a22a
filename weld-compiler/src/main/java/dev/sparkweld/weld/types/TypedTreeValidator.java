package dev.sparkweld.weld.types;

import dev.sparkweld.weld.diag.CompileErrorKind;
import dev.sparkweld.weld.diag.Span;
import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.ir.Apply;
import dev.sparkweld.weld.ir.Assert;
import dev.sparkweld.weld.ir.BinOp;
import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.Broadcast;
import dev.sparkweld.weld.ir.BuilderType;
import dev.sparkweld.weld.ir.Cast;
import dev.sparkweld.weld.ir.Cudf;
import dev.sparkweld.weld.ir.Deserialize;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.ExprVisitor;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.FunctionType;
import dev.sparkweld.weld.ir.GetField;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.If;
import dev.sparkweld.weld.ir.Iterate;
import dev.sparkweld.weld.ir.KeyExists;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Length;
import dev.sparkweld.weld.ir.Let;
import dev.sparkweld.weld.ir.Literal;
import dev.sparkweld.weld.ir.Lookup;
import dev.sparkweld.weld.ir.MakeStruct;
import dev.sparkweld.weld.ir.MakeVector;
import dev.sparkweld.weld.ir.Merge;
import dev.sparkweld.weld.ir.Negate;
import dev.sparkweld.weld.ir.NewBuilder;
import dev.sparkweld.weld.ir.Not;
import dev.sparkweld.weld.ir.OptLookup;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.Result;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.Select;
import dev.sparkweld.weld.ir.Serialize;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.Slice;
import dev.sparkweld.weld.ir.Sort;
import dev.sparkweld.weld.ir.StringLiteral;
import dev.sparkweld.weld.ir.ToVec;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.UnaryOp;
import dev.sparkweld.weld.ir.VecMergerType;
import dev.sparkweld.weld.ir.Zip;
import java.util.Optional;

/**
 * The checks that need complete types, run children first so the innermost offending node is reported: every node's
 * type is complete and well-formed, and each construct's operand classes are right (arithmetic on numbers, comparison
 * on comparable values, casts between scalars, serializable serialize arguments, ...). Equalities between types are
 * inference's job; this pass only classifies.
 */
final class TypedTreeValidator implements ExprVisitor<Void> {
  private final Limits limits = new Limits();

  void check(Expr e) {
    limits.enter(e.span());
    try {
      if (e.kind() instanceof Lambda l) {
        for (Param p : l.params()) {
          checkParam(p, e.span());
        }
      }
      for (Expr c : e.children()) {
        check(c);
      }
      checkType(e);
      e.accept(this);
    } finally {
      limits.exit();
    }
  }

  private static void checkParam(Param p, Span lambdaSpan) {
    Span at = p.span().isKnown() ? p.span() : lambdaSpan;
    if (p.type().isPartial()) {
      throw error(CompileErrorKind.UNKNOWN_TYPE, at, "cannot infer the type of parameter " + p.name() + " (got "
          + p.type() + ")");
    }
    Optional<String> bad = TypeRules.whyIllFormed(p.type());
    if (bad.isPresent()) {
      throw mismatch(at, "parameter " + p.name() + ": " + bad.get());
    }
    if (p.type() instanceof FunctionType) {
      throw mismatch(at, "parameter " + p.name() + " cannot have function type " + p.type());
    }
  }

  private static void checkType(Expr e) {
    Type t = e.type();
    if (t.isPartial()) {
      String what = e.kind() instanceof Ident id ? id.symbol().toString()
          : e.kind() instanceof MakeVector mv && mv.elems().isEmpty() ? "the empty vector []"
          : e.kind() instanceof NewBuilder ? "this builder" : "this expression";
      throw error(CompileErrorKind.UNKNOWN_TYPE, e.span(), "cannot infer the type of " + what + " (got " + t + ")");
    }
    Optional<String> bad = TypeRules.whyIllFormed(t);
    if (bad.isPresent()) {
      throw mismatch(e.span(), bad.get());
    }
    if (t instanceof FunctionType && !(e.kind() instanceof Lambda) && !(e.kind() instanceof Ident)) {
      throw mismatch(e.span(), "functions are not values: this expression cannot have type " + t);
    }
  }

  static WeldCompileException mismatch(Span span, String detail) {
    return Solver.mismatch(span, detail);
  }

  static WeldCompileException error(CompileErrorKind kind, Span span, String detail) {
    return Solver.error(kind, span, detail);
  }

  private static Optional<ScalarKind> lanes(Expr e) {
    return TypeRules.laneKind(e.type());
  }

  @Override
  public Void visitBinOp(Expr e, BinOp k) {
    Type t = k.left().type();
    BinOpKind op = k.op();
    Optional<ScalarKind> lane = lanes(k.left());
    String bad = null;
    if (op.isComparison()) {
      bad = TypeRules.isComparable(t) ? null : "cannot compare values of type " + t;
    } else if (op == BinOpKind.SHL || op == BinOpKind.SHR) {
      bad = lane.filter(ScalarKind::isInteger).isPresent() ? null : "needs integer operands";
    } else if (op.isBitwise()) {
      bad = lane.filter(s -> s.isInteger() || s.isBool()).isPresent() ? null : "needs integer or bool operands";
    } else if (op.isArithmetic()) {
      bad = lane.filter(ScalarKind::isNumeric).isPresent() ? null : "needs numeric operands";
    }
    if (bad != null) {
      throw mismatch(e.span(), bad.startsWith("cannot") ? bad : "'" + op.symbol() + "' " + bad + ", got " + t);
    }
    return null;
  }

  @Override
  public Void visitUnaryOp(Expr e, UnaryOp k) {
    Optional<ScalarKind> lane = lanes(k.value());
    boolean ok = lane.filter(s -> k.op().floatOnly() ? s.isFloat() : s.isNumeric()).isPresent();
    if (!ok) {
      throw mismatch(e.span(), k.op().keyword() + " needs " + (k.op().floatOnly() ? "a float" : "a number")
          + " (f32 or f64" + (k.op().floatOnly() ? "" : " or an integer") + "), got " + k.value().type());
    }
    return null;
  }

  @Override
  public Void visitNegate(Expr e, Negate k) {
    if (lanes(k.value()).filter(ScalarKind::isNumeric).isEmpty()) {
      throw mismatch(e.span(), "negation needs a number, got " + k.value().type());
    }
    return null;
  }

  @Override
  public Void visitNot(Expr e, Not k) {
    if (lanes(k.value()).filter(s -> s.isBool() || s.isInteger()).isEmpty()) {
      throw mismatch(e.span(), "'!' needs a bool or an integer, got " + k.value().type());
    }
    return null;
  }

  @Override
  public Void visitCast(Expr e, Cast k) {
    if (!(k.value().type() instanceof ScalarType)) {
      throw mismatch(e.span(), "casts convert scalars, got " + k.value().type());
    }
    return null;
  }

  @Override
  public Void visitSelect(Expr e, Select k) {
    Type c = k.cond().type();
    if (c.equals(Type.BOOL)) {
      if (!TypeRules.isValue(e.type())) {
        throw mismatch(e.span(), "select evaluates both branches, so they must be values, not " + e.type()
            + " (use if)");
      }
    } else if (c.equals(new SimdType(ScalarKind.BOOL))) {
      if (!(e.type() instanceof SimdType)) {
        throw mismatch(e.span(), "a select on simd[bool] needs simd branches, got " + e.type());
      }
    } else {
      throw mismatch(k.cond().span(), "the condition of select must be bool or simd[bool], got " + c);
    }
    return null;
  }

  @Override
  public Void visitCudf(Expr e, Cudf k) {
    if (!TypeRules.isValue(e.type())) {
      throw mismatch(e.span(), "cudf must return a value type, not " + e.type());
    }
    for (Expr a : k.args()) {
      if (!TypeRules.isValue(a.type())) {
        throw mismatch(a.span(), "cudf arguments must be values, not " + a.type());
      }
    }
    return null;
  }

  @Override
  public Void visitSerialize(Expr e, Serialize k) {
    if (!TypeRules.isSerializable(k.value().type())) {
      throw mismatch(e.span(), "cannot serialize a value of type " + k.value().type());
    }
    return null;
  }

  @Override
  public Void visitDeserialize(Expr e, Deserialize k) {
    if (!TypeRules.isSerializable(e.type())) {
      throw mismatch(e.span(), "cannot deserialize a value of type " + e.type());
    }
    return null;
  }

  @Override
  public Void visitNewBuilder(Expr e, NewBuilder k) {
    if (!(e.type() instanceof BuilderType)) {
      throw mismatch(e.span(), "a new builder needs a builder type, got " + e.type());
    }
    if (e.type() instanceof VecMergerType && k.arg().isEmpty()) {
      throw error(CompileErrorKind.ARITY, e.span(), "vecmerger needs an initial vector");
    }
    return null;
  }

  @Override
  public Void visitFor(Expr e, For k) {
    if (!e.type().isBuilder()) {
      throw mismatch(k.builder().span(), "for needs a builder as its second argument, got " + e.type());
    }
    return null;
  }

  // The remaining constructs are fully checked by inference and the type checks above.

  @Override
  public Void visitLiteral(Expr e, Literal k) {
    return null;
  }

  @Override
  public Void visitStringLiteral(Expr e, StringLiteral k) {
    return null;
  }

  @Override
  public Void visitIdent(Expr e, Ident k) {
    return null;
  }

  @Override
  public Void visitBroadcast(Expr e, Broadcast k) {
    return null;
  }

  @Override
  public Void visitMakeStruct(Expr e, MakeStruct k) {
    return null;
  }

  @Override
  public Void visitMakeVector(Expr e, MakeVector k) {
    return null;
  }

  @Override
  public Void visitZip(Expr e, Zip k) {
    return null;
  }

  @Override
  public Void visitGetField(Expr e, GetField k) {
    return null;
  }

  @Override
  public Void visitLength(Expr e, Length k) {
    return null;
  }

  @Override
  public Void visitLookup(Expr e, Lookup k) {
    return null;
  }

  @Override
  public Void visitOptLookup(Expr e, OptLookup k) {
    return null;
  }

  @Override
  public Void visitKeyExists(Expr e, KeyExists k) {
    return null;
  }

  @Override
  public Void visitSlice(Expr e, Slice k) {
    return null;
  }

  @Override
  public Void visitSort(Expr e, Sort k) {
    return null;
  }

  @Override
  public Void visitToVec(Expr e, ToVec k) {
    return null;
  }

  @Override
  public Void visitLet(Expr e, Let k) {
    return null;
  }

  @Override
  public Void visitLambda(Expr e, Lambda k) {
    return null;
  }

  @Override
  public Void visitApply(Expr e, Apply k) {
    return null;
  }

  @Override
  public Void visitIf(Expr e, If k) {
    return null;
  }

  @Override
  public Void visitIterate(Expr e, Iterate k) {
    return null;
  }

  @Override
  public Void visitAssert(Expr e, Assert k) {
    return null;
  }

  @Override
  public Void visitMerge(Expr e, Merge k) {
    return null;
  }

  @Override
  public Void visitResult(Expr e, Result k) {
    return null;
  }
}

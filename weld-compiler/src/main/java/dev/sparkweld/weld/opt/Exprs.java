package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.ir.Annotations;
import dev.sparkweld.weld.ir.BinOp;
import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.BuilderType;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.FunctionType;
import dev.sparkweld.weld.ir.GetField;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.Iter;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Let;
import dev.sparkweld.weld.ir.Literal;
import dev.sparkweld.weld.ir.MakeStruct;
import dev.sparkweld.weld.ir.Merge;
import dev.sparkweld.weld.ir.NewBuilder;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.Result;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Typed node factories: every node a pass creates gets its type here, so passes never leave a node untyped. */
final class Exprs {
  private Exprs() {}

  static Expr ident(Symbol s, Type t) {
    return Expr.of(new Ident(s), t);
  }

  static Expr let(Symbol s, Expr value, Expr body) {
    return Expr.of(new Let(s, value, body), body.type());
  }

  static Expr literal(Literal l) {
    return Expr.of(l, l.type());
  }

  static Expr i64(long v) {
    return literal(Literal.ofI64(v));
  }

  static Expr binOp(BinOpKind op, Expr a, Expr b) {
    Type t = op.isComparison() || op.isLogical() ? comparisonType(a.type()) : a.type();
    return Expr.of(new BinOp(op, a, b), t);
  }

  private static Type comparisonType(Type operand) {
    return operand instanceof dev.sparkweld.weld.ir.SimdType ? new dev.sparkweld.weld.ir.SimdType(
        dev.sparkweld.weld.ir.ScalarKind.BOOL) : Type.BOOL;
  }

  static Expr getField(Expr s, int i) {
    return Expr.of(new GetField(s, i), ((StructType) s.type()).fields().get(i));
  }

  static Expr struct(List<Expr> elems) {
    List<Type> ts = new ArrayList<>();
    elems.forEach(e -> ts.add(e.type()));
    return Expr.of(new MakeStruct(elems), new StructType(ts));
  }

  static Expr lambda(List<Param> params, Expr body) {
    List<Type> ts = new ArrayList<>();
    params.forEach(p -> ts.add(p.type()));
    return Expr.of(new Lambda(params, body), new FunctionType(ts, body.type()));
  }

  static Expr forLoop(List<Iter> iters, Expr builder, Expr body, Annotations a) {
    return new Expr(new For(iters, builder, body), builder.type(), a, dev.sparkweld.weld.diag.Span.NONE);
  }

  static Expr result(Expr builder) {
    return Expr.of(new Result(builder), ((BuilderType) builder.type()).resultType());
  }

  static Expr merge(Expr builder, Expr value) {
    return Expr.of(new Merge(builder, value), builder.type());
  }

  static Expr newBuilder(BuilderType t, Optional<Expr> arg, Annotations a) {
    return new Expr(new NewBuilder(arg), t, a, dev.sparkweld.weld.diag.Span.NONE);
  }
}

package dev.sparkweld.weld.types;

import dev.sparkweld.weld.diag.Span;
import dev.sparkweld.weld.ir.Annotations;
import dev.sparkweld.weld.ir.Apply;
import dev.sparkweld.weld.ir.BinOp;
import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.ExprKind;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.GetField;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.If;
import dev.sparkweld.weld.ir.Iter;
import dev.sparkweld.weld.ir.IterKind;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Let;
import dev.sparkweld.weld.ir.Literal;
import dev.sparkweld.weld.ir.Lookup;
import dev.sparkweld.weld.ir.MakeStruct;
import dev.sparkweld.weld.ir.MakeVector;
import dev.sparkweld.weld.ir.Merge;
import dev.sparkweld.weld.ir.NewBuilder;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.Result;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A small vocabulary for building IR trees in tests until the parser is available. Names follow the Weld text:
 * {@code lam(params, body)} is {@code |params| body}, {@code forLoop(v, b, f)} is {@code for(v, b, f)}.
 */
final class Ir {
  private Ir() {}

  static Expr e(ExprKind k) {
    return Expr.of(k);
  }

  static Expr at(Expr e, int line, int column) {
    return e.withSpan(Span.of(line, column, 1));
  }

  static Expr typed(Expr e, Type t) {
    return e.withType(t);
  }

  static Expr i32(int v) {
    return e(Literal.ofI32(v));
  }

  static Expr i64(long v) {
    return e(Literal.ofI64(v));
  }

  static Expr f64(double v) {
    return e(Literal.ofF64(v));
  }

  static Expr bool(boolean v) {
    return e(Literal.ofBool(v));
  }

  static Expr id(String name) {
    return e(new Ident(Symbol.parse(name)));
  }

  static Expr bin(BinOpKind op, Expr a, Expr b) {
    return e(new BinOp(op, a, b));
  }

  static Expr add(Expr a, Expr b) {
    return bin(BinOpKind.ADD, a, b);
  }

  static Param p(String name, Type t) {
    return new Param(Symbol.parse(name), t);
  }

  static Param p(String name) {
    return new Param(Symbol.parse(name), Type.UNKNOWN);
  }

  static Expr lam(List<Param> params, Expr body) {
    return e(new Lambda(params, body));
  }

  static Expr lam(Param a, Expr body) {
    return lam(List.of(a), body);
  }

  /** {@code |b, i, x| body} with undeclared parameter types. */
  static Expr body3(String b, String i, String x, Expr body) {
    return lam(List.of(p(b), p(i), p(x)), body);
  }

  static Expr let(String name, Expr value, Expr body) {
    return e(new Let(Symbol.parse(name), value, body));
  }

  static Expr apply(Expr f, Expr... args) {
    return e(new Apply(f, Arrays.asList(args)));
  }

  static Expr iff(Expr c, Expr a, Expr b) {
    return e(new If(c, a, b));
  }

  static Expr vec(Expr... elems) {
    return e(new MakeVector(Arrays.asList(elems)));
  }

  static Expr struct(Expr... elems) {
    return e(new MakeStruct(Arrays.asList(elems)));
  }

  static Expr field(Expr v, int i) {
    return e(new GetField(v, i));
  }

  static Expr lookup(Expr d, Expr i) {
    return e(new Lookup(d, i));
  }

  static Expr builder(Type t) {
    return Expr.of(new NewBuilder(Optional.empty()), t);
  }

  static Expr builder(Type t, Expr arg) {
    return Expr.of(new NewBuilder(Optional.of(arg)), t);
  }

  static Expr merge(Expr b, Expr v) {
    return e(new Merge(b, v));
  }

  static Expr result(Expr b) {
    return e(new Result(b));
  }

  static Expr forLoop(Expr data, Expr builder, Expr body) {
    return e(new For(List.of(Iter.of(data)), builder, body));
  }

  static Expr forIters(List<Iter> iters, Expr builder, Expr body) {
    return e(new For(iters, builder, body));
  }

  static Iter iter(IterKind kind, Expr data) {
    return new Iter(kind, Optional.of(data), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  static Iter iter(Expr data, Expr start, Expr end, Expr stride) {
    return new Iter(IterKind.SCALAR, Optional.of(data), Optional.of(start), Optional.of(end), Optional.of(stride),
        Optional.empty(), Optional.empty());
  }

  static Expr withAnnotations(Expr e, Annotations a) {
    return e.withAnnotations(a);
  }
}

package dev.sparkweld.weld.interp;

import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.ir.AppenderType;
import dev.sparkweld.weld.ir.Annotations;
import dev.sparkweld.weld.ir.Apply;
import dev.sparkweld.weld.ir.BinOp;
import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.BuilderOp;
import dev.sparkweld.weld.ir.BuilderType;
import dev.sparkweld.weld.ir.Cast;
import dev.sparkweld.weld.ir.DictMergerType;
import dev.sparkweld.weld.ir.DictType;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.FunctionType;
import dev.sparkweld.weld.ir.GetField;
import dev.sparkweld.weld.ir.GroupMergerType;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.Iter;
import dev.sparkweld.weld.ir.IterKind;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Let;
import dev.sparkweld.weld.ir.Literal;
import dev.sparkweld.weld.ir.MakeStruct;
import dev.sparkweld.weld.ir.MakeVector;
import dev.sparkweld.weld.ir.Merge;
import dev.sparkweld.weld.ir.MergerType;
import dev.sparkweld.weld.ir.NewBuilder;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.Result;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecMergerType;
import dev.sparkweld.weld.ir.VecType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Builds typed IR trees for interpreter tests, computing each node's type the way the type checker would. (Tests in
 * Weld text replace this once the parser and type checker are merged.)
 */
final class Ir {
  private static final AtomicInteger FRESH = new AtomicInteger();

  private Ir() {}

  interface Body3 {
    Expr apply(Expr b, Expr i, Expr x);
  }

  static Expr lit(ScalarKind k, long v) {
    return Expr.of(Literal.ofLong(k, v), Type.scalar(k));
  }

  static Expr lit(ScalarKind k, BigInteger v) {
    return Expr.of(Literal.ofBigInteger(k, v), Type.scalar(k));
  }

  static Expr i32(int v) {
    return lit(ScalarKind.I32, v);
  }

  static Expr i64(long v) {
    return lit(ScalarKind.I64, v);
  }

  static Expr f64(double v) {
    return Expr.of(Literal.ofF64(v), Type.F64);
  }

  static Expr f32(float v) {
    return Expr.of(Literal.ofF32(v), Type.F32);
  }

  static Expr bool(boolean v) {
    return Expr.of(Literal.ofBool(v), Type.BOOL);
  }

  static Param param(String name, Type t) {
    return new Param(Symbol.of(name), t);
  }

  static Expr ref(Param p) {
    return Expr.of(new Ident(p.name()), p.type());
  }

  static Expr bin(BinOpKind op, Expr a, Expr b) {
    Type t = a.type();
    if (op.isComparison()) {
      t = a.type() instanceof SimdType ? new SimdType(ScalarKind.BOOL) : Type.BOOL;
    }
    return Expr.of(new BinOp(op, a, b), t);
  }

  static Expr checked(Expr e) {
    return e.withAnnotations(Annotations.NONE.with("overflow", "check"));
  }

  static Expr wrapping(Expr e) {
    return e.withAnnotations(Annotations.NONE.with("overflow", "wrap"));
  }

  static Expr cast(ScalarKind to, Expr v) {
    return Expr.of(new Cast(to, v), Type.scalar(to));
  }

  static Expr vec(Type elem, Expr... elems) {
    return Expr.of(new MakeVector(List.of(elems)), Type.vec(elem));
  }

  static Expr struct(Expr... fields) {
    List<Type> ts = new ArrayList<>();
    for (Expr f : fields) {
      ts.add(f.type());
    }
    return Expr.of(new MakeStruct(List.of(fields)), new StructType(ts));
  }

  static Expr field(Expr s, int i) {
    return Expr.of(new GetField(s, i), ((StructType) s.type()).fields().get(i));
  }

  static Expr let(String name, Expr value, Function<Expr, Expr> body) {
    Param p = param(name, value.type());
    Expr b = body.apply(ref(p));
    return Expr.of(new Let(p.name(), value, b), b.type());
  }

  static Expr lambda(List<Param> params, Expr body) {
    List<Type> ts = new ArrayList<>();
    for (Param p : params) {
      ts.add(p.type());
    }
    return Expr.of(new Lambda(params, body), new FunctionType(ts, body.type()));
  }

  static Expr lambda1(Type t, Function<Expr, Expr> body) {
    Param p = fresh("x", t);
    return lambda(List.of(p), body.apply(ref(p)));
  }

  static Expr lambda2(Type t, BiFunction<Expr, Expr, Expr> body) {
    Param a = fresh("a", t);
    Param b = fresh("b", t);
    return lambda(List.of(a, b), body.apply(ref(a), ref(b)));
  }

  static Expr apply(Expr f, Expr... args) {
    return Expr.of(new Apply(f, List.of(args)), ((FunctionType) f.type()).result());
  }

  static Param fresh(String name, Type t) {
    return new Param(new Symbol(name, 1000 + FRESH.incrementAndGet()), t);
  }

  static Expr newBuilder(BuilderType t) {
    return Expr.of(new NewBuilder(Optional.empty()), t);
  }

  static Expr newBuilder(BuilderType t, Expr arg) {
    return Expr.of(new NewBuilder(Optional.of(arg)), t);
  }

  static Expr appender(Type elem) {
    return newBuilder(new AppenderType(elem));
  }

  static Expr merger(Type elem, BuilderOp op) {
    return newBuilder(new MergerType(elem, op));
  }

  static Expr dictMerger(Type k, Type v, BuilderOp op) {
    return newBuilder(new DictMergerType(k, v, op));
  }

  static Expr groupMerger(Type k, Type v) {
    return newBuilder(new GroupMergerType(k, v));
  }

  static Expr vecMerger(Expr init, BuilderOp op) {
    return newBuilder(new VecMergerType(((VecType) init.type()).elem(), op), init);
  }

  static Expr merge(Expr b, Expr v) {
    return Expr.of(new Merge(b, v), b.type());
  }

  static Expr result(Expr b) {
    return Expr.of(new Result(b), ((BuilderType) b.type()).resultType());
  }

  static Iter iter(Expr v, Expr start, Expr end, Expr stride) {
    return new Iter(IterKind.SCALAR, Optional.of(v), Optional.of(start), Optional.of(end), Optional.of(stride),
        Optional.empty(), Optional.empty());
  }

  static Iter simdIter(Expr v) {
    return new Iter(IterKind.SIMD, Optional.of(v), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  static Iter fringeIter(Expr v) {
    return new Iter(IterKind.FRINGE, Optional.of(v), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  private static Type elementType(Iter it) {
    if (it.kind() == IterKind.RANGE) {
      return Type.I64;
    }
    Type elem = ((VecType) it.data().get().type()).elem();
    return it.kind() == IterKind.SIMD ? new SimdType(((ScalarType) elem).kind()) : elem;
  }

  /** {@code for(iters, builder, |b, i, x| body)}; several iterators zip, x is then the struct of elements. */
  static Expr forLoop(List<Iter> iters, Expr builder, Body3 body) {
    Type x = iters.size() == 1 ? elementType(iters.get(0))
        : new StructType(iters.stream().map(Ir::elementType).toList());
    Param b = fresh("b", builder.type());
    Param i = fresh("i", Type.I64);
    Param xp = fresh("x", x);
    Expr lam = lambda(List.of(b, i, xp), body.apply(ref(b), ref(i), ref(xp)));
    return Expr.of(new For(iters, builder, lam), builder.type());
  }

  static Expr forLoop(Iter iter, Expr builder, Body3 body) {
    return forLoop(List.of(iter), builder, body);
  }

  static Expr forLoop(Expr v, Expr builder, Body3 body) {
    return forLoop(Iter.of(v), builder, body);
  }

  /** {@code result(for(v, appender, |b,i,x| merge(b, f(x))))}. */
  static Expr map(Expr v, Function<Expr, Expr> f) {
    Expr probe = f.apply(ref(param("probe", elementType(Iter.of(v)))));
    return result(forLoop(v, appender(probe.type()), (b, i, x) -> merge(b, f.apply(x))));
  }

  static TypedProgram program(Expr body, Param... params) {
    return new TypedProgram(lambda(Arrays.asList(params), body));
  }

  static DictType dictType(Type k, Type v) {
    return new DictType(k, v);
  }
}

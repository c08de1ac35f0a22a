package dev.sparkweld.weld.interp;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.runtime.WeldRuntimeException;
import dev.sparkweld.weld.ir.Apply;
import dev.sparkweld.weld.ir.Assert;
import dev.sparkweld.weld.ir.BinOp;
import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.Broadcast;
import dev.sparkweld.weld.ir.Cast;
import dev.sparkweld.weld.ir.Cudf;
import dev.sparkweld.weld.ir.Deserialize;
import dev.sparkweld.weld.ir.DictType;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.ExprVisitor;
import dev.sparkweld.weld.ir.For;
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
import dev.sparkweld.weld.ir.Select;
import dev.sparkweld.weld.ir.Serialize;
import dev.sparkweld.weld.ir.Slice;
import dev.sparkweld.weld.ir.Sort;
import dev.sparkweld.weld.ir.StringLiteral;
import dev.sparkweld.weld.ir.ToVec;
import dev.sparkweld.weld.ir.UnaryOp;
import dev.sparkweld.weld.ir.Zip;
import dev.sparkweld.weld.value.DictValue;
import dev.sparkweld.weld.value.SimdValue;
import dev.sparkweld.weld.value.StructValue;
import dev.sparkweld.weld.value.ValueBytes;
import dev.sparkweld.weld.value.Values;
import dev.sparkweld.weld.value.VecValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The tree-walking evaluator: one visit per expression kind, values in the {@link Values} representation, the
 * current environment in a field (saved and restored around binders). Operators live in {@link Operators}, loops in
 * {@link ForLoop}, builders in {@link Builders}. Every evaluation happens left to right, children first (spec 7).
 */
final class Evaluator implements ExprVisitor<Object> {
  final RunContext ctx;
  private Env env = Env.EMPTY;

  Evaluator(RunContext ctx) {
    this.ctx = ctx;
  }

  Object eval(Expr e, Env in) {
    Env saved = env;
    env = in;
    try {
      return e.accept(this);
    } finally {
      env = saved;
    }
  }

  private Object eval(Expr e) {
    return e.accept(this);
  }

  Env env() {
    return env;
  }

  /** Applies a closure to arguments: binds its parameters in its own environment and evaluates its body. */
  Object apply(Closure c, Object... args) {
    List<Param> params = c.lambda().params();
    if (params.size() != args.length) {
      throw Errors.internal("lambda of " + params.size() + " parameters applied to " + args.length + " arguments");
    }
    Env e = c.env();
    for (int i = 0; i < args.length; i++) {
      e = e.bind(params.get(i).name(), args[i]);
    }
    return eval(c.lambda().body(), e);
  }

  private Closure closure(Expr e) {
    Object f = eval(e);
    if (!(f instanceof Closure c)) {
      throw Errors.internal("applying a non-function " + f);
    }
    return c;
  }

  @Override
  public Object visitLiteral(Expr e, Literal k) {
    return Operators.literal(k);
  }

  @Override
  public Object visitStringLiteral(Expr e, StringLiteral k) {
    byte[] b = k.value().getBytes(StandardCharsets.UTF_8);
    Object[] elems = new Object[b.length];
    for (int i = 0; i < b.length; i++) {
      elems[i] = b[i];
    }
    return VecValue.wrap(elems);
  }

  @Override
  public Object visitIdent(Expr e, Ident k) {
    return env.lookup(k.symbol());
  }

  @Override
  public Object visitBinOp(Expr e, BinOp k) {
    Object a = eval(k.left());
    if (k.op().isLogical() && a instanceof Boolean) {
      // Short-circuit: the right operand runs only when it decides the result.
      boolean left = (Boolean) a;
      if (k.op() == BinOpKind.LOGICAL_AND ? !left : left) {
        return left;
      }
      return (Boolean) eval(k.right());
    }
    Object b = eval(k.right());
    return Operators.binary(k.op(), k.left().type(), a, b, ctx.checked(e));
  }

  @Override
  public Object visitUnaryOp(Expr e, UnaryOp k) {
    boolean checked = ctx.checked(e);
    return Operators.lanewise(k.value().type(), eval(k.value()), (s, v) -> ScalarOps.unary(k.op(), s, v, checked));
  }

  @Override
  public Object visitNegate(Expr e, Negate k) {
    boolean checked = ctx.checked(e);
    return Operators.lanewise(k.value().type(), eval(k.value()), (s, v) -> ScalarOps.negate(s, v, checked));
  }

  @Override
  public Object visitNot(Expr e, Not k) {
    return Operators.lanewise(k.value().type(), eval(k.value()), ScalarOps::not);
  }

  @Override
  public Object visitCast(Expr e, Cast k) {
    Object v = eval(k.value());
    return Casts.cast(v, Operators.scalarKind(k.value().type()), k.target(), ctx.checked(e));
  }

  @Override
  public Object visitBroadcast(Expr e, Broadcast k) {
    Object v = eval(k.value());
    int w = ctx.lanes(Operators.scalarKind(k.value().type()));
    List<Object> lanes = new ArrayList<>(w);
    for (int i = 0; i < w; i++) {
      lanes.add(v);
    }
    return new SimdValue(lanes);
  }

  @Override
  public Object visitMakeStruct(Expr e, MakeStruct k) {
    return new StructValue(evalAll(k.elems()));
  }

  @Override
  public Object visitMakeVector(Expr e, MakeVector k) {
    return VecValue.wrap(evalAll(k.elems()).toArray());
  }

  private List<Object> evalAll(List<Expr> es) {
    List<Object> out = new ArrayList<>(es.size());
    for (Expr x : es) {
      out.add(eval(x));
    }
    return out;
  }

  @Override
  public Object visitZip(Expr e, Zip k) {
    List<VecValue> vs = new ArrayList<>();
    for (Expr x : k.vectors()) {
      vs.add((VecValue) eval(x));
    }
    return CollectionOps.zip(vs);
  }

  @Override
  public Object visitGetField(Expr e, GetField k) {
    return ((StructValue) eval(k.value())).get(k.index());
  }

  @Override
  public Object visitLength(Expr e, Length k) {
    return (long) ((VecValue) eval(k.data())).size();
  }

  @Override
  public Object visitLookup(Expr e, Lookup k) {
    Object data = eval(k.data());
    Object index = eval(k.index());
    if (data instanceof DictValue d) {
      return CollectionOps.lookup(d, index);
    }
    return CollectionOps.lookup((VecValue) data, (Long) index);
  }

  @Override
  public Object visitOptLookup(Expr e, OptLookup k) {
    DictValue d = (DictValue) eval(k.data());
    Object v = d.get(eval(k.key()));
    if (v != null) {
      return StructValue.of(true, v);
    }
    return StructValue.of(false, Values.zero(((DictType) k.data().type()).value(), ctx.simdBits()));
  }

  @Override
  public Object visitKeyExists(Expr e, KeyExists k) {
    DictValue d = (DictValue) eval(k.data());
    return d.containsKey(eval(k.key()));
  }

  @Override
  public Object visitSlice(Expr e, Slice k) {
    VecValue v = (VecValue) eval(k.data());
    long i = (Long) eval(k.index());
    long n = (Long) eval(k.size());
    return CollectionOps.slice(v, i, n);
  }

  @Override
  public Object visitSort(Expr e, Sort k) {
    VecValue v = (VecValue) eval(k.data());
    Closure cmp = closure(k.comparator());
    return CollectionOps.sort(v, (a, b) -> {
      ctx.poll();
      return (Integer) apply(cmp, a, b);
    });
  }

  @Override
  public Object visitToVec(Expr e, ToVec k) {
    return CollectionOps.toVec((DictValue) eval(k.dict()));
  }

  @Override
  public Object visitLet(Expr e, Let k) {
    // Long let chains are common in generated code: walk them in a loop, not one Java frame per binding.
    Env local = env;
    Expr cur = e;
    while (cur.kind() instanceof Let let) {
      local = local.bind(let.name(), eval(let.value(), local));
      cur = let.body();
    }
    return eval(cur, local);
  }

  @Override
  public Object visitLambda(Expr e, Lambda k) {
    return new Closure(k, env);
  }

  @Override
  public Object visitApply(Expr e, Apply k) {
    Closure f = closure(k.func());
    return apply(f, evalAll(k.args()).toArray());
  }

  @Override
  public Object visitIf(Expr e, If k) {
    return (Boolean) eval(k.cond()) ? eval(k.onTrue()) : eval(k.onFalse());
  }

  @Override
  public Object visitSelect(Expr e, Select k) {
    Object c = eval(k.cond());
    Object a = eval(k.onTrue());
    Object b = eval(k.onFalse());
    return Operators.select(c, a, b);
  }

  @Override
  public Object visitIterate(Expr e, Iterate k) {
    Object x = eval(k.initial());
    Closure f = closure(k.update());
    while (true) {
      ctx.poll();
      StructValue r = (StructValue) apply(f, x);
      x = r.get(0);
      if (!(Boolean) r.get(1)) {
        return x;
      }
    }
  }

  @Override
  public Object visitCudf(Expr e, Cudf k) {
    List<Object> args = evalAll(k.args());
    CudfFunction f = ctx.udfs().find(k.symbol()).orElseThrow(
        () -> Errors.of(ErrorKind.UDF_FAILED, "no function registered as '" + k.symbol() + "'"));
    Object r;
    try {
      r = f.call(List.copyOf(args));
    } catch (WeldRuntimeException ex) {
      throw ex;
    } catch (RuntimeException ex) {
      throw Errors.of(ErrorKind.UDF_FAILED, k.symbol() + " failed: " + ex);
    }
    if (!Values.conforms(r, k.returnType())) {
      throw Errors.of(ErrorKind.UDF_FAILED, k.symbol() + " returned " + r + ", not a " + k.returnType());
    }
    return r;
  }

  @Override
  public Object visitSerialize(Expr e, Serialize k) {
    return ValueBytes.serialize(eval(k.value()), k.value().type());
  }

  @Override
  public Object visitDeserialize(Expr e, Deserialize k) {
    return ValueBytes.deserialize((VecValue) eval(k.value()), k.valueType());
  }

  @Override
  public Object visitAssert(Expr e, Assert k) {
    if (!(Boolean) eval(k.cond())) {
      throw Errors.of(ErrorKind.ASSERTION_FAILED, "assertion failed" + (e.span().isKnown() ? " at " + e.span() : ""));
    }
    return true;
  }

  @Override
  public Object visitNewBuilder(Expr e, NewBuilder k) {
    Object arg = k.arg().isPresent() ? eval(k.arg().get()) : null;
    return NewBuilders.create(e.type(), arg, ctx.checked(e));
  }

  @Override
  public Object visitMerge(Expr e, Merge k) {
    Object b = eval(k.builder());
    Object v = eval(k.value());
    builder(b).merge(v);
    return b;
  }

  @Override
  public Object visitResult(Expr e, Result k) {
    return builder(eval(k.builder())).result();
  }

  private static Builders.Builder builder(Object b) {
    if (!(b instanceof Builders.Builder builder)) {
      throw Errors.internal("expected a builder, found " + b);
    }
    return builder;
  }

  @Override
  public Object visitFor(Expr e, For k) {
    return ForLoop.run(this, k);
  }
}

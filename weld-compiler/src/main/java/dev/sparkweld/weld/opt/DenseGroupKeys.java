package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.ir.Annotations;
import dev.sparkweld.weld.ir.AppenderType;
import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.BuilderOp;
import dev.sparkweld.weld.ir.Cast;
import dev.sparkweld.weld.ir.DictMergerType;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.FunctionType;
import dev.sparkweld.weld.ir.If;
import dev.sparkweld.weld.ir.Iter;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Literal;
import dev.sparkweld.weld.ir.Lookup;
import dev.sparkweld.weld.ir.NewBuilder;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.Result;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.Sort;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecMergerType;
import dev.sparkweld.weld.ir.VecType;
import java.util.List;
import java.util.Optional;

/**
 * Group-by on a small dense integer key (bool, i8/u8, i16/u16) folds into arrays indexed by the key instead of a
 * hash table, the way Weld's TPC-H Q1 did by hand.
 *
 * <pre>
 * result(for(v, dictmerger[u8,f64,+], |b,i,x| merge(b, {x.$0, x.$1})))
 *   =>  let r = for(v, {vecmerger[i64,min](MAXES), vecmerger[f64,+](IDENTITIES)},
 *                   |b,i,x| let kv = {x.$0, x.$1}; let k = i64(kv.$0);
 *                           {merge(b.$0, {k, i}), merge(b.$1, {k, kv.$1})});
 *       let first = result(r.$0); let vals = result(r.$1);
 *       let order = sort(keys with first[k] &lt; MAX as {first[k], k}, by first occurrence);
 *       result(for(order, dictmerger[u8,f64,+], |d,j,e| merge(d, {u8(e.$1), lookup(vals, e.$1)})))
 * </pre>
 *
 * Exactness: slot k starts at the operator's identity ({@code -0.0} for float +), so it ends holding exactly the
 * dictionary's value for k; the smallest iteration that merged k orders the final dictionary as first insertion
 * would (spec 4.4). Loops merging more than once per iteration are left alone, since one iteration's keys would tie.
 */
final class DenseGroupKeys implements Pass {
  @Override
  public String name() {
    return "dense-group-keys";
  }

  @Override
  public Expr apply(Expr program, PassContext cx) {
    int max = cx.conf().get(WeldConf.DENSE_KEYS);
    return Trees.bottomUp(program, e -> rewrite(e, max, cx).orElse(e));
  }

  private static Optional<Expr> rewrite(Expr e, int maxDomain, PassContext cx) {
    if (!(e.kind() instanceof Result r) || !(r.builder().kind() instanceof For f)
        || !(f.builder().kind() instanceof NewBuilder nb) || !(f.builder().type() instanceof DictMergerType dt)
        || !(f.body().kind() instanceof Lambda l) || !(dt.key() instanceof ScalarType keyType)
        || !nb.arg().map(cx::total).orElse(true)) {
      return Optional.empty();
    }
    ScalarKind kk = keyType.kind();
    long domain = kk == ScalarKind.BOOL ? 2 : kk.isInteger() && kk.bits() <= 16 ? 1L << kk.bits() : -1;
    long offset = kk.isSignedInteger() ? domain / 2 : 0;
    Optional<Expr> identity = Predication.identity(dt.value(), dt.op());
    Symbol b = l.params().get(0).name();
    Symbol i = l.params().get(1).name();
    int most = BuilderBody.maxMerges(l.body(), b);
    if (domain < 0 || domain > maxDomain || identity.isEmpty() || most < 0 || most > 1) {
      return Optional.empty();
    }
    VecMergerType firstT = new VecMergerType(Type.I64, BuilderOp.MIN);
    VecMergerType valsT = new VecMergerType(dt.value(), dt.op());
    StructType bt = new StructType(List.of(firstT, valsT));
    Optional<Expr> body = BuilderBody.rewrite(l.body(), b, bt, kv -> {
      Symbol kvs = cx.fresh("kv");
      Symbol ks = cx.fresh("k");
      Expr kvRef = Exprs.ident(kvs, kv.type());
      Expr index = Expr.of(new Cast(ScalarKind.I64, Exprs.getField(kvRef, 0)), Type.I64);
      if (offset != 0) {
        index = Exprs.binOp(BinOpKind.ADD, index, Exprs.i64(offset));
      }
      Expr k = Exprs.ident(ks, Type.I64);
      Expr bRef = Exprs.ident(b, bt);
      Expr merges = Exprs.struct(List.of(
          Exprs.merge(Exprs.getField(bRef, 0), Exprs.struct(List.of(k, Exprs.ident(i, Type.I64)))),
          Exprs.merge(Exprs.getField(bRef, 1), Exprs.struct(List.of(k, Exprs.getField(kvRef, 1))))));
      return Exprs.let(kvs, kv, Exprs.let(ks, index, merges));
    });
    if (body.isEmpty()) {
      return Optional.empty();
    }
    Expr firstInit = filled(Exprs.i64(Long.MAX_VALUE), domain, cx);
    Expr valsInit = filled(identity.get(), domain, cx);
    Expr builders = Exprs.struct(List.of(
        Exprs.newBuilder(firstT, Optional.of(firstInit), Annotations.NONE),
        Exprs.newBuilder(valsT, Optional.of(valsInit), f.builder().annotations())));
    List<Param> params = List.of(new Param(b, bt), l.params().get(1), l.params().get(2));
    Expr loop = Exprs.forLoop(f.iters(), builders, Exprs.lambda(params, body.get()), r.builder().annotations());

    Symbol rs = cx.fresh("dense");
    Symbol first = cx.fresh("first");
    Symbol vals = cx.fresh("vals");
    Expr firstRef = Exprs.ident(first, new VecType(Type.I64));
    Expr valsRef = Exprs.ident(vals, new VecType(dt.value()));
    Expr order = order(firstRef, domain, cx);
    StructType pair = new StructType(List.of(Type.I64, Type.I64));
    Symbol db = cx.fresh("d");
    Symbol dj = cx.fresh("j");
    Symbol de = cx.fresh("e");
    Expr deRef = Exprs.ident(de, pair);
    Expr keyBack = Exprs.getField(deRef, 1);
    if (offset != 0) {
      keyBack = Exprs.binOp(BinOpKind.SUB, keyBack, Exprs.i64(offset));
    }
    Expr key = Expr.of(new Cast(kk, keyBack), keyType);
    Expr value = Expr.of(new Lookup(valsRef, Exprs.getField(deRef, 1)), dt.value());
    Expr insert = Exprs.merge(Exprs.ident(db, dt), Exprs.struct(List.of(key, value)));
    Expr build = Exprs.forLoop(List.of(Iter.of(order)), f.builder(),
        Exprs.lambda(List.of(new Param(db, dt), new Param(dj, Type.I64), new Param(de, pair)), insert),
        Annotations.NONE);
    Expr rRef = Exprs.ident(rs, bt);
    return Optional.of(Exprs.let(rs, loop,
        Exprs.let(first, Exprs.result(Exprs.getField(rRef, 0)),
            Exprs.let(vals, Exprs.result(Exprs.getField(rRef, 1)), Exprs.result(build)))));
  }

  /** {@code [v, v, ..., v]} of length {@code n}, built by a loop. */
  private static Expr filled(Expr v, long n, PassContext cx) {
    AppenderType at = new AppenderType(v.type());
    Symbol b = cx.fresh("fb");
    Expr body = Exprs.merge(Exprs.ident(b, at), v);
    Expr lambda = Exprs.lambda(List.of(new Param(b, at), new Param(cx.fresh("fi"), Type.I64),
        new Param(cx.fresh("fx"), Type.I64)), body);
    Expr loop = Exprs.forLoop(List.of(range(n)), Exprs.newBuilder(at, Optional.of(Exprs.i64(n)), Annotations.NONE),
        lambda, Annotations.NONE);
    return Exprs.result(loop);
  }

  private static Iter range(long n) {
    return Iter.range(Exprs.i64(0), Exprs.i64(n), Exprs.i64(1));
  }

  /** The present keys as {first occurrence, index} pairs, sorted by first occurrence. */
  private static Expr order(Expr first, long domain, PassContext cx) {
    StructType pair = new StructType(List.of(Type.I64, Type.I64));
    AppenderType at = new AppenderType(pair);
    Symbol b = cx.fresh("ob");
    Symbol k = cx.fresh("key");
    Expr kRef = Exprs.ident(k, Type.I64);
    Expr seen = Expr.of(new Lookup(first, kRef), Type.I64);
    Expr cond = Exprs.binOp(BinOpKind.LT, seen, Exprs.i64(Long.MAX_VALUE));
    Expr bRef = Exprs.ident(b, at);
    Expr body = Expr.of(new If(cond, Exprs.merge(bRef, Exprs.struct(List.of(seen, kRef))), bRef), at);
    Expr lambda = Exprs.lambda(List.of(new Param(b, at), new Param(cx.fresh("oi"), Type.I64), new Param(k,
        Type.I64)), body);
    Expr present = Exprs.result(Exprs.forLoop(List.of(range(domain)), Exprs.newBuilder(at, Optional.empty(),
        Annotations.NONE), lambda, Annotations.NONE));
    Symbol a = cx.fresh("a");
    Symbol c = cx.fresh("c");
    Expr a0 = Exprs.getField(Exprs.ident(a, pair), 0);
    Expr c0 = Exprs.getField(Exprs.ident(c, pair), 0);
    Expr cmp = Expr.of(new If(Exprs.binOp(BinOpKind.GT, a0, c0), Exprs.literal(Literal.ofI32(1)),
        Expr.of(new If(Exprs.binOp(BinOpKind.LT, a0, c0), Exprs.literal(Literal.ofI32(-1)),
            Exprs.literal(Literal.ofI32(0))), Type.I32)), Type.I32);
    Expr comparator = Expr.of(new Lambda(List.of(new Param(a, pair), new Param(c, pair)), cmp),
        new FunctionType(List.of(pair, pair), Type.I32));
    return Expr.of(new Sort(present, comparator), new VecType(pair));
  }
}

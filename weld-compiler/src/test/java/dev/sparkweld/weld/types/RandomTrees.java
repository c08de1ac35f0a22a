package dev.sparkweld.weld.types;

import dev.sparkweld.weld.diag.Span;
import dev.sparkweld.weld.ir.AppenderType;
import dev.sparkweld.weld.ir.Apply;
import dev.sparkweld.weld.ir.Assert;
import dev.sparkweld.weld.ir.BinOp;
import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.Broadcast;
import dev.sparkweld.weld.ir.BuilderOp;
import dev.sparkweld.weld.ir.Cast;
import dev.sparkweld.weld.ir.Cudf;
import dev.sparkweld.weld.ir.Deserialize;
import dev.sparkweld.weld.ir.DictMergerType;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.ExprKind;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.FunctionType;
import dev.sparkweld.weld.ir.GetField;
import dev.sparkweld.weld.ir.GroupMergerType;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.If;
import dev.sparkweld.weld.ir.Iter;
import dev.sparkweld.weld.ir.IterKind;
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
import dev.sparkweld.weld.ir.MergerType;
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
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.ToVec;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.UnaryOp;
import dev.sparkweld.weld.ir.UnaryOpKind;
import dev.sparkweld.weld.ir.VecMergerType;
import dev.sparkweld.weld.ir.Zip;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Random IR trees for totality tests: every construct, random arities, a small pool of names (so that identifiers are
 * sometimes bound), random declared types including builders, functions and unknowns. Most trees are ill-typed.
 */
final class RandomTrees {
  private static final String[] NAMES = {"a", "b", "x", "y", "v"};
  private static final int KINDS = 34;

  private final Random rnd;

  RandomTrees(long seed) {
    this.rnd = new Random(seed);
  }

  Expr expr(int depth) {
    Expr e = wrap(depth <= 0 ? leaf() : node(depth - 1));
    return rnd.nextInt(10) == 0 ? e.withType(type(2)) : e;
  }

  private Expr wrap(ExprKind k) {
    return new Expr(k, Type.UNKNOWN, dev.sparkweld.weld.ir.Annotations.NONE, Span.of(1 + rnd.nextInt(9),
        1 + rnd.nextInt(80), 1));
  }

  private ExprKind leaf() {
    return switch (rnd.nextInt(5)) {
      case 0 -> literal();
      case 1 -> new StringLiteral("s");
      case 2 -> new MakeVector(List.of());
      case 3 -> new NewBuilder(Optional.empty());
      default -> new Ident(symbol());
    };
  }

  private Literal literal() {
    ScalarKind k = ScalarKind.values()[rnd.nextInt(ScalarKind.values().length)];
    return Literal.ofLong(k, rnd.nextInt(5) - 2);
  }

  private Symbol symbol() {
    return new Symbol(NAMES[rnd.nextInt(NAMES.length)], rnd.nextInt(8) == 0 ? 1 : 0);
  }

  private List<Expr> exprs(int depth, int max) {
    int n = rnd.nextInt(max + 1);
    List<Expr> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(expr(depth));
    }
    return out;
  }

  /** A lambda most of the time (with 0-4 parameters), sometimes any expression. */
  Expr function(int depth, int usualArity) {
    if (rnd.nextInt(8) == 0) {
      return expr(depth);
    }
    int n = rnd.nextInt(4) == 0 ? rnd.nextInt(5) : usualArity;
    List<Param> ps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ps.add(new Param(symbol(), rnd.nextInt(3) == 0 ? type(2) : Type.UNKNOWN, Span.of(1, 1 + i, 1)));
    }
    return wrap(new Lambda(ps, expr(depth)));
  }

  private ExprKind node(int d) {
    return switch (rnd.nextInt(KINDS)) {
      case 0 -> new BinOp(BinOpKind.values()[rnd.nextInt(BinOpKind.values().length)], expr(d), expr(d));
      case 1 -> new UnaryOp(UnaryOpKind.values()[rnd.nextInt(UnaryOpKind.values().length)], expr(d));
      case 2 -> new Negate(expr(d));
      case 3 -> new Not(expr(d));
      case 4 -> new Cast(ScalarKind.values()[rnd.nextInt(ScalarKind.values().length)], expr(d));
      case 5 -> new Broadcast(expr(d));
      case 6 -> new MakeStruct(exprs(d, 3));
      case 7 -> new MakeVector(exprs(d, 3));
      case 8 -> new Zip(exprs(d, 3));
      case 9 -> new GetField(expr(d), rnd.nextInt(4));
      case 10 -> new Length(expr(d));
      case 11 -> new Lookup(expr(d), expr(d));
      case 12 -> new OptLookup(expr(d), expr(d));
      case 13 -> new KeyExists(expr(d), expr(d));
      case 14 -> new Slice(expr(d), expr(d), expr(d));
      case 15 -> new Sort(expr(d), function(d, 2));
      case 16 -> new ToVec(expr(d));
      case 17, 18 -> new Let(symbol(), rnd.nextBoolean() ? function(d, 1) : expr(d), expr(d));
      case 19 -> function(d, 1).kind();
      case 20 -> new Apply(rnd.nextBoolean() ? function(d, 1) : wrap(new Ident(symbol())), exprs(d, 2));
      case 21 -> new If(expr(d), expr(d), expr(d));
      case 22 -> new Select(expr(d), expr(d), expr(d));
      case 23 -> new Iterate(expr(d), function(d, 1));
      case 24 -> new Cudf("f", type(2), exprs(d, 2));
      case 25 -> new Serialize(expr(d));
      case 26 -> new Deserialize(type(2), expr(d));
      case 27 -> new Assert(expr(d));
      case 28 -> new NewBuilder(rnd.nextBoolean() ? Optional.of(expr(d)) : Optional.empty());
      case 29 -> new Merge(expr(d), expr(d));
      case 30 -> new Result(expr(d));
      default -> forLoop(d);
    };
  }

  private For forLoop(int d) {
    int n = rnd.nextInt(6) == 0 ? 0 : 1 + rnd.nextInt(2);
    List<Iter> iters = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      iters.add(iter(d));
    }
    return new For(iters, expr(d), function(d, 3));
  }

  private Iter iter(int d) {
    IterKind k = IterKind.values()[rnd.nextInt(IterKind.values().length)];
    Optional<Expr> none = Optional.empty();
    if (k == IterKind.RANGE) {
      return Iter.range(expr(d), expr(d), expr(d));
    }
    if (k == IterKind.ND) {
      return new Iter(k, Optional.of(expr(d)), Optional.of(expr(d)), Optional.of(expr(d)), Optional.of(expr(d)),
          Optional.of(expr(d)), Optional.of(expr(d)));
    }
    if (rnd.nextBoolean()) {
      return new Iter(k, Optional.of(expr(d)), none, none, none, none, none);
    }
    return new Iter(k, Optional.of(expr(d)), Optional.of(expr(d)), Optional.of(expr(d)), Optional.of(expr(d)),
        none, none);
  }

  Type type(int depth) {
    int choice = rnd.nextInt(depth <= 0 ? 3 : 14);
    BuilderOp op = BuilderOp.values()[rnd.nextInt(BuilderOp.values().length)];
    return switch (choice) {
      case 0 -> new ScalarType(ScalarKind.values()[rnd.nextInt(ScalarKind.values().length)]);
      case 1 -> Type.UNKNOWN;
      case 2 -> new SimdType(ScalarKind.values()[rnd.nextInt(ScalarKind.values().length)]);
      case 3, 4 -> Type.vec(type(depth - 1));
      case 5 -> Type.dict(type(depth - 1), type(depth - 1));
      case 6 -> new StructType(List.of(type(depth - 1), type(depth - 1)));
      case 7 -> new FunctionType(List.of(type(depth - 1)), type(depth - 1));
      case 8 -> new AppenderType(type(depth - 1));
      case 9 -> new MergerType(type(depth - 1), op);
      case 10 -> new DictMergerType(type(depth - 1), type(depth - 1), op);
      case 11 -> new GroupMergerType(type(depth - 1), type(depth - 1));
      case 12 -> new VecMergerType(type(depth - 1), op);
      default -> new StructType(List.of());
    };
  }
}

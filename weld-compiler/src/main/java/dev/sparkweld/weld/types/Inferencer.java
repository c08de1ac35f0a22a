package dev.sparkweld.weld.types;

import dev.sparkweld.weld.diag.CompileErrorKind;
import dev.sparkweld.weld.diag.Span;
import dev.sparkweld.weld.ir.Apply;
import dev.sparkweld.weld.ir.Assert;
import dev.sparkweld.weld.ir.BinOp;
import dev.sparkweld.weld.ir.Broadcast;
import dev.sparkweld.weld.ir.Cast;
import dev.sparkweld.weld.ir.Cudf;
import dev.sparkweld.weld.ir.Deserialize;
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
import dev.sparkweld.weld.ir.Result;
import dev.sparkweld.weld.ir.Select;
import dev.sparkweld.weld.ir.Serialize;
import dev.sparkweld.weld.ir.Slice;
import dev.sparkweld.weld.ir.Sort;
import dev.sparkweld.weld.ir.StringLiteral;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.ToVec;
import dev.sparkweld.weld.ir.UnaryOp;
import dev.sparkweld.weld.ir.UnknownType;
import dev.sparkweld.weld.ir.Zip;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks an expression once, giving every node a type {@link Term} and stating the typing rules of spec section 4 as
 * equations (or, where a rule depends on a constructor not yet known, as {@link Solver.Deferred} rules). Also enforces
 * where lambdas and function-typed names may appear, since functions are not values.
 */
final class Inferencer implements ExprVisitor<Node> {
  /** Where an expression sits, as far as lambdas and function-typed names are concerned. */
  enum Pos { VALUE, ENTRY, LET_VALUE, CALLEE }

  /** A name in scope; {@code lambda} is set for a let-bound lambda, the only names that can be applied. */
  record Binding(Term type, Lambda lambda) {}

  final Solver solver = new Solver();
  private final Map<Symbol, Binding> env = new HashMap<>();
  private final BuilderRules builders = new BuilderRules(this);
  private final ValueRules values = new ValueRules(this);
  private final Limits limits;
  private Pos pos = Pos.VALUE;

  Inferencer(Map<Symbol, Term> outer, Limits limits) {
    this.limits = limits;
    outer.forEach((s, t) -> env.put(s, new Binding(t, null)));
  }

  Node gen(Expr e) {
    return gen(e, Pos.VALUE);
  }

  Node gen(Expr e, Pos p) {
    limits.enter(e.span());
    try {
      pos = p;
      return e.accept(this);
    } finally {
      limits.exit();
    }
  }

  /** A node whose rule gave {@code type}; a type the source declares for it (ascription) must agree. */
  Node node(Expr e, Term type, List<Node> children) {
    declared(e, type);
    return new Node(e, type, children, List.of());
  }

  void declared(Expr e, Term type) {
    if (!(e.type() instanceof UnknownType)) {
      limits.checkType(e.type(), e.span());
      solver.unify(type, Term.of(e.type()), e.span(),
          (a, d) -> "expression of type " + a + " is declared as " + d);
    }
  }

  /** Maps each child to its node (all in value position). */
  List<Node> genAll(List<Expr> exprs) {
    List<Node> out = new ArrayList<>(exprs.size());
    for (Expr x : exprs) {
      out.add(gen(x));
    }
    return out;
  }

  /**
   * Types a lambda in a position that supplies its parameter types ({@code expected}, one per parameter, already
   * arity-checked): parameters are equated with them before the body is typed, so that a use in the body cannot
   * claim a parameter's type first and blame the caller. {@code who} names the caller in messages.
   */
  Node genLambda(Expr e, Lambda k, List<Term> expected, String who) {
    limits.enter(e.span());
    try {
      List<Term> params = new ArrayList<>();
      Map<Symbol, Binding> saved = new HashMap<>();
      for (int i = 0; i < k.params().size(); i++) {
        var p = k.params().get(i);
        limits.checkType(p.type(), p.span());
        Term t = Term.of(p.type());
        if (expected != null) {
          Span at = p.span().isKnown() ? p.span() : e.span();
          String name = p.name().toString();
          solver.unify(t, expected.get(i), at,
              (d, x) -> "parameter " + name + " is declared " + d + " but " + who + " passes " + x);
        }
        params.add(t);
        if (!saved.containsKey(p.name())) {
          saved.put(p.name(), env.get(p.name()));
        }
        env.put(p.name(), new Binding(t, null));
      }
      Node body = gen(k.body());
      saved.forEach(this::restore);
      Term fn = Term.function(params, body.type());
      declared(e, fn);
      return new Node(e, fn, List.of(body), params);
    } finally {
      limits.exit();
    }
  }

  private void restore(Symbol s, Binding b) {
    if (b == null) {
      env.remove(s);
    } else {
      env.put(s, b);
    }
  }

  @Override
  public Node visitLiteral(Expr e, Literal k) {
    return node(e, Term.scalar(k.kind()), List.of());
  }

  @Override
  public Node visitStringLiteral(Expr e, StringLiteral k) {
    return node(e, Term.vec(Term.I8), List.of());
  }

  @Override
  public Node visitIdent(Expr e, Ident k) {
    Pos here = pos;
    Binding b = env.get(k.symbol());
    if (b == null) {
      throw Solver.error(CompileErrorKind.UNDEFINED_SYMBOL, e.span(), "undefined symbol " + k.symbol());
    }
    if (b.lambda() != null && here != Pos.CALLEE) {
      throw Solver.mismatch(e.span(), k.symbol() + " is a function: functions are not values and can only be applied");
    }
    return node(e, b.type(), List.of());
  }

  @Override
  public Node visitBinOp(Expr e, BinOp k) {
    return values.binOp(e, k);
  }

  @Override
  public Node visitUnaryOp(Expr e, UnaryOp k) {
    Node v = gen(k.value());
    return node(e, v.type(), List.of(v));
  }

  @Override
  public Node visitNegate(Expr e, Negate k) {
    Node v = gen(k.value());
    return node(e, v.type(), List.of(v));
  }

  @Override
  public Node visitNot(Expr e, Not k) {
    Node v = gen(k.value());
    return node(e, v.type(), List.of(v));
  }

  @Override
  public Node visitCast(Expr e, Cast k) {
    Node v = gen(k.value());
    return node(e, Term.scalar(k.target()), List.of(v));
  }

  @Override
  public Node visitBroadcast(Expr e, Broadcast k) {
    return values.broadcast(e, k);
  }

  @Override
  public Node visitMakeStruct(Expr e, MakeStruct k) {
    List<Node> elems = genAll(k.elems());
    return node(e, Term.struct(elems.stream().map(Node::type).toList()), elems);
  }

  @Override
  public Node visitMakeVector(Expr e, MakeVector k) {
    Term elem = Term.var();
    List<Node> elems = new ArrayList<>();
    for (Expr x : k.elems()) {
      Node n = gen(x);
      solver.unify(elem, n.type(), x.span(), (a, b) -> "vector elements have different types " + a + " and " + b);
      elems.add(n);
    }
    return node(e, Term.vec(elem), elems);
  }

  @Override
  public Node visitZip(Expr e, Zip k) {
    return values.zip(e, k);
  }

  @Override
  public Node visitGetField(Expr e, GetField k) {
    return values.getField(e, k);
  }

  @Override
  public Node visitLength(Expr e, Length k) {
    Node d = gen(k.data());
    solver.unify(d.type(), Term.vec(Term.var()), k.data().span(), (a, b) -> "len needs a vector, got " + a);
    return node(e, Term.I64, List.of(d));
  }

  @Override
  public Node visitLookup(Expr e, Lookup k) {
    return values.lookup(e, k);
  }

  @Override
  public Node visitOptLookup(Expr e, OptLookup k) {
    List<Node> c = values.dictAccess(k.data(), k.key(), "optlookup");
    return node(e, Term.struct(List.of(Term.BOOL, c.get(0).type().arg(1))), c);
  }

  @Override
  public Node visitKeyExists(Expr e, KeyExists k) {
    return node(e, Term.BOOL, values.dictAccess(k.data(), k.key(), "keyexists"));
  }

  @Override
  public Node visitSlice(Expr e, Slice k) {
    Node d = gen(k.data());
    Term elem = Term.var();
    solver.unify(d.type(), Term.vec(elem), k.data().span(), (a, b) -> "slice needs a vector, got " + a);
    Node i = gen(k.index());
    solver.expect(i.type(), Term.I64, k.index().span(), "the slice index");
    Node n = gen(k.size());
    solver.expect(n.type(), Term.I64, k.size().span(), "the slice size");
    return node(e, Term.vec(elem), List.of(d, i, n));
  }

  @Override
  public Node visitSort(Expr e, Sort k) {
    return values.sort(e, k);
  }

  @Override
  public Node visitToVec(Expr e, ToVec k) {
    Node d = gen(k.dict());
    Term key = Term.var();
    Term value = Term.var();
    solver.unify(d.type(), Term.dict(key, value), k.dict().span(), (a, b) -> "tovec needs a dictionary, got " + a);
    return node(e, Term.vec(Term.struct(List.of(key, value))), List.of(d));
  }

  @Override
  public Node visitLet(Expr e, Let k) {
    Node value = gen(k.value(), Pos.LET_VALUE);
    Binding saved = env.get(k.name());
    env.put(k.name(), new Binding(value.type(), k.value().kind() instanceof Lambda l ? l : null));
    Node body = gen(k.body());
    restore(k.name(), saved);
    return node(e, body.type(), List.of(value, body));
  }

  @Override
  public Node visitLambda(Expr e, Lambda k) {
    if (pos == Pos.VALUE) {
      throw Solver.mismatch(e.span(), "a lambda is not a value: lambdas may only be the program, the function of"
          + " for, iterate or sort, the callee of an application, or bound by let and applied");
    }
    if (pos == Pos.ENTRY) {
      for (var p : k.params()) {
        if (p.type().isPartial()) {
          throw Solver.error(CompileErrorKind.UNKNOWN_TYPE, p.span().isKnown() ? p.span() : e.span(),
              "program parameter " + p.name() + " needs a declared type, got " + p.type());
        }
      }
    }
    return genLambda(e, k, null, "");
  }

  @Override
  public Node visitApply(Expr e, Apply k) {
    return values.apply(e, k, env);
  }

  @Override
  public Node visitIf(Expr e, If k) {
    Node c = gen(k.cond());
    solver.expect(c.type(), Term.BOOL, k.cond().span(), "the condition of if");
    Node t = gen(k.onTrue());
    Node f = gen(k.onFalse());
    solver.unify(t.type(), f.type(), e.span(), (a, b) -> "branches of if have different types " + a + " and " + b);
    return node(e, t.type(), List.of(c, t, f));
  }

  @Override
  public Node visitSelect(Expr e, Select k) {
    // The condition (bool, or simd[bool] per lane) constrains nothing else; the validator checks it.
    Node c = gen(k.cond());
    Node t = gen(k.onTrue());
    Node f = gen(k.onFalse());
    solver.unify(t.type(), f.type(), e.span(),
        (a, b) -> "branches of select have different types " + a + " and " + b);
    return node(e, t.type(), List.of(c, t, f));
  }

  @Override
  public Node visitIterate(Expr e, Iterate k) {
    return values.iterate(e, k);
  }

  @Override
  public Node visitCudf(Expr e, Cudf k) {
    List<Node> args = genAll(k.args());
    limits.checkType(k.returnType(), e.span());
    return node(e, Term.of(k.returnType()), args);
  }

  @Override
  public Node visitSerialize(Expr e, Serialize k) {
    Node v = gen(k.value());
    return node(e, Term.vec(Term.U8), List.of(v));
  }

  @Override
  public Node visitDeserialize(Expr e, Deserialize k) {
    Node v = gen(k.value());
    solver.expect(v.type(), Term.vec(Term.U8), k.value().span(), "the argument of deserialize");
    limits.checkType(k.valueType(), e.span());
    return node(e, Term.of(k.valueType()), List.of(v));
  }

  @Override
  public Node visitAssert(Expr e, Assert k) {
    Node c = gen(k.cond());
    solver.expect(c.type(), Term.BOOL, k.cond().span(), "the condition of assert");
    return node(e, Term.BOOL, List.of(c));
  }

  @Override
  public Node visitNewBuilder(Expr e, NewBuilder k) {
    return builders.newBuilder(e, k);
  }

  @Override
  public Node visitMerge(Expr e, Merge k) {
    return builders.merge(e, k);
  }

  @Override
  public Node visitResult(Expr e, Result k) {
    return builders.result(e, k);
  }

  @Override
  public Node visitFor(Expr e, For k) {
    return builders.forLoop(e, k);
  }
}

package dev.sparkweld.weld.types;

import dev.sparkweld.weld.diag.CompileErrorKind;
import dev.sparkweld.weld.ir.Apply;
import dev.sparkweld.weld.ir.BinOp;
import dev.sparkweld.weld.ir.Broadcast;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.GetField;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.Iterate;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Lookup;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.Sort;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.Zip;
import dev.sparkweld.weld.types.Inferencer.Binding;
import dev.sparkweld.weld.types.Inferencer.Pos;
import dev.sparkweld.weld.types.Term.Tag;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Typing rules of operators, collections and functions (spec 4.1, 4.2, 4.4) that need more than one equation. */
final class ValueRules {
  private final Inferencer inf;
  private final Solver solver;

  ValueRules(Inferencer inf) {
    this.inf = inf;
    this.solver = inf.solver;
  }

  Node binOp(Expr e, BinOp k) {
    Node l = inf.gen(k.left());
    Node r = inf.gen(k.right());
    String op = "'" + k.op().symbol() + "'";
    solver.unify(l.type(), r.type(), e.span(), (a, b) -> "operands of " + op + " have different types " + a
        + " and " + b);
    Term result;
    if (k.op().isLogical()) {
      solver.unify(l.type(), Term.BOOL, e.span(), (a, b) -> "operands of " + op + " must be bool, got " + a);
      result = Term.BOOL;
    } else if (k.op().isComparison()) {
      // Lane-wise comparison of simd values gives simd[bool]; anything else gives bool.
      result = Term.var();
      Term operand = l.type();
      Term res = result;
      solver.defer(new Solver.Deferred(e.span()) {
        @Override
        boolean tryResolve() {
          Tag tag = operand.tag();
          if (tag == null) {
            return false;
          }
          solver.unify(res, tag == Tag.SIMD ? Term.simd(ScalarKind.BOOL) : Term.BOOL, span,
              (a, b) -> "comparison " + op + " gives " + b + ", but " + a + " is expected");
          return true;
        }
      });
    } else {
      result = l.type();
    }
    return inf.node(e, result, List.of(l, r));
  }

  Node broadcast(Expr e, Broadcast k) {
    Node v = inf.gen(k.value());
    Term scalar = v.type();
    Term result = Term.var();
    solver.defer(new Solver.Deferred(e.span()) {
      @Override
      boolean tryResolve() {
        Term.Head h = scalar.head();
        if (h != null) {
          if (h.tag() != Tag.SCALAR) {
            throw Solver.mismatch(span, "broadcast needs a scalar, got " + scalar);
          }
          solver.unify(result, Term.simd(h.scalar()), span, (a, b) -> "broadcast gives " + b + ", but " + a
              + " is expected");
          return true;
        }
        Term.Head r = result.head();
        if (r != null && r.tag() == Tag.SIMD) {
          solver.unify(scalar, Term.scalar(r.scalar()), span, (a, b) -> "broadcast to " + result + " needs " + b
              + ", got " + a);
          return true;
        }
        return false;
      }
    });
    return inf.node(e, result, List.of(v));
  }

  Node zip(Expr e, Zip k) {
    if (k.vectors().size() < 2) {
      throw Solver.error(CompileErrorKind.ARITY, e.span(), "zip takes at least 2 vectors, got "
          + k.vectors().size());
    }
    List<Node> vs = new ArrayList<>();
    List<Term> elems = new ArrayList<>();
    for (Expr x : k.vectors()) {
      Node n = inf.gen(x);
      Term elem = Term.var();
      solver.unify(n.type(), Term.vec(elem), x.span(), (a, b) -> "zip needs vectors, got " + a);
      vs.add(n);
      elems.add(elem);
    }
    return inf.node(e, Term.vec(Term.struct(elems)), vs);
  }

  Node getField(Expr e, GetField k) {
    Node v = inf.gen(k.value());
    Term value = v.type();
    Term result = Term.var();
    solver.defer(new Solver.Deferred(e.span()) {
      @Override
      boolean tryResolve() {
        Tag tag = value.tag();
        if (tag == null) {
          return false;
        }
        if (tag != Tag.STRUCT) {
          throw Solver.mismatch(span, "field access ." + "$" + k.index() + " needs a struct, got " + value);
        }
        if (k.index() >= value.arity()) {
          throw Solver.mismatch(span, "field $" + k.index() + " does not exist in " + value);
        }
        solver.unify(result, value.arg(k.index()), span, (a, b) -> "field $" + k.index() + " has type " + b
            + ", but " + a + " is expected");
        return true;
      }
    });
    return inf.node(e, result, List.of(v));
  }

  Node lookup(Expr e, Lookup k) {
    Node d = inf.gen(k.data());
    Node i = inf.gen(k.index());
    Term data = d.type();
    Term result = Term.var();
    solver.defer(new Solver.Deferred(e.span()) {
      @Override
      boolean tryResolve() {
        Tag tag = data.tag();
        if (tag == null) {
          return false;
        }
        if (tag == Tag.VEC) {
          solver.expect(i.type(), Term.I64, k.index().span(), "a vector lookup index");
          solver.unify(result, data.arg(0), span, (a, b) -> "lookup gives " + b + ", but " + a + " is expected");
        } else if (tag == Tag.DICT) {
          solver.unify(i.type(), data.arg(0), k.index().span(), (a, b) -> "lookup key must have the key type " + b
              + " of " + data + ", got " + a);
          solver.unify(result, data.arg(1), span, (a, b) -> "lookup gives " + b + ", but " + a + " is expected");
        } else {
          throw Solver.mismatch(k.data().span(), "lookup needs a vector or a dictionary, got " + data);
        }
        return true;
      }
    });
    return inf.node(e, result, List.of(d, i));
  }

  /** A dictionary access {@code op(d, k)}: the nodes of d and k; the value type is {@code nodes.get(0)}'s arg 1. */
  List<Node> dictAccess(Expr data, Expr key, String op) {
    Node d = inf.gen(data);
    Term keyType = Term.var();
    solver.unify(d.type(), Term.dict(keyType, Term.var()), data.span(), (a, b) -> op + " needs a dictionary, got "
        + a);
    Node kn = inf.gen(key);
    solver.unify(kn.type(), keyType, key.span(), (a, b) -> op + " key must have the key type " + b + ", got " + a);
    return List.of(d, kn);
  }

  Node sort(Expr e, Sort k) {
    Node d = inf.gen(k.data());
    Term elem = Term.var();
    solver.unify(d.type(), Term.vec(elem), k.data().span(), (a, b) -> "sort needs a vector, got " + a);
    Lambda cmp = lambdaArg(k.comparator(), "sort comparator", "|a, b| ...", 2, "2 parameters");
    Node c = inf.genLambda(k.comparator(), cmp, List.of(elem, elem), "sort");
    solver.expect(c.children().get(0).type(), Term.I32, cmp.body().span(), "the sort comparator's result");
    return inf.node(e, Term.vec(elem), List.of(d, c));
  }

  Node iterate(Expr e, Iterate k) {
    Node init = inf.gen(k.initial());
    Lambda f = lambdaArg(k.update(), "iterate function", "|x| {next, continue}", 1, "1 parameter");
    Node fn = inf.genLambda(k.update(), f, List.of(init.type()), "iterate");
    Term expected = Term.struct(List.of(init.type(), Term.BOOL));
    solver.expect(fn.children().get(0).type(), expected, f.body().span(), "the iterate function's result");
    return inf.node(e, init.type(), List.of(init, fn));
  }

  /** The lambda in a function argument, checking that it is one and takes {@code arity} parameters. */
  static Lambda lambdaArg(Expr arg, String what, String shape, int arity, String params) {
    if (!(arg.kind() instanceof Lambda l)) {
      throw Solver.mismatch(arg.span(), what + " must be a lambda " + shape);
    }
    if (l.params().size() != arity) {
      throw Solver.error(CompileErrorKind.ARITY, arg.span(), what + " takes " + params + ", got "
          + l.params().size());
    }
    return l;
  }

  Node apply(Expr e, Apply k, Map<Symbol, Binding> env) {
    Expr callee = k.func();
    Lambda lambda;
    String name;
    if (callee.kind() instanceof Lambda l) {
      lambda = l;
      name = "the lambda";
    } else if (callee.kind() instanceof Ident id && env.get(id.symbol()) != null
        && env.get(id.symbol()).lambda() != null) {
      lambda = env.get(id.symbol()).lambda();
      name = id.symbol().toString();
    } else if (callee.kind() instanceof Ident id && env.get(id.symbol()) == null) {
      throw Solver.error(CompileErrorKind.UNDEFINED_SYMBOL, callee.span(), "undefined symbol " + id.symbol());
    } else {
      throw Solver.mismatch(callee.span(), "only lambdas and let-bound lambdas can be applied");
    }
    if (lambda.params().size() != k.args().size()) {
      throw Solver.error(CompileErrorKind.ARITY, e.span(), name + " takes " + lambda.params().size()
          + " parameter(s), got " + k.args().size() + " argument(s)");
    }
    List<Node> args = inf.genAll(k.args());
    List<Term> argTypes = args.stream().map(Node::type).toList();
    Node fn;
    Term result;
    if (callee.kind() instanceof Lambda l) {
      fn = inf.genLambda(callee, l, argTypes, "the application");
      result = fn.type().arg(argTypes.size());
    } else {
      fn = inf.gen(callee, Pos.CALLEE);
      for (int i = 0; i < argTypes.size(); i++) {
        int n = i + 1;
        solver.unify(argTypes.get(i), fn.type().arg(i), k.args().get(i).span(),
            (a, p) -> "argument " + n + " of " + name + " has type " + a + ", expected " + p);
      }
      result = fn.type().arg(argTypes.size());
    }
    List<Node> children = new ArrayList<>();
    children.add(fn);
    children.addAll(args);
    return inf.node(e, result, Collections.unmodifiableList(children));
  }
}

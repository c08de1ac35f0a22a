package dev.sparkweld.weld.types;

import dev.sparkweld.weld.diag.CompileErrorKind;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.Iter;
import dev.sparkweld.weld.ir.IterKind;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Merge;
import dev.sparkweld.weld.ir.NewBuilder;
import dev.sparkweld.weld.ir.Result;
import dev.sparkweld.weld.types.Term.Head;
import dev.sparkweld.weld.types.Term.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Typing rules of builders and {@code for} (spec 4.5). */
final class BuilderRules {
  private final Inferencer inf;
  private final Solver solver;

  BuilderRules(Inferencer inf) {
    this.inf = inf;
    this.solver = inf.solver;
  }

  /** What {@code merge} into a builder term (with a known builder head) takes. */
  static Term mergeType(Term b) {
    return switch (b.tag()) {
      case APPENDER, MERGER -> b.arg(0);
      case DICTMERGER, GROUPMERGER -> Term.struct(List.of(b.arg(0), b.arg(1)));
      case VECMERGER -> Term.struct(List.of(Term.I64, b.arg(0)));
      case SCALAR, SIMD, VEC, DICT, STRUCT, FUNCTION -> throw new IllegalStateException("not a builder: " + b);
    };
  }

  /** What {@code result} of a builder term (with a known builder head) gives. */
  static Term resultType(Term b) {
    return switch (b.tag()) {
      case APPENDER, VECMERGER -> Term.vec(b.arg(0));
      case MERGER -> b.arg(0);
      case DICTMERGER -> Term.dict(b.arg(0), b.arg(1));
      case GROUPMERGER -> Term.dict(b.arg(0), Term.vec(b.arg(1)));
      case SCALAR, SIMD, VEC, DICT, STRUCT, FUNCTION -> throw new IllegalStateException("not a builder: " + b);
    };
  }

  Node newBuilder(Expr e, NewBuilder k) {
    // The builder type is the node's declared type (possibly with ? parts, possibly known only from context).
    Term t = Term.var();
    inf.declared(e, t);
    if (k.arg().isEmpty()) {
      return new Node(e, t, List.of(), List.of());
    }
    Expr argExpr = k.arg().get();
    Node arg = inf.gen(argExpr);
    solver.defer(new Solver.Deferred(e.span()) {
      @Override
      boolean tryResolve() {
        Head h = t.head();
        if (h == null) {
          return false;
        }
        if (h.tag() == Tag.APPENDER || h.tag() == Tag.DICTMERGER || h.tag() == Tag.GROUPMERGER) {
          solver.expect(arg.type(), Term.I64, argExpr.span(), "the size hint of " + t);
        } else if (h.tag() == Tag.MERGER) {
          solver.expect(arg.type(), t.arg(0), argExpr.span(), "the initial value of " + t);
        } else if (h.tag() == Tag.VECMERGER) {
          solver.expect(arg.type(), Term.vec(t.arg(0)), argExpr.span(), "the initial vector of " + t);
        } else {
          throw Solver.mismatch(span, "a new builder needs a builder type, got " + t);
        }
        return true;
      }
    });
    return new Node(e, t, List.of(arg), List.of());
  }

  Node merge(Expr e, Merge k) {
    Node b = inf.gen(k.builder());
    Node v = inf.gen(k.value());
    Term builder = b.type();
    Term value = v.type();
    solver.defer(new Solver.Deferred(e.span()) {
      @Override
      boolean tryResolve() {
        Head h = builder.head();
        if (h == null) {
          return false;
        }
        requireBuilder(builder, k.builder(), "merge");
        Term m = mergeType(builder);
        if (h.tag() == Tag.APPENDER || h.tag() == Tag.MERGER) {
          // These also take simd[T]: wait until the value's shape says which.
          Head vh = value.head();
          if (vh == null) {
            return false;
          }
          if (vh.tag() == Tag.SIMD) {
            solver.unify(m, Term.scalar(vh.scalar()), k.value().span(), (a, x) -> "merge into " + builder
                + " needs " + a + " or simd[" + a + "], got " + value);
            return true;
          }
        }
        solver.unify(value, m, k.value().span(), (a, x) -> "merge into " + builder + " needs " + x + ", got " + a);
        return true;
      }

      @Override
      boolean fallback() {
        Tag tag = builder.tag();
        if ((tag == Tag.APPENDER || tag == Tag.MERGER) && value.isVar()) {
          // Only progress if it binds something: two unknowns already equal would otherwise loop forever.
          Term m = mergeType(builder);
          return value.find() != m.find() && Term.unify(value, m);
        }
        return false;
      }
    });
    return inf.node(e, builder, List.of(b, v));
  }

  Node result(Expr e, Result k) {
    Node b = inf.gen(k.builder());
    Term builder = b.type();
    Term result = Term.var();
    solver.defer(new Solver.Deferred(e.span()) {
      @Override
      boolean tryResolve() {
        if (builder.isVar()) {
          return false;
        }
        requireBuilder(builder, k.builder(), "result");
        solver.unify(result, resultType(builder), span, (a, x) -> "result of " + builder + " gives " + x + ", but "
            + a + " is expected");
        return true;
      }
    });
    return inf.node(e, result, List.of(b));
  }

  private static void requireBuilder(Term t, Expr at, String op) {
    Head h = t.head();
    if (h.tag() == Tag.STRUCT) {
      throw Solver.mismatch(at.span(), op + " on a struct of builders " + t + " is not allowed: apply it to each"
          + " field, as in " + op + "(bs.$0, ...)");
    }
    if (!h.isBuilder()) {
      throw Solver.mismatch(at.span(), op + " needs a builder, got " + t);
    }
  }

  Node forLoop(Expr e, For k) {
    if (k.iters().isEmpty()) {
      throw Solver.error(CompileErrorKind.ARITY, e.span(), "for needs at least one iterator");
    }
    List<Node> children = new ArrayList<>();
    List<Term> elems = new ArrayList<>();
    for (Iter it : k.iters()) {
      elems.add(iter(e, it, children));
    }
    Term elem = elems.size() == 1 ? elems.get(0) : Term.struct(elems);
    Node b = inf.gen(k.builder());
    children.add(b);
    Term builder = b.type();
    solver.defer(new Solver.Deferred(e.span()) {
      @Override
      boolean tryResolve() {
        Head h = builder.head();
        if (h == null) {
          return false;
        }
        if (!h.isBuilder() && h.tag() != Tag.STRUCT) {
          throw Solver.mismatch(k.builder().span(), "for needs a builder as its second argument, got " + builder);
        }
        return true;
      }
    });
    Lambda body = ValueRules.lambdaArg(k.body(), "for body", "|b, i, x| ...", 3,
        "3 parameters (builder, index, element)");
    Node fn = inf.genLambda(k.body(), body, List.of(builder, Term.I64, elem), "the for loop");
    solver.unify(fn.children().get(0).type(), builder, body.body().span(),
        (a, x) -> "for body must return its builder type " + x + ", got " + a);
    children.add(fn);
    return inf.node(e, builder, children);
  }

  /** Types one iterator, adding its nodes to {@code children}; returns the type of the elements it yields. */
  private Term iter(Expr loop, Iter it, List<Node> children) {
    if (it.kind() == IterKind.ND) {
      throw Solver.error(CompileErrorKind.UNSUPPORTED, loop.span(), "nditer is not supported");
    }
    Term elem = Term.var();
    if (it.data().isPresent()) {
      Expr data = it.data().get();
      Node d = inf.gen(data);
      solver.unify(d.type(), Term.vec(elem), data.span(), (a, x) -> it.kind().keyword() + " needs a vector, got "
          + a);
      children.add(d);
    }
    bound(it.start(), "start", it, children);
    bound(it.end(), "end", it, children);
    bound(it.stride(), "stride", it, children);
    return switch (it.kind()) {
      case SCALAR, FRINGE -> elem;
      case RANGE -> Term.I64;
      case SIMD -> simdOf(elem, it.data().get());
      case ND -> throw new IllegalStateException("nditer rejected above");
    };
  }

  private void bound(Optional<Expr> bound, String what, Iter it, List<Node> children) {
    if (bound.isPresent()) {
      Node n = inf.gen(bound.get());
      solver.expect(n.type(), Term.I64, bound.get().span(), "the " + what + " of " + it.kind().keyword());
      children.add(n);
    }
  }

  /** {@code simd[S]} for the element type S of a simditer's vector, once S is known to be a scalar. */
  private Term simdOf(Term elem, Expr data) {
    Term simd = Term.var();
    solver.defer(new Solver.Deferred(data.span()) {
      @Override
      boolean tryResolve() {
        Head h = elem.head();
        if (h == null) {
          // A declared element parameter simd[S] tells the vector's element type.
          Head s = simd.head();
          if (s == null || s.tag() != Tag.SIMD) {
            return false;
          }
          solver.unify(elem, Term.scalar(s.scalar()), span, (a, x) -> "simditer over vec[" + a + "] cannot yield "
              + simd);
          return true;
        }
        if (h.tag() != Tag.SCALAR) {
          throw Solver.mismatch(span, "simditer needs a vector of scalars, got vec[" + elem + "]");
        }
        solver.unify(simd, Term.simd(h.scalar()), span, (a, x) -> "simditer yields " + x + ", but " + a
            + " is expected");
        return true;
      }
    });
    return simd;
  }
}

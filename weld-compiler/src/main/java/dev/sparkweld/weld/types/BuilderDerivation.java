package dev.sparkweld.weld.types;

import dev.sparkweld.weld.ir.Apply;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.GetField;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.If;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Let;
import dev.sparkweld.weld.ir.MakeStruct;
import dev.sparkweld.weld.ir.Merge;
import dev.sparkweld.weld.ir.NewBuilder;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.types.BuilderLeaves.Leaf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which builder each builder in a value comes from: the rule that a {@code for} body returns a builder derived from
 * its builder parameter (through {@code merge}, nested {@code for}, {@code if}, {@code let}, application of a lambda,
 * or field by field). A derivation lists, per builder of the value (see {@link BuilderLeaves}), the variable builder
 * it was obtained from, or null for a builder made afresh (or of unknown origin).
 */
final class BuilderDerivation {
  private final Limits limits;
  /** Let-bound builders (their derivations) and let-bound lambdas (for applications), by symbol. */
  private final Map<Symbol, List<Leaf>> builders = new HashMap<>();
  private final Map<Symbol, Lambda> lambdas = new HashMap<>();

  /** Lambdas let-bound outside the loop being checked. */
  private final Function<Symbol, Lambda> outerLambdas;

  BuilderDerivation(Limits limits, Function<Symbol, Lambda> outerLambdas) {
    this.limits = limits;
    this.outerLambdas = outerLambdas;
  }

  /** Requires {@code body} (of a for body lambda whose builder parameter is {@code b: type}) to return b's builders. */
  void checkForBody(Symbol b, Type type, Expr body) {
    check(body, BuilderLeaves.of(b, type), b);
  }

  /**
   * Descends through the forms that pass a builder on, to blame the innermost expression that breaks the chain (the
   * new builder in one branch of an if, say) rather than the whole body.
   */
  private void check(Expr e, List<Leaf> expected, Symbol b) {
    limits.enter(e.span());
    try {
      if (e.kind() instanceof If k) {
        check(k.onTrue(), expected, b);
        check(k.onFalse(), expected, b);
      } else if (e.kind() instanceof Let k) {
        inLet(k, () -> {
          check(k.body(), expected, b);
          return null;
        });
      } else if (e.kind() instanceof Merge k) {
        check(k.builder(), expected, b);
      } else if (e.kind() instanceof For k) {
        check(k.builder(), expected, b);
      } else if (e.kind() instanceof MakeStruct k && k.elems().size() == fieldCount(e.type())) {
        for (int i = 0; i < k.elems().size(); i++) {
          int[] r = BuilderLeaves.fieldRange(e.type(), i);
          check(k.elems().get(i), sub(expected, r), b);
        }
      } else if (!derive(e).equals(expected)) {
        String what = e.kind() instanceof NewBuilder ? "a new builder" : "a builder not obtained from " + b;
        throw LinearityChecker.error(e.span(), "a for body must return a builder derived from its builder parameter "
            + b + " (through merge, for, if, let or field by field), but this is " + what);
      }
    } finally {
      limits.exit();
    }
  }

  private static int fieldCount(Type t) {
    return t instanceof StructType s ? s.fields().size() : -1;
  }

  private static List<Leaf> sub(List<Leaf> all, int[] range) {
    return range[1] <= all.size() ? all.subList(range[0], range[1]) : List.of();
  }

  /** Runs {@code inBody} with the let's name bound (a builder to its derivation, or a lambda), then unbinds it. */
  private <T> T inLet(Let k, Supplier<T> inBody) {
    List<Leaf> oldBuilder = builders.remove(k.name());
    Lambda oldLambda = lambdas.remove(k.name());
    if (k.value().type().isBuilder()) {
      builders.put(k.name(), derive(k.value()));
    } else if (k.value().kind() instanceof Lambda l) {
      lambdas.put(k.name(), l);
    }
    try {
      return inBody.get();
    } finally {
      builders.remove(k.name());
      lambdas.remove(k.name());
      if (oldBuilder != null) {
        builders.put(k.name(), oldBuilder);
      }
      if (oldLambda != null) {
        lambdas.put(k.name(), oldLambda);
      }
    }
  }

  /** The origin of each builder in the builder-typed value {@code e}. */
  List<Leaf> derive(Expr e) {
    limits.enter(e.span());
    try {
      return deriveInner(e);
    } finally {
      limits.exit();
    }
  }

  private List<Leaf> deriveInner(Expr e) {
    if (e.kind() instanceof Ident id) {
      List<Leaf> bound = builders.get(id.symbol());
      return bound != null ? bound : BuilderLeaves.of(id.symbol(), e.type());
    }
    if (e.kind() instanceof GetField k) {
      List<Leaf> whole = derive(k.value());
      return sub(whole, BuilderLeaves.fieldRange(k.value().type(), k.index()));
    }
    if (e.kind() instanceof Merge k) {
      return derive(k.builder());
    }
    if (e.kind() instanceof For k) {
      return derive(k.builder());
    }
    if (e.kind() instanceof If k) {
      List<Leaf> a = derive(k.onTrue());
      List<Leaf> c = derive(k.onFalse());
      List<Leaf> out = new ArrayList<>(a.size());
      for (int i = 0; i < a.size(); i++) {
        out.add(i < c.size() && Objects.equals(a.get(i), c.get(i)) ? a.get(i) : null);
      }
      return out;
    }
    if (e.kind() instanceof Let k) {
      return inLet(k, () -> derive(k.body()));
    }
    if (e.kind() instanceof MakeStruct k) {
      List<Leaf> out = new ArrayList<>();
      k.elems().forEach(x -> out.addAll(derive(x)));
      return out;
    }
    if (e.kind() instanceof Apply k) {
      return deriveApply(k, e);
    }
    return fresh(e.type());
  }

  /** An application passes on what its lambda's body derives from the parameters, with the arguments put in. */
  private List<Leaf> deriveApply(Apply k, Expr e) {
    Lambda l = k.func().kind() instanceof Lambda direct ? direct
        : k.func().kind() instanceof Ident id ? lambdas.getOrDefault(id.symbol(), outerLambdas.apply(id.symbol()))
        : null;
    if (l == null || l.params().size() != k.args().size()) {
      return fresh(e.type());
    }
    // Parameters are in scope for the body only (trees need not be uniquified), so restore what they shadow.
    Map<Symbol, List<Leaf>> shadowed = new HashMap<>();
    for (int i = 0; i < l.params().size(); i++) {
      Symbol param = l.params().get(i).name();
      shadowed.putIfAbsent(param, builders.get(param));
      List<Leaf> arg = k.args().get(i).type().isBuilder() ? derive(k.args().get(i)) : null;
      builders.put(param, arg == null ? fresh(k.args().get(i).type()) : arg);
    }
    List<Leaf> out = derive(l.body());
    shadowed.forEach((s, old) -> {
      if (old == null) {
        builders.remove(s);
      } else {
        builders.put(s, old);
      }
    });
    return out;
  }

  private static List<Leaf> fresh(Type t) {
    return new ArrayList<>(Collections.nCopies(BuilderLeaves.paths(t).size(), (Leaf) null));
  }
}

package dev.sparkweld.weld.codegen.llvm;

import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Symbol;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Lexical environment of codegen: an immutable linked list from symbols to SSA values or to let-bound lambdas (which
 * are inlined at each application, since functions are not values).
 */
final class Env {
  private final Symbol symbol;
  private final LLVMValueRef value;
  private final Lambda lambda;
  private final Env lambdaEnv;
  private final Env parent;

  static final Env EMPTY = new Env(null, null, null, null, null);

  private Env(Symbol symbol, LLVMValueRef value, Lambda lambda, Env lambdaEnv, Env parent) {
    this.symbol = symbol;
    this.value = value;
    this.lambda = lambda;
    this.lambdaEnv = lambdaEnv;
    this.parent = parent;
  }

  Env bind(Symbol s, LLVMValueRef v) {
    return new Env(s, v, null, null, this);
  }

  Env bindLambda(Symbol s, Lambda l, Env closure) {
    return new Env(s, null, l, closure, this);
  }

  private Env find(Symbol s) {
    for (Env e = this; e != EMPTY; e = e.parent) {
      if (e.symbol.equals(s)) {
        return e;
      }
    }
    throw new IllegalStateException("unbound symbol in codegen: " + s);
  }

  LLVMValueRef value(Symbol s) {
    Env e = find(s);
    if (e.value == null) {
      throw new IllegalStateException("function " + s + " used as a value");
    }
    return e.value;
  }

  /** The lambda bound to s, or null if s is bound to a value. */
  Lambda lambda(Symbol s) {
    return find(s).lambda;
  }

  Env lambdaEnv(Symbol s) {
    return find(s).lambdaEnv;
  }

  /** Every value bound in this chain and in the closures of its lambdas (outlined loops capture them). */
  List<LLVMValueRef> values() {
    List<LLVMValueRef> out = new ArrayList<>();
    walk(this, new IdentityHashMap<>(), out);
    return out;
  }

  private static void walk(Env e, Map<Env, Boolean> seen, List<LLVMValueRef> out) {
    for (; e != EMPTY && seen.put(e, Boolean.TRUE) == null; e = e.parent) {
      if (e.value != null) {
        out.add(e.value);
      } else {
        walk(e.lambdaEnv, seen, out);
      }
    }
  }

  /** The same bindings with every value replaced by {@code f(value)} (into another function's values). */
  Env mapValues(UnaryOperator<LLVMValueRef> f) {
    return remap(this, new IdentityHashMap<>(), f);
  }

  private static Env remap(Env e, Map<Env, Env> done, UnaryOperator<LLVMValueRef> f) {
    if (e == EMPTY) {
      return EMPTY;
    }
    Env known = done.get(e);
    if (known != null) {
      return known;
    }
    Env parent = remap(e.parent, done, f);
    Env copy = e.value != null ? new Env(e.symbol, f.apply(e.value), null, null, parent)
        : new Env(e.symbol, null, e.lambda, remap(e.lambdaEnv, done, f), parent);
    done.put(e, copy);
    return copy;
  }
}

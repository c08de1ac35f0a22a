package dev.sparkweld.weld.interp;

import dev.sparkweld.weld.ir.Symbol;

/**
 * An immutable chain of variable bindings. Persistence makes closures trivial and correct: a let-bound lambda keeps
 * the environment of its definition, whatever is bound (or shadowed) later.
 */
final class Env {
  static final Env EMPTY = new Env(null, null, null);

  private final Symbol name;
  private final Object value;
  private final Env next;

  private Env(Symbol name, Object value, Env next) {
    this.name = name;
    this.value = value;
    this.next = next;
  }

  Env bind(Symbol s, Object v) {
    return new Env(s, v, this);
  }

  Object lookup(Symbol s) {
    for (Env e = this; e != EMPTY; e = e.next) {
      if (e.name.equals(s)) {
        return e.value;
      }
    }
    throw Errors.internal("unbound variable " + s);
  }
}

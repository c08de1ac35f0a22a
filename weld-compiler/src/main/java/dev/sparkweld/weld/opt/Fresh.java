package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Let;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.Symbol;
import java.util.HashMap;
import java.util.Map;

/** Fresh symbols: for each name, ids above every id the program uses, so a new binder can capture nothing. */
final class Fresh {
  private final Map<String, Integer> nextId = new HashMap<>();

  static Fresh of(Expr program) {
    Fresh f = new Fresh();
    f.scan(program);
    return f;
  }

  private void scan(Expr e) {
    if (e.kind() instanceof Ident id) {
      see(id.symbol());
    } else if (e.kind() instanceof Let let) {
      see(let.name());
    } else if (e.kind() instanceof Lambda l) {
      for (Param p : l.params()) {
        see(p.name());
      }
    }
    for (Expr c : e.children()) {
      scan(c);
    }
  }

  private void see(Symbol s) {
    nextId.merge(s.name(), s.id() + 1, Math::max);
  }

  Symbol next(String base) {
    int id = Math.max(1, nextId.getOrDefault(base, 1));
    nextId.put(base, id + 1);
    return new Symbol(base, id);
  }
}

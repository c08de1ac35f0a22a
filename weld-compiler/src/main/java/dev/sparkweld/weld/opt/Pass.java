package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.ir.Expr;

/**
 * One optimizer pass: a named rewrite of the typed program (the entry lambda). A pass must keep the program typed,
 * linear and uniquely named, and must preserve its meaning exactly as docs/weld-ir.md defines it, errors included:
 * code that can raise a runtime error is neither dropped nor moved across other such code.
 *
 * <p>The pipeline applies a pass repeatedly until the program stops changing, so a pass may make one rewrite per
 * call or many.
 */
public interface Pass {
  /** The name used in {@code weld.optimization.passes}. */
  String name();

  /** The rewritten program, or {@code program} itself when nothing applies. */
  Expr apply(Expr program, PassContext cx);
}

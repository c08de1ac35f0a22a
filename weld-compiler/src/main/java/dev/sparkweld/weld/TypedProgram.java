package dev.sparkweld.weld;

import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.Type;
import java.util.List;
import java.util.Objects;

/**
 * A program after the front end: macros expanded, symbols uniquified, every expression typed, linearity checked. The
 * body is the entry lambda (a parameterless program is wrapped in a lambda with no parameters).
 */
public record TypedProgram(Expr body) {
  public TypedProgram {
    Objects.requireNonNull(body);
    if (!(body.kind() instanceof Lambda)) {
      throw new IllegalArgumentException("a typed program's body is its entry lambda");
    }
    if (body.type().isPartial()) {
      throw new IllegalArgumentException("untyped program: " + body.type());
    }
  }

  public Lambda lambda() {
    return (Lambda) body.kind();
  }

  public List<Param> params() {
    return lambda().params();
  }

  public Type resultType() {
    return lambda().body().type();
  }
}

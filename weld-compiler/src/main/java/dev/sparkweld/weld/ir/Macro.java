package dev.sparkweld.weld.ir;

import dev.sparkweld.weld.diag.Span;
import java.util.List;
import java.util.Objects;

/** {@code macro name(p1, p2) = (body);}: a hygienic substitution rule expanded before type inference. */
public record Macro(String name, List<String> params, Expr body, Span span) {
  public Macro {
    Objects.requireNonNull(name);
    params = List.copyOf(params);
    Objects.requireNonNull(body);
    Objects.requireNonNull(span);
  }
}

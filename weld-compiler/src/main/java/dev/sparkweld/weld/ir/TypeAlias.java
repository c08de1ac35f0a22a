package dev.sparkweld.weld.ir;

import dev.sparkweld.weld.diag.Span;
import java.util.Objects;

/** {@code type name = T;}. Aliases are substituted by the parser; they never reach the typed IR. */
public record TypeAlias(String name, Type type, Span span) {
  public TypeAlias {
    Objects.requireNonNull(name);
    Objects.requireNonNull(type);
    Objects.requireNonNull(span);
  }
}

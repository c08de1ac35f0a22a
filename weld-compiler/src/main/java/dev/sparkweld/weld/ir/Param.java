package dev.sparkweld.weld.ir;

import dev.sparkweld.weld.diag.Span;
import java.util.Objects;

/** A lambda parameter; {@code type} is {@link UnknownType} when not declared and not yet inferred. */
public record Param(Symbol name, Type type, Span span) {
  public Param {
    Objects.requireNonNull(name);
    Objects.requireNonNull(type);
    Objects.requireNonNull(span);
  }

  public Param(Symbol name, Type type) {
    this(name, type, Span.NONE);
  }

  public Param withType(Type t) {
    return new Param(name, t, span);
  }
}

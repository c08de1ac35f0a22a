package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** A parsed source file: type aliases, then macros, then the body expression (normally a lambda). */
public record Program(List<TypeAlias> aliases, List<Macro> macros, Expr body) {
  public Program {
    aliases = List.copyOf(aliases);
    macros = List.copyOf(macros);
    Objects.requireNonNull(body);
  }
}

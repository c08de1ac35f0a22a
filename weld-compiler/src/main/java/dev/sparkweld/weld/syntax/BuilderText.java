package dev.sparkweld.weld.syntax;

import dev.sparkweld.weld.ir.AppenderType;
import dev.sparkweld.weld.ir.BuilderType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.UnknownType;

/** The keyword form of a new builder, written from its type. */
final class BuilderText {
  private BuilderText() {}

  /**
   * {@code appender} when the element type is unknown (the source form of Weld's elided appender), else the builder
   * type's own syntax. A non-builder type gets {@code appender}, and the writer adds the ascription that overrides it.
   */
  static String of(Type type) {
    if (type instanceof AppenderType a && a.elem() instanceof UnknownType) {
      return "appender";
    }
    if (type instanceof BuilderType) {
      return TypePrinter.print(type);
    }
    return "appender";
  }
}

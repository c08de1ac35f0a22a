package dev.sparkweld.weld;

import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Program;
import dev.sparkweld.weld.syntax.MacroExpander;
import dev.sparkweld.weld.syntax.Parser;
import dev.sparkweld.weld.types.TypeChecker;

/**
 * Source text to typed IR, in the order Weld's own front end runs: parse (type aliases, macros, body), expand macros
 * (built-in and user), then uniquify, infer types and check builder linearity. Every failure is a
 * {@link WeldCompileException} carrying the line:column of the offending text.
 */
public final class WeldFrontEnd {
  private WeldFrontEnd() {}

  public static TypedProgram compile(String source) {
    Program parsed = Parser.parseProgram(source);
    Expr expanded = MacroExpander.expand(parsed);
    return TypeChecker.check(expanded);
  }
}

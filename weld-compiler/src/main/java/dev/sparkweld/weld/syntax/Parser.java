package dev.sparkweld.weld.syntax;

import dev.sparkweld.weld.diag.CompileErrorKind;
import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Macro;
import dev.sparkweld.weld.ir.Program;
import dev.sparkweld.weld.ir.Type;
import java.util.List;
import java.util.function.Function;

/**
 * The Weld front end's parser (spec sections 1-4). Every failure, for any input, is a {@link WeldCompileException}
 * of kind LEX or PARSE (UNSUPPORTED for {@code nditer}) with the line:column of the offending text.
 *
 * <p>The parser leaves every expression type {@code ?} except where the source states one: an ascription {@code e: T},
 * {@code let x: T = e} (on {@code e}), a lambda parameter's declared type, and the (possibly partial) builder type of
 * {@code appender}, {@code merger[T,op]} and the other builder expressions. {@link Printer} writes exactly these back.
 */
public final class Parser {
  private Parser() {}

  /** Parses type aliases, then macros, then the body expression. */
  public static Program parseProgram(String source) {
    return run(source, ExprParser::program);
  }

  /** Parses one expression (no aliases or macros). */
  public static Expr parseExpr(String source) {
    return run(source, p -> p.complete(p.expr()));
  }

  /** Parses one type (no aliases are defined, so any type name is an error). */
  public static Type parseType(String source) {
    return run(source, p -> p.complete(p.types().type()));
  }

  /** Parses a sequence of macro definitions and nothing else (the built-in macros are written this way). */
  public static List<Macro> parseMacros(String source) {
    return run(source, p -> p.complete(p.macros()));
  }

  private static <T> T run(String source, Function<ExprParser, T> what) {
    return DeepStack.call(() -> attempt(source, what, false), () -> attempt(source, what, true));
  }

  private static <T> T attempt(String source, Function<ExprParser, T> what, boolean last) {
    ExprParser p = new ExprParser(new TokenStream(source));
    try {
      return what.apply(p);
    } catch (StackOverflowError e) {
      if (!last) {
        throw e;
      }
      // Unreachable with the depth limit and DeepStack's stack size; kept so no input can escape as an Error.
      throw new WeldCompileException(CompileErrorKind.PARSE, p.stream().peek().span(),
          "input nested too deeply to parse, found " + p.stream().peek().describe());
    }
  }
}

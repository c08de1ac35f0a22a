package dev.sparkweld.weld.syntax;

import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Macro;
import dev.sparkweld.weld.ir.Program;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.TypeAlias;

/**
 * Writes the IR back as Weld source. {@code Parser.parseExpr(Printer.print(e)).equals(e)} holds for every
 * expression (spans aside, which compare equal anyway) under these preconditions, which everything the parser and the
 * literal factories produce meets: symbol names are identifiers that are not keywords and do not themselves end in
 * {@code __N}; literals are normalized (as {@code Literal}'s factories make them) and NaNs are the canonical NaN;
 * strings contain no unpaired surrogates; no iterator is an {@code nditer}.
 *
 * <p>Normal form: types are written as ascriptions {@code e: T} exactly where the parser records them (every known
 * type except a builder's own type); a let value's type is written on the let ({@code let x: T = v}); a negated
 * literal keeps parentheses ({@code -(5)}) because {@code -5} is the literal -5; parentheses appear only where
 * precedence needs them.
 */
public final class Printer {
  private Printer() {}

  /** One line; round-trips exactly. */
  public static String print(Expr e) {
    return write(e, ExprWriter.Mode.EXACT, false);
  }

  private static String write(Expr e, ExprWriter.Mode mode, boolean pretty) {
    return DeepStack.call(() -> {
      ExprWriter w = new ExprWriter(mode, pretty);
      w.write(e, Precedence.EXPR);
      return w.toString();
    });
  }

  /** Like {@link #print(Expr)}, with line breaks and indentation at let chains; round-trips exactly. */
  public static String printPretty(Expr e) {
    return write(e, ExprWriter.Mode.EXACT, true);
  }

  /**
   * A readable typed form: the types of let-bound values and lambda parameters, builder types and the types of empty
   * vectors, but no other ascriptions. Parsing it and inferring types again gives the same types.
   */
  public static String printTyped(Expr e) {
    return write(e, ExprWriter.Mode.TYPED, true);
  }

  /** Type aliases, macros and the body, one definition per line; round-trips exactly. */
  public static String print(Program p) {
    return DeepStack.call(() -> printProgram(p));
  }

  private static String printProgram(Program p) {
    ExprWriter w = new ExprWriter(ExprWriter.Mode.EXACT, true);
    for (TypeAlias a : p.aliases()) {
      w.text("type " + a.name() + " = " + printType(a.type()) + ";");
      w.newline();
    }
    for (Macro m : p.macros()) {
      w.text("macro " + m.name() + "(" + String.join(", ", m.params()) + ") = ");
      w.write(m.body(), Precedence.EXPR);
      w.text(";");
      w.newline();
    }
    w.write(p.body(), Precedence.EXPR);
    return w.toString();
  }

  public static String printType(Type t) {
    return TypePrinter.print(t);
  }
}

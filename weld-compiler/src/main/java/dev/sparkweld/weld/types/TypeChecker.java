package dev.sparkweld.weld.types;

import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.ir.Annotations;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Type;
import java.util.List;

/** The front end after macro expansion: uniquify, infer types, check builder linearity. */
public final class TypeChecker {
  private TypeChecker() {}

  /**
   * Checks a macro-expanded program body. A body that is not a lambda is a program without parameters and is wrapped
   * in a zero-parameter lambda. Throws {@link WeldCompileException} on any error.
   */
  public static TypedProgram check(Expr expandedBody) {
    Expr entry = expandedBody.kind() instanceof Lambda ? expandedBody
        : new Expr(new Lambda(List.of(), expandedBody), Type.UNKNOWN, Annotations.NONE, expandedBody.span());
    Expr unique = Uniquifier.uniquify(entry);
    Expr typed = TypeInference.infer(unique);
    LinearityChecker.check(typed);
    return new TypedProgram(typed);
  }
}

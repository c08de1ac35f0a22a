package dev.sparkweld.weld.types;

import dev.sparkweld.weld.diag.CompileErrorKind;
import dev.sparkweld.weld.diag.Span;
import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.ir.Type;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Nesting limits that keep the recursive walks of this package within a default thread stack, so that an absurdly
 * deep tree is a compile error rather than a {@link StackOverflowError}.
 */
final class Limits {
  /** Deepest expression nesting accepted (a chain of 1000 lets is far beyond generated SQL plans). */
  static final int MAX_DEPTH = 1000;
  /** Deepest declared type accepted. */
  static final int MAX_TYPE_DEPTH = 200;

  private int depth;

  void enter(Span span) {
    if (depth >= MAX_DEPTH) {
      throw tooDeep(span);
    }
    depth++;
  }

  void exit() {
    depth--;
  }

  static WeldCompileException tooDeep(Span span) {
    return new WeldCompileException(CompileErrorKind.UNSUPPORTED, span,
        "expression nested deeper than " + MAX_DEPTH + " levels");
  }

  /** Rejects declared types nested deeper than {@link #MAX_TYPE_DEPTH}, without recursing. */
  void checkType(Type type, Span span) {
    Deque<Type> todo = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    todo.push(type);
    depths.push(1);
    while (!todo.isEmpty()) {
      Type t = todo.pop();
      int d = depths.pop();
      if (d > MAX_TYPE_DEPTH) {
        throw new WeldCompileException(CompileErrorKind.UNSUPPORTED, span,
            "type nested deeper than " + MAX_TYPE_DEPTH + " levels");
      }
      for (Type c : t.children()) {
        todo.push(c);
        depths.push(d + 1);
      }
    }
  }
}

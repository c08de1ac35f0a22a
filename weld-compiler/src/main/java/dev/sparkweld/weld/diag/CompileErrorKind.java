package dev.sparkweld.weld.diag;

/** The classes of compile-time errors. Each is reported with the position of the offending text. */
public enum CompileErrorKind {
  /** A character sequence that is no token (bad literal, stray character, unterminated string). */
  LEX,
  /** A token where the grammar expects something else (unbalanced parentheses, missing comma, ...). */
  PARSE,
  /** Macro errors: unknown macro, wrong number of macro arguments, recursive expansion. */
  MACRO,
  /** An identifier with no binding in scope. */
  UNDEFINED_SYMBOL,
  /** Two types that must agree do not (e.g. {@code i64 + i32}), or an operator applied to a type it does not accept. */
  TYPE_MISMATCH,
  /** A type that inference could not determine. */
  UNKNOWN_TYPE,
  /** A lambda with the wrong number of parameters for its position (e.g. a {@code for} body that is not 3-ary). */
  ARITY,
  /** A builder used more than once, or a {@code for} body that does not return a builder derived from its argument. */
  LINEARITY,
  /** Backend limitations found at compile time (unknown cudf symbol, unsupported construct on a backend). */
  UNSUPPORTED
}

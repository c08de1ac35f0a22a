package dev.sparkweld.weld.diag;

import java.util.Objects;

/**
 * A compile-time error with its kind and source position. The message reads {@code line:column: kind: detail}.
 */
public final class WeldCompileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final CompileErrorKind kind;
  private final Span span;
  private final String detail;

  public WeldCompileException(CompileErrorKind kind, Span span, String detail) {
    super(span + ": " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " error: " + detail);
    this.kind = Objects.requireNonNull(kind);
    this.span = Objects.requireNonNull(span);
    this.detail = Objects.requireNonNull(detail);
  }

  public static WeldCompileException at(CompileErrorKind kind, Span span, String format, Object... args) {
    return new WeldCompileException(kind, span, args.length == 0 ? format : String.format(format, args));
  }

  public CompileErrorKind kind() {
    return kind;
  }

  public Span span() {
    return span;
  }

  /** The message without the position and kind prefix. */
  public String detail() {
    return detail;
  }
}

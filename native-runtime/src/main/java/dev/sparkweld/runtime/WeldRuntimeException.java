package dev.sparkweld.runtime;

import java.util.Objects;

/** A runtime error of a Weld program, from the interpreter or from JIT-compiled code, with its {@link ErrorKind}. */
public class WeldRuntimeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;

  public WeldRuntimeException(ErrorKind kind, String message) {
    super(kind + ": " + message);
    this.kind = Objects.requireNonNull(kind);
  }

  public ErrorKind kind() {
    return kind;
  }
}

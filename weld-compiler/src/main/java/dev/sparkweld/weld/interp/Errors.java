package dev.sparkweld.weld.interp;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.runtime.WeldRuntimeException;

/** Factories for the runtime errors the interpreter raises (one place, so messages stay uniform). */
final class Errors {
  private Errors() {}

  static WeldRuntimeException of(ErrorKind kind, String detail) {
    return new WeldRuntimeException(kind, detail);
  }

  static WeldRuntimeException overflow(String what, Object kind) {
    return of(ErrorKind.INTEGER_OVERFLOW, what + " overflows " + kind);
  }

  static WeldRuntimeException divideByZero(Object kind) {
    return of(ErrorKind.DIVIDE_BY_ZERO, kind + " division by zero");
  }

  /** A state a well-typed program cannot reach: a front-end or interpreter bug. */
  static WeldRuntimeException internal(String detail) {
    return of(ErrorKind.INTERNAL, detail);
  }
}

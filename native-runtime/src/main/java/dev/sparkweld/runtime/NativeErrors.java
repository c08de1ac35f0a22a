package dev.sparkweld.runtime;

import dev.sparkweld.runtime.memory.ContextLayout;

/**
 * Turns what native code reports (a returned ErrorKind code and the context's error slot) into a
 * {@link WeldRuntimeException} with a readable message. The meaning of the two detail words per kind is ABI
 * (docs/abi.md, "Errors").
 */
public final class NativeErrors {
  private NativeErrors() {}

  /**
   * The exception for a failed run: {@code slotCode} (first error recorded in the context, 0 if none) wins over
   * {@code returned} (what the kernel returned), because with several workers the first error is the cause.
   */
  public static WeldRuntimeException toException(long returned, int slotCode, long detail0, long detail1,
      long memoryLimit) {
    boolean fromSlot = slotCode != 0;
    long code = fromSlot ? slotCode : returned;
    ErrorKind kind = ErrorKind.fromCode((int) code);
    if (kind == ErrorKind.INTERNAL && code != ErrorKind.INTERNAL.code()) {
      return new WeldRuntimeException(kind, "native code returned unknown error code " + code);
    }
    if (!fromSlot || detail1 == ContextLayout.NO_DETAIL) {
      return new WeldRuntimeException(kind, describe(kind));
    }
    return new WeldRuntimeException(kind, message(kind, detail0, detail1, memoryLimit));
  }

  private static String message(ErrorKind kind, long d0, long d1, long memoryLimit) {
    switch (kind) {
      case OUT_OF_BOUNDS:
        return "index " + d0 + " out of bounds for length " + d1;
      case MEMORY_LIMIT:
        if (d1 == ContextLayout.MEMORY_GRANT_REFUSED) {
          return "the embedding refused memory for an allocation of " + d0 + " bytes";
        }
        if (d1 == ContextLayout.MEMORY_MALLOC_FAILED) {
          return "the system could not allocate " + d0 + " bytes";
        }
        return "an allocation of " + d0 + " bytes exceeds the run's memory limit of " + memoryLimit + " bytes";
      case INTERNAL:
        return d0 != 0 ? "free or realloc of 0x" + Long.toHexString(d0) + ", not a live runtime block (a bug)"
            : describe(kind);
      default:
        return describe(kind) + (d0 != 0 || d1 != 0 ? " (" + d0 + ", " + d1 + ")" : "");
    }
  }

  private static String describe(ErrorKind kind) {
    switch (kind) {
      case OUT_OF_BOUNDS: return "index out of bounds";
      case KEY_NOT_FOUND: return "key not found in dictionary";
      case BAD_ITERATOR: return "iterator bounds do not fit the data";
      case MEMORY_LIMIT: return "memory limit exceeded";
      case ASSERTION_FAILED: return "assertion failed";
      case INTEGER_OVERFLOW: return "integer overflow";
      case DIVIDE_BY_ZERO: return "division by zero";
      case BAD_SERIALIZED_DATA: return "bad serialized data";
      case CANCELLED: return "the run was cancelled";
      case UDF_FAILED: return "native function failed";
      default: return "internal error in native code (a bug)";
    }
  }
}

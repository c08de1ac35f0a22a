package dev.sparkweld.runtime;

/**
 * The kinds of runtime errors. The numeric {@link #code()} is the ABI: JIT-compiled kernels return it and store it in
 * the run context (docs/abi.md); the reference interpreter raises the same kinds.
 */
public enum ErrorKind {
  /** Vector index or slice outside the vector. */
  OUT_OF_BOUNDS(1),
  /** {@code lookup} of a key the dictionary does not hold. */
  KEY_NOT_FOUND(2),
  /** Iterator bounds that do not fit the data: bad start/end/stride, zero stride, zipped lengths that differ. */
  BAD_ITERATOR(3),
  /** An allocation would exceed the run's memory limit, or the embedding refused the memory. */
  MEMORY_LIMIT(4),
  /** {@code assert(false)}. */
  ASSERTION_FAILED(5),
  /** Integer overflow in checked arithmetic (annotation {@code overflow:check} or conf {@code weld.overflow=check}). */
  INTEGER_OVERFLOW(6),
  /** Integer division or remainder by zero. */
  DIVIDE_BY_ZERO(7),
  /** Bytes given to {@code deserialize} that do not encode a value of the requested type. */
  BAD_SERIALIZED_DATA(8),
  /** The run was cancelled from outside (e.g. a Spark task kill). */
  CANCELLED(9),
  /** A native function called through {@code cudf} reported failure, or the symbol is missing. */
  UDF_FAILED(10),
  /** A broken invariant inside the engine: always a bug. */
  INTERNAL(11);

  private final int code;

  ErrorKind(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static ErrorKind fromCode(int code) {
    for (ErrorKind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    return INTERNAL;
  }
}

package dev.sparkweld.runtime.jit;

/** Where the compile time of one module went, in nanoseconds, and the size of the object code. */
public record CompileStats(long verifyNanos, long optimizeNanos, long codegenNanos, long linkNanos,
    long objectBytes) {
  public long totalNanos() {
    return verifyNanos + optimizeNanos + codegenNanos + linkNanos;
  }

  @Override
  public String toString() {
    return String.format("verify %.2f ms, optimize %.2f ms, codegen %.2f ms, link %.2f ms, %d bytes of object",
        verifyNanos / 1e6, optimizeNanos / 1e6, codegenNanos / 1e6, linkNanos / 1e6, objectBytes);
  }
}

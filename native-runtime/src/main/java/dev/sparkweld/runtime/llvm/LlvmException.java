package dev.sparkweld.runtime.llvm;

/**
 * LLVM refused something we asked of it: a module that does not verify, a pass pipeline it cannot parse, a failed
 * codegen or link, a symbol that is not defined. Always raised instead of letting LLVM abort the process.
 */
public class LlvmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LlvmException(String message) {
    super(message);
  }

  public LlvmException(String message, Throwable cause) {
    super(message, cause);
  }
}

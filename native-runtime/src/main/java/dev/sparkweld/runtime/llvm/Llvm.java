package dev.sparkweld.runtime.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.llvm.LLVM.LLVMErrorRef;

/**
 * Process-wide LLVM setup and the small conversions every LLVM caller needs: C strings LLVM hands back (which we must
 * dispose), {@code LLVMErrorRef}s (which we must consume) and the host description.
 */
public final class Llvm {
  private Llvm() {}

  /** Initialized once per JVM: the native target, its asm printer/parser, MCJIT, and process symbols. */
  private static final class Init {
    static final String TRIPLE;
    static final String CPU;
    static final String FEATURES;

    static {
      if (LLVMInitializeNativeTarget() != 0 || LLVMInitializeNativeAsmPrinter() != 0
          || LLVMInitializeNativeAsmParser() != 0) {
        throw new LlvmException("LLVM has no native target for this host");
      }
      LLVMLinkInMCJIT();
      // Makes symbols of every library already loaded in the process (libc, libm, libjvm) visible to
      // LLVMSearchForAddressOfSymbol and to the MCJIT resolver.
      LLVMLoadLibraryPermanently((BytePointer) null);
      TRIPLE = takeMessage(LLVMGetDefaultTargetTriple());
      CPU = takeMessage(LLVMGetHostCPUName());
      FEATURES = takeMessage(LLVMGetHostCPUFeatures());
      // x86's cmov-converter turns selects back into branches when it guesses them predictable; filters over data
      // are not, and the guess cost 5x on a 3-in-7 filter (examples bench: 44 ms -> 8 ms without it). Process-wide,
      // set once before any compilation. An option LLVM does not know makes it exit the process, so the default is
      // set only where the x86 backend is the host's; -Dsparkweld.llvm.options replaces it.
      String options = System.getProperty("sparkweld.llvm.options",
          TRIPLE.startsWith("x86_64") ? "-x86-cmov-converter=false" : "");
      if (!options.isBlank()) {
        String[] args = ("sparkweld " + options.strip()).split("\\s+");
        try (org.bytedeco.javacpp.PointerPointer<BytePointer> argv = new org.bytedeco.javacpp.PointerPointer<>(args)) {
          LLVMParseCommandLineOptions(args.length, argv, (BytePointer) null);
        }
      }
    }
  }

  /** Idempotent and thread-safe (class initialization). */
  public static void initialize() {
    hostTriple();
  }

  public static String hostTriple() {
    return Init.TRIPLE;
  }

  public static String hostCpu() {
    return Init.CPU;
  }

  public static String hostFeatures() {
    return Init.FEATURES;
  }

  /** Address of a symbol of the process (libc, libm, libjvm ...), or 0. */
  public static long processSymbol(String name) {
    initialize();
    return LLVMSearchForAddressOfSymbol(name).address();
  }

  /** Copies a C string LLVM allocated and disposes it; null-safe. */
  public static String takeMessage(BytePointer message) {
    if (message == null || message.isNull()) {
      return "";
    }
    try {
      return message.getString();
    } finally {
      LLVMDisposeMessage(message);
    }
  }

  /** Consumes {@code error}; throws {@link LlvmException} with {@code what} and LLVM's message if it is an error. */
  public static void check(LLVMErrorRef error, String what) {
    if (error == null || error.isNull()) {
      return;
    }
    BytePointer message = LLVMGetErrorMessage(error); // consumes the error
    try {
      throw new LlvmException(what + ": " + message.getString());
    } finally {
      LLVMDisposeErrorMessage(message);
    }
  }
}

package dev.sparkweld.runtime.bridge;

import static org.bytedeco.llvm.global.LLVM.LLVMLoadLibraryPermanently;

import dev.sparkweld.runtime.llvm.Llvm;
import java.io.File;

/** Finds {@code JNI_GetCreatedJavaVMs}, the one JVM symbol the bootstrap needs. */
final class JvmSymbols {
  private JvmSymbols() {}

  /**
   * Usually libjvm's symbols are global in the process (the java launcher loads it that way). A host that embeds the
   * JVM may load it privately; then we open libjvm from java.home, which returns the already loaded copy.
   */
  static long getCreatedJavaVms() {
    long address = Llvm.processSymbol("JNI_GetCreatedJavaVMs");
    if (address != 0) {
      return address;
    }
    String lib = System.mapLibraryName("jvm");
    String home = System.getProperty("java.home");
    for (String dir : new String[] {"lib/server", "lib/client", "lib", "bin/server"}) {
      File f = new File(home, dir + "/" + lib);
      if (f.isFile() && LLVMLoadLibraryPermanently(f.getPath()) == 0) {
        address = Llvm.processSymbol("JNI_GetCreatedJavaVMs");
        if (address != 0) {
          return address;
        }
      }
    }
    throw new IllegalStateException("JNI_GetCreatedJavaVMs not found in the process nor in " + lib + " under "
        + home);
  }
}

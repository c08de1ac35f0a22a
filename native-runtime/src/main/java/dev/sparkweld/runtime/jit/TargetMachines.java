package dev.sparkweld.runtime.jit;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.llvm.Llvm;
import dev.sparkweld.runtime.llvm.LlvmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.llvm.LLVM.LLVMTargetMachineRef;
import org.bytedeco.llvm.LLVM.LLVMTargetRef;

/**
 * Host target machines, pooled per codegen level. A target machine is not safe for concurrent use, and creating one
 * costs about as much as compiling a tiny kernel, so each compiling thread borrows one and gives it back. The pool grows
 * to the peak number of concurrent compilations and is disposed with the engine; a machine still borrowed then is
 * disposed when it comes back.
 *
 * <p>PIC with the small code model is what ORC's JITLink expects on x86-64 and aarch64 ELF: JITLink allocates each
 * object's sections in one block and builds GOT/PLT entries for far symbols (libc, runtime helpers).
 */
final class TargetMachines implements AutoCloseable {
  private final List<ArrayDeque<LLVMTargetMachineRef>> free = new ArrayList<>();
  private boolean closed;

  TargetMachines() {
    for (int i = 0; i < OptLevel.values().length; i++) {
      free.add(new ArrayDeque<>());
    }
  }

  LLVMTargetMachineRef borrow(OptLevel level) {
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("JIT engine is closed");
      }
      LLVMTargetMachineRef tm = free.get(level.ordinal()).poll();
      if (tm != null) {
        return tm;
      }
    }
    return createHost(level.codegenLevel());
  }

  /** Returns {@code tm} to the pool, or disposes it if the pool was closed while it was out. */
  void giveBack(OptLevel level, LLVMTargetMachineRef tm) {
    synchronized (this) {
      if (!closed) {
        free.get(level.ordinal()).push(tm);
        return;
      }
    }
    LLVMDisposeTargetMachine(tm);
  }

  /** A target machine for this host's CPU and features, PIC, small code model. The caller disposes it. */
  static LLVMTargetMachineRef createHost(int codegenLevel) {
    Llvm.initialize();
    LLVMTargetRef target = new LLVMTargetRef();
    BytePointer error = new BytePointer();
    if (LLVMGetTargetFromTriple(new BytePointer(Llvm.hostTriple()), target, error) != 0) {
      throw new LlvmException("no LLVM target for " + Llvm.hostTriple() + ": " + Llvm.takeMessage(error));
    }
    LLVMTargetMachineRef tm = LLVMCreateTargetMachine(target, Llvm.hostTriple(), Llvm.hostCpu(),
        Llvm.hostFeatures(), codegenLevel, LLVMRelocPIC, LLVMCodeModelSmall);
    if (tm == null || tm.isNull()) {
      throw new LlvmException("cannot create a target machine for " + Llvm.hostTriple() + " " + Llvm.hostCpu());
    }
    return tm;
  }

  /** Disposes the pooled target machines now, and borrowed ones when they come back. */
  @Override
  public synchronized void close() {
    closed = true;
    for (ArrayDeque<LLVMTargetMachineRef> q : free) {
      q.forEach(org.bytedeco.llvm.global.LLVM::LLVMDisposeTargetMachine);
      q.clear();
    }
  }
}

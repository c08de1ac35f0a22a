package dev.sparkweld.runtime.parallel;

import static dev.sparkweld.runtime.memory.ContextLayout.JAVA_VM;
import static dev.sparkweld.runtime.memory.ContextLayout.PARALLEL;
import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.bridge.JniTable;
import dev.sparkweld.runtime.llvm.IrModule;
import dev.sparkweld.runtime.memory.RuntimeSymbols;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Emits {@code i32 weld_rt_parallel_for(ptr ctx, ptr fn, ptr task, i64 participants)}: the one upcall of a parallel
 * loop, into {@link ParallelUpcall#run} on the calling thread's JNIEnv (GetEnv from the context's JavaVM). Returns 1
 * when the loop ran, 0 when it could not be started (no upcall object in the context, no method, or a Java
 * exception, which is cleared): the kernel then reports INTERNAL.
 */
public final class ParallelIr {
  private ParallelIr() {}

  public static void emit(IrModule m) {
    LLVMValueRef fn = m.define(RuntimeSymbols.PARALLEL_FOR, m.fnType(m.i32, m.ptr, m.ptr, m.ptr, m.i64));
    m.fnAttr(fn, "noinline");
    LLVMValueRef ctx = m.param(fn, 0);
    LLVMValueRef envSlot = m.local(m.ptr, m.nullPtr());
    LLVMValueRef jvalues = LLVMBuildArrayAlloca(m.builder(), m.i64, m.i64(4), "");
    m.store(LLVMBuildPtrToInt(m.builder(), m.param(fn, 1), m.i64, ""), jvalues);
    m.store(LLVMBuildPtrToInt(m.builder(), ctx, m.i64, ""), m.at(jvalues, 8));
    m.store(LLVMBuildPtrToInt(m.builder(), m.param(fn, 2), m.i64, ""), m.at(jvalues, 16));
    m.store(m.param(fn, 3), m.at(jvalues, 24));
    LLVMValueRef upcall = m.load(m.ptr, m.at(ctx, PARALLEL));
    LLVMBasicBlockRef hasUpcall = m.block(fn, "hasupcall");
    LLVMBasicBlockRef fail = m.block(fn, "fail");
    m.condBr(LLVMBuildIsNull(m.builder(), upcall, ""), fail, hasUpcall);
    m.atEnd(fail);
    m.ret(m.i32(0));

    m.atEnd(hasUpcall);
    LLVMValueRef vm = m.load(m.ptr, m.at(ctx, JAVA_VM));
    LLVMValueRef getEnv = m.load(m.ptr, m.at(m.load(m.ptr, vm), 8L * JniTable.VM_GET_ENV));
    LLVMValueRef rc = m.call(m.fnType(m.i32, m.ptr, m.ptr, m.i32), getEnv, vm, envSlot, m.i32(JniTable.JNI_VERSION));
    LLVMBasicBlockRef attached = m.block(fn, "attached");
    m.condBr(m.icmp(LLVMIntEQ, rc, m.i32(0)), attached, fail);

    m.atEnd(attached);
    LLVMValueRef env = m.load(m.ptr, envSlot);
    LLVMValueRef cls = m.jni(env, JniTable.GET_OBJECT_CLASS, m.fnType(m.ptr, m.ptr, m.ptr), upcall);
    LLVMValueRef mid = m.jni(env, JniTable.GET_METHOD_ID, m.fnType(m.ptr, m.ptr, m.ptr, m.ptr, m.ptr), cls,
        m.cString("run"), m.cString("(JJJJ)Z"));
    LLVMBasicBlockRef call = m.block(fn, "call");
    LLVMBasicBlockRef noMethod = m.block(fn, "nomethod");
    m.condBr(LLVMBuildIsNotNull(m.builder(), mid, ""), call, noMethod);
    m.atEnd(noMethod);
    m.jni(env, JniTable.EXCEPTION_CLEAR, m.fnType(m.voidType, m.ptr));
    m.jni(env, JniTable.DELETE_LOCAL_REF, m.fnType(m.voidType, m.ptr, m.ptr), cls);
    m.ret(m.i32(0));

    m.atEnd(call);
    LLVMValueRef ran = m.jni(env, JniTable.CALL_BOOLEAN_METHOD_A, m.fnType(m.i8, m.ptr, m.ptr, m.ptr, m.ptr),
        upcall, mid, jvalues);
    LLVMValueRef threw = m.jni(env, JniTable.EXCEPTION_CHECK, m.fnType(m.i8, m.ptr));
    LLVMBasicBlockRef clear = m.block(fn, "clear");
    LLVMBasicBlockRef after = m.block(fn, "after");
    m.condBr(m.icmp(LLVMIntNE, threw, m.i8(0)), clear, after);
    m.atEnd(clear);
    m.jni(env, JniTable.EXCEPTION_CLEAR, m.fnType(m.voidType, m.ptr));
    m.br(after);
    m.atEnd(after);
    // Kernels run inside one long native call: local references would pile up until it returns.
    m.jni(env, JniTable.DELETE_LOCAL_REF, m.fnType(m.voidType, m.ptr, m.ptr), cls);
    LLVMValueRef ok = LLVMBuildAnd(m.builder(), m.icmp(LLVMIntNE, ran, m.i8(0)), m.icmp(LLVMIntEQ, threw, m.i8(0)),
        "");
    m.ret(LLVMBuildZExt(m.builder(), ok, m.i32, ""));
  }
}

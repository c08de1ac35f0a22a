package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.abi.AbiLayout;
import dev.sparkweld.weld.ir.DictType;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * The kernel entry point (docs/abi.md, "Kernels"): {@code i64 weld_kernel(JNIEnv*, ctx*, args*)} where args points to
 * the struct {param0, ..., paramN-1, result} in ABI layout. It reads the parameters, indexes any dictionaries that
 * arrived from Java, evaluates the body, stores the result and returns 0, or returns an {@link ErrorKind} code.
 */
final class KernelCodegen {
  static final String ENTRY = "weld_kernel";

  private KernelCodegen() {}

  /** The struct type of the argument block: the parameters followed by the result. */
  static StructType argsType(TypedProgram p) {
    List<Type> fields = new ArrayList<>();
    for (Param param : p.params()) {
      fields.add(param.type());
    }
    fields.add(p.resultType());
    return new StructType(fields);
  }

  static void emit(CodegenModule cg, TypedProgram p) {
    Ir ir = cg.ir;
    cg.builderModes = BuilderModes.of(p.body(), cg.overflow);
    LLVMValueRef fn = LLVMAddFunction(cg.module, ENTRY, ir.fnType(ir.i64(), ir.ptr(), ir.ptr(), ir.ptr()));
    LLVMBasicBlockRef entry = LLVMAppendBasicBlockInContext(cg.context, fn, "entry");
    ir.at(entry);
    LLVMValueRef ctx = LLVMGetParam(fn, 1);
    LLVMValueRef args = LLVMGetParam(fn, 2);
    Emitter em = new Emitter(cg, ctx, ir.i32(0));
    StructType at = argsType(p);
    Env env = Env.EMPTY;
    for (int i = 0; i < p.params().size(); i++) {
      Param param = p.params().get(i);
      LLVMValueRef slot = ir.byteGep(args, ir.i64(AbiLayout.fieldOffset(at, i, cg.simdBits)));
      LLVMValueRef mem = ir.load(cg.types.mem(param.type()), slot);
      prepareInput(em, param.type(), mem);
      env = env.bind(param.name(), cg.types.fromMem(mem, param.type()));
    }
    LLVMValueRef result = em.emitIn(env, p.lambda().body());
    int r = p.params().size();
    ir.store(cg.types.toMem(result, p.resultType()), ir.byteGep(args, ir.i64(AbiLayout.fieldOffset(at, r, cg.simdBits))));
    LLVMBuildRet(ir.b, ir.i64(0));
  }

  static boolean containsDict(Type t) {
    if (t instanceof DictType) {
      return true;
    }
    for (Type c : t.children()) {
      if (containsDict(c)) {
        return true;
      }
    }
    return false;
  }

  /** Builds the hash index of every dictionary reachable from an input value (Java sends entries only). */
  private static void prepareInput(Emitter em, Type t, LLVMValueRef mem) {
    if (!containsDict(t)) {
      return;
    }
    Ir ir = em.ir;
    if (t instanceof DictType d) {
      // A table that already has its index (the result of an earlier run, kept alive by its context) is used as is
      // and never written: several kernels may read one such table at once (a join's build side shared by tasks).
      LLVMValueRef slots = ir.load(ir.ptr(), DictTable.field(ir, mem, DictTable.SLOTS));
      LLVMBasicBlockRef build = ir.block("prep.index");
      LLVMBasicBlockRef ready = ir.block("prep.indexed");
      ir.condBr(LLVMBuildIsNull(ir.b, slots, ""), build, ready);
      ir.at(build);
      LLVMValueRef ok = new DictTable(em.cg, d.key(), d.value()).index(em.ctx, em.worker, mem);
      em.failIf(LLVMBuildNot(ir.b, ok, ""), ErrorKind.MEMORY_LIMIT);
      Type entry = new StructType(List.of(d.key(), d.value()));
      if (containsDict(entry)) {
        forEach(em, entry, ir.load(ir.ptr(), DictTable.field(ir, mem, DictTable.ENTRIES)),
            ir.load(ir.i64(), DictTable.field(ir, mem, DictTable.COUNT)));
      }
      ir.br(ready);
      ir.at(ready);
      return;
    }
    if (t instanceof StructType s) {
      for (int i = 0; i < s.fields().size(); i++) {
        prepareInput(em, s.fields().get(i), ir.extract(mem, i));
      }
      return;
    }
    Type elem = ((VecType) t).elem();
    forEach(em, elem, ir.extract(mem, 0), ir.extract(mem, 1));
  }

  private static void forEach(Emitter em, Type elem, LLVMValueRef base, LLVMValueRef n) {
    Ir ir = em.ir;
    LLVMBasicBlockRef pre = ir.current();
    LLVMBasicBlockRef head = ir.block("prep.head");
    LLVMBasicBlockRef body = ir.block("prep.body");
    LLVMBasicBlockRef done = ir.block("prep.done");
    ir.br(head);
    ir.at(head);
    LLVMValueRef i = ir.phi(ir.i64(), "i");
    Ir.incoming(i, ir.i64(0), pre);
    ir.condBr(ir.icmp(LLVMIntSLT, i, n), body, done);
    ir.at(body);
    prepareInput(em, elem, ir.load(em.types.mem(elem), ir.gep(em.types.mem(elem), base, i)));
    Ir.incoming(i, ir.add(i, ir.i64(1)), ir.current());
    ir.br(head);
    ir.at(done);
  }
}

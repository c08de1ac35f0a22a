package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.weld.ir.Apply;
import dev.sparkweld.weld.ir.Assert;
import dev.sparkweld.weld.ir.BinOp;
import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.If;
import dev.sparkweld.weld.ir.Iterate;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Let;
import dev.sparkweld.weld.ir.Select;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Bindings and control flow: let, application of lambdas (inlined: functions are not values), short-circuit logic,
 * if (only the taken branch runs), select (both run), iterate (a sequential loop that checks for cancellation), assert.
 */
final class ControlCodegen {
  private final Emitter em;
  private final Ir ir;

  ControlCodegen(Emitter em) {
    this.em = em;
    this.ir = em.ir;
  }

  LLVMValueRef let(Let k) {
    if (k.value().kind() instanceof Lambda l) {
      return em.emitIn(em.env.bindLambda(k.name(), l, em.env), k.body());
    }
    LLVMValueRef v = em.emit(k.value());
    return em.emitIn(em.env.bind(k.name(), v), k.body());
  }

  LLVMValueRef apply(Apply k) {
    Lambda lambda;
    Env closure;
    if (k.func().kind() instanceof Lambda l) {
      lambda = l;
      closure = em.env;
    } else if (k.func().kind() instanceof Ident id && em.env.lambda(id.symbol()) != null) {
      lambda = em.env.lambda(id.symbol());
      closure = em.env.lambdaEnv(id.symbol());
    } else {
      throw new IllegalStateException("application of a non-lambda at " + k.func().span());
    }
    LLVMValueRef[] args = new LLVMValueRef[k.args().size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = em.emit(k.args().get(i));
    }
    return inline(lambda, closure, args);
  }

  /** Emits a lambda body with its parameters bound to values, in the lambda's defining environment. */
  LLVMValueRef inline(Lambda lambda, Env closure, LLVMValueRef... args) {
    Env scope = closure;
    for (int i = 0; i < args.length; i++) {
      scope = scope.bind(lambda.params().get(i).name(), args[i]);
    }
    return em.emitIn(scope, lambda.body());
  }

  LLVMValueRef logical(BinOp k) {
    LLVMValueRef left = em.emit(k.left());
    LLVMBasicBlockRef leftEnd = ir.current();
    LLVMBasicBlockRef rhs = ir.block("rhs");
    LLVMBasicBlockRef done = ir.block("logic.done");
    boolean and = k.op() == BinOpKind.LOGICAL_AND;
    if (and) {
      ir.condBr(left, rhs, done);
    } else {
      ir.condBr(left, done, rhs);
    }
    ir.at(rhs);
    LLVMValueRef right = em.emit(k.right());
    LLVMBasicBlockRef rightEnd = ir.current();
    ir.br(done);
    ir.at(done);
    LLVMValueRef phi = ir.phi(ir.i1(), "logic");
    Ir.incoming(phi, ir.bool(!and), leftEnd);
    Ir.incoming(phi, right, rightEnd);
    return phi;
  }

  LLVMValueRef ifExpr(Expr e, If k) {
    LLVMValueRef c = em.emit(k.cond());
    LLVMBasicBlockRef t = ir.block("then");
    LLVMBasicBlockRef f = ir.block("else");
    LLVMBasicBlockRef done = ir.block("endif");
    ir.condBr(c, t, f);
    ir.at(t);
    LLVMValueRef tv = em.emit(k.onTrue());
    LLVMBasicBlockRef tEnd = ir.current();
    ir.br(done);
    ir.at(f);
    LLVMValueRef fv = em.emit(k.onFalse());
    LLVMBasicBlockRef fEnd = ir.current();
    ir.br(done);
    ir.at(done);
    LLVMValueRef phi = ir.phi(em.types.val(e.type()), "if");
    Ir.incoming(phi, tv, tEnd);
    Ir.incoming(phi, fv, fEnd);
    return phi;
  }

  LLVMValueRef select(Select k) {
    LLVMValueRef c = em.emit(k.cond());
    LLVMValueRef t = em.emit(k.onTrue());
    LLVMValueRef f = em.emit(k.onFalse());
    return ir.select(c, t, f);
  }

  LLVMValueRef iterate(Expr e, Iterate k) {
    LLVMValueRef init = em.emit(k.initial());
    Lambda update = (Lambda) k.update().kind();
    Type stateType = e.type();
    LLVMBasicBlockRef entry = ir.current();
    LLVMBasicBlockRef loop = ir.block("iterate");
    LLVMBasicBlockRef done = ir.block("iterate.done");
    ir.br(loop);
    ir.at(loop);
    LLVMValueRef x = ir.phi(em.types.val(stateType), "state");
    Ir.incoming(x, init, entry);
    em.checkCancel();
    LLVMValueRef r = inline(update, em.env, x);
    StructType rt = (StructType) update.body().type();
    LLVMValueRef next = em.types.fromMem(ir.extract(r, 0), rt.fields().get(0));
    LLVMValueRef more = em.types.fromMem(ir.extract(r, 1), rt.fields().get(1));
    Ir.incoming(x, next, ir.current());
    ir.condBr(more, loop, done);
    ir.at(done);
    return next;
  }

  LLVMValueRef assertion(Assert k) {
    LLVMValueRef c = em.emit(k.cond());
    em.failIf(LLVMBuildNot(ir.b, c, ""), ErrorKind.ASSERTION_FAILED);
    return ir.bool(true);
  }
}

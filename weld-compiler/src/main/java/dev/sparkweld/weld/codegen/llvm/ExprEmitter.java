package dev.sparkweld.weld.codegen.llvm;

import dev.sparkweld.weld.ir.Apply;
import dev.sparkweld.weld.ir.Assert;
import dev.sparkweld.weld.ir.BinOp;
import dev.sparkweld.weld.ir.Broadcast;
import dev.sparkweld.weld.ir.Cast;
import dev.sparkweld.weld.ir.Cudf;
import dev.sparkweld.weld.ir.Deserialize;
import dev.sparkweld.weld.ir.DictType;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.ExprVisitor;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.GetField;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.If;
import dev.sparkweld.weld.ir.Iterate;
import dev.sparkweld.weld.ir.KeyExists;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Length;
import dev.sparkweld.weld.ir.Let;
import dev.sparkweld.weld.ir.Literal;
import dev.sparkweld.weld.ir.Lookup;
import dev.sparkweld.weld.ir.MakeStruct;
import dev.sparkweld.weld.ir.MakeVector;
import dev.sparkweld.weld.ir.Merge;
import dev.sparkweld.weld.ir.Negate;
import dev.sparkweld.weld.ir.NewBuilder;
import dev.sparkweld.weld.ir.Not;
import dev.sparkweld.weld.ir.OptLookup;
import dev.sparkweld.weld.ir.Result;
import dev.sparkweld.weld.ir.Select;
import dev.sparkweld.weld.ir.Serialize;
import dev.sparkweld.weld.ir.Slice;
import dev.sparkweld.weld.ir.Sort;
import dev.sparkweld.weld.ir.StringLiteral;
import dev.sparkweld.weld.ir.ToVec;
import dev.sparkweld.weld.ir.UnaryOp;
import dev.sparkweld.weld.ir.Zip;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/** Dispatches each expression kind to the codegen class of its capability. */
final class ExprEmitter implements ExprVisitor<LLVMValueRef> {
  private final Emitter em;
  private final NumericCodegen numeric;
  private final CompareCodegen compare;
  private final CastCodegen casts;
  private final CollectionCodegen collections;
  private final ControlCodegen control;
  private final ForLoopCodegen loops;
  private final BuilderCodegen builders;
  private final DictCodegen dicts;
  private final SortCodegen sorts;
  private final SerdeCodegen serde;
  private final CudfCodegen cudfs;

  ExprEmitter(Emitter em) {
    this.em = em;
    this.numeric = new NumericCodegen(em);
    this.compare = new CompareCodegen(em);
    this.casts = new CastCodegen(em);
    this.collections = new CollectionCodegen(em);
    this.control = new ControlCodegen(em);
    this.loops = new ForLoopCodegen(em);
    this.builders = new BuilderCodegen(em);
    this.dicts = new DictCodegen(em);
    this.sorts = new SortCodegen(em);
    this.serde = new SerdeCodegen(em);
    this.cudfs = new CudfCodegen(em);
  }

  @Override
  public LLVMValueRef visitLiteral(Expr e, Literal k) {
    return numeric.literal(k);
  }

  @Override
  public LLVMValueRef visitStringLiteral(Expr e, StringLiteral k) {
    return collections.stringLiteral(k);
  }

  @Override
  public LLVMValueRef visitIdent(Expr e, Ident k) {
    return em.env.value(k.symbol());
  }

  @Override
  public LLVMValueRef visitBinOp(Expr e, BinOp k) {
    if (k.op().isLogical()) {
      return control.logical(k);
    }
    if (k.op().isComparison()) {
      return compare.compare(k.op(), k.left().type(), em.emit(k.left()), em.emit(k.right()));
    }
    return numeric.binary(e, k.op(), k.left().type(), em.emit(k.left()), em.emit(k.right()));
  }

  @Override
  public LLVMValueRef visitUnaryOp(Expr e, UnaryOp k) {
    return numeric.unary(e, k.op(), k.value().type(), em.emit(k.value()));
  }

  @Override
  public LLVMValueRef visitNegate(Expr e, Negate k) {
    return numeric.negate(e, k.value().type(), em.emit(k.value()));
  }

  @Override
  public LLVMValueRef visitNot(Expr e, Not k) {
    return numeric.not(em.emit(k.value()));
  }

  @Override
  public LLVMValueRef visitCast(Expr e, Cast k) {
    return casts.cast(e, k.value().type(), k.target(), em.emit(k.value()));
  }

  @Override
  public LLVMValueRef visitBroadcast(Expr e, Broadcast k) {
    return numeric.broadcast(e.type(), em.emit(k.value()));
  }

  @Override
  public LLVMValueRef visitMakeStruct(Expr e, MakeStruct k) {
    return collections.makeStruct(e, k);
  }

  @Override
  public LLVMValueRef visitMakeVector(Expr e, MakeVector k) {
    return collections.makeVector(e, k);
  }

  @Override
  public LLVMValueRef visitZip(Expr e, Zip k) {
    return collections.zip(e, k);
  }

  @Override
  public LLVMValueRef visitGetField(Expr e, GetField k) {
    return collections.getField(e, k);
  }

  @Override
  public LLVMValueRef visitLength(Expr e, Length k) {
    return em.vecLen(em.emit(k.data()));
  }

  @Override
  public LLVMValueRef visitLookup(Expr e, Lookup k) {
    if (k.data().type() instanceof DictType d) {
      return dicts.lookup(d, em.emit(k.data()), em.emit(k.index()));
    }
    return collections.lookup(e, k);
  }

  @Override
  public LLVMValueRef visitOptLookup(Expr e, OptLookup k) {
    return dicts.optLookup((DictType) k.data().type(), em.emit(k.data()), em.emit(k.key()));
  }

  @Override
  public LLVMValueRef visitKeyExists(Expr e, KeyExists k) {
    return dicts.keyExists((DictType) k.data().type(), em.emit(k.data()), em.emit(k.key()));
  }

  @Override
  public LLVMValueRef visitSlice(Expr e, Slice k) {
    return collections.slice(k);
  }

  @Override
  public LLVMValueRef visitSort(Expr e, Sort k) {
    return sorts.sort(k);
  }

  @Override
  public LLVMValueRef visitToVec(Expr e, ToVec k) {
    return dicts.toVec(em.emit(k.dict()));
  }

  @Override
  public LLVMValueRef visitLet(Expr e, Let k) {
    return control.let(k);
  }

  @Override
  public LLVMValueRef visitLambda(Expr e, Lambda k) {
    throw new IllegalStateException("a lambda outside call position reached codegen at " + e.span());
  }

  @Override
  public LLVMValueRef visitApply(Expr e, Apply k) {
    return control.apply(k);
  }

  @Override
  public LLVMValueRef visitIf(Expr e, If k) {
    return control.ifExpr(e, k);
  }

  @Override
  public LLVMValueRef visitSelect(Expr e, Select k) {
    return control.select(k);
  }

  @Override
  public LLVMValueRef visitIterate(Expr e, Iterate k) {
    return control.iterate(e, k);
  }

  @Override
  public LLVMValueRef visitCudf(Expr e, Cudf k) {
    return cudfs.call(e, k);
  }

  @Override
  public LLVMValueRef visitSerialize(Expr e, Serialize k) {
    return serde.serialize(k.value().type(), em.emit(k.value()));
  }

  @Override
  public LLVMValueRef visitDeserialize(Expr e, Deserialize k) {
    return serde.deserialize(k.valueType(), em.emit(k.value()));
  }

  @Override
  public LLVMValueRef visitAssert(Expr e, Assert k) {
    return control.assertion(k);
  }

  @Override
  public LLVMValueRef visitNewBuilder(Expr e, NewBuilder k) {
    return builders.newBuilder(e, k);
  }

  @Override
  public LLVMValueRef visitMerge(Expr e, Merge k) {
    return builders.merge(e, k);
  }

  @Override
  public LLVMValueRef visitResult(Expr e, Result k) {
    return builders.result(k);
  }

  @Override
  public LLVMValueRef visitFor(Expr e, For k) {
    return loops.forLoop(e, k);
  }
}

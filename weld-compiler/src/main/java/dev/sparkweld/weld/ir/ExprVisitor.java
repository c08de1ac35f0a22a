package dev.sparkweld.weld.ir;

/** Exhaustive dispatch over {@link ExprKind}: one method per kind, no defaults. */
public interface ExprVisitor<R> {
  R visitLiteral(Expr e, Literal k);

  R visitStringLiteral(Expr e, StringLiteral k);

  R visitIdent(Expr e, Ident k);

  R visitBinOp(Expr e, BinOp k);

  R visitUnaryOp(Expr e, UnaryOp k);

  R visitNegate(Expr e, Negate k);

  R visitNot(Expr e, Not k);

  R visitCast(Expr e, Cast k);

  R visitBroadcast(Expr e, Broadcast k);

  R visitMakeStruct(Expr e, MakeStruct k);

  R visitMakeVector(Expr e, MakeVector k);

  R visitZip(Expr e, Zip k);

  R visitGetField(Expr e, GetField k);

  R visitLength(Expr e, Length k);

  R visitLookup(Expr e, Lookup k);

  R visitOptLookup(Expr e, OptLookup k);

  R visitKeyExists(Expr e, KeyExists k);

  R visitSlice(Expr e, Slice k);

  R visitSort(Expr e, Sort k);

  R visitToVec(Expr e, ToVec k);

  R visitLet(Expr e, Let k);

  R visitLambda(Expr e, Lambda k);

  R visitApply(Expr e, Apply k);

  R visitIf(Expr e, If k);

  R visitSelect(Expr e, Select k);

  R visitIterate(Expr e, Iterate k);

  R visitCudf(Expr e, Cudf k);

  R visitSerialize(Expr e, Serialize k);

  R visitDeserialize(Expr e, Deserialize k);

  R visitAssert(Expr e, Assert k);

  R visitNewBuilder(Expr e, NewBuilder k);

  R visitMerge(Expr e, Merge k);

  R visitResult(Expr e, Result k);

  R visitFor(Expr e, For k);
}

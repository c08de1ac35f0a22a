package dev.sparkweld.weld.ir;

import java.util.List;

/**
 * The kind of an {@link Expr}: one record per language construct. Kinds hold only structure; an {@link Expr} adds the
 * type, annotations and source span. {@link #children()} and {@link #withChildren(List)} give generic walkers a fixed
 * child order; {@link #accept} dispatches exhaustively.
 */
public sealed interface ExprKind permits Literal, StringLiteral, Ident, BinOp, UnaryOp, Negate, Not, Cast, Broadcast, MakeStruct, MakeVector, Zip, GetField, Length, Lookup, OptLookup, KeyExists, Slice, Sort, ToVec, Let, Lambda, Apply, If, Select, Iterate, Cudf, Serialize, Deserialize, Assert, NewBuilder, Merge, Result, For {

  <R> R accept(Expr self, ExprVisitor<R> v);

  /** The direct subexpressions, in a fixed order. */
  List<Expr> children();

  /** The same kind with its children replaced (same count and order as {@link #children()}). */
  ExprKind withChildren(List<Expr> children);
}

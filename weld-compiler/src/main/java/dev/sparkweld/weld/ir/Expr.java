package dev.sparkweld.weld.ir;

import dev.sparkweld.weld.diag.Span;
import java.util.List;
import java.util.Objects;

/**
 * An expression node: its {@link ExprKind} (the structure), its type ({@link UnknownType} until inference; before
 * inference a known type is a declaration or ascription from the source), its annotations and its source span
 * (ignored by equality, see {@link Span}).
 */
public record Expr(ExprKind kind, Type type, Annotations annotations, Span span) {
  public Expr {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(type);
    Objects.requireNonNull(annotations);
    Objects.requireNonNull(span);
  }

  public static Expr of(ExprKind kind) {
    return new Expr(kind, Type.UNKNOWN, Annotations.NONE, Span.NONE);
  }

  public static Expr of(ExprKind kind, Type type) {
    return new Expr(kind, type, Annotations.NONE, Span.NONE);
  }

  public static Expr of(ExprKind kind, Span span) {
    return new Expr(kind, Type.UNKNOWN, Annotations.NONE, span);
  }

  public <R> R accept(ExprVisitor<R> v) {
    return kind.accept(this, v);
  }

  public List<Expr> children() {
    return kind.children();
  }

  public Expr withKind(ExprKind k) {
    return new Expr(k, type, annotations, span);
  }

  public Expr withType(Type t) {
    return new Expr(kind, t, annotations, span);
  }

  public Expr withAnnotations(Annotations a) {
    return new Expr(kind, type, a, span);
  }

  public Expr withSpan(Span s) {
    return new Expr(kind, type, annotations, s);
  }

  /** This node with new children (same count and order as {@link #children()}); returns this if all are identical. */
  public Expr withChildren(List<Expr> newChildren) {
    List<Expr> old = children();
    if (old.size() != newChildren.size()) {
      throw new IllegalArgumentException("expected " + old.size() + " children, got " + newChildren.size());
    }
    boolean same = true;
    for (int i = 0; i < old.size() && same; i++) {
      same = old.get(i) == newChildren.get(i);
    }
    return same ? this : withKind(kind.withChildren(newChildren));
  }
}

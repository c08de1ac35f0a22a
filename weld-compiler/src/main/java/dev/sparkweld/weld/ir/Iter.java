package dev.sparkweld.weld.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One iterator of a {@code for}. {@code data} is absent only for {@link IterKind#RANGE}; {@code start}, {@code end}
 * and {@code stride} are all present or all absent (always present for RANGE); {@code shape} and {@code strides} only
 * for {@link IterKind#ND}.
 */
public record Iter(
    IterKind kind,
    Optional<Expr> data,
    Optional<Expr> start,
    Optional<Expr> end,
    Optional<Expr> stride,
    Optional<Expr> shape,
    Optional<Expr> strides) {

  public Iter {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(data);
    Objects.requireNonNull(start);
    Objects.requireNonNull(end);
    Objects.requireNonNull(stride);
    Objects.requireNonNull(shape);
    Objects.requireNonNull(strides);
    if (start.isPresent() != end.isPresent() || start.isPresent() != stride.isPresent()) {
      throw new IllegalArgumentException("start, end and stride come together");
    }
    if (kind == IterKind.RANGE && (data.isPresent() || start.isEmpty())) {
      throw new IllegalArgumentException("rangeiter has start, end, stride and no data");
    }
    if (kind != IterKind.RANGE && data.isEmpty()) {
      throw new IllegalArgumentException(kind + " needs data");
    }
    if (kind != IterKind.ND && (shape.isPresent() || strides.isPresent())) {
      throw new IllegalArgumentException("shape and strides only for nditer");
    }
  }

  /** A plain vector iterator: {@code for(v, ...)}. */
  public static Iter of(Expr data) {
    return new Iter(IterKind.SCALAR, Optional.of(data), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  public static Iter range(Expr start, Expr end, Expr stride) {
    return new Iter(IterKind.RANGE, Optional.empty(), Optional.of(start), Optional.of(end), Optional.of(stride),
        Optional.empty(), Optional.empty());
  }

  /** True for a plain vector with no bounds. */
  public boolean isSimple() {
    return kind == IterKind.SCALAR && start.isEmpty();
  }

  /** The present expressions in the order data, start, end, stride, shape, strides. */
  public List<Expr> children() {
    List<Expr> all = new ArrayList<>(6);
    data.ifPresent(all::add);
    start.ifPresent(all::add);
    end.ifPresent(all::add);
    stride.ifPresent(all::add);
    shape.ifPresent(all::add);
    strides.ifPresent(all::add);
    return all;
  }

  public Iter withChildren(List<Expr> c) {
    int[] pos = {0};
    java.util.function.Function<Optional<Expr>, Optional<Expr>> next =
        o -> o.isPresent() ? Optional.of(c.get(pos[0]++)) : Optional.empty();
    Optional<Expr> d = next.apply(data);
    Optional<Expr> s = next.apply(start);
    Optional<Expr> e = next.apply(end);
    Optional<Expr> st = next.apply(stride);
    Optional<Expr> sh = next.apply(shape);
    Optional<Expr> sts = next.apply(strides);
    if (pos[0] != c.size()) {
      throw new IllegalArgumentException("expected " + pos[0] + " iterator children, got " + c.size());
    }
    return new Iter(kind, d, s, e, st, sh, sts);
  }
}

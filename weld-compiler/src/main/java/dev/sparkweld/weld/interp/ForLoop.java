package dev.sparkweld.weld.interp;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.Iter;
import dev.sparkweld.weld.ir.IterKind;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.VecType;
import dev.sparkweld.weld.value.SimdValue;
import dev.sparkweld.weld.value.StructValue;
import dev.sparkweld.weld.value.VecValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code for} (spec 4.5), serially and without Java recursion per element. Order: the iterator expressions (each
 * iterator's data, start, end, stride), then the builder, then the body function are evaluated; then every iterator's
 * bounds are checked in order (BAD_ITERATOR) and the iteration counts compared; then iterations 0, 1, 2, ... run with
 * {@code i} the iteration number and {@code x} the element, or the struct of the zipped iterators' elements.
 */
final class ForLoop {
  private ForLoop() {}

  static Object run(Evaluator ev, For f) {
    List<Source> sources = new ArrayList<>(f.iters().size());
    for (Iter it : f.iters()) {
      sources.add(source(ev, it));
    }
    Object builder = ev.eval(f.builder(), ev.env());
    Object fn = ev.eval(f.body(), ev.env());
    if (!(fn instanceof Closure body) || body.lambda().params().size() != 3) {
      throw Errors.internal("the body of a for is a lambda of three parameters");
    }
    long n = -1;
    for (Source s : sources) {
      long c = s.count();
      if (n >= 0 && c != n) {
        throw Errors.of(ErrorKind.BAD_ITERATOR, "zipped iterators of " + n + " and " + c + " iterations");
      }
      n = c;
    }
    List<Param> params = body.lambda().params();
    Symbol b = params.get(0).name();
    Symbol i = params.get(1).name();
    Symbol x = params.get(2).name();
    Expr bodyExpr = body.lambda().body();
    Object[] zipped = new Object[sources.size()];
    for (long k = 0; k < n; k++) {
      ev.ctx.poll();
      Object elem;
      if (sources.size() == 1) {
        elem = sources.get(0).element(k);
      } else {
        for (int j = 0; j < zipped.length; j++) {
          zipped[j] = sources.get(j).element(k);
        }
        elem = new StructValue(Arrays.asList(zipped));
      }
      builder = ev.eval(bodyExpr, body.env().bind(b, builder).bind(i, k).bind(x, elem));
    }
    return builder;
  }

  private static Source source(Evaluator ev, Iter it) {
    Object data = it.data().isPresent() ? ev.eval(it.data().get(), ev.env()) : null;
    Long start = it.start().isPresent() ? (Long) ev.eval(it.start().get(), ev.env()) : null;
    Long end = it.end().isPresent() ? (Long) ev.eval(it.end().get(), ev.env()) : null;
    Long stride = it.stride().isPresent() ? (Long) ev.eval(it.stride().get(), ev.env()) : null;
    IterKind kind = it.kind();
    if (kind == IterKind.RANGE) {
      return new Range(start, end, stride);
    }
    if (kind == IterKind.ND) {
      throw Errors.internal("nditer is not supported");
    }
    VecValue v = (VecValue) data;
    if (kind == IterKind.SCALAR) {
      return start == null ? new Strided(v, 0, v.size(), 1) : new Strided(v, start, end, stride);
    }
    if (start != null) {
      throw Errors.internal(kind.keyword() + " with bounds is not in the language");
    }
    int w = ev.ctx.lanes(Operators.scalarKind(((VecType) it.data().get().type()).elem()));
    return kind == IterKind.SIMD ? new SimdChunks(v, w) : new Fringe(v, w);
  }

  /** One iterator: its iteration count (validating its bounds) and its k-th element. */
  private interface Source {
    long count();

    Object element(long k);
  }

  /** A vector or {@code iter(v, start, end, stride)}. */
  private record Strided(VecValue v, long start, long end, long stride) implements Source {
    @Override
    public long count() {
      if (stride <= 0 || start < 0 || start > end || end > v.size()) {
        throw Errors.of(ErrorKind.BAD_ITERATOR, "iter(start " + start + ", end " + end + ", stride " + stride
            + ") over a vector of length " + v.size() + " needs stride > 0 and 0 <= start <= end <= length");
      }
      long span = end - start;
      return span / stride + (span % stride == 0 ? 0 : 1);
    }

    @Override
    public Object element(long k) {
      return v.get((int) (start + k * stride));
    }
  }

  /** {@code rangeiter(start, end, stride)}: counts up below end (stride > 0) or down above end (stride < 0). */
  private record Range(long start, long end, long stride) implements Source {
    @Override
    public long count() {
      if (stride == 0) {
        throw Errors.of(ErrorKind.BAD_ITERATOR, "rangeiter with stride 0");
      }
      if (stride > 0 ? start >= end : start <= end) {
        return 0;
      }
      // The distance and the stride's magnitude as unsigned longs: exact even for [Long.MIN_VALUE, Long.MAX_VALUE].
      long distance = stride > 0 ? end - start : start - end;
      long step = stride > 0 ? stride : -stride;
      long whole = Long.divideUnsigned(distance, step);
      return whole + (Long.remainderUnsigned(distance, step) == 0 ? 0 : 1);
    }

    @Override
    public Object element(long k) {
      return start + k * stride;
    }
  }

  /** {@code simditer(v)}: {@code len / W} chunks of W consecutive elements. */
  private record SimdChunks(VecValue v, int w) implements Source {
    @Override
    public long count() {
      return v.size() / w;
    }

    @Override
    public Object element(long k) {
      return new SimdValue(v.slice((int) k * w, w).elems());
    }
  }

  /** {@code fringeiter(v)}: the {@code len % W} elements after the last whole chunk. */
  private record Fringe(VecValue v, int w) implements Source {
    @Override
    public long count() {
      return v.size() % w;
    }

    @Override
    public Object element(long k) {
      return v.get((v.size() / w) * w + (int) k);
    }
  }
}

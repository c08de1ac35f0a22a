package dev.sparkweld.weld.types;

import dev.sparkweld.weld.diag.CompileErrorKind;
import dev.sparkweld.weld.diag.Span;
import dev.sparkweld.weld.diag.WeldCompileException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Unification plus the rules that can only fire once a type's constructor is known (what {@code lookup} returns
 * depends on whether its argument is a vector or a dictionary, a merge into an appender may take {@code T} or
 * {@code simd[T]}, ...). Those wait as {@link Deferred} constraints and are retried until nothing changes, which is
 * Weld's fixpoint; a stuck constraint with a sensible default (merging a value of yet unknown type) then takes it.
 */
final class Solver {
  /** A rule waiting for a constructor to be known. */
  abstract static class Deferred {
    final Span span;

    Deferred(Span span) {
      this.span = span;
    }

    /** Applies the rule if enough is known; returns true when done. Throws on a violation. */
    abstract boolean tryResolve();

    /** Applies a default when inference is otherwise stuck; returns true if it did something. */
    boolean fallback() {
      return false;
    }
  }

  private List<Deferred> pending = new ArrayList<>();

  /** Equates two terms; on failure reports {@code message(a, b)} (the types as printed) at {@code span}. */
  void unify(Term a, Term b, Span span, BiFunction<String, String, String> message) {
    if (!Term.unify(a, b)) {
      throw mismatch(span, message.apply(a.toString(), b.toString()));
    }
  }

  /** Requires {@code actual} to equal {@code expected}: "what must have type E, got A". */
  void expect(Term actual, Term expected, Span span, String what) {
    unify(actual, expected, span, (a, e) -> what + " must have type " + e + ", got " + a);
  }

  void defer(Deferred d) {
    if (!d.tryResolve()) {
      pending.add(d);
    }
  }

  /** Retries deferred rules to a fixpoint, taking one default at a time when stuck. */
  void solve() {
    while (true) {
      boolean progress = true;
      while (progress) {
        progress = false;
        // A rule may defer new rules while resolving, so each round works on a snapshot.
        List<Deferred> round = pending;
        pending = new ArrayList<>();
        List<Deferred> stuck = new ArrayList<>();
        for (Deferred d : round) {
          if (d.tryResolve()) {
            progress = true;
          } else {
            stuck.add(d);
          }
        }
        stuck.addAll(pending);
        pending = stuck;
      }
      if (!fallbackOne()) {
        return;
      }
    }
  }

  /** The first rule still waiting after {@link #solve()}, or null. */
  Deferred firstPending() {
    return pending.isEmpty() ? null : pending.get(0);
  }

  private boolean fallbackOne() {
    for (Deferred d : pending) {
      if (d.fallback()) {
        return true;
      }
    }
    return false;
  }

  static WeldCompileException mismatch(Span span, String detail) {
    return new WeldCompileException(CompileErrorKind.TYPE_MISMATCH, span, detail);
  }

  static WeldCompileException error(CompileErrorKind kind, Span span, String detail) {
    return new WeldCompileException(kind, span, detail);
  }
}

package dev.sparkweld.weld.interp;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.weld.conf.OverflowMode;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.value.Values;

/** What one run reads from its configuration, plus cancellation polling. */
final class RunContext {
  private final int simdBits;
  private final boolean checkedByDefault;
  private final CudfRegistry udfs;
  private int ticks;

  RunContext(WeldConf conf, CudfRegistry udfs) {
    this.simdBits = conf.get(WeldConf.SIMD_BITS);
    this.checkedByDefault = conf.get(WeldConf.OVERFLOW) == OverflowMode.CHECK;
    this.udfs = udfs;
  }

  int simdBits() {
    return simdBits;
  }

  int lanes(ScalarKind k) {
    return Values.lanes(k, simdBits);
  }

  CudfRegistry udfs() {
    return udfs;
  }

  /** Checked overflow for this expression: its {@code overflow} annotation, else the configured mode. */
  boolean checked(Expr e) {
    String mode = e.annotations().values().get("overflow");
    if ("check".equals(mode)) {
      return true;
    }
    if ("wrap".equals(mode)) {
      return false;
    }
    return checkedByDefault;
  }

  /** Called once per loop iteration: an interrupt of the running thread ends the run with CANCELLED. */
  void poll() {
    if ((++ticks & 1023) == 0 && Thread.currentThread().isInterrupted()) {
      throw Errors.of(ErrorKind.CANCELLED, "run interrupted");
    }
  }
}

package dev.sparkweld.examples.bench;

/**
 * What every implementation of a kernel reports about its result, so that Weld, Java and a C subprocess can be
 * compared: a count and an integer checksum compared exactly, and a floating-point sum compared to a relative 1e-9
 * (the implementations add in the same order, but the tolerance keeps a legal reassociation from failing the run).
 */
record Summary(long count, long exact, double fsum) {
  static final double RELATIVE_TOLERANCE = 1e-9;

  static Summary ofLong(long v) {
    return new Summary(1, v, 0);
  }

  static Summary ofDouble(double v) {
    return new Summary(1, 0, v);
  }

  boolean agrees(Summary o) {
    if (count != o.count || exact != o.exact) {
      return false;
    }
    if (Double.doubleToLongBits(fsum) == Double.doubleToLongBits(o.fsum)) {
      return true;
    }
    double scale = Math.max(Math.abs(fsum), Math.abs(o.fsum));
    return Math.abs(fsum - o.fsum) <= RELATIVE_TOLERANCE * scale;
  }

  @Override
  public String toString() {
    return "count=" + count + " exact=" + exact + " fsum=" + fsum;
  }
}

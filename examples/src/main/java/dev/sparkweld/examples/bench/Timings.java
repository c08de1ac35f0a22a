package dev.sparkweld.examples.bench;

import java.util.Arrays;

/** Wall times of the measured repetitions of one variant (warm-up runs excluded). */
record Timings(long[] nanos) {
  Timings {
    nanos = nanos.clone();
    Arrays.sort(nanos);
  }

  long bestNanos() {
    return nanos[0];
  }

  long medianNanos() {
    int m = nanos.length / 2;
    return nanos.length % 2 == 1 ? nanos[m] : (nanos[m - 1] + nanos[m]) / 2;
  }

  double bestMs() {
    return bestNanos() / 1e6;
  }

  double medianMs() {
    return medianNanos() / 1e6;
  }
}

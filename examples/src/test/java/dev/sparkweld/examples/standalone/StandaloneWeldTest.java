package dev.sparkweld.examples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandaloneWeldTest {
  @Test
  void theExampleProgramSumsPerStoreWhatAJavaLoopSums() {
    List<Object> stores = new ArrayList<>();
    List<Object> amounts = new ArrayList<>();
    Map<Object, Object> expected = new LinkedHashMap<>();
    for (int i = 0; i < 10_000; i++) {
      int store = (i * 7) % 13;
      double amount = (i % 31) * 0.5;
      stores.add(store);
      amounts.add(amount);
      if (amount > 3.0) {
        expected.merge(store, amount, (a, b) -> (Double) a + (Double) b);
      }
    }
    Map<Object, Object> totals = StandaloneWeld.totals(stores, amounts, 3.0);
    assertThat(totals).hasSameSizeAs(expected);
    expected.forEach((k, v) -> assertThat((Double) totals.get(k)).isCloseTo((Double) v,
        org.assertj.core.data.Offset.offset(1e-6)));
  }

  @Test
  void mainRunsAndShowsTheRejectedProgramsPosition() {
    var out = new java.io.ByteArrayOutputStream();
    var old = System.out;
    System.setOut(new java.io.PrintStream(out, true));
    try {
      StandaloneWeld.main(new String[0]);
    } finally {
      System.setOut(old);
    }
    assertThat(out.toString()).contains("store 0: 7250000.0").contains("rejected as expected: 1:");
  }
}

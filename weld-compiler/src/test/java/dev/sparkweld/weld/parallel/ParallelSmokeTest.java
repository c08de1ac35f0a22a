package dev.sparkweld.weld.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.weld.WeldModule;
import dev.sparkweld.weld.conf.WeldConf;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParallelSmokeTest {
  private static WeldConf conf(int threads, long grain) {
    return WeldConf.of(Map.of("weld.threads", "" + threads, "weld.grain", "" + grain));
  }

  static dev.sparkweld.weld.value.VecValue vec(long[] v) {
    Object[] o = new Object[v.length];
    for (int i = 0; i < v.length; i++) {
      o[i] = v[i];
    }
    return dev.sparkweld.weld.value.VecValue.wrap(o);
  }

  @Test
  void sumAndMap() {
    long[] v = new long[100_000];
    for (int i = 0; i < v.length; i++) {
      v[i] = i * 7L % 1000;
    }
    long expected = Arrays.stream(v).sum();
    for (int t : new int[] {1, 2, 4}) {
      for (long g : new long[] {1, 7, 1000, 1 << 20}) {
        try (WeldModule m = WeldModule.compile("|v: vec[i64]| result(for(v, merger[i64,+], |b,i,x| merge(b, x)))",
            conf(t, g))) {
          assertThat(m.runJava(vec(v))).as("t=%d g=%d", t, g).isEqualTo(expected);
        }
        try (WeldModule m = WeldModule.compile(
            "|v: vec[i64]| result(for(v, appender[i64], |b,i,x| if(x % 3L == 0L, merge(b, x + i), b)))", conf(t, g))) {
          Object r = m.runJava(vec(v));
          long[] exp = java.util.stream.IntStream.range(0, v.length).filter(i -> v[i] % 3 == 0)
              .mapToLong(i -> v[i] + i).toArray();
          assertThat(r).as("t=%d g=%d", t, g).isEqualTo(vec(exp));
        }
      }
    }
  }
}

package dev.sparkweld.weld.jit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.fuzz.GeneratedProgram;
import dev.sparkweld.weld.fuzz.ProgramGen;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Differential fuzzing (interpreter vs JIT) in the parallel runtime's matrix: random programs whose loops are split
 * into chunks of one to three iterations and run on 2, 4 and 8 threads must give the interpreter's results (float
 * {@code +}/{@code *} merges within the reassociation tolerance of docs/weld-ir.md 4.5) and the same errors.
 * {@code -Dpardiff.seeds=N} per thread count.
 */
class ParallelDifferentialFuzzTest {
  private static final int SEEDS = Integer.getInteger("pardiff.seeds", 150);
  private static final Pattern FLOATS = Pattern.compile("f32|f64|[0-9]\\.[0-9]|nan|inf");
  private static final Pattern F32 = Pattern.compile("f32|nanf|inff|[0-9]f\\b");

  @ParameterizedTest(name = "threads={0} grain={1}")
  @CsvSource({"2, 1, 3000000", "4, 3, 4000000", "8, 2, 5000000"})
  void interpreterAndParallelJitAgree(int threads, long grain, long from) {
    List<String> failures = new ArrayList<>();
    int skipped = 0;
    for (long seed = from; seed < from + SEEDS; seed++) {
      GeneratedProgram g = ProgramGen.generate(seed);
      WeldConf conf = g.conf().with(WeldConf.THREADS, threads).with(WeldConf.GRAIN, grain);
      String diff = DifferentialFuzzTest.compare(g, conf, tolerance(g.source()));
      if (diff == DifferentialFuzzTest.SKIPPED) {
        skipped++;
      } else if (diff != null) {
        failures.add(diff);
        if (failures.size() >= 5) {
          break;
        }
      }
    }
    assertThat(failures).as("threads=%d grain=%d, first differences", threads, grain).isEmpty();
    assertThat(skipped).isLessThan(Math.max(1, SEEDS / 100));
  }

  /** The serial tolerance, widened to the reassociation tolerance where the program has floats. */
  private static double tolerance(String source) {
    double serial = DifferentialFuzzTest.tolerance(source);
    if (!FLOATS.matcher(source).find()) {
      return serial;
    }
    return Math.max(serial, F32.matcher(source).find() ? 1e-4 : 1e-9);
  }
}

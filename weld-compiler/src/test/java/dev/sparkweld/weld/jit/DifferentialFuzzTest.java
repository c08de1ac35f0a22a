package dev.sparkweld.weld.jit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.runtime.WeldRuntimeException;
import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.WeldFrontEnd;
import dev.sparkweld.weld.WeldModule;
import dev.sparkweld.weld.fuzz.GeneratedProgram;
import dev.sparkweld.weld.fuzz.ProgramGen;
import dev.sparkweld.weld.interp.Interpreter;
import dev.sparkweld.weld.value.ValueText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Random well-typed programs with random inputs, run on the reference interpreter and on the JIT: the results must be
 * identical (floats bit for bit, the JIT may not reassociate or contract, except after transcendental functions:
 * {@link #tolerance}) and a runtime error on one side must be the
 * same error on the other. {@code -Ddiff.seeds=N} and {@code -Ddiff.from=S} choose the seeds (a long run:
 * {@code -Ddiff.seeds=100000}).
 */
class DifferentialFuzzTest {
  private static final int SEEDS = Integer.getInteger("diff.seeds", 2_000);
  private static final long FROM = Long.getLong("diff.from", 1_000_000L);

  @Test
  void interpreterAndJitAgreeOnGeneratedPrograms() {
    List<String> failures = new ArrayList<>();
    int compared = 0;
    for (long seed = FROM; seed < FROM + SEEDS; seed++) {
      GeneratedProgram g = ProgramGen.generate(seed);
      String diff = compare(g);
      if (diff == SKIPPED) {
        skipped++;
      } else if (diff != null) {
        failures.add(diff);
        progress("DIFFERENCE " + diff);
        if (failures.size() >= 5) {
          break;
        }
      }
      compared++;
      if (compared % 1000 == 0) {
        progress(String.format("seeds %d..%d: %d compared, %d skipped, %d differences", FROM, seed, compared,
            skipped, failures.size()));
      }
    }
    progress(String.format("done: %d compared, %d skipped (the interpreter ran out of heap), %d differences",
        compared, skipped, failures.size()));
    assertThat(failures).as("%d programs compared; first differences", compared).isEmpty();
    assertThat(skipped).as("programs the oracle could not run").isLessThan(Math.max(1, compared / 100));
  }

  private static final java.util.regex.Pattern TRANSCENDENTAL =
      java.util.regex.Pattern.compile("\\b(exp|log|sin|cos|tan|asin|acos|atan|sinh|cosh|tanh|erf|pow)\\(");

  /**
   * Exact, except where the spec allows the platform's math library to differ from Java's (transcendental functions:
   * 1e-12 relative per f64 call, 1e-5 per f32 call); f64 results may be amplified by what the program does with them,
   * hence 1e-9.
   */
  static double tolerance(String source) {
    if (!TRANSCENDENTAL.matcher(source).find()) {
      return 0;
    }
    // f32 math runs in f32 in the JIT (sinhf, powf: about 1 ulp) but in f64 then rounded in the interpreter.
    return F32.matcher(source).find() ? 1e-5 : 1e-9;
  }

  private static final java.util.regex.Pattern F32 =
      java.util.regex.Pattern.compile("f32|nanf|inff|[0-9]f\\b");

  private int skipped;

  /** Returned by {@link #compare} for a program too big for the interpreter (Java heap): not compared. */
  static final String SKIPPED = "skipped";

  /** Long runs report as they go (target/differential-fuzz.log), so a run cut short still tells what it saw. */
  private static void progress(String line) {
    try {
      java.nio.file.Files.writeString(java.nio.file.Path.of("target", "differential-fuzz.log"), line + "\n",
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Null when both backends agree, else a description of the difference. */
  static String compare(GeneratedProgram g) {
    return compare(g, g.conf(), tolerance(g.source()));
  }

  /** As {@link #compare(GeneratedProgram)} with the JIT under {@code jitConf} and the given float tolerance. */
  static String compare(GeneratedProgram g, dev.sparkweld.weld.conf.WeldConf jitConf, double tolerance) {
    TypedProgram p = WeldFrontEnd.compile(g.source());
    Object expected;
    WeldRuntimeException expectedError = null;
    try {
      expected = new Interpreter(g.conf()).run(p, g.args());
    } catch (WeldRuntimeException e) {
      if (e.kind() == dev.sparkweld.runtime.ErrorKind.MEMORY_LIMIT) {
        return SKIPPED;
      }
      expected = null;
      expectedError = e;
    }
    try (WeldModule m = WeldModule.compile(p, jitConf)) {
      Object actual;
      try {
        actual = m.runJava(g.args().toArray());
      } catch (WeldRuntimeException e) {
        if (expectedError != null && expectedError.kind() == e.kind()) {
          return null;
        }
        return g + "\n  interpreter: " + (expectedError != null ? expectedError.kind()
            : ValueText.format(expected, p.resultType())) + "\n  jit: " + e.kind() + " " + e.getMessage();
      }
      if (expectedError != null) {
        return g + "\n  interpreter: " + expectedError.kind() + "\n  jit: " + ValueText.format(actual, p.resultType());
      }
      if (!ValueText.equalValuesTolerantKeys(expected, actual, p.resultType(), tolerance)) {
        return g + "\n  interpreter: " + ValueText.format(expected, p.resultType()) + "\n  jit:         "
            + ValueText.format(actual, p.resultType());
      }
      return null;
    } catch (RuntimeException e) {
      return g + "\n  jit failed: " + e;
    }
  }
}

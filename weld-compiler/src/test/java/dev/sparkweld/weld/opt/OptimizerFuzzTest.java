package dev.sparkweld.weld.opt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.runtime.WeldRuntimeException;
import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.WeldFrontEnd;
import dev.sparkweld.weld.WeldModule;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.fuzz.GeneratedProgram;
import dev.sparkweld.weld.fuzz.ProgramGen;
import dev.sparkweld.weld.interp.Interpreter;
import dev.sparkweld.weld.value.ValueText;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random programs from the fuzz generator, each run unoptimized on the interpreter (the oracle) and optimized under
 * a random pipeline on the interpreter (every seed) and on the JIT (every fifth seed): same value, or the same
 * error. {@code -Dopt.seeds=N} runs more.
 */
class OptimizerFuzzTest {
  private static final int SEEDS = Integer.getInteger("opt.seeds", 400);
  private static final long FROM = 7_000_000L;

  @Test
  void optimizedProgramsAgreeWithTheUnoptimizedOracle() {
    List<String> failures = new ArrayList<>();
    for (long seed = FROM; seed < FROM + SEEDS && failures.size() < 5; seed++) {
      GeneratedProgram g = ProgramGen.generate(seed);
      String passes = Pipelines.random(new Random(seed));
      String diff = compare(g, passes, seed % 5 == 0);
      if (diff != null) {
        failures.add("seed " + seed + " [" + passes + "]\n" + g.source() + "\n" + diff);
      }
    }
    assertThat(failures).as("first differences").isEmpty();
  }

  private static String compare(GeneratedProgram g, String passes, boolean jit) {
    TypedProgram p = WeldFrontEnd.compile(g.source());
    Outcome expected = run(() -> new Interpreter(g.conf()).run(p, g.args()));
    if (expected.error != null && expected.error.kind() == ErrorKind.MEMORY_LIMIT) {
      return null;
    }
    WeldConf conf = g.conf().withText(WeldConf.PASSES, passes).with(WeldConf.PASS_VERIFY, true);
    TypedProgram opt = Optimizer.optimize(p, conf).program();
    String d = differ(expected, run(() -> new Interpreter(conf).run(opt, g.args())), p, 0, "interpreter");
    if (d != null || !jit) {
      return d;
    }
    try (WeldModule m = WeldModule.compile(p, conf)) {
      return differ(expected, run(() -> m.runJava(g.args().toArray())), p, tolerance(g.source()), "jit");
    }
  }

  private record Outcome(Object value, WeldRuntimeException error) {}

  private static Outcome run(java.util.function.Supplier<Object> f) {
    try {
      return new Outcome(f.get(), null);
    } catch (WeldRuntimeException e) {
      return new Outcome(null, e);
    }
  }

  private static String differ(Outcome want, Outcome got, TypedProgram p, double tol, String backend) {
    if (want.error != null || got.error != null) {
      if (want.error != null && got.error != null && want.error.kind() == got.error.kind()) {
        return null;
      }
      return backend + ": expected " + describe(want, p) + ", got " + describe(got, p);
    }
    return ValueText.equalValuesTolerantKeys(want.value, got.value, p.resultType(), tol) ? null
        : backend + ": expected " + describe(want, p) + ", got " + describe(got, p);
  }

  private static String describe(Outcome o, TypedProgram p) {
    return o.error != null ? o.error.kind() + " " + o.error.getMessage() : ValueText.format(o.value, p.resultType());
  }

  /** As the interpreter-vs-JIT fuzz test: transcendental functions may differ in the last bits between libms. */
  private static double tolerance(String source) {
    return java.util.regex.Pattern.compile("\\b(exp|log|sin|cos|tan|asin|acos|atan|sinh|cosh|tanh|erf|pow)\\(")
        .matcher(source).find() ? 1e-5 : 0;
  }
}

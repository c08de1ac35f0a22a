package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.syntax.Printer;
import dev.sparkweld.weld.types.TypeChecker;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the pass pipeline of {@code weld.optimization.passes} over a typed program. Each pass is applied until the
 * program stops changing (equality ignoring symbol names, {@link AlphaEquivalence}) or
 * {@code weld.optimization.fixpoint.max} applications, and is timed into {@link OptimizerStats}.
 *
 * <p>A program too deep for the optimizer's recursion is returned unoptimized: optimizing is never required for
 * correctness, and the backend has its own limits that report such programs properly.
 */
public final class Optimizer {
  /** The optimized program and where the time went. */
  public record Outcome(TypedProgram program, OptimizerStats stats) {}

  private Optimizer() {}

  public static Outcome optimize(TypedProgram program, WeldConf conf) {
    List<Pass> pipeline = Passes.pipeline(conf.get(WeldConf.PASSES));
    long t0 = System.nanoTime();
    if (pipeline.isEmpty()) {
      return new Outcome(program, OptimizerStats.NONE);
    }
    int rounds = conf.get(WeldConf.PASS_ROUNDS);
    boolean verify = conf.get(WeldConf.PASS_VERIFY);
    Expr cur = program.body();
    PassContext cx = new PassContext(conf, cur);
    List<OptimizerStats.PassRun> runs = new ArrayList<>();
    try {
      for (Pass pass : pipeline) {
        long p0 = System.nanoTime();
        int changes = 0;
        for (int r = 0; r < rounds; r++) {
          Expr next = pass.apply(cur, cx);
          if (next == cur || AlphaEquivalence.equivalent(next, cur)) {
            break;
          }
          cur = next;
          changes++;
          if (verify) {
            verify(pass, cur);
          }
        }
        runs.add(new OptimizerStats.PassRun(pass.name(), System.nanoTime() - p0, changes));
      }
    } catch (StackOverflowError e) {
      return new Outcome(program, new OptimizerStats(runs, System.nanoTime() - t0));
    }
    return new Outcome(new TypedProgram(cur), new OptimizerStats(runs, System.nanoTime() - t0));
  }

  /** A pass that breaks typing or linearity is a compiler bug: fail loudly, naming the pass and the program. */
  private static void verify(Pass pass, Expr program) {
    try {
      TypeChecker.check(program);
    } catch (WeldCompileException e) {
      throw new IllegalStateException("optimizer pass " + pass.name() + " produced an invalid program ("
          + e.getMessage() + "):\n" + Printer.printPretty(program), e);
    }
  }
}

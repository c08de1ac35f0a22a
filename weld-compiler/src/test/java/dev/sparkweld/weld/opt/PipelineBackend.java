package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.conformance.Backend;
import java.util.List;

/**
 * A backend under a given optimizer pipeline, with every pass's output type- and linearity-checked. The interpreter
 * is given the optimized program; the JIT optimizes by itself (the pipeline is in its conf, as in production).
 */
record PipelineBackend(Backend inner, String passes, boolean preOptimize) implements Backend {
  @Override
  public String name() {
    return inner.name() + " [" + passes + "]";
  }

  @Override
  public Object run(TypedProgram program, List<Object> args, WeldConf conf) {
    WeldConf c = conf.withText(WeldConf.PASSES, passes).with(WeldConf.PASS_VERIFY, true);
    TypedProgram p = preOptimize ? Optimizer.optimize(program, c).program() : program;
    return inner.run(p, args, c);
  }
}

package dev.sparkweld.weld.conformance;

import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.WeldModule;
import dev.sparkweld.weld.conf.WeldConf;
import java.util.List;

/** The LLVM JIT through the public API: compile (cached), run in a fresh context, decode the result. */
public final class JitBackend implements Backend {
  @Override
  public String name() {
    return "jit";
  }

  @Override
  public Object run(TypedProgram program, List<Object> args, WeldConf conf) {
    try (WeldModule m = WeldModule.compile(program, conf)) {
      return m.runJava(args.toArray());
    }
  }
}

package dev.sparkweld.weld.conformance;

import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.interp.Interpreter;
import java.util.List;

/** The reference interpreter: the oracle every other backend is compared with. */
public final class InterpreterBackend implements Backend {
  @Override
  public String name() {
    return "interpreter";
  }

  @Override
  public Object run(TypedProgram program, List<Object> args, WeldConf conf) {
    return new Interpreter(conf).run(program, args);
  }
}

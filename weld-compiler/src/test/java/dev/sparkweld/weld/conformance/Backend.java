package dev.sparkweld.weld.conformance;

import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.conf.WeldConf;
import java.util.List;

/** Something that runs a typed program on Java values: the reference interpreter, the JIT, the parallel JIT. */
public interface Backend {
  String name();

  /** Runs the program; runtime failures surface as {@code WeldRuntimeException}. */
  Object run(TypedProgram program, List<Object> args, WeldConf conf);
}

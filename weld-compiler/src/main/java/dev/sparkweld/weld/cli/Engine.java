package dev.sparkweld.weld.cli;

import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.WeldContext;
import dev.sparkweld.weld.WeldModule;
import dev.sparkweld.weld.WeldValue;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.interp.Interpreter;
import java.util.List;

/**
 * Where a program runs: the LLVM JIT (what Spark uses) or the reference interpreter (the spec's oracle; useful to
 * tell a program bug from a backend bug). Both take the front end's typed program, so the source is checked once.
 */
enum Engine {
  JIT {
    @Override
    Result run(String source, TypedProgram typed, List<Object> args, WeldConf conf) {
      long t0 = System.nanoTime();
      try (WeldModule m = WeldModule.compile(source, conf); WeldContext ctx = WeldContext.create(conf)) {
        long t1 = System.nanoTime();
        Object value = m.run(WeldValue.ofList(args), ctx).toJava();
        return new Result(value, t1 - t0, System.nanoTime() - t1);
      }
    }
  },
  INTERP {
    @Override
    Result run(String source, TypedProgram typed, List<Object> args, WeldConf conf) {
      long t0 = System.nanoTime();
      Object value = new Interpreter(conf).run(typed, args);
      return new Result(value, 0, System.nanoTime() - t0);
    }
  };

  /** A run's decoded result and where the time went (compile is 0 for the interpreter). */
  record Result(Object value, long compileNanos, long runNanos) {}

  abstract Result run(String source, TypedProgram typed, List<Object> args, WeldConf conf);

  static Engine parse(String text) {
    return switch (text) {
      case "jit" -> JIT;
      case "interp", "interpreter" -> INTERP;
      default -> throw CliException.usage("--engine %s: expected jit or interp", text);
    };
  }
}

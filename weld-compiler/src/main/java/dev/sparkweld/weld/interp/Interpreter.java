package dev.sparkweld.weld.interp;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.runtime.WeldRuntimeException;
import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.value.SimdValue;
import dev.sparkweld.weld.value.Values;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The reference interpreter: evaluates a typed program exactly as docs/weld-ir.md specifies, serially. It is the
 * oracle the JIT, the optimizer passes and the parallel runtime are checked against, so it favours obvious
 * correctness over speed.
 *
 * <p>Values use the {@link Values} representation. Runtime errors are {@link WeldRuntimeException}s with the spec's
 * kinds; interrupting the calling thread cancels the run (CANCELLED). Evaluation runs on a private thread with a large
 * stack so that deeply nested expressions (long operator chains from generated code) do not overflow the caller's
 * stack; loops, let chains and sorts never recurse per element.
 */
public final class Interpreter {
  /** Stack of the evaluation thread: reserved, not committed, so it costs nothing until a deep program uses it. */
  private static final long STACK_BYTES = 512L << 20;

  private final WeldConf conf;
  private final CudfRegistry udfs;

  public Interpreter(WeldConf conf, CudfRegistry udfs) {
    this.conf = Objects.requireNonNull(conf);
    this.udfs = Objects.requireNonNull(udfs);
  }

  public Interpreter(WeldConf conf) {
    this(conf, CudfRegistry.empty());
  }

  /**
   * Runs {@code p} on {@code args}, one value per parameter of the entry lambda.
   *
   * @throws IllegalArgumentException if the arguments do not match the parameters in number or type
   * @throws WeldRuntimeException on a runtime error of the program
   */
  public Object run(TypedProgram p, List<Object> args) {
    checkArgs(p, args);
    RunContext ctx = new RunContext(conf, udfs);
    AtomicReference<Object> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread worker = new Thread(null, () -> {
      try {
        Closure entry = new Closure(p.lambda(), Env.EMPTY);
        result.set(new Evaluator(ctx).apply(entry, args.toArray()));
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "weld-interpreter", STACK_BYTES);
    worker.start();
    try {
      worker.join();
    } catch (InterruptedException e) {
      worker.interrupt();
      joinUninterruptibly(worker);
      Thread.currentThread().interrupt();
      throw new WeldRuntimeException(ErrorKind.CANCELLED, "run interrupted");
    }
    Throwable t = failure.get();
    if (t == null) {
      return result.get();
    }
    if (t instanceof StackOverflowError) {
      throw new WeldRuntimeException(ErrorKind.INTERNAL, "program nested too deeply for the interpreter");
    }
    if (t instanceof OutOfMemoryError) {
      // The interpreter's memory is the Java heap: running out of it is its MEMORY_LIMIT (the run's garbage is
      // unreachable again once the worker thread has ended).
      throw new WeldRuntimeException(ErrorKind.MEMORY_LIMIT, "the interpreter ran out of Java heap");
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error err) {
      throw err;
    }
    throw new IllegalStateException(t);
  }

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void checkArgs(TypedProgram p, List<Object> args) {
    List<Param> params = p.params();
    if (params.size() != args.size()) {
      throw new IllegalArgumentException("the program takes " + params.size() + " arguments, got " + args.size());
    }
    int simdBits = conf.get(WeldConf.SIMD_BITS);
    for (int i = 0; i < params.size(); i++) {
      Type t = params.get(i).type();
      Object v = args.get(i);
      boolean ok = Values.conforms(v, t);
      if (ok && t instanceof SimdType s) {
        ok = ((SimdValue) v).size() == Values.lanes(s.elem(), simdBits);
      }
      if (!ok) {
        throw new IllegalArgumentException("argument " + i + " (" + params.get(i).name() + ") is not a " + t + ": "
            + v);
      }
    }
  }
}

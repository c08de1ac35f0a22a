package dev.sparkweld.weld.interp;

import dev.sparkweld.weld.ir.Lambda;
import java.util.Objects;

/** A lambda with the environment it was evaluated in: the run-time value of a lambda expression. */
record Closure(Lambda lambda, Env env) {
  Closure {
    Objects.requireNonNull(lambda);
    Objects.requireNonNull(env);
  }
}

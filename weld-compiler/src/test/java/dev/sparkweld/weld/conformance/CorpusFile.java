package dev.sparkweld.weld.conformance;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.diag.CompileErrorKind;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One conformance test file (format: {@code src/test/resources/conformance/README.md}): a program, its arguments as
 * value text, what must happen, and the configuration to run it under.
 *
 * @param path the file's path below the corpus root, with {@code /} separators ({@code arithmetic/precedence.test})
 * @param area the folder the file is in (its feature area)
 */
public record CorpusFile(
    String path,
    String area,
    String description,
    String program,
    List<String> args,
    Expectation expectation,
    Map<String, String> conf,
    OptionalDouble tolerance) {

  public CorpusFile {
    Objects.requireNonNull(path);
    Objects.requireNonNull(area);
    Objects.requireNonNull(description);
    Objects.requireNonNull(program);
    args = List.copyOf(args);
    Objects.requireNonNull(expectation);
    conf = Map.copyOf(conf);
    Objects.requireNonNull(tolerance);
  }

  /** What running the file must produce. */
  public sealed interface Expectation permits Value, RuntimeError, CompileError {}

  /** The program yields this value (value text, read with the program's result type). */
  public record Value(String text) implements Expectation {
    public Value {
      Objects.requireNonNull(text);
    }
  }

  /** Evaluation fails with {@code WeldRuntimeException} of this kind. */
  public record RuntimeError(ErrorKind kind) implements Expectation {
    public RuntimeError {
      Objects.requireNonNull(kind);
    }
  }

  /**
   * The front end fails with {@code WeldCompileException} of this kind, at this position when given; its message
   * contains {@code messagePart} when that is non-empty.
   */
  public record CompileError(CompileErrorKind kind, Optional<Position> position, String messagePart)
      implements Expectation {
    public CompileError {
      Objects.requireNonNull(kind);
      Objects.requireNonNull(position);
      Objects.requireNonNull(messagePart);
    }
  }

  /** A 1-based source position. */
  public record Position(int line, int column) {
    @Override
    public String toString() {
      return line + ":" + column;
    }
  }

  /** The run configuration from the {@code conf} section (defaults when absent). */
  public WeldConf weldConf() {
    return conf.isEmpty() ? WeldConf.defaults() : WeldConf.of(conf);
  }

  /** True if the program must get through the front end (it has no compile-error expectation). */
  public boolean compiles() {
    return !(expectation instanceof CompileError);
  }
}

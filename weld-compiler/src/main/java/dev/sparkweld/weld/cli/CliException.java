package dev.sparkweld.weld.cli;

import java.util.Objects;

/** A failure the tool reports as one message line and an {@link ExitCode}; never a stack trace. */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitCode code;

  CliException(ExitCode code, String message) {
    super(Objects.requireNonNull(message));
    this.code = Objects.requireNonNull(code);
  }

  CliException(ExitCode code, String message, Throwable cause) {
    super(Objects.requireNonNull(message), cause);
    this.code = Objects.requireNonNull(code);
  }

  static CliException usage(String format, Object... args) {
    return new CliException(ExitCode.USAGE, String.format(format, args));
  }

  static CliException input(String format, Object... args) {
    return new CliException(ExitCode.INPUT_ERROR, String.format(format, args));
  }

  ExitCode code() {
    return code;
  }
}

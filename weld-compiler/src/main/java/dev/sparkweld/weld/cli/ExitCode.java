package dev.sparkweld.weld.cli;

/**
 * The exit statuses of the {@code weld} tool. Scripts tell a rejected program from bad input data from a program
 * that failed while running; the numbers for usage and internal errors follow BSD's sysexits.h.
 */
public enum ExitCode {
  OK(0),
  /** The program does not parse or type-check. */
  COMPILE_ERROR(1),
  /** The program compiled but failed while running (a runtime error kind of docs/weld-ir.md). */
  RUNTIME_ERROR(2),
  /** An input file is missing or unreadable, or its data does not fit the program's parameters. */
  INPUT_ERROR(3),
  /** Bad command line: unknown subcommand or option, missing value. */
  USAGE(64),
  /** A bug in the tool or the compiler (an exception no input should cause). */
  INTERNAL(70);

  private final int status;

  ExitCode(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }
}

package dev.sparkweld.weld.cli;

import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.WeldFrontEnd;
import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.syntax.Printer;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * {@code weld check FILE...}: parse, expand macros, infer types and check linearity, the whole front end; prints
 * each program's signature, or its first error as {@code file:line:col: kind error: detail}. Every file is checked
 * even after a failure, so one run lists the errors of a whole directory.
 */
final class CheckCommand {
  private CheckCommand() {}

  static ExitCode run(List<String> words, PrintStream out, PrintStream err, InputStream in) {
    Args args = Args.parse("check", words, Set.of(), Set.of());
    if (args.positional().isEmpty()) {
      throw CliException.usage("check: no program file (weld check FILE...)");
    }
    ExitCode worst = ExitCode.OK;
    for (String file : args.positional()) {
      try {
        TypedProgram typed = frontEnd(file, Sources.read(file, in));
        out.println(file + ": ok: " + signature(typed));
      } catch (CliException e) {
        err.println(e.getMessage());
        worst = e.code().status() > worst.status() ? e.code() : worst;
      }
    }
    return worst;
  }

  /** The front end with its errors positioned in {@code file}. */
  static TypedProgram frontEnd(String file, String source) {
    try {
      return WeldFrontEnd.compile(source);
    } catch (WeldCompileException e) {
      throw Sources.compileError(file, e);
    }
  }

  static String signature(TypedProgram typed) {
    return "|" + InputBinder.signature(typed.params()) + "| -> " + Printer.printType(typed.resultType());
  }
}

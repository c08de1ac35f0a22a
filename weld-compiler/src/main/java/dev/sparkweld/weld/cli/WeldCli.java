package dev.sparkweld.weld.cli;

import dev.sparkweld.weld.diag.WeldCompileException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code weld} command-line tool: {@code check}, {@code run}, {@code explain}, {@code dump}, {@code repl}.
 * Every failure is one line on standard error and an {@link ExitCode}; a stack trace means a bug (exit 70).
 *
 * <p>{@link #execute} is the whole tool with its streams as parameters, which is what the tests call; {@link #main}
 * only wires it to the process.
 */
public final class WeldCli {
  static final String USAGE = String.join("\n",
      "usage: weld <command> [options]",
      "",
      "  check FILE...            parse and type-check; prints each signature or FILE:LINE:COL: error",
      "  run FILE [VALUE...]      run a program; prints the result in Weld value text",
      "      --arg NAME=VALUE     a parameter as value text (1, 2.5, [1,2], {1, 2.0}, \"bytes\")",
      "      --json F             an object {param: value} or an array of row objects (columns)",
      "      --csv F              columns with a header; column NAME binds parameter NAME: vec[T]",
      "      --parquet F          columns of a Parquet file (uncompressed, snappy or gzip; flat schema)",
      "      --delimiter C        CSV field separator (default ',', 'tab' for tabs)",
      "      --engine jit|interp  the LLVM JIT (default) or the reference interpreter",
      "      --time               print compile and run times to stderr",
      "  explain FILE [--stage S] print compile stages: all or some of weld,weldopt,llvm,llvmopt,assembly",
      "  dump FILE --dir D [--stage S]  write the stages as files into D",
      "  repl                     evaluate expressions interactively",
      "",
      "  --conf weld.KEY=VALUE    (run, explain, dump, repl) a compiler/runtime setting; repeatable",
      "  FILE may be '-' for standard input.",
      "",
      "exit status: 0 ok, 1 compile error, 2 runtime error, 3 bad input (file, data), 64 usage, 70 internal");

  private WeldCli() {}

  public static void main(String[] args) {
    int status = execute(args, System.out, System.err, System.in).status();
    System.out.flush();
    System.exit(status);
  }

  /** Runs one command line; never throws, never exits. */
  public static ExitCode execute(String[] args, PrintStream out, PrintStream err, InputStream in) {
    if (args.length == 0) {
      err.println(USAGE);
      return ExitCode.USAGE;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      switch (args[0]) {
        case "check":
          return CheckCommand.run(rest, out, err, in);
        case "run":
          return RunCommand.run(rest, out, err, in);
        case "explain":
          return ExplainCommand.explain(rest, out, in);
        case "dump":
          return ExplainCommand.dump(rest, out, in);
        case "repl":
          return Repl.run(rest, out, in);
        case "help":
        case "--help":
        case "-h":
          out.println(USAGE);
          return ExitCode.OK;
        default:
          err.println("weld: unknown command '" + args[0] + "'");
          err.println(USAGE);
          return ExitCode.USAGE;
      }
    } catch (CliException e) {
      // Messages start with the file they are about (file:line:col: ...), as compilers print them for editors.
      err.println(e.code() == ExitCode.USAGE ? "weld: " + e.getMessage() : e.getMessage());
      return e.code();
    } catch (WeldCompileException e) {
      // Compile errors of text the tool generated (explain goes through the front end again).
      err.println("weld " + args[0] + ": " + e.getMessage());
      return ExitCode.COMPILE_ERROR;
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      err.println("weld " + args[0] + ": internal error: " + e);
      e.printStackTrace(err);
      return ExitCode.INTERNAL;
    }
  }
}

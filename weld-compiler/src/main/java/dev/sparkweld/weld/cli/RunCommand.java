package dev.sparkweld.weld.cli;

import dev.sparkweld.runtime.WeldRuntimeException;
import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.value.ValueText;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code weld run FILE [VALUE...] [--arg name=value] [--json F] [--csv F] [--parquet F]}: binds the parameters
 * ({@link InputBinder}), runs on the JIT or the interpreter and prints the result in the value text format of the
 * conformance corpus (so a result can be pasted back as an argument).
 */
final class RunCommand {
  private static final Set<String> VALUED = Set.of("--arg", "--json", "--csv", "--parquet", "--delimiter",
      "--engine", "--conf");

  private RunCommand() {}

  static ExitCode run(List<String> words, PrintStream out, PrintStream err, InputStream in) {
    Args args = Args.parse("run", words, VALUED, Set.of("--time"));
    if (args.positional().isEmpty()) {
      throw CliException.usage("run: no program file (weld run FILE [VALUE...] [options])");
    }
    String file = args.positional().get(0);
    WeldConf conf = Confs.of(args.all("--conf"));
    Engine engine = Engine.parse(args.one("--engine", "jit"));
    String source = Sources.read(file, in);
    TypedProgram typed = CheckCommand.frontEnd(file, source);

    InputBinder binder = new InputBinder(typed.params());
    for (String arg : args.all("--arg")) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw CliException.usage("--arg %s: expected name=value", arg);
      }
      binder.bindText(arg.substring(0, eq).strip(), arg.substring(eq + 1));
    }
    for (String json : args.all("--json")) {
      binder.bindJson(Path.of(json), Sources.read(json, in));
    }
    char delimiter = delimiter(args.one("--delimiter", ","));
    for (String csv : args.all("--csv")) {
      binder.bindCsv(Path.of(csv), Sources.read(csv, in), delimiter);
    }
    for (String parquet : args.all("--parquet")) {
      binder.bindColumns(Path.of(parquet), ParquetColumns.read(Path.of(parquet), Sources.readBytes(parquet)));
    }
    binder.bindPositional(args.positional().subList(1, args.positional().size()));
    List<Object> values = binder.values();

    Engine.Result result;
    try {
      result = engine.run(source, typed, values, conf);
    } catch (WeldRuntimeException e) {
      throw new CliException(ExitCode.RUNTIME_ERROR,
          file + ": runtime error " + e.kind() + ": " + e.getMessage(), e);
    } catch (WeldCompileException e) {
      // The backend's own rejections (e.g. an unknown cudf symbol) come after the front end's checks.
      throw Sources.compileError(file, e);
    } catch (IllegalArgumentException e) {
      // Values that bound but do not fit the parameter (e.g. a simd value with the wrong lane count).
      throw CliException.input("%s: arguments rejected: %s", file, e.getMessage());
    }
    out.println(ValueText.format(result.value(), typed.resultType()));
    if (args.flag("--time")) {
      err.printf("%s: %s, compile %.1f ms, run %.3f ms%n", file, engine.name().toLowerCase(java.util.Locale.ROOT),
          result.compileNanos() / 1e6, result.runNanos() / 1e6);
    }
    return ExitCode.OK;
  }

  private static char delimiter(String text) {
    if (text.equals("\\t") || text.equals("tab")) {
      return '\t';
    }
    if (text.length() != 1 || text.charAt(0) == '"' || text.charAt(0) == '\n') {
      throw CliException.usage("--delimiter %s: expected one character (or tab)", text);
    }
    return text.charAt(0);
  }
}

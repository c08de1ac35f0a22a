package dev.sparkweld.weld.cli;

import dev.sparkweld.runtime.WeldRuntimeException;
import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.WeldFrontEnd;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.syntax.Printer;
import dev.sparkweld.weld.value.ValueText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code weld repl}: evaluates Weld expressions as they are typed. {@code let x = e} (without a body) keeps a
 * binding; every later expression is compiled as {@code || let x = e; ...; expr}, so bindings are values, not
 * state, and a program shown by {@code :explain} is a complete program. Input continues over lines while brackets
 * are open. Errors are reported against the line typed ({@code <repl>:1:col}) and never end the session.
 */
final class Repl {
  private static final Pattern BINDING = Pattern.compile("let\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*([^;]+)",
      Pattern.DOTALL);
  private static final String HELP = String.join("\n",
      "  EXPR                evaluate, print value : type",
      "  let NAME = EXPR     bind NAME for later expressions",
      "  :type EXPR          print the type only",
      "  :explain STAGE EXPR print a compile stage (" + String.join(", ", ExplainCommand.STAGES.keySet()) + ")",
      "  :engine jit|interp  where expressions run (now: %s)",
      "  :conf weld.k=v      set a weld.* key for later runs",
      "  :bindings, :reset   list / drop the bindings",
      "  :help, :quit");

  private final List<String> bindings = new ArrayList<>();
  private final List<String> confPairs = new ArrayList<>();
  private final PrintStream out;
  private Engine engine;
  private WeldConf conf;

  private Repl(PrintStream out, Engine engine, List<String> confPairs) {
    this.out = out;
    this.engine = engine;
    this.confPairs.addAll(confPairs);
    this.conf = Confs.of(confPairs);
  }

  static ExitCode run(List<String> words, PrintStream out, InputStream in) {
    Args args = Args.parse("repl", words, Set.of("--engine", "--conf"), Set.of());
    Repl repl = new Repl(out, Engine.parse(args.one("--engine", "jit")), args.all("--conf"));
    out.println("Weld REPL: type an expression, 'let x = expr' to bind, :help for commands, :quit to leave.");
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    try {
      StringBuilder pending = new StringBuilder();
      out.print("weld> ");
      out.flush();
      String line;
      while ((line = reader.readLine()) != null) {
        pending.append(pending.length() == 0 ? "" : "\n").append(line);
        if (openBrackets(pending) > 0) {
          out.print("....> ");
          out.flush();
          continue;
        }
        String input = pending.toString().strip();
        pending.setLength(0);
        if (input.equals(":quit") || input.equals(":q")) {
          break;
        }
        if (!input.isEmpty()) {
          repl.handle(input);
        }
        out.print("weld> ");
        out.flush();
      }
      out.println();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ExitCode.OK;
  }

  private void handle(String input) {
    try {
      if (input.startsWith(":")) {
        command(input);
        return;
      }
      Matcher m = BINDING.matcher(input);
      if (m.matches()) {
        String name = m.group(1);
        TypedProgram typed = check(m.group(2), "let " + name + " = ");
        bindings.add("let " + name + " = " + m.group(2).strip() + ";");
        out.println(name + ": " + Printer.printType(typed.resultType()));
        return;
      }
      TypedProgram typed = check(input, "");
      Engine.Result r = engine.run(program(input), typed, List.of(), conf);
      out.println(ValueText.format(r.value(), typed.resultType()) + " : " + Printer.printType(typed.resultType()));
    } catch (CliException e) {
      out.println(e.getMessage());
    } catch (WeldRuntimeException e) {
      out.println("runtime error " + e.kind() + ": " + e.getMessage());
    }
  }

  private void command(String input) {
    String[] parts = input.split("\\s+", 2);
    String rest = parts.length > 1 ? parts[1].strip() : "";
    switch (parts[0]) {
      case ":help", ":h" -> out.println(String.format(HELP, engine.name().toLowerCase(java.util.Locale.ROOT)));
      case ":type", ":t" -> out.println(Printer.printType(check(rest, ":type ").resultType()));
      case ":explain" -> {
        String[] stageAndExpr = rest.split("\\s+", 2);
        String stage = ExplainCommand.stages(stageAndExpr[0]).get(0);
        String expr = stageAndExpr.length > 1 ? stageAndExpr[1] : "";
        check(expr, ":explain " + stageAndExpr[0] + " ");
        out.println(ExplainCommand.stageText(program(expr), conf, stage));
      }
      case ":engine" -> {
        engine = Engine.parse(rest);
        out.println("engine: " + engine.name().toLowerCase(java.util.Locale.ROOT));
      }
      case ":conf" -> {
        List<String> pairs = new ArrayList<>(confPairs);
        pairs.add(rest);
        conf = Confs.of(pairs);
        confPairs.add(rest);
        out.println("conf: " + conf);
      }
      case ":bindings" -> bindings.forEach(out::println);
      case ":reset" -> {
        bindings.clear();
        out.println("bindings dropped");
      }
      default -> out.println("unknown command " + parts[0] + " (:help lists them)");
    }
  }

  private String program(String expr) {
    StringBuilder p = new StringBuilder("||\n");
    bindings.forEach(b -> p.append(b).append('\n'));
    return p.append(expr).toString();
  }

  /** Type-checks {@code expr} after the bindings; positions are reported on the line as typed. */
  private TypedProgram check(String expr, String typedPrefix) {
    if (expr.isBlank()) {
      throw CliException.usage("<repl>: an expression is missing");
    }
    String program = program(expr);
    int prefixLines = 1 + bindings.size();
    try {
      return WeldFrontEnd.compile(program);
    } catch (WeldCompileException e) {
      String kind = e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
      String where = "<repl>";
      if (e.span().isKnown() && e.span().line() > prefixLines) {
        int line = e.span().line() - prefixLines;
        int col = e.span().column() + (line == 1 ? typedPrefix.length() : 0);
        where = "<repl>:" + line + ":" + col;
      }
      throw new CliException(ExitCode.COMPILE_ERROR, where + ": " + kind + " error: " + e.detail(), e);
    }
  }

  /** Brackets still open at the end of {@code text}, outside string literals; negative when over-closed. */
  static int openBrackets(CharSequence text) {
    int open = 0;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '(' || c == '[' || c == '{') {
        open++;
      } else if (c == ')' || c == ']' || c == '}') {
        open--;
      }
    }
    return open;
  }
}

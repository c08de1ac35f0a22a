package dev.sparkweld.weld.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the tool in-process with captured streams, as a shell would see it. */
record Cli(ExitCode code, String out, String err) {
  static Cli exec(String... args) {
    return execWithInput("", args);
  }

  static Cli execWithInput(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ExitCode code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = WeldCli.execute(args, o, e, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    }
    return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}

package dev.sparkweld.weld;

import dev.sparkweld.runtime.jit.CodeDump;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.syntax.Printer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes a program at each compile stage to {@code weld.dump.dir}, one file per stage named after a hash of the
 * program: {@code .weld} (source), {@code .weldopt} (typed, after the optimizer), {@code .ll} (LLVM IR as
 * generated), {@code .opt.ll} (after the pass pipeline), {@code .s} (assembly). {@code weld.dump.formats} picks
 * the stages.
 */
final class CodeDumps {
  private CodeDumps() {}

  static boolean enabled(WeldConf conf) {
    return !conf.get(WeldConf.DUMP_DIR).isBlank();
  }

  static void write(WeldConf conf, String name, String source, TypedProgram typed, CodeDump code) {
    Set<String> formats = Arrays.stream(conf.get(WeldConf.DUMP_FORMATS).split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    Path dir = Path.of(conf.get(WeldConf.DUMP_DIR));
    try {
      Files.createDirectories(dir);
      write(dir, formats, "weld", name + ".weld", source);
      write(dir, formats, "weldopt", name + ".weldopt", Printer.printPretty(typed.body()));
      if (code != null) {
        write(dir, formats, "llvm", name + ".ll", code.irBefore());
        write(dir, formats, "llvmopt", name + ".opt.ll", code.irAfter());
        write(dir, formats, "assembly", name + ".s", code.assembly());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write code dumps to " + dir, e);
    }
  }

  private static void write(Path dir, Set<String> formats, String format, String file, String text)
      throws IOException {
    if (formats.contains(format) && text != null) {
      Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
    }
  }
}

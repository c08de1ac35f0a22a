package dev.sparkweld.weld.cli;

import dev.sparkweld.weld.WeldModule;
import dev.sparkweld.weld.conf.WeldConf;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code weld explain FILE [--stage ...]} prints a program at each compile stage; {@code weld dump FILE --dir D}
 * writes them as files. Both compile exactly as a run does, with {@code weld.dump.dir} pointing at a directory,
 * so what is shown is what the compiler's own dumps ({@code weld.dump.*}) contain, whatever passes the pipeline
 * gains; the compile cache is bypassed so that the dumps are always written.
 */
final class ExplainCommand {
  /** Stage name to the dump file's suffix (CodeDumps' naming). */
  static final Map<String, String> STAGES = new LinkedHashMap<>();

  static {
    STAGES.put("weld", ".weld");
    STAGES.put("weldopt", ".weldopt");
    STAGES.put("llvm", ".ll");
    STAGES.put("llvmopt", ".opt.ll");
    STAGES.put("assembly", ".s");
  }

  private ExplainCommand() {}

  static ExitCode explain(List<String> words, PrintStream out, InputStream in) {
    Args args = Args.parse("explain", words, Set.of("--stage", "--conf"), Set.of());
    String file = single("explain", args);
    List<String> stages = stages(args.one("--stage", "all"));
    String source = Sources.read(file, in);
    CheckCommand.frontEnd(file, source);
    Path dir = tempDir();
    try {
      compileWithDumps(source, Confs.of(args.all("--conf")), dir, stages);
      for (String stage : stages) {
        String text = readDump(dir, STAGES.get(stage));
        if (stages.size() > 1) {
          out.println(";; ===== " + stage + " =====");
        }
        out.println(text == null ? ";; (not produced)" : text.stripTrailing());
      }
    } finally {
      deleteTree(dir);
    }
    return ExitCode.OK;
  }

  static ExitCode dump(List<String> words, PrintStream out, InputStream in) {
    Args args = Args.parse("dump", words, Set.of("--stage", "--conf", "--dir"), Set.of());
    String file = single("dump", args);
    String dirText = args.one("--dir", null);
    if (dirText == null) {
      throw CliException.usage("dump: --dir DIR is required (weld explain prints to the terminal instead)");
    }
    List<String> stages = stages(args.one("--stage", "all"));
    String source = Sources.read(file, in);
    CheckCommand.frontEnd(file, source);
    Path dir = Path.of(dirText);
    // Files are named after a hash of the program: list those this compile wrote, including rewritten ones.
    long start = System.currentTimeMillis() - 2000;
    compileWithDumps(source, Confs.of(args.all("--conf")), dir, stages);
    for (Path p : list(dir)) {
      if (p.toFile().lastModified() >= start) {
        out.println(p);
      }
    }
    return ExitCode.OK;
  }

  /** The text of {@code stage} for a program: what {@code :explain} in the REPL prints. */
  static String stageText(String source, WeldConf conf, String stage) {
    Path dir = tempDir();
    try {
      compileWithDumps(source, conf, dir, List.of(stage));
      String text = readDump(dir, STAGES.get(stage));
      return text == null ? ";; (not produced)" : text.stripTrailing();
    } finally {
      deleteTree(dir);
    }
  }

  static List<String> stages(String text) {
    if (text.equals("all")) {
      return List.copyOf(STAGES.keySet());
    }
    List<String> out = new ArrayList<>();
    for (String s : text.split(",")) {
      String stage = s.strip();
      if (!STAGES.containsKey(stage)) {
        throw CliException.usage("--stage %s: expected all or a list of %s", stage, String.join(",", STAGES.keySet()));
      }
      out.add(stage);
    }
    return out;
  }

  private static void compileWithDumps(String source, WeldConf conf, Path dir, List<String> stages) {
    WeldConf dumping = conf.with(WeldConf.DUMP_DIR, dir.toString())
        .with(WeldConf.DUMP_FORMATS, String.join(",", stages))
        .with(WeldConf.COMPILE_CACHE_SIZE, 0);
    try {
      WeldModule.compile(source, dumping).close();
    } catch (UncheckedIOException e) {
      throw CliException.input("cannot write the dumps to %s: %s", dir, e.getCause().getMessage());
    }
  }

  private static String single(String command, Args args) {
    if (args.positional().size() != 1) {
      throw CliException.usage("%s: expected one program file, got %d", command, args.positional().size());
    }
    return args.positional().get(0);
  }

  private static String readDump(Path dir, String suffix) {
    // ".ll" is also the end of ".opt.ll": match the whole suffix after the name.
    for (Path p : list(dir)) {
      String name = p.getFileName().toString();
      boolean isOpt = name.endsWith(".opt.ll");
      if (name.endsWith(suffix) && (!suffix.equals(".ll") || !isOpt)) {
        try {
          return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return null;
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw CliException.input("%s: cannot list: %s", dir, e.getMessage());
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("weld-explain");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is harmless; the explain output was already printed.
    }
  }
}

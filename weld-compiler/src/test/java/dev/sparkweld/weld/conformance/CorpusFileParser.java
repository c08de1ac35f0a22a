package dev.sparkweld.weld.conformance;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.weld.conformance.CorpusFile.CompileError;
import dev.sparkweld.weld.conformance.CorpusFile.Expectation;
import dev.sparkweld.weld.conformance.CorpusFile.Position;
import dev.sparkweld.weld.conformance.CorpusFile.RuntimeError;
import dev.sparkweld.weld.diag.CompileErrorKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads the corpus file format: an optional {@code #} description, then sections introduced by {@code === name}
 * lines. A malformed file is an {@link IllegalArgumentException} naming the file and line, so a typo in the corpus
 * fails its own test instead of passing silently.
 */
public final class CorpusFileParser {
  private static final String SECTION = "=== ";

  private CorpusFileParser() {}

  public static CorpusFile parse(String path, String text) {
    String area = path.contains("/") ? path.substring(0, path.indexOf('/')) : "";
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    StringBuilder description = new StringBuilder();
    Map<String, List<String>> sections = new LinkedHashMap<>();
    Map<String, Integer> sectionLine = new LinkedHashMap<>();
    List<String> current = null;
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n];
      if (line.startsWith(SECTION)) {
        String header = line.substring(SECTION.length()).trim();
        String name = header.contains(" ") ? header.substring(0, header.indexOf(' ')) : header;
        if (sections.keySet().stream().anyMatch(h -> h.split(" ")[0].equals(name))) {
          throw error(path, n + 1, "duplicate section '" + name + "'");
        }
        current = new ArrayList<>();
        sections.put(header, current);
        sectionLine.put(header, n + 1);
      } else if (current != null) {
        current.add(line);
      } else if (line.startsWith("#")) {
        description.append(line.substring(1).trim()).append('\n');
      } else if (!line.isBlank()) {
        throw error(path, n + 1, "text before the first section must be '#' comments");
      }
    }
    String program = null;
    List<String> args = List.of();
    Expectation expectation = null;
    Map<String, String> conf = new LinkedHashMap<>();
    OptionalDouble tolerance = OptionalDouble.empty();
    for (Map.Entry<String, List<String>> e : sections.entrySet()) {
      String header = e.getKey();
      String[] words = header.split("\\s+");
      int line = sectionLine.get(header);
      String body = join(e.getValue());
      switch (words[0]) {
        case "program" -> program = body;
        case "args" -> args = splitValues(path, line, e.getValue());
        case "expect" -> expectation = checkSingle(path, line, expectation, new CorpusFile.Value(body.strip()));
        case "runtime-error" -> expectation = checkSingle(path, line, expectation,
            new RuntimeError(parseEnum(ErrorKind.class, path, line, words)));
        case "compile-error" -> expectation = checkSingle(path, line, expectation, new CompileError(
            parseEnum(CompileErrorKind.class, path, line, words), parsePosition(path, line, words), body.strip()));
        case "conf" -> conf.putAll(parseConf(path, line, e.getValue()));
        case "tolerance" -> tolerance = OptionalDouble.of(parseTolerance(path, line, body));
        default -> throw error(path, line, "unknown section '" + words[0] + "'");
      }
    }
    if (program == null || program.isBlank() && !(expectation instanceof CompileError)) {
      throw error(path, 1, "no program section");
    }
    if (expectation == null) {
      throw error(path, 1, "no expect, runtime-error or compile-error section");
    }
    return new CorpusFile(path, area, description.toString().strip(), program, args, expectation, conf, tolerance);
  }

  /**
   * Splits an {@code args} section into values: each value starts on a new line and continues over further lines
   * while brackets ({@code [ { ( <}) are open; brackets inside string literals do not count.
   */
  static List<String> splitValues(String path, int sectionLine, List<String> lines) {
    List<String> values = new ArrayList<>();
    StringBuilder value = new StringBuilder();
    int depth = 0;
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (depth == 0 && line.isBlank()) {
        continue;
      }
      if (value.length() > 0) {
        value.append('\n');
      }
      value.append(line);
      depth += bracketBalance(line);
      if (depth < 0) {
        throw error(path, sectionLine + 1 + n, "unbalanced closing bracket in args");
      }
      if (depth == 0) {
        values.add(value.toString().strip());
        value.setLength(0);
      }
    }
    if (depth != 0) {
      throw error(path, sectionLine, "unclosed bracket in args");
    }
    return values;
  }

  private static int bracketBalance(String line) {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '[' || c == '{' || c == '(' || c == '<') {
        depth++;
      } else if (c == ']' || c == '}' || c == ')' || c == '>') {
        depth--;
      }
    }
    return depth;
  }

  private static Expectation checkSingle(String path, int line, Expectation old, Expectation now) {
    if (old != null) {
      throw error(path, line, "more than one of expect, runtime-error and compile-error");
    }
    return now;
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String path, int line, String[] words) {
    if (words.length < 2) {
      throw error(path, line, words[0] + " needs a kind");
    }
    try {
      return Enum.valueOf(type, words[1]);
    } catch (IllegalArgumentException e) {
      throw error(path, line, "unknown " + type.getSimpleName() + " '" + words[1] + "'");
    }
  }

  private static Optional<Position> parsePosition(String path, int line, String[] words) {
    if (words.length < 3) {
      return Optional.empty();
    }
    String[] parts = words[2].split(":");
    try {
      return Optional.of(new Position(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
    } catch (RuntimeException e) {
      throw error(path, line, "bad position '" + words[2] + "', expected line:column");
    }
  }

  private static Map<String, String> parseConf(String path, int line, List<String> lines) {
    Map<String, String> conf = new LinkedHashMap<>();
    for (int n = 0; n < lines.size(); n++) {
      String l = lines.get(n).strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int eq = l.indexOf('=');
      if (eq <= 0) {
        throw error(path, line + 1 + n, "conf lines are key=value");
      }
      conf.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
    }
    return conf;
  }

  private static double parseTolerance(String path, int line, String body) {
    try {
      double t = Double.parseDouble(body.strip());
      if (!(t >= 0)) {
        throw new NumberFormatException();
      }
      return t;
    } catch (NumberFormatException e) {
      throw error(path, line, "tolerance must be a non-negative number");
    }
  }

  private static String join(List<String> lines) {
    int end = lines.size();
    while (end > 0 && lines.get(end - 1).isBlank()) {
      end--;
    }
    return String.join("\n", lines.subList(0, end));
  }

  private static IllegalArgumentException error(String path, int line, String message) {
    return new IllegalArgumentException(path + ":" + line + ": " + message);
  }
}

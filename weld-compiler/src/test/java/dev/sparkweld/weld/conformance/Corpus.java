package dev.sparkweld.weld.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The conformance corpus on disk: every {@code *.test} file below the {@code conformance} test resource folder (or
 * the folder named by the system property {@code weld.corpus.dir}), in path order.
 */
public final class Corpus {
  public static final String RESOURCE = "conformance";

  private Corpus() {}

  public static Path root() {
    String override = System.getProperty("weld.corpus.dir");
    if (override != null && !override.isBlank()) {
      return Paths.get(override);
    }
    URL url = Corpus.class.getClassLoader().getResource(RESOURCE);
    if (url == null) {
      throw new IllegalStateException("test resource folder '" + RESOURCE + "' not on the classpath");
    }
    try {
      return Paths.get(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Paths of all corpus files relative to the root, with {@code /} separators, sorted. */
  public static List<String> paths() {
    Path root = root();
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".test"))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads and parses one file (malformed files throw {@link IllegalArgumentException}). */
  public static CorpusFile load(String path) {
    try {
      return CorpusFileParser.parse(path, Files.readString(root().resolve(path), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<CorpusFile> loadAll() {
    return paths().stream().map(Corpus::load).collect(Collectors.toList());
  }
}

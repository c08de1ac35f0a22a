package dev.sparkweld.weld.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Claims about the corpus as a whole: its size and spread, and that every file is well formed. */
class CorpusInventoryTest {

  @Test
  void corpusHasAtLeast200ProgramsAcross15Areas() {
    List<CorpusFile> files = Corpus.loadAll();
    Map<String, Long> perArea = new TreeMap<>(files.stream()
        .collect(Collectors.groupingBy(CorpusFile::area, Collectors.counting())));
    assertThat(files).hasSizeGreaterThanOrEqualTo(200);
    assertThat(perArea).hasSizeGreaterThanOrEqualTo(15);
    assertThat(perArea).doesNotContainKey("");
  }

  @Test
  void everyRuntimeErrorKindTheInterpreterRaisesIsCovered() {
    List<String> kinds = Corpus.loadAll().stream()
        .map(CorpusFile::expectation)
        .filter(e -> e instanceof CorpusFile.RuntimeError)
        .map(e -> ((CorpusFile.RuntimeError) e).kind().name())
        .distinct()
        .collect(Collectors.toList());
    assertThat(kinds).contains("OUT_OF_BOUNDS", "KEY_NOT_FOUND", "BAD_ITERATOR", "ASSERTION_FAILED",
        "INTEGER_OVERFLOW", "DIVIDE_BY_ZERO", "BAD_SERIALIZED_DATA");
  }

  @Test
  void argsSplitOnLinesWhileBracketsAreOpen() {
    CorpusFile f = CorpusFileParser.parse("a/b.test", String.join("\n",
        "# two args, one over two lines",
        "=== program", "|v: vec[i32], s: vec[i8]| len(v)",
        "=== args", "[1,", " 2]", "", "\"a]\"",
        "=== expect", "2"));
    assertThat(f.args()).containsExactly("[1,\n 2]", "\"a]\"");
    assertThat(f.area()).isEqualTo("a");
    assertThat(f.description()).isEqualTo("two args, one over two lines");
  }

  @Test
  void compileErrorSectionCarriesKindPositionAndMessage() {
    CorpusFile f = CorpusFileParser.parse("p/x.test", String.join("\n",
        "=== program", "1 +", "=== compile-error PARSE 1:4", "expected"));
    assertThat(f.expectation()).isEqualTo(new CorpusFile.CompileError(
        dev.sparkweld.weld.diag.CompileErrorKind.PARSE,
        java.util.Optional.of(new CorpusFile.Position(1, 4)), "expected"));
  }
}

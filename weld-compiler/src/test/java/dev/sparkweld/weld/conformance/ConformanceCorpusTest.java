package dev.sparkweld.weld.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The whole corpus on the reference interpreter, one dynamic test per file. */
class ConformanceCorpusTest {
  private final Backend backend = new InterpreterBackend();

  @TestFactory
  Stream<DynamicTest> corpus() {
    return Corpus.paths().stream().map(path ->
        DynamicTest.dynamicTest(path, () -> CorpusCheck.check(Corpus.load(path), backend)));
  }
}

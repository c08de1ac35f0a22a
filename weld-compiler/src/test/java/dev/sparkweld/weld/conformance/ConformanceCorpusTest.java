package dev.sparkweld.weld.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The whole corpus on every backend, one dynamic test per file and backend. */
class ConformanceCorpusTest {
  @TestFactory
  Stream<DynamicTest> interpreter() {
    return on(new InterpreterBackend());
  }

  @TestFactory
  Stream<DynamicTest> jit() {
    return on(new JitBackend());
  }

  private static Stream<DynamicTest> on(Backend backend) {
    return Corpus.paths().stream().map(path ->
        DynamicTest.dynamicTest(path, () -> CorpusCheck.check(Corpus.load(path), backend)));
  }
}

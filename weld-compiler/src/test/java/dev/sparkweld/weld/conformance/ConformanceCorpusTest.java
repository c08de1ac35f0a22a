package dev.sparkweld.weld.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole corpus on every backend, one dynamic test per file and backend; the JIT also in the parallel runtime's
 * matrix of thread counts with grains so small that every loop of more than a few iterations is split.
 */
class ConformanceCorpusTest {
  @TestFactory
  Stream<DynamicTest> interpreter() {
    return on(new InterpreterBackend());
  }

  @TestFactory
  Stream<DynamicTest> jit() {
    return on(new JitBackend());
  }

  @TestFactory
  Stream<DynamicTest> jitParallel() {
    return Stream.of(new JitBackend(1, 1), new JitBackend(2, 1), new JitBackend(4, 2), new JitBackend(8, 1))
        .flatMap(ConformanceCorpusTest::on);
  }

  private static Stream<DynamicTest> on(Backend backend) {
    return Corpus.paths().stream().map(path ->
        DynamicTest.dynamicTest(backend.name() + " " + path, () -> CorpusCheck.check(Corpus.load(path), backend)));
  }
}

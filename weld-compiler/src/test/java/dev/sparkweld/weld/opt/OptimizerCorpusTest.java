package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.conformance.Backend;
import dev.sparkweld.weld.conformance.Corpus;
import dev.sparkweld.weld.conformance.CorpusCheck;
import dev.sparkweld.weld.conformance.CorpusFile;
import dev.sparkweld.weld.conformance.InterpreterBackend;
import dev.sparkweld.weld.conformance.JitBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every conformance program gives its expected result (or error) under every optimizer pipeline: on the interpreter
 * under no passes, the default, each pass alone and two random pass lists per file; on the JIT (whose default
 * pipeline ConformanceCorpusTest covers) under no passes and one more pipeline per file, rotating through the single
 * passes and random lists so that the whole corpus sees every pass on the JIT too.
 */
class OptimizerCorpusTest {
  @TestFactory
  Stream<DynamicTest> interpreterUnderEveryPipeline() {
    return Corpus.paths().stream().map(path -> DynamicTest.dynamicTest(path, () -> {
      CorpusFile file = Corpus.load(path);
      if (!file.compiles()) {
        return;
      }
      Random r = new Random(path.hashCode());
      List<String> pipelines = new ArrayList<>(Pipelines.fixed());
      pipelines.add(Pipelines.random(r));
      pipelines.add(Pipelines.random(r));
      for (String p : pipelines) {
        CorpusCheck.check(file, new PipelineBackend(new InterpreterBackend(), p, true));
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> jitUnderSampledPipelines() {
    List<String> paths = Corpus.paths();
    List<String> fixed = Pipelines.fixed();
    Backend jit = new JitBackend();
    return java.util.stream.IntStream.range(0, paths.size()).mapToObj(i -> {
      String path = paths.get(i);
      int slot = i % (fixed.size() + 1);
      String sampled = slot < fixed.size() ? fixed.get(slot) : Pipelines.random(new Random(path.hashCode()));
      return DynamicTest.dynamicTest(path + " [" + sampled + "]", () -> {
        CorpusFile file = Corpus.load(path);
        if (!file.compiles()) {
          return;
        }
        CorpusCheck.check(file, new PipelineBackend(jit, "none", false));
        CorpusCheck.check(file, new PipelineBackend(jit, sampled, false));
      });
    });
  }
}

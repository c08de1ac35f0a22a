package dev.sparkweld.weld.opt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.WeldFrontEnd;
import dev.sparkweld.weld.WeldModule;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.conformance.Corpus;
import dev.sparkweld.weld.conformance.CorpusFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The default optimizer pipeline takes at most 10% of total compile time (front end + optimizer + LLVM) over the
 * corpus (every third program, after one warm-up round so the JVM's own JIT is not what is measured). Per-pass times
 * go to target/optimizer-compile-time.txt.
 */
class OptimizerCompileTimeTest {
  @Test
  void optimizerTakesAtMostATenthOfCompileTime() throws Exception {
    List<CorpusFile> files = new ArrayList<>();
    List<String> paths = Corpus.paths();
    for (int i = 0; i < paths.size(); i += 3) {
      CorpusFile f = Corpus.load(paths.get(i));
      if (f.compiles()) {
        files.add(f);
      }
    }
    for (CorpusFile f : files) {
      Optimizer.optimize(WeldFrontEnd.compile(f.program()), f.weldConf());
    }
    long frontEnd = 0;
    long optimizer = 0;
    long llvm = 0;
    Map<String, long[]> perPass = new TreeMap<>();
    for (CorpusFile f : files) {
      long t0 = System.nanoTime();
      TypedProgram p = WeldFrontEnd.compile(f.program());
      frontEnd += System.nanoTime() - t0;
      WeldConf conf = f.weldConf().with(WeldConf.COMPILE_CACHE_SIZE, 0);
      try (WeldModule m = WeldModule.compile(p, conf)) {
        optimizer += m.optimizerStats().totalNanos();
        llvm += m.stats().totalNanos();
        for (OptimizerStats.PassRun r : m.optimizerStats().runs()) {
          long[] acc = perPass.computeIfAbsent(r.pass(), k -> new long[2]);
          acc[0] += r.nanos();
          acc[1] += r.changes();
        }
      }
    }
    long total = frontEnd + optimizer + llvm;
    StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
        "%d programs: front end %.1f ms, optimizer %.1f ms (%.2f%%), LLVM %.1f ms%n", files.size(), frontEnd / 1e6,
        optimizer / 1e6, 100.0 * optimizer / total, llvm / 1e6));
    perPass.forEach((name, acc) -> report.append(String.format(Locale.ROOT, "  %-18s %8.2f ms  %5d rewrites%n",
        name, acc[0] / 1e6, acc[1])));
    Files.writeString(Path.of("target", "optimizer-compile-time.txt"), report);
    System.out.print(report);
    assertThat(optimizer).as(report.toString()).isLessThanOrEqualTo(total / 10);
  }
}

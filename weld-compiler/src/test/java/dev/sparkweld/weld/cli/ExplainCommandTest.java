package dev.sparkweld.weld.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {
  @TempDir
  Path dir;

  private String program() throws Exception {
    Path p = dir.resolve("sum.weld");
    Files.writeString(p, "|v: vec[i64]| result(for(v, merger[i64,+], |b, i, x| merge(b, x)))");
    return p.toString();
  }

  @Test
  void explainPrintsEveryStageFromWeldToAssembly() throws Exception {
    Cli r = Cli.exec("explain", program());
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isEqualTo(ExitCode.OK);
    assertThat(r.out()).contains(";; ===== weld =====", ";; ===== weldopt =====", ";; ===== llvm =====",
        ";; ===== llvmopt =====", ";; ===== assembly =====");
    assertThat(r.out()).contains("merger[i64,+]").contains("define").contains("weld_kernel");
    String llvm = r.out().substring(r.out().indexOf(";; ===== llvm ====="), r.out().indexOf(";; ===== llvmopt"));
    assertThat(llvm).contains("define");
  }

  @Test
  void oneStageIsPrintedWithoutHeaders() throws Exception {
    Cli r = Cli.exec("explain", program(), "--stage", "llvmopt");
    assertThat(r.out()).doesNotContain(";; =====").contains("define");
  }

  @Test
  void dumpWritesTheStagesAsFilesAndListsThem() throws Exception {
    Path out = dir.resolve("dumps");
    Cli r = Cli.exec("dump", program(), "--dir", out.toString(), "--stage", "weld,llvm,assembly");
    assertThat(r.code()).isEqualTo(ExitCode.OK);
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString().replaceAll("^weld-[0-9a-f]+", "")).sorted())
          .containsExactly(".ll", ".s", ".weld");
    }
    assertThat(r.out().lines()).hasSize(3);
  }

  @Test
  void badStagesMissingDirectoriesAndBadProgramsFailClearly() throws Exception {
    assertThat(Cli.exec("explain", program(), "--stage", "bytecode").err()).contains("--stage bytecode: expected");
    assertThat(Cli.exec("dump", program()).code()).isEqualTo(ExitCode.USAGE);
    Path bad = dir.resolve("bad.weld");
    Files.writeString(bad, "|x: i64| x +");
    Cli r = Cli.exec("explain", bad.toString());
    assertThat(r.code()).isEqualTo(ExitCode.COMPILE_ERROR);
    assertThat(r.err()).startsWith(bad + ":1:");
    assertThat(Cli.exec("explain", dir.resolve("none.weld").toString()).code()).isEqualTo(ExitCode.INPUT_ERROR);
  }
}

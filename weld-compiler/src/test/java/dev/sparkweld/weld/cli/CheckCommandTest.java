package dev.sparkweld.weld.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  @TempDir
  Path dir;

  private String write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p.toString();
  }

  @Test
  void aValidProgramPrintsItsSignatureAndExitsZero() throws Exception {
    String f = write("sum.weld", "|v: vec[i64], t: i64|\n  result(for(v, merger[i64,+], |b,i,x| merge(b, x + t)))\n");
    Cli r = Cli.exec("check", f);
    assertThat(r.code()).isEqualTo(ExitCode.OK);
    assertThat(r.out()).isEqualTo(f + ": ok: |v: vec[i64], t: i64| -> i64\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void aParseErrorIsReportedAsFileLineColumnWithExitCodeOne() throws Exception {
    String f = write("bad.weld", "|x: i64|\n  x +* 2\n");
    Cli r = Cli.exec("check", f);
    assertThat(r.code()).isEqualTo(ExitCode.COMPILE_ERROR);
    assertThat(r.code().status()).isEqualTo(1);
    assertThat(r.err()).startsWith(f + ":2:6: parse error: ");
  }

  @Test
  void aTypeErrorCarriesItsPositionToo() throws Exception {
    String f = write("type.weld", "|x: i64, y: i32|\n\n  x + y\n");
    Cli r = Cli.exec("check", f);
    assertThat(r.code()).isEqualTo(ExitCode.COMPILE_ERROR);
    assertThat(r.err()).matches("(?s)" + java.util.regex.Pattern.quote(f) + ":3:\\d+: type mismatch error: .*");
  }

  @Test
  void aMissingFileIsAnInputErrorNamingTheFile() {
    Cli r = Cli.exec("check", dir.resolve("nope.weld").toString());
    assertThat(r.code()).isEqualTo(ExitCode.INPUT_ERROR);
    assertThat(r.err()).isEqualTo(dir.resolve("nope.weld") + ": no such file\n");
  }

  @Test
  void everyFileIsCheckedAndTheWorstFailureDecidesTheExitCode() throws Exception {
    String ok = write("ok.weld", "|x: i64| x + 1L");
    String bad = write("bad.weld", "|x: i64| x +");
    Cli r = Cli.exec("check", bad, ok);
    assertThat(r.code()).isEqualTo(ExitCode.COMPILE_ERROR);
    assertThat(r.out()).contains(ok + ": ok: |x: i64| -> i64");
    assertThat(r.err()).startsWith(bad + ":1:");
  }

  @Test
  void standardInputIsReadForADash() {
    Cli r = Cli.execWithInput("|| 1 + 2", "check", "-");
    assertThat(r.code()).isEqualTo(ExitCode.OK);
    assertThat(r.out()).isEqualTo("-: ok: || -> i32\n");
  }

  @Test
  void noArgumentsUnknownCommandsAndUnknownOptionsAreUsageErrors() {
    assertThat(Cli.exec().code()).isEqualTo(ExitCode.USAGE);
    Cli unknown = Cli.exec("frobnicate");
    assertThat(unknown.code().status()).isEqualTo(64);
    assertThat(unknown.err()).contains("unknown command 'frobnicate'").contains("usage: weld");
    Cli option = Cli.exec("check", "--fast", "x.weld");
    assertThat(option.code()).isEqualTo(ExitCode.USAGE);
    assertThat(option.err()).contains("unknown option --fast");
    assertThat(Cli.exec("check").code()).isEqualTo(ExitCode.USAGE);
    assertThat(Cli.exec("help").code()).isEqualTo(ExitCode.OK);
  }
}

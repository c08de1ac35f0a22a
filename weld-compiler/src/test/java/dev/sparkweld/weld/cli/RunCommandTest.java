package dev.sparkweld.weld.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunCommandTest {
  private static final String FILTERED_SUM =
      "|v: vec[i64], t: i64|\n  result(for(v, merger[i64,+], |b, i, x| if(x > t, merge(b, x), b)))\n";

  @TempDir
  Path dir;

  private String write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"jit", "interp"})
  void positionalValueTextArgumentsFillTheParametersInOrder(String engine) throws Exception {
    Cli r = Cli.exec("run", write("p.weld", FILTERED_SUM), "[1, 5, -3, 7]", "2", "--engine", engine);
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isEqualTo(ExitCode.OK);
    assertThat(r.out()).isEqualTo("12\n");
  }

  @Test
  void csvColumnsBindVectorParametersByNameAndStringsBecomeBytes() throws Exception {
    String program = write("p.weld", "|price: vec[f64], name: vec[vec[u8]], qty: vec[i32]|\n"
        + "  {result(for(zip(price, qty), merger[f64,+], |b,i,x| merge(b, x.$0 * f64(x.$1)))), lookup(name, 1L)}");
    String csv = write("t.csv", "qty,name,price,unused\n2,plain,1.5,x\n3,\"with, comma \"\"q\"\"\",2.0,y\n");
    Cli jit = Cli.exec("run", program, "--csv", csv);
    assertThat(jit.err()).isEmpty();
    assertThat(jit.out()).isEqualTo("{9.0, \"with, comma \\\"q\\\"\"}\n");
    assertThat(Cli.exec("run", program, "--csv", csv, "--engine", "interp").out()).isEqualTo(jit.out());
  }

  @Test
  void tabSeparatedFilesUseTheDelimiterOption() throws Exception {
    String csv = write("t.tsv", "v\tother\n4\ta\n9\tb\n");
    Cli r = Cli.exec("run", write("p.weld", FILTERED_SUM), "--csv", csv, "--delimiter", "tab", "--arg", "t=5");
    assertThat(r.out()).isEqualTo("9\n");
  }

  @Test
  void jsonObjectsBindParametersAndRowArraysBindColumns() throws Exception {
    String program = write("p.weld", FILTERED_SUM);
    Cli object = Cli.exec("run", program, "--json", write("a.json", "{\"v\": [1, 2, 3], \"t\": 1}"));
    assertThat(object.out()).isEqualTo("5\n");
    Cli rows = Cli.exec("run", program, "--json", write("r.json", "[{\"v\": 10}, {\"v\": 20}]"), "--arg", "t=0");
    assertThat(rows.out()).isEqualTo("30\n");
  }

  @Test
  void jsonStructsAndDictsFollowTheParameterTypes() throws Exception {
    String program = write("p.weld",
        "|s: {i64, vec[u8]}, d: dict[vec[u8], f64], big: u64|\n  {s.$0, lookup(d, s.$1), big}");
    String json = write("a.json",
        "{\"s\": [7, \"k\"], \"d\": {\"k\": 2.5, \"z\": -1e3}, \"big\": 18446744073709551615}");
    Cli r = Cli.exec("run", program, "--json", json);
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("{7, 2.5, 18446744073709551615}\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"snappy", "gzip", "plain"})
  void parquetColumnsWrittenBySparkAreReadForEveryCodec(String codec) throws Exception {
    String file = Path.of(getClass().getResource("/cli/sample-" + codec + ".parquet").toURI()).toString();
    String program = write("p.weld", "|id: vec[i32], big: vec[i64], price: vec[f64], even: vec[bool],"
        + " name: vec[vec[u8]], amount: vec[i64], wide: vec[i128], day: vec[i32]|\n"
        + "  {len(id), lookup(big, 9L), lookup(price, 3L), lookup(even, 2L), lookup(name, 4L), lookup(amount, 5L),"
        + " lookup(wide, 6L), lookup(day, 0L)}");
    Cli r = Cli.exec("run", program, "--parquet", file);
    assertThat(r.err()).isEmpty();
    // Decimals bind as unscaled integers; dates as days since 1970-01-01 (2020-01-01 is day 18262).
    assertThat(r.out()).isEqualTo("{10, 9000000000, 0.75, true, \"item-1\", 50000, 600, 18262}\n");
  }

  @Test
  void aParquetNullIsAnInputErrorOnlyForAColumnTheProgramReads() throws Exception {
    String file = Path.of(getClass().getResource("/cli/sample-snappy.parquet").toURI()).toString();
    Cli r = Cli.exec("run", write("p.weld", "|gappy: vec[i64]| len(gappy)"), "--parquet", file);
    assertThat(r.code()).isEqualTo(ExitCode.INPUT_ERROR);
    assertThat(r.err()).contains("column gappy: value 3 is null");
  }

  @Test
  void aFileThatIsNotParquetIsAnInputError() throws Exception {
    Cli r = Cli.exec("run", write("p.weld", FILTERED_SUM), "--parquet", write("x.parquet", "PAR1 not really PAR1"));
    assertThat(r.code()).isEqualTo(ExitCode.INPUT_ERROR);
    assertThat(r.err()).contains("not a readable Parquet file");
  }

  @Test
  void aRuntimeErrorExitsWithCodeTwoAndNamesItsKind() throws Exception {
    Cli r = Cli.exec("run", write("p.weld", "|v: vec[i64]| lookup(v, 10L)"), "[1, 2]");
    assertThat(r.code()).isEqualTo(ExitCode.RUNTIME_ERROR);
    assertThat(r.err()).contains("runtime error OUT_OF_BOUNDS");
  }

  @Test
  void aParseErrorInTheProgramStopsTheRunWithItsPosition() throws Exception {
    String f = write("p.weld", "|v: vec[i64]|\n  len(v");
    Cli r = Cli.exec("run", f, "[1]");
    assertThat(r.code()).isEqualTo(ExitCode.COMPILE_ERROR);
    assertThat(r.err()).startsWith(f + ":2:");
  }

  @Test
  void badInputsAreInputErrorsThatSayWhatIsWrong() throws Exception {
    String program = write("p.weld", FILTERED_SUM);
    Cli missing = Cli.exec("run", program, "[1]");
    assertThat(missing.code()).isEqualTo(ExitCode.INPUT_ERROR);
    assertThat(missing.err()).contains("no value for t: i64");

    Cli badText = Cli.exec("run", program, "[1, x]", "1");
    assertThat(badText.code()).isEqualTo(ExitCode.INPUT_ERROR);
    assertThat(badText.err()).contains("--arg v:").contains("vec[i64]");

    Cli badCell = Cli.exec("run", program, "--csv", write("t.csv", "v\n1\nabc\n"), "--arg", "t=0");
    assertThat(badCell.code()).isEqualTo(ExitCode.INPUT_ERROR);
    assertThat(badCell.err()).contains("t.csv:3: column v: 'abc' is not a i64");

    Cli ragged = Cli.exec("run", program, "--csv", write("r.csv", "v,w\n1\n"), "--arg", "t=0");
    assertThat(ragged.err()).contains("r.csv:2: 1 fields, the header has 2");

    Cli badJson = Cli.exec("run", program, "--json", write("b.json", "{\"v\": [1,\n 2,,]}"));
    assertThat(badJson.code()).isEqualTo(ExitCode.INPUT_ERROR);
    assertThat(badJson.err()).contains("b.json:2:4:");

    Cli jsonType = Cli.exec("run", program, "--json", write("c.json", "{\"v\": [1, 2.5], \"t\": 0}"));
    assertThat(jsonType.err()).contains("v[1]: '2.5' is not a i64");

    Cli jsonNull = Cli.exec("run", program, "--json", write("n.json", "{\"v\": [1, null], \"t\": 0}"));
    assertThat(jsonNull.err()).contains("v[1]: null");

    Cli twice = Cli.exec("run", program, "[1]", "--arg", "t=1", "--json", write("t.json", "{\"t\": 2}"));
    assertThat(twice.err()).contains("parameter t is given twice");

    Cli noColumn = Cli.exec("run", program, "--csv", write("o.csv", "a,b\n1,2\n"));
    assertThat(noColumn.err()).contains("none of its columns (a, b) is a parameter");

    Cli noFile = Cli.exec("run", program, "--csv", dir.resolve("absent.csv").toString());
    assertThat(noFile.code()).isEqualTo(ExitCode.INPUT_ERROR);
    assertThat(noFile.err()).contains("absent.csv: no such file");
  }

  @Test
  void confKeysAreCheckedAndApplied() throws Exception {
    String program = write("p.weld", "|x: i64| x + 9223372036854775807L");
    assertThat(Cli.exec("run", program, "1").out()).isEqualTo("-9223372036854775808\n");
    Cli checked = Cli.exec("run", program, "1", "--conf", "weld.overflow=check");
    assertThat(checked.code()).isEqualTo(ExitCode.RUNTIME_ERROR);
    assertThat(checked.err()).contains("INTEGER_OVERFLOW");
    Cli unknown = Cli.exec("run", program, "1", "--conf", "weld.nope=1");
    assertThat(unknown.code()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void timingGoesToStandardErrorSoTheResultStaysParseable() throws Exception {
    Cli r = Cli.exec("run", write("p.weld", "|| 40 + 2"), "--time");
    assertThat(r.out()).isEqualTo("42\n");
    assertThat(r.err()).contains("jit, compile").contains("ms, run");
  }
}

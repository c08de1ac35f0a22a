package dev.sparkweld.spark;

import static dev.sparkweld.spark.DifferentialQueries.checkSame;
import static dev.sparkweld.spark.SparkSessions.withConf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The native Parquet reader ({@code spark.weld.parquet.native}, default on): a Weld stage over a Parquet scan decodes
 * the files itself instead of copying Spark's vectorized batches, and says {@code native Parquet input} in its EXPLAIN
 * line. Rows are compared with vanilla Spark; for the supported tables the plan must also say so, since a differential
 * test alone cannot tell a native read from a silent fallback to Spark's reader.
 *
 * <p>The tables (under {@code target/native-parquet}) are written by Spark with options that produce the layouts the
 * decoder must handle: nulls at a different phase per column and in runs, all-null and never-null columns, empty, long
 * and multi-byte strings, dictionary pages falling back to plain mid-chunk, small plain pages, data page v2, every
 * codec, many row groups, a zero-row file, a file split across tasks. {@link #fixturesHaveTheIntendedLayout} checks
 * from footers and page headers that they really do. What the reader leaves to Spark (partitioned tables,
 * timestamps, narrow integers, wide decimals, nested types, read schemas that differ from the files, metadata
 * columns, encodings seen only in a footer at run time) must still give Spark's rows. Tables are kept small (20k to
 * 100k rows) so that the class runs in well under a minute.
 */
class NativeParquetScanTest {
  private static final String NATIVE = "native Parquet input";
  private static final String NATIVE_KEY = "spark.weld.parquet.native";
  private static final String[] CODECS = {"none", "snappy", "gzip", "zstd"};
  private static final long SPLIT_ROWS = 100_000;

  /**
   * Queries over the {@link #columns} schema; {@code {t}} is the table. No MIN/MAX of strings: Spark plans those as
   * a sort aggregate, which no Weld stage runs over the scan.
   */
  private static final String AGGREGATE =
      "select g, count(*), count(i), sum(i), sum(r), sum(l), count(d), min(d), max(d), sum(if(abs(d) < 1e300, d, 0)),"
          + " sum(if(f < 1e30, f, 0)), sum(m), min(m), max(m), sum(m9), min(dt), max(dt),"
          + " count(b), count_if(b), count(s), count(t), count(n), count(na), sum(nn) from {t} group by g";
  private static final String ROWS = "select * from {t} where id % 997 = 3 or (i is null and id % 13 = 0)";
  private static final String STRINGS = "select s, count(*), count(t), sum(length(t)), max(length(t)),"
      + " count_if(t = ''), count_if(t like 'row-1%'), count_if(t like '%😀1%') from {t} group by s";
  private static final String SOME_COLUMNS = "select count(*), sum(m), min(m), max(m), sum(m9) from {t}"
      + " where dt >= date'1970-01-01' and dt < date'9999-12-31'";
  private static final String FILTERED_ROWS = "select id, b, dt, m9, d, f from {t} where (b and m9 < 0)"
      + " or dt = date'9999-12-31' or dt < date'1900-01-02' or d = double('NaN') or abs(d) > 1e308 or d = 0"
      + " or f > 1420";
  private static final String DATE_GROUPS = "select dt, count(*), sum(i), max(l) from {t}"
      + " where dt < date'1950-01-01' or dt > date'2020-01-01' group by dt";
  private static final String ALL_NULL = "select count(*), count(n), max(n), sum(nn), min(nn), count(na),"
      + " count_if(na is null) from {t} where n is null and nn >= 0";
  private static final String[] QUERIES = {
    AGGREGATE, ROWS, STRINGS, SOME_COLUMNS, FILTERED_ROWS, DATE_GROUPS, ALL_NULL,
  };
  /** See the v2 table: no all-null columns. */
  private static final String[] V2_QUERIES = {
    AGGREGATE.replace(" count(n), count(na),", ""), ROWS, STRINGS,
    SOME_COLUMNS, DATE_GROUPS,
  };

  private static Path base;

  @BeforeAll
  static void tables() {
    SparkSession spark = SparkSessions.get();
    base = SparkSessions.targetDir().resolve("native-parquet").toAbsolutePath();

    // Dictionary pages, small pages and a small dictionary limit (t, many distinct values, falls back to plain
    // pages mid-chunk), many row groups, snappy; the range's first partition is filtered empty, and the writer's
    // first task writes a file anyway: a zero-row file.
    write(spark.sql(columns("id", 0, 120_000, 4) + " where id >= 30000").write()
        .option("parquet.block.size", "262144").option("parquet.page.size", "8192")
        .option("parquet.dictionary.page.size", "16384"), "types");
    // Plain encoding only, 4 KB pages, 64 KB row groups.
    write(spark.sql(columns("id", 0, 60_000, 2)).write().option("parquet.enable.dictionary", "false")
        .option("parquet.block.size", "65536").option("parquet.page.size", "4096"), "plain");
    // Data page v2, zstd. Values repeat 16 times (k = id div 16) so that every chunk stays dictionary-encoded (a v2
    // writer's fallback for integers and strings is a DELTA encoding) or, for doubles and floats, plain; booleans are
    // RLE-encoded. No all-null column (written DELTA-encoded, having no dictionary): the reader would leave those
    // files to Spark.
    write(spark.sql(columns("id div 16", 0, 40_000, 2)).drop("n", "na").write()
        .option("parquet.writer.version", "PARQUET_2_0").option("compression", "zstd")
        .option("parquet.block.size", "65536").option("parquet.page.size", "8192"), "v2");
    // Data page v2 without dictionary: DELTA_BINARY_PACKED, DELTA_BYTE_ARRAY, RLE booleans. The plan cannot see
    // encodings; the footer shows them at run time and the reader must hand those files to Spark's plan.
    write(spark.sql(columns("id", 0, 20_000, 1)).write().option("parquet.writer.version", "PARQUET_2_0")
        .option("parquet.enable.dictionary", "false"), "v2delta");
    for (String codec : CODECS) {
      write(spark.sql(columns("id", 0, 20_000, 1)).write().option("compression", codec)
          .option("parquet.block.size", "131072"), "codec_" + codec);
    }
    // One ~2 MB file of several row groups, to be split across tasks.
    write(spark.sql("select id, id * 7919 % 1000003 as x, concat('s', id % 1000, repeat('-', cast(id % 5 as int))) as s"
            + " from range(0, " + SPLIT_ROWS + ", 1, 1)").write().option("compression", "none")
        .option("parquet.enable.dictionary", "false").option("parquet.block.size", "262144"), "split");

    // Read by Spark's reader: partition columns, timestamps, narrow and wide types, nested types.
    write(spark.sql("select id, cast(id % 1000 as int) as i, concat('p', id % 7) as s, cast(id % 3 as int) as p"
        + " from range(0, 20000, 1, 2)").write().partitionBy("p"), "partitioned");
    write(spark.sql("select id, cast(id % 1000 as int) as i, if(id % 9 = 2, null, timestamp_seconds(id * 3607)) as ts"
        + " from range(0, 20000, 1, 2)").write(), "timestamps");
    write(spark.sql("select id, cast(id % 1000 as int) as i, cast(id % 200 - 100 as tinyint) as tb,"
        + " cast(id % 60000 - 30000 as smallint) as sm,"
        + " if(id % 5 = 0, null, cast((id - 10000) * 10000000007 as decimal(20, 2))) as w,"
        + " named_struct('a', cast(id % 17 as int), 'b', concat('x', id % 3)) as st,"
        + " array(cast(id % 4 as int), cast(id % 5 as int)) as arr from range(0, 20000, 1, 2)").write(), "narrow");
    // A file schema that differs from the read schema: an int column read as bigint; a column some files lack.
    write(spark.sql("select id, if(id % 7 = 1, null, cast(id % 1000 - 500 as int)) as i, concat('w', id % 13) as s"
        + " from range(0, 20000, 1, 2)").write(), "widened");
    write(spark.sql("select id, cast(id % 1000 as int) as i, concat('m', id % 11) as s from range(0, 10000, 1, 1)")
        .write(), "missing");
    spark.sql("select id, cast(id % 1000 as int) as i from range(10000, 20000, 1, 1)").write().mode("append")
        .parquet(path("missing"));

    for (String name : new String[] {"types", "plain", "v2", "v2delta", "split", "partitioned", "timestamps",
        "narrow"}) {
      spark.read().parquet(path(name)).createOrReplaceTempView("np_" + name);
    }
    for (String codec : CODECS) {
      spark.read().parquet(path("codec_" + codec)).createOrReplaceTempView("np_codec_" + codec);
    }
    spark.read().schema("id bigint, i bigint, s string").parquet(path("widened")).createOrReplaceTempView("np_widened");
    spark.read().schema("id bigint, i int, s string").parquet(path("missing")).createOrReplaceTempView("np_missing");
  }

  /**
   * The supported schema, every value derived from {@code key} (over {@code id} in {@code [from, to)} read in
   * {@code parts} partitions) and nulls placed by {@code id}, at a different phase per column. With {@code key} =
   * {@code id}, {@code id} is required; the other columns are optional (Spark writes nullable expressions so):
   * {@code g} int, 5 values; {@code i} int with its extremes; {@code r} int null in runs of 150; {@code l} bigint;
   * {@code d} double with NaN, -0.0, 0.0 and infinities; {@code f} float with NaN; {@code b} boolean; {@code dt} date
   * with 1900-01-01, 1969-12-31, 1970-01-01 and 9999-12-31; {@code m} DECIMAL(17,2) (INT64) and {@code m9}
   * DECIMAL(9,2) (INT32), both at their extremes; {@code s} 24 short strings (one empty); {@code t} many distinct
   * strings, empty ones and long multi-byte ones; {@code n} and {@code na} all null; {@code nn} never null.
   */
  private static String columns(String key, long from, long to, int parts) {
    return "select k as id, cast(k % 5 as int) as g,"
        + " if(id % 7 = 1, null, case k % 997 when 0 then 2147483647 when 1 then -2147483648"
        + "   else cast(k % 1000 - 500 as int) end) as i,"
        + " if(id % 1000 < 150, null, cast(k % 61 as int)) as r,"
        + " if(id % 7 = 2, null, (k - 60000) * 1000000007) as l,"
        + " if(id % 7 = 3, null, case k % 101 when 0 then double('NaN') when 1 then double('-0.0')"
        + "   when 2 then double('Infinity') when 3 then double('-Infinity') when 4 then 0.0d"
        + "   else (k - 50000) / 3.0d end) as d,"
        + " if(id % 13 = 4, null, if(k % 89 = 0, float('NaN'), cast((k % 10000) / 7.0 as float))) as f,"
        + " if(id % 7 = 4, null, k % 3 = 0) as b,"
        + " if(id % 7 = 5, null, case k % 50 when 0 then date'1970-01-01' when 1 then date'9999-12-31'"
        + "   when 2 then date'1900-01-01' when 3 then date'1969-12-31'"
        + "   else date_add(date'1940-01-01', cast(k % 30000 as int)) end) as dt,"
        + " if(id % 7 = 6, null, case k % 97 when 0 then cast(999999999999999.99 as decimal(17, 2))"
        + "   when 1 then cast(-999999999999999.99 as decimal(17, 2))"
        + "   else cast((k - 60000) / 8.0d as decimal(17, 2)) end) as m,"
        + " if(id % 11 = 7, null, case k % 89 when 5 then cast(9999999.99 as decimal(9, 2))"
        + "   when 6 then cast(-9999999.99 as decimal(9, 2))"
        + "   else cast((k % 20000 - 10000) / 4.0d as decimal(9, 2)) end) as m9,"
        + " if(id % 7 = 0, null, if(k % 23 = 5, '', concat('v', k % 23))) as s,"
        + " if(id % 17 = 2, null, case k % 20 when 0 then concat(repeat('ü€😀', 12), k) when 1 then ''"
        + "   else concat('row-', k div 4) end) as t,"
        + " cast(null as int) as n, cast(null as string) as na,"
        + " if(id < 0, null, cast(k % 1000 as int)) as nn"
        + " from (select id, " + key + " as k from range(" + from + ", " + to + ", 1, " + parts + "))";
  }

  /** {@code query} over {@code table}. */
  private static String on(String query, String table) {
    return query.replace("{t}", table);
  }

  private static String path(String name) {
    return base.resolve(name).toString();
  }

  private static void write(DataFrameWriter<Row> writer, String name) {
    writer.mode("overwrite").parquet(path(name));
  }

  // ---- supported tables -------------------------------------------------------------------------------------------

  @Test
  void dictionaryAndPlainPagesOverManyRowGroupsAndAnEmptyFile() {
    checkAllNative(QUERIES, "np_types");
  }

  @Test
  void plainSmallPagesWithoutDictionary() {
    checkAllNative(QUERIES, "np_plain");
  }

  @Test
  void dataPageV2() {
    checkAllNative(V2_QUERIES, "np_v2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "snappy", "gzip", "zstd"})
  void everyCodec(String codec) {
    checkAllNative(new String[] {AGGREGATE, ROWS}, "np_codec_" + codec);
  }

  /** Every query over {@code table}: vanilla Spark's rows, decoded natively. */
  private static void checkAllNative(String[] queries, String table) {
    NativeChecks checks = new NativeChecks();
    for (String q : queries) {
      checks.check(on(q, table));
    }
    checks.assertAllNative();
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "false", "AUTO"})
  void vectoredAndPlainReadsDecodeAlike(String vectoredIo) {
    withConf(Map.of("spark.weld.parquet.vectoredIo", vectoredIo), () -> checkAllNative(QUERIES, "np_types"));
  }

  @Test
  void vectoredIoSettings() {
    // auto: plain positioned reads on local files, Parquet's own choice elsewhere.
    assertThat(dev.sparkweld.spark.exec.parquet.ParquetFiles.vectoredIo("auto", "file")).isEqualTo(
        scala.Option.apply(false));
    assertThat(dev.sparkweld.spark.exec.parquet.ParquetFiles.vectoredIo("auto", "s3a").isEmpty()).isTrue();
    assertThat(dev.sparkweld.spark.exec.parquet.ParquetFiles.vectoredIo("True", "file")).isEqualTo(
        scala.Option.apply(true));
    withConf(Map.of("spark.weld.parquet.vectoredIo", "sometimes"), () ->
        org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SparkSessions.get().sql(on(AGGREGATE, "np_types")).collect())
            .hasStackTraceContaining("auto, true or false, not 'sometimes'"));
  }

  @Test
  void derivedStringColumnsReadTheDecodedColumns() {
    // upper, octet_length, replace...: Spark's functions computed per gathered row over the decoded columns (nulls,
    // multi-byte and dictionary strings, a decimal and a date cast to string).
    NativeChecks checks = new NativeChecks();
    for (String t : new String[] {"np_types", "np_plain", "np_v2"}) {
      checks.check("select upper(s), count(*), sum(octet_length(t)), max(length(replace(t, 'row', 'r'))),"
          + " count_if(reverse(s) like '%1%') from " + t + " group by upper(s)");
      checks.check("select id, initcap(t), concat_ws('/', s, cast(m as string), cast(dt as string)) from " + t
          + " where id % 1009 = 7");
    }
    checks.assertAllNative();
  }

  @Test
  void pushedFiltersSkipRowGroupsAsSparksReaderDoes() {
    // np_split is written in id order, several row groups: a narrow id range reads one or two of them.
    NativeChecks checks = new NativeChecks();
    DifferentialQueries.Result r = checks.check(
        "select count(*), sum(x), max(s) from np_split where id between 40000 and 40100");
    checks.assertAllNative();
    assertThat(decodedRows(r.weldPlan())).as("rows decoded").isLessThan(SPLIT_ROWS / 2);
    // Filters Parquet cannot state (or with pushdown off) skip nothing.
    withConf(Map.of("spark.sql.parquet.filterPushdown", "false"), () -> {
      DifferentialQueries.Result all = checks.check(
          "select count(*), sum(x), max(s) from np_split where id between 40000 and 40100");
      assertThat(decodedRows(all.weldPlan())).as("rows decoded without pushdown").isEqualTo(SPLIT_ROWS);
    });
    checks.assertAllNative();
  }

  @Test
  void aFileSplitAcrossTasksReadsEachRowGroupOnce() {
    NativeChecks checks = new NativeChecks();
    withConf(Map.of("spark.sql.files.maxPartitionBytes", "200000"), () -> {
      assertThat(SparkSessions.get().read().parquet(path("split")).rdd().getNumPartitions())
          .as("splits of the one file").isGreaterThan(4);
      DifferentialQueries.Result r = checks.check("select count(*), sum(id), sum(x), count(s), sum(length(s)),"
          + " min(id), max(id), count(distinct id) from np_split");
      long n = SPLIT_ROWS;
      long sumX = 0;
      long sumLength = 0;
      for (long id = 0; id < n; id++) {
        sumX += id * 7919 % 1000003;
        sumLength += 1 + Long.toString(id % 1000).length() + id % 5;
      }
      Row row = r.weldRows().get(0);
      assertThat(row.getLong(0)).isEqualTo(n);
      assertThat(row.getLong(1)).isEqualTo(n * (n - 1) / 2);
      assertThat(row.getLong(2)).isEqualTo(sumX);
      assertThat(row.getLong(3)).isEqualTo(n);
      assertThat(row.getLong(4)).isEqualTo(sumLength);
      assertThat(row.getLong(5)).isEqualTo(0);
      assertThat(row.getLong(6)).isEqualTo(n - 1);
      assertThat(row.getLong(7)).isEqualTo(n);
      checks.check("select id % 10, count(*), sum(x), sum(length(s)) from np_split group by 1");
    });
    checks.assertAllNative();
  }

  @Test
  void joinOfTwoNativelyReadTables() {
    NativeChecks checks = new NativeChecks();
    for (String sql : new String[] {
        "select t.g, count(*), sum(p.l), sum(t.m), count(p.s), sum(length(t.t)) from np_types t join np_plain p"
            + " on t.id = p.id group by t.g",
        "select t.id, t.s, p.t, p.dt, p.m9 from np_types t join np_plain p on t.id = p.id where t.id % 211 = 5",
    }) {
      // The join stage reads np_types; the filter stage under the broadcast (isnotnull(id)) reads np_plain.
      DifferentialQueries.Result r = checks.check(sql);
      List<String> nativeStages = nativeNodes(r.weldPlan());
      checks.require(nativeStages.stream().anyMatch(s -> s.startsWith("WeldJoinStage")), "a Weld join stage", sql,
          r.weldPlan());
      checks.require(nativeStages.size() >= 2, "two stages (both sides of the join)", sql, r.weldPlan());
    }
    checks.assertAllNative();
  }

  @Test
  void nativeReaderSwitchedOff() {
    withConf(Map.of(NATIVE_KEY, "false"), () -> {
      for (String sql : new String[] {
          on(AGGREGATE, "np_types"), on(ROWS, "np_plain"),
          "select t.g, count(*), sum(p.l) from np_types t join np_plain p on t.id = p.id group by t.g",
      }) {
        checkNotNative(sql);
      }
    });
  }

  // ---- left to Spark's reader -------------------------------------------------------------------------------------

  @Test
  void partitionColumnsAreReadBySpark() {
    checkNotNative("select p, count(*), sum(i), max(s) from np_partitioned group by p");
    checkNotNative("select id, p, i, s from np_partitioned where id % 101 = 0 and p > 0");
    checkNotNative("select count(*), sum(i) from np_partitioned where i > 10");
  }

  @Test
  void timestampsAreReadBySpark() {
    checkNotNative("select count(*), count(ts), min(ts), max(ts), sum(i) from np_timestamps");
    checkNotNative("select id, ts, i from np_timestamps where id % 101 = 0 and ts > timestamp'1970-01-02 00:00:00'");
  }

  @Test
  void narrowIntegersWideDecimalsAndNestedTypes() {
    checkSame("select count(*), sum(tb), sum(sm), sum(w), count(w), max(w) from np_narrow where i > 10");
    checkSame("select id, i, tb, sm, w, st.a, st.b, size(arr) from np_narrow where i % 97 = 1");
  }

  @Test
  void intColumnReadAsBigint() {
    checkSame("select count(*), count(i), sum(i), min(i), max(i), count(s) from np_widened where i > -400");
    checkSame("select id, i, s from np_widened where id % 97 = 1 or i is null and id % 11 = 0");
  }

  @Test
  void columnMissingFromSomeFiles() {
    checkSame("select count(*), count(s), sum(i), count_if(s = '') from np_missing");
    checkSame("select id, i, s from np_missing where id % 997 = 1");
  }

  @Test
  void metadataColumns() {
    checkSame("select _metadata.file_path, count(*), sum(i), max(m) from parquet.`" + path("types")
        + "` group by 1");
  }

  @Test
  void unsupportedEncodingsFoundAtRunTimeAreReadBySpark() {
    checkSame(on(AGGREGATE, "np_v2delta"));
    checkSame(on(ROWS, "np_v2delta"));
  }

  // ---- the fixtures -----------------------------------------------------------------------------------------------

  /** The writer produced the layouts the other tests claim to cover (this passes without the native reader). */
  @Test
  void fixturesHaveTheIntendedLayout() {
    List<FileFacts> types = facts("types");
    assertThat(types).as("types files").hasSize(4);
    assertThat(types).as("a zero-row file").anyMatch(f -> f.rows == 0);
    assertThat(types).as("many row groups").allMatch(f -> f.rows == 0 || f.rowGroups >= 3);
    assertThat(union(types, f -> f.midChunkFallbacks)).as("chunks with dictionary then plain pages").contains("t");
    assertThat(union(types, f -> f.dictionaryColumns)).as("dictionary-encoded columns").contains("g", "s", "i");
    assertThat(union(types, f -> f.codecs)).containsExactly("SNAPPY");
    FileFacts some = types.stream().filter(f -> f.rows > 0).findFirst().orElseThrow();
    assertThat(some.optional).as("nullable columns").contains("nn", "n", "na", "i").doesNotContain("id");
    assertThat(some.required).as("required columns").containsExactly("id");
    assertThat(union(types, f -> f.pageVersions)).containsExactly("v1");

    List<FileFacts> plain = facts("plain");
    assertThat(union(plain, f -> f.dictionaryColumns)).as("no dictionary").isEmpty();
    assertThat(plain).allMatch(f -> f.rowGroups >= 3 && f.maxPagesPerChunk >= 4);

    List<FileFacts> v2 = facts("v2");
    assertThat(union(v2, f -> f.pageVersions)).containsExactly("v2");
    assertThat(union(v2, f -> f.codecs)).containsExactly("ZSTD");
    assertThat(union(v2, f -> f.encodings)).as("only plain, dictionary and level encodings")
        .isSubsetOf("PLAIN", "PLAIN_DICTIONARY", "RLE_DICTIONARY", "RLE", "BIT_PACKED");
    assertThat(v2).allMatch(f -> f.rowGroups >= 2);

    assertThat(union(facts("v2delta"), f -> f.encodings)).contains("DELTA_BINARY_PACKED", "DELTA_BYTE_ARRAY");
    for (String codec : CODECS) {
      assertThat(union(facts("codec_" + codec), f -> f.codecs))
          .containsExactly(codec.equals("none") ? "UNCOMPRESSED" : codec.toUpperCase());
    }
    List<FileFacts> split = facts("split");
    assertThat(split).hasSize(1);
    assertThat(split.get(0).bytes).as("split file size").isBetween(1_500_000L, 4_000_000L);
    assertThat(split.get(0).rowGroups).as("split file row groups").isGreaterThanOrEqualTo(5);
  }

  // ---- helpers ----------------------------------------------------------------------------------------------------

  /**
   * Queries that must give vanilla Spark's rows (checked at once) and read Parquet natively (checked at the end, so
   * that every query of a test runs and one failure lists all that did not).
   */
  private static final class NativeChecks {
    private final List<String> missing = new ArrayList<>();

    /** Same rows as vanilla Spark; and a node of the Weld plan should have read Parquet natively. */
    DifferentialQueries.Result check(String sql) {
      DifferentialQueries.Result r = checkSame(sql);
      require(!nativeNodes(r.weldPlan()).isEmpty(), "a Weld stage", sql, r.weldPlan());
      // The plan decides per stage, the files per partition: rows must really have been decoded natively.
      require(decodedRows(r.weldPlan()) > 0, "rows decoded", sql, r.weldPlan());
      return r;
    }

    void require(boolean ok, String what, String sql, SparkPlan plan) {
      if (!ok) {
        missing.add(String.format("expected %s with %s for%n%s%nWeld: %s%nin%n%s", what, NATIVE, sql.strip(),
            weldSummary(plan), plan.treeString()));
      }
    }

    void assertAllNative() {
      if (!missing.isEmpty()) {
        fail("%d of the plans do not read Parquet natively:%n%n%s", missing.size(), String.join("\n\n", missing));
      }
    }
  }

  /** Same rows as vanilla Spark, and no node of the Weld plan read Parquet natively. */
  private static void checkNotNative(String sql) {
    DifferentialQueries.Result r = checkSame(sql);
    assertThat(nativeNodes(r.weldPlan())).as("nodes with %s for\n%s\nin\n%s", NATIVE, sql,
        r.weldPlan().treeString()).isEmpty();
  }

  /** The Weld stages of {@code plan} and the reasons operators were left to Spark. */
  private static String weldSummary(SparkPlan plan) {
    return String.join("\n  ", CollectionConverters.asJava(WeldExplainGenerator.describe(plan)));
  }

  /** Rows the native reader decoded for the Weld stages of {@code plan} (collected already). */
  private static long decodedRows(SparkPlan plan) {
    return PlanNodes.all(plan).stream().filter(n -> n.metrics().contains("parquetRows"))
        .mapToLong(n -> n.metrics().apply("parquetRows").value()).sum();
  }

  /** The one-line descriptions of the nodes of {@code plan} (collected already) that read Parquet natively. */
  private static List<String> nativeNodes(SparkPlan plan) {
    return PlanNodes.all(plan).stream().map(n -> n.simpleString(100)).filter(s -> s.contains(NATIVE))
        .collect(Collectors.toList());
  }

  /** What the footer and page headers of one Parquet file show. */
  private record FileFacts(String file, long bytes, long rows, int rowGroups, int maxPagesPerChunk,
      Set<String> codecs, Set<String> encodings, Set<String> dictionaryColumns, Set<String> midChunkFallbacks,
      Set<String> pageVersions, Set<String> optional, Set<String> required) {}

  private static Set<String> union(List<FileFacts> files, Function<FileFacts, Set<String>> f) {
    return files.stream().flatMap(x -> f.apply(x).stream()).collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<FileFacts> facts(String table) {
    try (Stream<Path> files = Files.list(base.resolve(table))) {
      List<FileFacts> out = new ArrayList<>();
      for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted()
          .collect(Collectors.toList())) {
        out.add(factsOf(p));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FileFacts factsOf(Path file) throws IOException {
    Configuration conf = new Configuration();
    Set<String> codecs = new TreeSet<>();
    Set<String> encodings = new TreeSet<>();
    Set<String> dictionaryColumns = new TreeSet<>();
    Set<String> fallbacks = new TreeSet<>();
    Set<String> versions = new TreeSet<>();
    Set<String> optional = new TreeSet<>();
    Set<String> required = new TreeSet<>();
    int maxPages = 0;
    long rows;
    int rowGroups;
    try (ParquetFileReader reader = ParquetFileReader.open(
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toString()), conf))) {
      List<BlockMetaData> blocks = reader.getFooter().getBlocks();
      rowGroups = blocks.size();
      rows = blocks.stream().mapToLong(BlockMetaData::getRowCount).sum();
      for (BlockMetaData block : blocks) {
        for (ColumnChunkMetaData c : block.getColumns()) {
          codecs.add(c.getCodec().name());
          c.getEncodings().forEach(e -> encodings.add(e.name()));
        }
      }
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      for (Type t : schema.getFields()) {
        (t.isRepetition(Type.Repetition.REQUIRED) ? required : optional).add(t.getName());
      }
      PageReadStore group;
      while ((group = reader.readNextRowGroup()) != null) {
        for (ColumnDescriptor col : schema.getColumns()) {
          String name = String.join(".", col.getPath());
          PageReader pages = group.getPageReader(col);
          if (pages.readDictionaryPage() != null) {
            dictionaryColumns.add(name);
          }
          Set<Encoding> pageEncodings = EnumSet.noneOf(Encoding.class);
          int count = 0;
          DataPage page;
          while ((page = pages.readPage()) != null) {
            count++;
            if (page instanceof DataPageV2) {
              versions.add("v2");
              pageEncodings.add(((DataPageV2) page).getDataEncoding());
            } else {
              versions.add("v1");
              pageEncodings.add(((DataPageV1) page).getValueEncoding());
            }
          }
          maxPages = Math.max(maxPages, count);
          if (pageEncodings.stream().anyMatch(Encoding::usesDictionary)
              && pageEncodings.stream().anyMatch(e -> !e.usesDictionary())) {
            fallbacks.add(name);
          }
        }
      }
    }
    FileFacts facts = new FileFacts(file.getFileName().toString(), Files.size(file), rows, rowGroups, maxPages,
        codecs, encodings, dictionaryColumns, fallbacks, versions, optional, required);
    System.out.println("NativeParquetScanTest fixture " + file.getParent().getFileName() + ": " + facts);
    return facts;
  }
}

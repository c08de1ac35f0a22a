package dev.sparkweld.spark.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.runtime.WeldRuntimeException;
import dev.sparkweld.spark.translate.OutCol;
import dev.sparkweld.spark.translate.RowOutput;
import dev.sparkweld.spark.translate.StageInput;
import dev.sparkweld.spark.translate.StagePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.Function0;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A stage asks for its join tables only just before its first kernel call (a task finding a table under
 * construction by another task gathers its first chunk meanwhile): a table that cannot be had then still hands the
 * partition to Spark's plan, and a stage without input never asks.
 */
class DeferredTablesTest {
  private static final String PROGRAM = String.join("\n",
      "|c0: vec[i64]|",
      "  let u8empty = result(appender[u8]);",
      "  let r = for(c0, {appender[i64], appender[bool]}, |b, i, x| let v0 = x; {merge(b.$0, v0 * 2L), merge(b.$1, false)});",
      "  {result(r.$0), result(r.$1)}");

  private static <T> Seq<T> seq(List<T> xs) {
    return CollectionConverters.asScala(xs).toSeq();
  }

  private static StageTask task() {
    AttributeReference a = new AttributeReference("a", DataTypes.LongType, false, Metadata.empty(),
        org.apache.spark.sql.catalyst.expressions.NamedExpression.newExprId(), seq(List.of()));
    StagePlan plan = new StagePlan(PROGRAM, seq(List.of(new StageInput(0, a, "i64", false, scala.Option.empty()))),
        new RowOutput(seq(List.of(new OutCol(DataTypes.LongType, "i64")))), "test", seq(List.of()));
    return new StageTask(plan, scala.collection.immutable.Map$.MODULE$.empty(), 1024,
        new StructType().add("a", DataTypes.LongType, false), false);
  }

  private static StageMetrics metrics() {
    return new StageMetrics(new SQLMetric("sum", 0), new SQLMetric("sum", 0), new SQLMetric("timing", 0),
        new SQLMetric("timing", 0), new SQLMetric("sum", 0), new SQLMetric("sum", 0), new SQLMetric("timing", 0),
        new SQLMetric("sum", 0));
  }

  private static List<Long> run(List<Long> input, Function0<Seq<KernelArg>> tables, StageMetrics m) {
    List<Object> rows = new ArrayList<>();
    for (long v : input) {
      rows.add(new GenericInternalRow(new Object[] {v}));
    }
    Function0<scala.collection.Iterator<InternalRow>> vanilla = () -> CollectionConverters.asScala(
        input.stream().map(v -> (InternalRow) new GenericInternalRow(new Object[] {-v})).iterator());
    scala.collection.Iterator<InternalRow> out =
        StageRunner.run(task(), m, CollectionConverters.asScala(rows.iterator()), vanilla, tables);
    List<Long> values = new ArrayList<>();
    while (out.hasNext()) {
      values.add(out.next().getLong(0));
    }
    return values;
  }

  @Test
  void tablesAreAskedForOnceBeforeTheFirstKernelCall() {
    AtomicInteger asked = new AtomicInteger();
    StageMetrics m = metrics();
    assertThat(run(List.of(1L, 2L, 3L), () -> {
      asked.incrementAndGet();
      return seq(List.of());
    }, m)).containsExactly(2L, 4L, 6L);
    assertThat(asked).hasValue(1);
    assertThat(m.fallbacks().value()).isZero();
  }

  @Test
  void aTableThatCannotBeHadHandsThePartitionToSpark() {
    StageMetrics m = metrics();
    assertThat(run(List.of(1L, 2L, 3L), () -> {
      throw new WeldRuntimeException(ErrorKind.MEMORY_LIMIT, "no table");
    }, m)).containsExactly(-1L, -2L, -3L);
    assertThat(m.fallbacks().value()).isEqualTo(1);
  }

  @Test
  void aStageWithoutInputNeverAsks() {
    AtomicInteger asked = new AtomicInteger();
    assertThat(run(List.of(), () -> {
      asked.incrementAndGet();
      return seq(List.of());
    }, metrics())).isEmpty();
    assertThat(asked).hasValue(0);
  }
}

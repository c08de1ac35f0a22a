package dev.sparkweld.spark.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.spark.SparkSessions;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The fuzzer's own parts: a fuzzer that cannot see a difference, or reports an unreadable one, tests nothing. */
class FuzzMachineryTest {
  @Test
  void theSameSeedGeneratesTheSameQueriesAndEveryQueryParses() throws Exception {
    SparkSession spark = SparkSessions.get();
    QueryGen a = new QueryGen(42);
    QueryGen b = new QueryGen(42);
    for (int i = 0; i < 300; i++) {
      String sql = a.next().sql();
      assertThat(b.next().sql()).isEqualTo(sql);
      spark.sessionState().sqlParser().parsePlan(sql);
    }
  }

  @Test
  void theOracleSeesRowsThatDifferBetweenTheTwoSides() {
    try (FuzzOracle oracle = new FuzzOracle(SparkSessions.get())) {
      assertThat(oracle.check("select uuid()").agree()).isFalse();
      assertThat(oracle.check("select 1 + 1").agree()).isTrue();
      FuzzOracle.Verdict bothFail = oracle.check("select assert_true(false)");
      assertThat(bothFail.agree()).isTrue();
      assertThat(bothFail.vanillaError()).isNotNull();
    }
  }

  @Test
  void shrinkingKeepsOnlyWhatTheDifferenceNeeds() {
    Expr bad = Expr.leaf("s", SqlType.STRING);
    Expr where = Expr.of("($0 and $1)", SqlType.BOOLEAN,
        Expr.of("($0 > $1)", SqlType.BOOLEAN, Expr.leaf("i", SqlType.INT), Expr.leaf("3", SqlType.INT)),
        Expr.of("($0 like 'a%')", SqlType.BOOLEAN, Expr.of("upper($0)", SqlType.STRING, bad)));
    FuzzQuery query = new FuzzQuery(true, List.of(Expr.leaf("i", SqlType.INT),
        Expr.of("concat($0, $1)", SqlType.STRING, Expr.leaf("'x'", SqlType.STRING), Expr.leaf("s", SqlType.STRING))),
        FuzzQuery.From.of("t1"), where, List.of(), null, List.of("asc nulls first", "desc nulls last"), 3);
    List<String> tried = new ArrayList<>();
    // Pretend the difference needs upper(...) anywhere in the query.
    FuzzQuery small = FuzzQuery.shrink(query, q -> {
      tried.add(q.sql());
      return q.sql().contains("upper(");
    }, 1000);
    assertThat(small.sql()).isEqualTo("select 'x' as c0 from t1 where (upper(s) like 'a%')");
    assertThat(tried).isNotEmpty();
  }
}

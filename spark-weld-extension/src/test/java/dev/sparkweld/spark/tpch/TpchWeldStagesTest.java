package dev.sparkweld.spark.tpch;

import dev.sparkweld.spark.DifferentialQueries;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Q1 and Q6 (scan, filter, project, aggregate over lineitem) run through Weld stages and give exactly vanilla
 * Spark's rows, at scale factors 0.01 and 1 (SF 1 data is generated once into target/, about 30 s).
 */
class TpchWeldStagesTest {
  @ParameterizedTest(name = "q1 at sf {0}")
  @ValueSource(doubles = {0.01, 1})
  void q1RunsOnWeldStagesWithVanillaResults(double sf) {
    TpchData.use(sf);
    DifferentialQueries.Result result = DifferentialQueries.checkSame(TpchData.query(1));
    DifferentialQueries.assertPlanUsesWeld(result.weld());
  }

  @ParameterizedTest(name = "q6 at sf {0}")
  @ValueSource(doubles = {0.01, 1})
  void q6RunsOnWeldStagesWithVanillaResults(double sf) {
    TpchData.use(sf);
    DifferentialQueries.Result result = DifferentialQueries.checkSame(TpchData.query(6));
    DifferentialQueries.assertPlanUsesWeld(result.weld());
  }
}

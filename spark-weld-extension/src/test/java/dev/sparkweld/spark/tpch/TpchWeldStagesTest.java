package dev.sparkweld.spark.tpch;

import dev.sparkweld.spark.DifferentialQueries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Q1 and Q6 (scan, filter, project, aggregate over lineitem) run through Weld stages and still give vanilla Spark's
 * rows. These fail until the rule translates stages ({@code dev.sparkweld.spark.exec.WeldStageExec}); they are
 * tagged {@code weld-stage} so a run can select or exclude them ({@code -Dgroups=weld-stage},
 * {@code -DexcludedGroups=weld-stage}), but they are not disabled: their failure is the to-do list.
 */
@Tag("weld-stage")
class TpchWeldStagesTest {
  @BeforeAll
  static void tables() {
    TpchData.use(TpchDifferentialTest.SF);
  }

  @Test
  void q1RunsOnWeldStagesWithVanillaResults() {
    DifferentialQueries.Result result = DifferentialQueries.checkSame(TpchData.query(1));
    DifferentialQueries.assertPlanUsesWeld(result.weld());
  }

  @Test
  void q6RunsOnWeldStagesWithVanillaResults() {
    DifferentialQueries.Result result = DifferentialQueries.checkSame(TpchData.query(6));
    DifferentialQueries.assertPlanUsesWeld(result.weld());
  }
}

package dev.sparkweld.spark.translate

/**
 * The build side of join number `index` of a stage: a Weld program over the build side's columns `inputs` that
 * returns `{<tableType>, i64}`: the table and the number of rows whose key has a null component (left out: a null key
 * never matches). The table is `dict[K, vec[V]]`, the build rows grouped by key (a `groupmerger`), or `dict[K, i64]`,
 * a key set, for an existence-only join without condition. The probe program takes the table as parameter
 * `d<index>: <tableType>`, and for a null-aware anti join also `a<index>: bool` (the build side has a null key) and
 * `e<index>: bool` (the build side is empty). `distinctKeysSuffice`: a semi, anti or existence join that reads no
 * build column only asks whether a key exists, so one build row per key gives the same table.
 */
final case class JoinBuild(index: Int, program: String, tableType: String, inputs: Seq[StageInput],
    nullAware: Boolean, broadcast: Boolean, summary: String, distinctKeysSuffice: Boolean = false)

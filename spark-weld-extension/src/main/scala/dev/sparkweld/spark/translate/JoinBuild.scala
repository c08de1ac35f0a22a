package dev.sparkweld.spark.translate

/**
 * The build side of join number `index` of a stage: a Weld program over the build side's columns `inputs` that
 * returns `{dict[K, vec[V]], i64}`: the build rows grouped by key (a `groupmerger`) and the number of rows whose key
 * has a null component (left out: a null key never matches). The probe program takes the table as parameter
 * `d<index>`, and for a null-aware anti join also `a<index>: bool` (the build side has a null key) and
 * `e<index>: bool` (the build side is empty). `distinctKeysSuffice`: a semi or anti join that reads no build column
 * only asks whether a key exists, so one build row per key gives the same table.
 */
final case class JoinBuild(index: Int, program: String, inputs: Seq[StageInput], nullAware: Boolean,
    broadcast: Boolean, summary: String, distinctKeysSuffice: Boolean = false)

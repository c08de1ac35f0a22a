package org.apache.spark.sql.execution.vectorized

/**
 * The dictionary of a dictionary-encoded vector (a protected field of Spark's vectors, readable in their package),
 * so that native columns copy each distinct string once per chunk rather than once per row.
 */
object DictionaryAccess {
  def of(v: WritableColumnVector): Dictionary = v.dictionary
}

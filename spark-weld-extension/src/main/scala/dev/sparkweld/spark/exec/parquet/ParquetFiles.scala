package dev.sparkweld.spark.exec.parquet

import dev.sparkweld.spark.WeldSparkConf

import scala.jdk.CollectionConverters._

import org.apache.hadoop.conf.Configuration
import org.apache.parquet.{HadoopReadOptions, ParquetReadOptions}
import org.apache.parquet.column.{ColumnDescriptor, Encoding}
import org.apache.parquet.compression.CompressionCodecFactory
import org.apache.parquet.filter2.compat.FilterCompat
import org.apache.parquet.filter2.predicate.{FilterApi, FilterPredicate}
import org.apache.parquet.hadoop.ParquetFileReader
import org.apache.parquet.hadoop.metadata.ParquetMetadata
import org.apache.parquet.hadoop.util.HadoopInputFile
import org.apache.parquet.schema.{LogicalTypeAnnotation, PrimitiveType}
import org.apache.parquet.schema.LogicalTypeAnnotation._
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName
import org.apache.parquet.schema.Type.Repetition
import org.apache.spark.sql.execution.datasources.{DataSourceUtils, PartitionedFile}
import org.apache.spark.sql.execution.datasources.parquet.ParquetFilters
import org.apache.spark.sql.internal.LegacyBehaviorPolicy
import org.apache.spark.sql.sources.Filter
import org.apache.spark.sql.types._

/** A column a stage reads: its name in the scan, Spark type, and whether the stage takes its nulls. */
final case class ColumnSpec(name: String, dataType: DataType, nullable: Boolean)

/**
 * How a file's split is read: its footer (row groups of the split only), per stage column where and how, and the
 * scan's pushed filters as Parquet's predicate over this file's schema (row groups they rule out are skipped).
 */
final case class FilePlan(file: PartitionedFile, footer: ParquetMetadata, columns: Array[ResolvedColumn],
    predicate: Option[FilterPredicate])

/**
 * The scan's filters Spark pushes into Parquet, with the session's switches for them: row groups whose statistics,
 * dictionaries or Bloom filters rule them out are skipped as Spark's reader skips them.
 */
final case class PushedFilters(filters: Seq[Filter], enabled: Boolean, date: Boolean, timestamp: Boolean,
    decimal: Boolean, stringPredicate: Boolean, inThreshold: Int)

final case class ResolvedColumn(descriptor: ColumnDescriptor, kind: Int)

/**
 * Which Parquet files the native reader takes, decided from their footers before a partition's first row: flat
 * columns whose physical type and annotation are exactly what Spark reads for the stage's type (no widening, no
 * schema evolution), in encodings we decode, dates only where Spark would not rebase them. A file that does not
 * qualify sends the whole partition to Spark's own reader, with the reason.
 */
object ParquetFiles {
  private val decodable = Set(Encoding.PLAIN, Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY, Encoding.RLE,
    Encoding.BIT_PACKED)

  def options(conf: Configuration, file: PartitionedFile, predicate: Option[FilterPredicate],
      codecs: Option[CompressionCodecFactory] = None): ParquetReadOptions = {
    val b = HadoopReadOptions.builder(conf, file.toPath).withRange(file.start, file.start + file.length)
    predicate.foreach(p => b.withRecordFilter(FilterCompat.get(p)))
    codecs.foreach(b.withCodecFactory)
    vectoredIo(conf.get(WeldSparkConf.PARQUET_VECTORED_IO.name, WeldSparkConf.PARQUET_VECTORED_IO.default),
      file.toPath.toUri.getScheme).foreach(b.withUseHadoopVectoredIo)
    b.build()
  }

  /**
   * Whether row groups are read with Hadoop's vectored reads ([[WeldSparkConf.PARQUET_VECTORED_IO]], copied into
   * the scan's Hadoop conf with the session's keys); None leaves Parquet's own setting. On local files a vectored
   * read hands each range to another thread and parks the task until it is done: plain positioned reads on the
   * task's thread cut the wall time of 8 scan-heavy TPC-H queries by 5% in geomean, Q19's by 16% (measured, 2
   * cores). Object stores keep Parquet's setting, where ranges fetched in parallel pay off.
   */
  def vectoredIo(setting: String, scheme: String): Option[Boolean] = setting.trim.toLowerCase match {
    case "true" => Some(true)
    case "false" => Some(false)
    case _ => if (scheme == "file") Some(false) else None // auto (planning rejected any other value)
  }

  /** The split's footer and columns, or why the native reader does not take this file. */
  def plan(conf: Configuration, file: PartitionedFile, columns: Seq[ColumnSpec], caseSensitive: Boolean,
      rebaseMode: String, pushed: PushedFilters): Either[String, FilePlan] = {
    val input = HadoopInputFile.fromPath(file.toPath, conf)
    val stream = input.newStream()
    val footer = try ParquetFileReader.readFooter(input, options(conf, file, None), stream) finally stream.close()
    val meta = footer.getFileMetaData
    val schema = meta.getSchema
    val fields = schema.getFields.asScala
    lazy val rebase = DataSourceUtils.datetimeRebaseSpec(k => meta.getKeyValueMetaData.get(k), rebaseMode)
    val resolved = columns.map { spec =>
      val matches = fields.filter(f => if (caseSensitive) f.getName == spec.name else f.getName.equalsIgnoreCase(spec.name))
      if (matches.size != 1) return Left(s"column ${spec.name}: ${matches.size} matching fields in ${file.filePath}")
      val field = matches.head
      if (!field.isPrimitive || field.getRepetition == Repetition.REPEATED) {
        return Left(s"column ${spec.name}: not a flat column")
      }
      if (!spec.nullable && field.getRepetition != Repetition.REQUIRED) {
        return Left(s"column ${spec.name}: optional in the file, read as non-nullable")
      }
      val kind = kindOf(spec.dataType, field.asPrimitiveType()) match {
        case Some(k) => k
        case None => return Left(s"column ${spec.name}: ${field} read as ${spec.dataType.simpleString}")
      }
      if (spec.dataType == DateType) {
        if (rebase.mode != LegacyBehaviorPolicy.CORRECTED) {
          return Left(s"column ${spec.name}: dates Spark would rebase (${rebase.mode})")
        }
      }
      ResolvedColumn(schema.getColumnDescription(Array(field.getName)), kind)
    }
    for (block <- footer.getBlocks.asScala; chunk <- block.getColumns.asScala
         if resolved.exists(_.descriptor.getPath.sameElements(chunk.getPath.toArray))) {
      val odd = chunk.getEncodings.asScala.filterNot(decodable)
      if (odd.nonEmpty) return Left(s"column ${chunk.getPath}: encodings ${odd.mkString(", ")}")
    }
    // As Spark's ParquetFileFormat builds it, over this file's schema.
    val predicate = if (!pushed.enabled) None else {
      val filters = new ParquetFilters(schema, pushed.date, pushed.timestamp, pushed.decimal, pushed.stringPredicate,
        pushed.inThreshold, caseSensitive, rebase)
      pushed.filters.flatMap(filters.createFilter(_)).reduceOption(FilterApi.and)
    }
    Right(FilePlan(file, footer, resolved.toArray, predicate))
  }

  private def kindOf(t: DataType, p: PrimitiveType): Option[Int] = {
    val logical = p.getLogicalTypeAnnotation
    def plainInt(bits: Int) = logical == null || (logical match {
      case i: IntLogicalTypeAnnotation => i.getBitWidth == bits && i.isSigned
      case _ => false
    })
    def decimal(d: DecimalType) = logical match {
      case x: DecimalLogicalTypeAnnotation => x.getPrecision == d.precision && x.getScale == d.scale
      case _ => false
    }
    import ColumnChunkReader._
    (t, p.getPrimitiveTypeName) match {
      case (IntegerType, PrimitiveTypeName.INT32) if plainInt(32) => Some(INT32)
      case (DateType, PrimitiveTypeName.INT32) if logical.isInstanceOf[DateLogicalTypeAnnotation] => Some(INT32)
      case (LongType, PrimitiveTypeName.INT64) if plainInt(64) => Some(INT64)
      case (d: DecimalType, PrimitiveTypeName.INT32) if d.precision <= 9 && decimal(d) => Some(INT32_WIDENED)
      case (d: DecimalType, PrimitiveTypeName.INT64) if d.precision <= 18 && decimal(d) => Some(INT64)
      case (DoubleType, PrimitiveTypeName.DOUBLE) if logical == null => Some(DOUBLE)
      case (FloatType, PrimitiveTypeName.FLOAT) if logical == null => Some(FLOAT)
      case (BooleanType, PrimitiveTypeName.BOOLEAN) if logical == null => Some(BOOLEAN)
      case (s: StringType, PrimitiveTypeName.BINARY) if s == StringType && (logical == null ||
          logical.isInstanceOf[StringLogicalTypeAnnotation] || logical.isInstanceOf[EnumLogicalTypeAnnotation] ||
          logical.isInstanceOf[JsonLogicalTypeAnnotation]) => Some(BINARY)
      case _ => None
    }
  }

  /** Whether a stage column's type is one the native reader may take (the files decide the rest). */
  def readable(t: DataType): Boolean = t match {
    case IntegerType | DateType | LongType | DoubleType | FloatType | BooleanType => true
    case d: DecimalType => d.precision <= 18
    case s: StringType => s == StringType
    case _ => false
  }
}

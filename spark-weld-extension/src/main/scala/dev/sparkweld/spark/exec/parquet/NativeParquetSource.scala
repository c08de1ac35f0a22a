package dev.sparkweld.spark.exec.parquet

import scala.jdk.CollectionConverters._

import dev.sparkweld.spark.exec.NativeColumns

import org.apache.hadoop.conf.Configuration
import org.apache.parquet.hadoop.ParquetFileReader
import org.apache.parquet.hadoop.util.HadoopInputFile

/**
 * A partition's Parquet files read natively, row group after row group, into a stage's [[NativeColumns]] (the
 * stage's columns are its only inputs, in order): each [[fill]] appends rows of the current row group until the
 * columns are full or the group ends. Parquet's own file reader fetches and decompresses the requested column
 * chunks (I/O, codecs, page headers, checksums, decryption stay its code); [[ColumnChunkReader]] decodes them.
 *
 * `read(rows, bytes)` is told what each row group added, for the scan's metrics.
 */
final class NativeParquetSource(conf: Configuration, files: Seq[FilePlan], nullable: Array[Boolean],
    read: (Long, Long) => Unit) extends AutoCloseable {
  private val codecs = new PageCodecs(conf)
  private var released = false
  private var fileIndex = -1
  private var reader: ParquetFileReader = _
  private var columns: Array[ColumnChunkReader] = _
  private var groupLeft = 0L
  private var groupIndex = 0

  /** Appends rows (up to the columns' capacity); 0 when every file is read. */
  def fill(out: NativeColumns): Int = {
    while (groupLeft == 0) {
      if (!nextRowGroup()) return 0
    }
    val take = math.min(out.rowCapacity - out.rows, groupLeft).toInt
    if (take <= 0) return 0
    var c = 0
    while (c < columns.length) {
      columns(c).read(out, out.rows, take)
      c += 1
    }
    out.advance(take)
    groupLeft -= take
    take
  }

  private def nextRowGroup(): Boolean = {
    while (true) {
      if (reader != null && groupIndex < reader.getRowGroups.size) {
        val block = reader.getRowGroups.get(groupIndex)
        groupIndex += 1
        // Parquet's reader refuses a row group of no rows instead of returning it.
        if (block.getRowCount == 0) reader.skipNextRowGroup()
        else {
          val group = reader.readNextRowGroup()
          if (group == null) throw new ParquetFormatException("fewer row groups than the footer lists")
          val plan = files(fileIndex)
          var c = 0
          while (c < columns.length) {
            val d = plan.columns(c).descriptor
            columns(c).start(group.getPageReader(d), d.getMaxDefinitionLevel)
            c += 1
          }
          groupLeft = group.getRowCount
          val paths = plan.columns.map(_.descriptor.getPath.toSeq)
          read(groupLeft, block.getColumns.asScala.filter(ch => paths.contains(ch.getPath.toArray.toSeq))
            .map(_.getTotalSize).sum)
          return true
        }
      } else {
        closeFile()
        fileIndex += 1
        if (fileIndex >= files.size) return false
        openFile(files(fileIndex))
      }
    }
    false
  }

  private def openFile(plan: FilePlan): Unit = {
    val input = HadoopInputFile.fromPath(plan.file.toPath, conf)
    val options = ParquetFiles.options(conf, plan.file, plan.predicate, Some(codecs))
    reader = ParquetFileReader.open(input, plan.footer, options, input.newStream())
    groupIndex = 0
    reader.setRequestedSchema(plan.columns.map(_.descriptor).toList.asJava)
    columns = plan.columns.indices.map(c => new ColumnChunkReader(plan.columns(c).kind, nullable(c), c)).toArray
  }

  private def closeFile(): Unit = {
    if (columns != null) columns.foreach(_.close())
    columns = null
    if (reader != null) reader.close()
    reader = null
  }

  override def close(): Unit = {
    closeFile()
    if (!released) codecs.release()
    released = true
    fileIndex = files.size
  }
}

package dev.sparkweld.spark.exec

import java.math.{BigDecimal => JBigDecimal}

import scala.collection.mutable.ArrayBuffer

import dev.sparkweld.spark.translate.RowOutput
import dev.sparkweld.weld.abi.{AbiLayout, Memory}
import dev.sparkweld.weld.ir.StructType

import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter
import org.apache.spark.sql.types._
import org.apache.spark.unsafe.types.UTF8String

/**
 * Rows of a filter/project stage written straight from the kernel's result vectors (docs/abi.md layouts) into
 * `UnsafeRow`s, without decoding into Java objects first: the result is `{vec[T0], vec[bool], vec[T1], ...}`.
 */
object NativeRows {
  def read(address: Long, resultType: StructType, out: RowOutput): ArrayBuffer[InternalRow] = {
    val layout = AbiLayout.of(resultType)
    val cols = out.columns
    val n = cols.size
    val data = Array.tabulate(n)(i => Memory.getLong(address + layout.offset(2 * i)))
    val nulls = Array.tabulate(n)(i => Memory.getLong(address + layout.offset(2 * i + 1)))
    val rows = if (n == 0) 0 else Memory.getLong(address + layout.offset(0) + 8).toInt
    val widths = cols.map(c => NativeColumns.width(c.weldType)).toArray
    val types = cols.map(_.dataType).toArray
    val writer = new UnsafeRowWriter(n)
    val result = new ArrayBuffer[InternalRow](rows)
    var r = 0
    while (r < rows) {
      writer.reset()
      writer.zeroOutNullBytes()
      var c = 0
      while (c < n) {
        if (Memory.getByte(nulls(c) + r) != 0) writer.setNullAt(c)
        else write(writer, c, types(c), data(c) + r.toLong * widths(c))
        c += 1
      }
      result += writer.getRow.copy()
      r += 1
    }
    result
  }

  def write(w: UnsafeRowWriter, c: Int, dt: DataType, a: Long): Unit = dt match {
    case BooleanType => w.write(c, Memory.getByte(a) != 0)
    case ByteType => w.write(c, Memory.getByte(a))
    case ShortType => w.write(c, Memory.getShort(a))
    case IntegerType | DateType => w.write(c, Memory.getInt(a))
    case LongType | TimestampType | TimestampNTZType => w.write(c, Memory.getLong(a))
    case FloatType => w.write(c, Memory.getFloat(a))
    case DoubleType => w.write(c, Memory.getDouble(a))
    case d: DecimalType if d.precision <= 18 =>
      w.write(c, Decimal.createUnsafe(Memory.getLong(a), d.precision, d.scale), d.precision, d.scale)
    case d: DecimalType =>
      w.write(c, Decimal(new JBigDecimal(Memory.getI128(a), d.scale), d.precision, d.scale), d.precision, d.scale)
    case _: StringType =>
      w.write(c, UTF8String.fromAddress(null, Memory.getLong(a), Memory.getLong(a + 8).toInt))
    case other => throw new IllegalStateException(s"cannot write ${other.simpleString}")
  }
}

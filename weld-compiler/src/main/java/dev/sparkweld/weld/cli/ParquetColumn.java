package dev.sparkweld.weld.cli;

import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import dev.sparkweld.weld.syntax.Printer;
import dev.sparkweld.weld.value.ValueText;
import dev.sparkweld.weld.value.VecValue;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.SchemaElement;

/**
 * One Parquet column's values as Java objects of its physical type (Boolean, Integer, Long, Float, Double, byte[]),
 * converted to a Weld vector by the parameter's element type: integers (decimals as their unscaled value, dates as
 * days) to any integer type they fit, FLOAT to f32 or f64, DOUBLE to f64, BOOLEAN to bool, byte arrays to
 * {@code vec[u8]}/{@code vec[i8]}, fixed-length decimals to integers.
 */
final class ParquetColumn implements ColumnData {
  private final SchemaElement element;
  private final List<Object> values = new ArrayList<>();

  ParquetColumn(SchemaElement element) {
    this.element = element;
  }

  String name() {
    return element.getName();
  }

  boolean optional() {
    return element.getRepetition_type() == FieldRepetitionType.OPTIONAL;
  }

  /** The number of non-null values among definition levels (0 is a null, 1 a value: flat schemas). */
  static int nonNull(int[] levels) {
    int n = 0;
    for (int level : levels) {
      n += level;
    }
    return n;
  }

  /**
   * Appends a page's values; {@code levels} (null for a required column) places them among the page's nulls, which
   * are kept as Java nulls so that a file with nulls only in columns the program does not read still works.
   */
  void values(byte[] page, int pos, int end, int count, Encoding encoding, List<Object> dictionary, int[] levels) {
    List<Object> decoded = decode(page, pos, end, count, encoding, dictionary);
    if (levels == null) {
      values.addAll(decoded);
      return;
    }
    int next = 0;
    for (int level : levels) {
      values.add(level == 0 ? null : decoded.get(next++));
    }
  }

  private List<Object> decode(byte[] page, int pos, int end, int count, Encoding encoding,
      List<Object> dictionary) {
    List<Object> values = new ArrayList<>(count);
    switch (encoding) {
      case PLAIN -> values.addAll(plain(page, pos, end, count));
      case PLAIN_DICTIONARY, RLE_DICTIONARY -> {
        if (dictionary == null) {
          throw new IllegalArgumentException("column " + name() + ": dictionary-encoded page without a dictionary");
        }
        int bitWidth = page[pos] & 0xff;
        for (int index : RleDecoder.decode(page, pos + 1, end, bitWidth, count)) {
          if (index < 0 || index >= dictionary.size()) {
            throw new IllegalArgumentException("column " + name() + ": dictionary index out of range");
          }
          values.add(dictionary.get(index));
        }
      }
      default -> throw new IllegalArgumentException("column " + name() + ": encoding " + encoding
          + " is not supported (PLAIN and dictionary encodings are)");
    }
    return values;
  }

  List<Object> plain(byte[] page, int pos, int end, int count) {
    List<Object> out = new ArrayList<>(count);
    ByteBuffer b = ByteBuffer.wrap(page, pos, end - pos).order(ByteOrder.LITTLE_ENDIAN);
    switch (element.getType()) {
      case BOOLEAN -> {
        for (int i = 0; i < count; i++) {
          out.add(((page[pos + i / 8] >>> (i % 8)) & 1) == 1);
        }
      }
      case INT32 -> {
        for (int i = 0; i < count; i++) {
          out.add(b.getInt());
        }
      }
      case INT64 -> {
        for (int i = 0; i < count; i++) {
          out.add(b.getLong());
        }
      }
      case FLOAT -> {
        for (int i = 0; i < count; i++) {
          out.add(b.getFloat());
        }
      }
      case DOUBLE -> {
        for (int i = 0; i < count; i++) {
          out.add(b.getDouble());
        }
      }
      case BYTE_ARRAY -> {
        for (int i = 0; i < count; i++) {
          byte[] v = new byte[b.getInt()];
          b.get(v);
          out.add(v);
        }
      }
      case FIXED_LEN_BYTE_ARRAY -> {
        for (int i = 0; i < count; i++) {
          byte[] v = new byte[element.getType_length()];
          b.get(v);
          out.add(v);
        }
      }
      default -> throw new IllegalArgumentException("column " + name() + ": physical type " + element.getType()
          + " is not supported");
    }
    return out;
  }

  @Override
  public VecValue toVec(Type elem, String path) {
    Object[] out = new Object[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = convert(values.get(i), elem, path, i);
    }
    return VecValue.wrap(out);
  }

  private Object convert(Object v, Type elem, String path, int row) {
    if (v == null) {
      throw CliException.input("%s: value %d is null; Weld vectors hold no nulls", path, row);
    }
    if (elem instanceof VecType vt && vt.elem() instanceof ScalarType s
        && (s.kind() == ScalarKind.U8 || s.kind() == ScalarKind.I8) && v instanceof byte[] bytes) {
      Object[] elems = new Object[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        elems[i] = bytes[i];
      }
      return VecValue.wrap(elems);
    }
    if (elem instanceof ScalarType s) {
      ScalarKind k = s.kind();
      if (k == ScalarKind.BOOL && v instanceof Boolean) {
        return v;
      }
      if (k == ScalarKind.F64 && (v instanceof Double || v instanceof Float)) {
        return ((Number) v).doubleValue();
      }
      if (k == ScalarKind.F32 && v instanceof Float) {
        return v;
      }
      BigInteger integer = v instanceof Integer || v instanceof Long ? BigInteger.valueOf(((Number) v).longValue())
          : v instanceof byte[] b && isDecimal() ? new BigInteger(b) : null;
      if (integer != null && !k.isFloat() && k != ScalarKind.BOOL) {
        try {
          return ValueText.parse(integer.toString(), s);
        } catch (IllegalArgumentException e) {
          throw CliException.input("%s: value %d (%s) does not fit %s", path, row, integer, Printer.printType(s));
        }
      }
    }
    throw CliException.input("%s: a Parquet %s column cannot bind vec[%s] (integers bind integer types, FLOAT f32/f64,"
        + " DOUBLE f64, BOOLEAN bool, strings vec[u8])", path, physical(), Printer.printType(elem));
  }

  private boolean isDecimal() {
    return element.getConverted_type() == ConvertedType.DECIMAL
        || (element.isSetLogicalType() && element.getLogicalType().isSetDECIMAL());
  }

  private String physical() {
    return isDecimal() ? element.getType() + " decimal" : String.valueOf(element.getType());
  }
}

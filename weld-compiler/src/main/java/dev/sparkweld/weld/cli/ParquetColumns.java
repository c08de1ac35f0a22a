package dev.sparkweld.weld.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;

/**
 * Reads the columns of a flat Parquet file without Hadoop: the footer and page headers through Parquet's own Thrift
 * structures ({@code parquet-format-structures}, under 1 MB, no dependencies), pages decoded here. Covered: data
 * pages v1 and v2, PLAIN and dictionary encodings, uncompressed/Snappy/GZIP pages, required and optional columns
 * (a null is an input error: Weld vectors hold no nulls). That is what Spark, pandas/pyarrow and DuckDB write by
 * default; other encodings, codecs and nested columns are reported by name.
 */
final class ParquetColumns {
  private ParquetColumns() {}

  static Map<String, ColumnData> read(Path file, byte[] bytes) {
    try {
      return readChecked(file, bytes);
    } catch (IOException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw CliException.input("%s: not a readable Parquet file: %s", file, e.getMessage());
    }
  }

  private static Map<String, ColumnData> readChecked(Path file, byte[] bytes) throws IOException {
    int n = bytes.length;
    if (n < 12 || !magic(bytes, 0) || !magic(bytes, n - 4)) {
      throw new IllegalArgumentException("no PAR1 magic (encrypted files are not supported either)");
    }
    int footerLength = ByteBuffer.wrap(bytes, n - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (footerLength <= 0 || footerLength > n - 12) {
      throw new IllegalArgumentException("bad footer length " + footerLength);
    }
    FileMetaData meta = new FileMetaData();
    ThriftBytes.read(meta, bytes, n - 8 - footerLength, n - 8);
    List<SchemaElement> schema = meta.getSchema();
    Map<String, ParquetColumn> columns = new LinkedHashMap<>();
    for (SchemaElement e : schema.subList(1, schema.size())) {
      if (e.isSetNum_children() && e.getNum_children() > 0) {
        throw CliException.input("%s: column %s is nested (a group); only flat schemas are supported", file,
            e.getName());
      }
      if (e.getRepetition_type() == FieldRepetitionType.REPEATED) {
        throw CliException.input("%s: column %s is repeated; only flat schemas are supported", file, e.getName());
      }
      columns.put(e.getName(), new ParquetColumn(e));
    }
    for (RowGroup group : meta.getRow_groups()) {
      for (ColumnChunk chunk : group.getColumns()) {
        ColumnMetaData cm = chunk.getMeta_data();
        ParquetColumn column = columns.get(String.join(".", cm.getPath_in_schema()));
        if (column == null) {
          throw new IllegalArgumentException("column chunk for unknown column " + cm.getPath_in_schema());
        }
        readChunk(bytes, cm, column);
      }
    }
    return new LinkedHashMap<>(columns);
  }

  private static void readChunk(byte[] bytes, ColumnMetaData cm, ParquetColumn column) throws IOException {
    long start = cm.isSetDictionary_page_offset() && cm.getDictionary_page_offset() > 0
        ? Math.min(cm.getDictionary_page_offset(), cm.getData_page_offset()) : cm.getData_page_offset();
    if (start < 4 || start >= bytes.length) {
      throw new IllegalArgumentException("column " + column.name() + " starts outside the file");
    }
    int next = (int) start;
    List<Object> dictionary = null;
    long valuesRead = 0;
    while (valuesRead < cm.getNum_values()) {
      PageHeader header = new PageHeader();
      int pos = ThriftBytes.read(header, bytes, next, bytes.length);
      int size = header.getCompressed_page_size();
      if (size < 0 || size > bytes.length - pos) {
        throw new IllegalArgumentException("page past the end of the file");
      }
      next = pos + size;
      switch (header.getType()) {
        case DICTIONARY_PAGE -> {
          byte[] page = decompress(cm.getCodec(), bytes, pos, size, header.getUncompressed_page_size());
          int count = header.getDictionary_page_header().getNum_values();
          dictionary = column.plain(page, 0, page.length, count);
        }
        case DATA_PAGE -> {
          byte[] page = decompress(cm.getCodec(), bytes, pos, size, header.getUncompressed_page_size());
          int count = header.getData_page_header().getNum_values();
          int p = 0;
          int[] levels = null;
          if (column.optional()) {
            int levelBytes = ByteBuffer.wrap(page, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (levelBytes < 0 || levelBytes > page.length - 4) {
              throw new IllegalArgumentException("bad definition level length");
            }
            levels = RleDecoder.decode(page, 4, 4 + levelBytes, 1, count);
            p = 4 + levelBytes;
          }
          column.values(page, p, page.length, levels == null ? count : ParquetColumn.nonNull(levels),
              header.getData_page_header().getEncoding(), dictionary, levels);
          valuesRead += count;
        }
        case DATA_PAGE_V2 -> {
          var h = header.getData_page_header_v2();
          int defBytes = h.getDefinition_levels_byte_length();
          int levels = h.getRepetition_levels_byte_length() + defBytes;
          if (levels < 0 || levels > size) {
            throw new IllegalArgumentException("bad level lengths");
          }
          int[] defLevels = column.optional() && defBytes > 0 ? RleDecoder.decode(bytes,
              pos + h.getRepetition_levels_byte_length(), pos + levels, 1, h.getNum_values()) : null;
          byte[] values = !h.isSetIs_compressed() || h.isIs_compressed()
              ? decompress(cm.getCodec(), bytes, pos + levels, size - levels,
                  header.getUncompressed_page_size() - levels)
              : java.util.Arrays.copyOfRange(bytes, pos + levels, pos + size);
          column.values(values, 0, values.length, h.getNum_values() - h.getNum_nulls(), h.getEncoding(), dictionary,
              defLevels);
          valuesRead += h.getNum_values();
        }
        default -> {
          // Index pages and others carry no values.
        }
      }
    }
  }

  private static byte[] decompress(CompressionCodec codec, byte[] bytes, int pos, int size, int uncompressed)
      throws IOException {
    return switch (codec) {
      case UNCOMPRESSED -> java.util.Arrays.copyOfRange(bytes, pos, pos + size);
      case SNAPPY -> Snappy.decompress(bytes, pos, size);
      case GZIP -> {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes, pos, size))) {
          byte[] out = in.readNBytes(uncompressed);
          if (out.length != uncompressed) {
            throw new IllegalArgumentException("gzip page shorter than its header says");
          }
          yield out;
        }
      }
      default -> throw new IllegalArgumentException("compression " + codec
          + " is not supported (uncompressed, SNAPPY or GZIP are)");
    };
  }

  private static boolean magic(byte[] b, int at) {
    return new String(b, at, 4, StandardCharsets.US_ASCII).equals("PAR1");
  }
}

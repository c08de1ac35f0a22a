package dev.sparkweld.weld.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputReadersTest {
  @Test
  void jsonKeepsNumbersAsTextAndReportsLineAndColumn() {
    Object v = JsonReader.parse("{\"a\": [1, -2.5e3, true, null, \"x\\u0041\\n\"]}");
    assertThat(v).isEqualTo(Map.of("a", List.of(new JsonReader.Num("1"), new JsonReader.Num("-2.5e3"), true,
        JsonReader.NULL, "xA\n")));
    assertThatThrownBy(() -> JsonReader.parse("[1,\n  2 3]")).hasMessageStartingWith("2:5:");
    assertThatThrownBy(() -> JsonReader.parse("{\"a\": 1, \"a\": 2}")).hasMessageContaining("duplicate key");
    assertThatThrownBy(() -> JsonReader.parse("[".repeat(10_000))).hasMessageContaining("nesting deeper");
    assertThatThrownBy(() -> JsonReader.parse("\"abc")).hasMessageContaining("unterminated string");
  }

  @Test
  void csvHandlesQuotesCrlfAndTrailingBlankLines() {
    CsvTable t = CsvTable.parse("a,b\r\n1,\"x\"\"y\nz\"\r\n\"\",2\r\n\r\n", ',');
    assertThat(t.names()).containsExactly("a", "b");
    assertThat(t.columns()).containsExactly(List.of("1", ""), List.of("x\"y\nz", "2"));
    assertThat(t.rowLines()).containsExactly(2, 4);
    assertThatThrownBy(() -> CsvTable.parse("a,a\n1,2\n", ',')).hasMessageContaining("appears twice");
    assertThatThrownBy(() -> CsvTable.parse("a\n\"open\n", ',')).hasMessageContaining("unterminated");
  }

  @Test
  void snappyDecodesLiteralsAndOverlappingCopiesAndRejectsCorruption() {
    // "abcabcabcabc": literal "abc" then a copy of 9 bytes at distance 3 (overlapping).
    byte[] block = {12, (byte) (2 << 2), 'a', 'b', 'c', (byte) (((9 - 4) << 2) | 1), 3};
    assertThat(new String(Snappy.decompress(block, 0, block.length))).isEqualTo("abcabcabcabc");
    byte[] bad = {12, (byte) (((9 - 4) << 2) | 1), 3};
    assertThatThrownBy(() -> Snappy.decompress(bad, 0, bad.length)).hasMessageContaining("corrupt snappy");
  }

  @Test
  void rleHybridDecodesRunsAndBitPackedGroups() {
    // A run of 3 fives (width 3), then one bit-packed group of 8 values 0..7.
    byte[] data = {6, 5, 3, (byte) 0x88, (byte) 0xC6, (byte) 0xFA};
    assertThat(RleDecoder.decode(data, 0, data.length, 3, 11)).containsExactly(5, 5, 5, 0, 1, 2, 3, 4, 5, 6, 7);
    assertThatThrownBy(() -> RleDecoder.decode(data, 0, 2, 3, 11)).hasMessageContaining("truncated");
  }
}

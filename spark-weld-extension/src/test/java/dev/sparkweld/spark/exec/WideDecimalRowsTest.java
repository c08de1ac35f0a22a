package dev.sparkweld.spark.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.weld.abi.Memory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.junit.jupiter.api.Test;

/**
 * Wide decimals written from their i128 give the very bytes Spark's writer gives for the same Decimal (rows are
 * compared and hashed as bytes downstream: grouping keys, shuffles), nulls in its layout when the value has more
 * digits than the type.
 */
class WideDecimalRowsTest {
  @Test
  void bytesMatchSparksWriter() {
    List<BigInteger> values = new ArrayList<>();
    for (long v : new long[] {0, 1, -1, 127, 128, -128, -129, 255, 256, Long.MAX_VALUE, Long.MIN_VALUE,
        Long.MIN_VALUE + 1, 1_000_000_007L, -99_999_999_999L}) {
      values.add(BigInteger.valueOf(v));
    }
    BigInteger max38 = BigInteger.TEN.pow(38).subtract(BigInteger.ONE);
    values.add(max38);
    values.add(max38.negate());
    values.add(BigInteger.TEN.pow(38)); // one digit too many for DECIMAL(38, s)
    values.add(BigInteger.TEN.pow(38).negate());
    values.add(BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE)); // the largest i128
    values.add(BigInteger.ONE.shiftLeft(127).negate());
    Random r = new Random(7);
    for (int i = 0; i < 2000; i++) {
      values.add(new BigInteger(1 + r.nextInt(127), r).multiply(BigInteger.valueOf(r.nextBoolean() ? 1 : -1)));
    }
    long i128 = Memory.allocate(16);
    try {
      check(values, i128);
    } finally {
      Memory.free(i128);
    }
  }

  private static void check(List<BigInteger> values, long i128) {
    for (DecimalType type : new DecimalType[] {DataTypes.createDecimalType(38, 2),
        DataTypes.createDecimalType(25, 2), DataTypes.createDecimalType(19, 0)}) {
      for (BigInteger v : values) {
        UnsafeRowWriter spark = new UnsafeRowWriter(3);
        spark.reset();
        spark.zeroOutNullBytes();
        spark.write(0, 42L);
        spark.write(1, Decimal.apply(new BigDecimal(v, type.scale())), type.precision(), type.scale());
        spark.write(2, 7L);
        UnsafeRowWriter ours = new UnsafeRowWriter(3);
        ours.reset();
        ours.zeroOutNullBytes();
        ours.write(0, 42L);
        Memory.putLong(i128, v.longValue());
        Memory.putLong(i128 + 8, v.shiftRight(64).longValue());
        NativeRows.writeWideDecimal(ours, 1, i128, type);
        ours.write(2, 7L);
        UnsafeRow expected = spark.getRow();
        UnsafeRow actual = ours.getRow();
        assertThat(actual.getBytes()).as("%s as %s", v, type).isEqualTo(expected.getBytes());
        assertThat(actual.isNullAt(1)).isEqualTo(v.abs().compareTo(BigInteger.TEN.pow(type.precision())) >= 0);
      }
    }
  }
}

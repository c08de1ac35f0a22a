package dev.sparkweld.spark.tpch;

import io.trino.tpch.Customer;
import io.trino.tpch.LineItem;
import io.trino.tpch.Order;
import io.trino.tpch.Part;
import io.trino.tpch.PartSupplier;
import io.trino.tpch.Supplier;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark schema of a TPC-H table and the conversion of the generator's entities to Spark rows.
 *
 * <p>Types follow the spec: identifiers BIGINT, integers INT, dates DATE, text STRING, and every money, quantity,
 * discount and tax column DECIMAL(15,2). The generator's {@code getDouble} for those columns is {@code cents / 100.0};
 * a double cannot carry every cent exactly, so the decimals are built from the entities' integer hundredths instead
 * ({@link #HUNDREDTHS}), never from the double.
 */
public final class TpchRows {
  public static final DataType MONEY = DataTypes.createDecimalType(15, 2);

  /** Integer hundredths of each decimal column, by column name. A DOUBLE column missing here is a bug (see {@link #converter}). */
  private static final Map<String, ToLongFunction<TpchEntity>> HUNDREDTHS = Map.of(
      "l_quantity", e -> ((LineItem) e).getQuantity() * 100,
      "l_extendedprice", e -> ((LineItem) e).getExtendedPriceInCents(),
      "l_discount", e -> ((LineItem) e).getDiscountPercent(),
      "l_tax", e -> ((LineItem) e).getTaxPercent(),
      "o_totalprice", e -> ((Order) e).getTotalPriceInCents(),
      "c_acctbal", e -> ((Customer) e).getAccountBalanceInCents(),
      "s_acctbal", e -> ((Supplier) e).getAccountBalanceInCents(),
      "p_retailprice", e -> ((Part) e).getRetailPriceInCents(),
      "ps_supplycost", e -> ((PartSupplier) e).getSupplyCostInCents());

  private TpchRows() {}

  public static StructType schema(TpchTable<?> table) {
    List<StructField> fields = new ArrayList<>();
    for (TpchColumn<?> column : table.getColumns()) {
      fields.add(DataTypes.createStructField(column.getColumnName(), sparkType(column), false));
    }
    return DataTypes.createStructType(fields);
  }

  static DataType sparkType(TpchColumn<?> column) {
    switch (column.getType().getBase()) {
      case IDENTIFIER:
        return DataTypes.LongType;
      case INTEGER:
        return DataTypes.IntegerType;
      case DATE:
        return DataTypes.DateType;
      case VARCHAR:
        return DataTypes.StringType;
      case DOUBLE:
        return MONEY;
      default:
        throw new IllegalArgumentException("unknown TPC-H column type " + column.getType() + " of " + column.getColumnName());
    }
  }

  /** One converter per column, in schema order; the resulting function is not serializable (build it where it runs). */
  public static <E extends TpchEntity> Function<E, Row> rowMaker(TpchTable<E> table) {
    List<Function<E, Object>> columns = new ArrayList<>();
    for (TpchColumn<E> column : table.getColumns()) {
      columns.add(converter(column));
    }
    return entity -> {
      Object[] values = new Object[columns.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = columns.get(i).apply(entity);
      }
      return RowFactory.create(values);
    };
  }

  private static <E extends TpchEntity> Function<E, Object> converter(TpchColumn<E> column) {
    switch (column.getType().getBase()) {
      case IDENTIFIER:
        return column::getIdentifier;
      case INTEGER:
        return column::getInteger;
      case DATE:
        // getDate is days since 1970-01-01; java.sql.Date is the external type Spark's Row encoder expects by default.
        return e -> java.sql.Date.valueOf(LocalDate.ofEpochDay(column.getDate(e)));
      case VARCHAR:
        return column::getString;
      case DOUBLE:
        ToLongFunction<TpchEntity> hundredths = HUNDREDTHS.get(column.getColumnName());
        if (hundredths == null) {
          throw new IllegalStateException("no exact decimal source for TPC-H column " + column.getColumnName());
        }
        return e -> BigDecimal.valueOf(hundredths.applyAsLong(e), 2);
      default:
        throw new IllegalArgumentException("unknown TPC-H column type " + column.getType() + " of " + column.getColumnName());
    }
  }
}

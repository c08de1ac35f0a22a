package dev.sparkweld.spark.fuzz;

import dev.sparkweld.spark.fuzz.ExprGen.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Random queries over the tables of {@link FuzzTables}: filter/project, grouped and global aggregates (with HAVING,
 * DISTINCT aggregates), SELECT DISTINCT, joins of every kind with extra conditions, IN / NOT IN / EXISTS subqueries,
 * and ORDER BY (with LIMIT where the result stays deterministic, see {@link FuzzQuery}).
 */
final class QueryGen {
  private final Random r;

  QueryGen(long seed) {
    this.r = new Random(seed);
  }

  FuzzQuery next() {
    int shape = r.nextInt(20);
    if (shape < 5) {
      return rows(single(), false);
    } else if (shape < 10) {
      return grouped(single());
    } else if (shape < 12) {
      return global(single());
    } else if (shape < 14) {
      return rows(single(), true);
    } else if (shape < 18) {
      Source join = join();
      return r.nextBoolean() ? grouped(join) : rows(join, false);
    } else {
      Source sub = subquery();
      return r.nextBoolean() ? grouped(sub) : rows(sub, false);
    }
  }

  /** A FROM clause, the columns it makes visible, and a condition every query over it must have (or null). */
  private record Source(FuzzQuery.From from, List<Column> columns, Expr filter) {}

  private Source single() {
    String table = r.nextBoolean() ? "t1" : "t3";
    return new Source(FuzzQuery.From.of(table), columns(FuzzTables.WIDE, ""), null);
  }

  /**
   * One or two joins of {@code t2}, each broadcast (Spark's choice for these small tables) or forced to a sort-merge
   * or shuffled hash join by a hint; a second join may merge on the first one's output order.
   */
  private Source join() {
    String left = r.nextBoolean() ? "t1" : "t3";
    List<Column> visible = new ArrayList<>(columns(FuzzTables.WIDE, "a."));
    StringBuilder clause = new StringBuilder(left + " a");
    List<String> hints = new ArrayList<>();
    int joins = r.nextInt(3) == 0 ? 2 : 1;
    for (String alias : joins == 1 ? List.of("b") : List.of("b", "c")) {
      String kind = pick("join", "join", "left join", "right join", "full join", "left semi join", "left anti join");
      String hint = pick("", "", "MERGE", "SHUFFLE_HASH");
      if (!hint.isEmpty()) {
        hints.add(hint + "(" + alias + ")");
      }
      List<Column> right = columns(FuzzTables.NARROW, alias + ".");
      List<Column> both = new ArrayList<>(visible);
      both.addAll(right);
      // The second join's key comes from the left table or from the first join's right side when that is visible.
      String leftKey = alias.equals("c") && visible.size() > FuzzTables.WIDE.fields().length && r.nextBoolean() ? "b.k" : "a.k";
      String on = leftKey + " = " + alias + ".k";
      if (r.nextInt(3) == 0) {
        on += " and " + new ExprGen(r, both).gen(SqlType.BOOLEAN, 1).sql();
      }
      clause.append(' ').append(kind).append(" t2 ").append(alias).append(" on ").append(on);
      if (!(kind.contains("semi") || kind.contains("anti"))) {
        visible = both;
      }
    }
    return new Source(new FuzzQuery.From(String.join(", ", hints), clause.toString()), visible, null);
  }

  /** A filter by a subquery: IN and NOT IN (null-aware) on the key, or a correlated EXISTS. */
  private Source subquery() {
    String table = r.nextBoolean() ? "t1" : "t3";
    String inner = new ExprGen(r, columns(FuzzTables.NARROW, "")).gen(SqlType.BOOLEAN, 1).sql();
    String condition = pick(
        "a.k in (select k from t2 where " + inner + ")",
        "a.k not in (select k from t2 where " + inner + ")",
        "exists (select 1 from t2 where t2.k = a.k and " + inner + ")",
        "not exists (select 1 from t2 where t2.k = a.k)");
    return new Source(FuzzQuery.From.of(table + " a"), columns(FuzzTables.WIDE, "a."),
        Expr.leaf(condition, SqlType.BOOLEAN));
  }

  /** The query's WHERE: the source's condition and/or a random one (one query in four has none of its own). */
  private Expr where(Source source, ExprGen g, int depth) {
    Expr own = r.nextInt(4) == 0 ? null : g.gen(SqlType.BOOLEAN, depth);
    if (source.filter() == null) {
      return own;
    }
    return own == null ? source.filter() : Expr.of("($0 and $1)", SqlType.BOOLEAN, source.filter(), own);
  }

  private FuzzQuery rows(Source source, boolean distinct) {
    ExprGen g = new ExprGen(r, source.columns());
    List<Expr> select = new ArrayList<>();
    for (int n = 1 + r.nextInt(4); n > 0; n--) {
      select.add(g.gen(g.anyType(), 2));
    }
    Expr where = where(source, g, 3);
    return ordered(new FuzzQuery(distinct, select, source.from(), where, List.of(), null, List.of(), -1));
  }

  private FuzzQuery grouped(Source source) {
    ExprGen g = new ExprGen(r, source.columns());
    List<Expr> keys = new ArrayList<>();
    for (int n = 1 + r.nextInt(2); n > 0; n--) {
      Expr key = r.nextBoolean() ? g.leaf(g.anyType()) : g.gen(g.anyType(), 1);
      // A literal key would be a GROUP BY position (or grouping by a constant): use a column.
      keys.add(key.children().isEmpty() && !key.sql().matches("[a-z.]+") ? g.column() : key);
    }
    List<Expr> select = new ArrayList<>(keys);
    for (int n = 1 + r.nextInt(4); n > 0; n--) {
      select.add(aggregate(g));
    }
    Expr where = where(source, g, 2);
    Expr having = r.nextInt(3) == 0 ? having(g) : null;
    return ordered(new FuzzQuery(false, select, source.from(), where, keys, having, List.of(), -1));
  }

  private FuzzQuery global(Source source) {
    ExprGen g = new ExprGen(r, source.columns());
    List<Expr> select = new ArrayList<>();
    for (int n = 1 + r.nextInt(5); n > 0; n--) {
      select.add(aggregate(g));
    }
    Expr where = where(source, g, 2);
    return new FuzzQuery(false, select, source.from(), where, List.of(), null, List.of(), -1);
  }

  private Expr aggregate(ExprGen g) {
    SqlType num = g.pickType(SqlType.INT, SqlType.BIGINT, SqlType.DOUBLE, SqlType.DECIMAL);
    switch (r.nextInt(9)) {
      case 0:
        return Expr.agg("count(*)", SqlType.BIGINT);
      case 1: {
        SqlType t = g.anyType();
        return Expr.agg(r.nextInt(3) == 0 ? "count(distinct $0)" : "count($0)", SqlType.BIGINT, g.gen(t, 1));
      }
      case 2:
      case 3: {
        SqlType result = num == SqlType.INT ? SqlType.BIGINT : num;
        return Expr.agg(r.nextInt(4) == 0 ? "sum(distinct $0)" : "sum($0)", result, g.gen(num, 1));
      }
      case 4: {
        SqlType result = num == SqlType.DECIMAL ? SqlType.DECIMAL : SqlType.DOUBLE;
        return Expr.agg("avg($0)", result, g.gen(num, 1));
      }
      case 5:
      case 6: {
        SqlType t = g.anyType();
        return Expr.agg(r.nextBoolean() ? "min($0)" : "max($0)", t, g.gen(t, 1));
      }
      case 7:
        return Expr.of("($0 + $1)", SqlType.BIGINT, Expr.agg("count(*)", SqlType.BIGINT),
            Expr.agg("count($0)", SqlType.BIGINT, g.gen(g.anyType(), 1)));
      default:
        return Expr.agg("count($0)", SqlType.BIGINT, g.gen(SqlType.BOOLEAN, 2));
    }
  }

  private Expr having(ExprGen g) {
    Expr agg = aggregate(g);
    return Expr.of("($0 " + pick(">", "<", ">=", "=", "<>") + " $1)", SqlType.BOOLEAN, agg, g.literal(agg.type()));
  }

  /** One query in four gets an ORDER BY over all outputs; with no DOUBLE output, maybe a LIMIT. */
  private FuzzQuery ordered(FuzzQuery q) {
    if (r.nextInt(4) != 0) {
      return q;
    }
    boolean aggregated = q.select().stream().anyMatch(Expr::containsAggregate);
    boolean doubles = q.select().stream().anyMatch(e -> e.type().floating());
    if (aggregated && doubles) {
      // Aggregated doubles may differ in their last bits between engines (summation order); as sort keys they
      // could reorder rows, so such results are compared as multisets instead.
      return q;
    }
    List<String> order = new ArrayList<>();
    for (int i = 0; i < q.select().size(); i++) {
      order.add(pick("asc", "desc") + " " + pick("nulls first", "nulls last"));
    }
    int limit = doubles || r.nextBoolean() ? -1 : pick(0, 1, 3, 10);
    return new FuzzQuery(q.distinct(), q.select(), q.from(), q.where(), q.groupBy(), q.having(), order, limit);
  }

  static List<Column> columns(StructType schema, String qualifier) {
    List<Column> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      out.add(new Column(qualifier + f.name(), kind(f.dataType())));
    }
    return out;
  }

  private static SqlType kind(DataType t) {
    if (t.equals(DataTypes.IntegerType)) {
      return SqlType.INT;
    } else if (t.equals(DataTypes.LongType)) {
      return SqlType.BIGINT;
    } else if (t.equals(DataTypes.DoubleType)) {
      return SqlType.DOUBLE;
    } else if (t instanceof DecimalType) {
      return SqlType.DECIMAL;
    } else if (t.equals(DataTypes.StringType)) {
      return SqlType.STRING;
    } else if (t.equals(DataTypes.DateType)) {
      return SqlType.DATE;
    }
    return SqlType.BOOLEAN;
  }

  private String pick(String... options) {
    return options[r.nextInt(options.length)];
  }

  private int pick(int... options) {
    return options[r.nextInt(options.length)];
  }
}

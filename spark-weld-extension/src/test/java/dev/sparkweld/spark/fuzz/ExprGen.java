package dev.sparkweld.spark.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random typed row expressions over a set of columns: arithmetic, comparisons, three-valued logic, CASE/IF/COALESCE,
 * IN and BETWEEN, casts, string and date functions, and literals at the edges (NaN, -0.0, type limits, nulls).
 * Expressions that may fail (ANSI overflow, division by zero, invalid casts) are generated on purpose: both engines
 * must then fail with the same error condition.
 */
final class ExprGen {
  /** A column visible to the query: its SQL (possibly qualified) and kind. */
  record Column(String sql, SqlType type) {}

  private final Random r;
  private final List<Column> columns;

  ExprGen(Random r, List<Column> columns) {
    this.r = r;
    this.columns = List.copyOf(columns);
  }

  Expr gen(SqlType type, int depth) {
    if (depth <= 0 || r.nextInt(4) == 0) {
      return leaf(type);
    }
    switch (type) {
      case BOOLEAN:
        return bool(depth - 1);
      case STRING:
        return string(depth - 1);
      case DATE:
        return date(depth - 1);
      default:
        return numeric(type, depth - 1);
    }
  }

  /** A column of the type when there is one (usually), else a literal. */
  Expr leaf(SqlType type) {
    List<Column> candidates = new ArrayList<>();
    for (Column c : columns) {
      if (c.type() == type) {
        candidates.add(c);
      }
    }
    if (!candidates.isEmpty() && r.nextInt(5) != 0) {
      return Expr.leaf(candidates.get(r.nextInt(candidates.size())).sql(), type);
    }
    return literal(type);
  }

  /** Any column. */
  Expr column() {
    Column c = columns.get(r.nextInt(columns.size()));
    return Expr.leaf(c.sql(), c.type());
  }

  Expr literal(SqlType type) {
    if (r.nextInt(12) == 0) {
      return Expr.leaf("cast(null as " + sqlName(type) + ")", type);
    }
    switch (type) {
      case INT:
        return Expr.leaf(pick("0", "1", "-1", "3", "7", "100", "2147483647", "-2147483648"), type);
      case BIGINT:
        return Expr.leaf(pick("0L", "1L", "-5L", "1000000L", "9223372036854775807L", "-9223372036854775808L"), type);
      case DOUBLE:
        return Expr.leaf(pick("0.0D", "-0.0D", "1.5D", "-2.25D", "double('NaN')", "double('Infinity')",
            "double('-Infinity')", "1e308D", "100.0D"), type);
      case DECIMAL:
        return Expr.leaf(pick("0.00BD", "1.5BD", "-2.25BD", "99999999.99BD", "0.000000000000000001BD",
            "12345678901234567890.123456789012345678BD", "7BD"), type);
      case STRING:
        return Expr.leaf(pick("''", "'a'", "'ab'", "'A'", "'é'", "'%'", "'x_y'", "' a '"), type);
      case DATE:
        return Expr.leaf(pick("date'1970-01-01'", "date'2000-02-29'", "date'1900-03-01'", "date'2024-12-31'"), type);
      case BOOLEAN:
        return Expr.leaf(pick("true", "false"), type);
      default:
        throw new IllegalArgumentException(type.name());
    }
  }

  private Expr numeric(SqlType t, int d) {
    switch (r.nextInt(12)) {
      case 0:
      case 1:
        return Expr.of("($0 + $1)", t, gen(t, d), gen(t, d));
      case 2:
        return Expr.of("($0 - $1)", t, gen(t, d), gen(t, d));
      case 3:
        return Expr.of("($0 * $1)", t, gen(t, d), gen(t, d));
      case 4:
        // Division by a column that may be 0 fails under ANSI; by nullif(.., 0) it gives null.
        return t == SqlType.DOUBLE || t == SqlType.DECIMAL
            ? Expr.of(r.nextBoolean() ? "($0 / $1)" : "($0 / nullif($1, 0))", t, gen(t, d), gen(t, d))
            : Expr.of("($0 % nullif($1, 0))", t, gen(t, d), gen(t, d));
      case 5:
        return Expr.of(r.nextBoolean() ? "abs($0)" : "(- $0)", t, gen(t, d));
      case 6:
        return conditional(t, d);
      case 7:
        return cast(t, d);
      case 8:
        if (t == SqlType.INT) {
          return r.nextBoolean() ? Expr.of("length($0)", t, gen(SqlType.STRING, d))
              : Expr.of(pick("year($0)", "month($0)", "dayofmonth($0)"), t, gen(SqlType.DATE, d));
        }
        return Expr.of("($0 + $1)", t, gen(t, d), leaf(t));
      case 9:
        if (t == SqlType.INT) {
          return Expr.of("datediff($0, $1)", t, gen(SqlType.DATE, d), gen(SqlType.DATE, d));
        }
        return Expr.of(r.nextBoolean() ? "greatest($0, $1)" : "least($0, $1)", t, gen(t, d), gen(t, d));
      default:
        return leaf(t);
    }
  }

  private Expr cast(SqlType t, int d) {
    switch (t) {
      case INT:
        return Expr.of("cast($0 as int)", t, gen(pickType(SqlType.BIGINT, SqlType.DOUBLE, SqlType.DECIMAL), d));
      case BIGINT:
        return Expr.of("cast($0 as bigint)", t, gen(pickType(SqlType.INT, SqlType.DOUBLE, SqlType.DECIMAL), d));
      case DOUBLE:
        return Expr.of("cast($0 as double)", t, gen(pickType(SqlType.INT, SqlType.BIGINT, SqlType.DECIMAL), d));
      case DECIMAL:
        return Expr.of(pick("cast($0 as decimal(12,2))", "cast($0 as decimal(38,0))", "cast($0 as decimal(20,10))"),
            t, gen(pickType(SqlType.INT, SqlType.BIGINT, SqlType.DECIMAL), d));
      case STRING:
        return Expr.of("cast($0 as string)", t, gen(pickType(SqlType.INT, SqlType.BIGINT, SqlType.DATE,
            SqlType.BOOLEAN, SqlType.DECIMAL), d));
      default:
        throw new IllegalArgumentException(t.name());
    }
  }

  private Expr conditional(SqlType t, int d) {
    switch (r.nextInt(3)) {
      case 0:
        return Expr.of("if($0, $1, $2)", t, gen(SqlType.BOOLEAN, d), gen(t, d), gen(t, d));
      case 1:
        return r.nextBoolean()
            ? Expr.of("case when $0 then $1 when $2 then $3 else $4 end", t, gen(SqlType.BOOLEAN, d), gen(t, d),
                gen(SqlType.BOOLEAN, d), gen(t, d), gen(t, d))
            : Expr.of("case when $0 then $1 end", t, gen(SqlType.BOOLEAN, d), gen(t, d));
      default:
        return Expr.of("coalesce($0, $1)", t, gen(t, d), gen(t, d));
    }
  }

  private Expr string(int d) {
    SqlType t = SqlType.STRING;
    switch (r.nextInt(8)) {
      case 0:
        return Expr.of("substring($0, $1, $2)", t, gen(t, d), Expr.leaf(pick("0", "1", "2", "-2"), SqlType.INT),
            Expr.leaf(pick("1", "2", "3", "100"), SqlType.INT));
      case 1:
        return Expr.of("concat($0, $1)", t, gen(t, d), gen(t, d));
      case 2:
        return Expr.of(pick("upper($0)", "lower($0)", "trim($0)", "initcap($0)", "reverse($0)",
            "replace($0, 'a', 'xy')", "translate($0, 'ae', 'E')", "substring_index($0, 'a', 2)"), t, gen(t, d));
      case 3:
        return conditional(t, d);
      case 4:
        return cast(t, d);
      default:
        return leaf(t);
    }
  }

  private Expr date(int d) {
    SqlType t = SqlType.DATE;
    switch (r.nextInt(5)) {
      case 0:
        return Expr.of(r.nextBoolean() ? "date_add($0, $1)" : "date_sub($0, $1)", t, gen(t, d),
            Expr.leaf(pick("0", "1", "-30", "365"), SqlType.INT));
      case 1:
        return conditional(t, d);
      default:
        return leaf(t);
    }
  }

  private Expr bool(int d) {
    switch (r.nextInt(11)) {
      case 0:
      case 1:
      case 2: {
        SqlType t = anyType();
        return Expr.of("($0 " + pick("=", "<>", "<", "<=", ">", ">=", "<=>") + " $1)", SqlType.BOOLEAN,
            gen(t, d), gen(t, d));
      }
      case 3:
        return Expr.of(r.nextBoolean() ? "($0 and $1)" : "($0 or $1)", SqlType.BOOLEAN, gen(SqlType.BOOLEAN, d),
            gen(SqlType.BOOLEAN, d));
      case 4:
        return Expr.of(pick("(not $0)", "($0 is null)", "($0 is not null)"), SqlType.BOOLEAN,
            gen(SqlType.BOOLEAN, d));
      case 5: {
        SqlType t = anyType();
        return Expr.of(pick("($0 is null)", "($0 is not null)"), SqlType.BOOLEAN, gen(t, d));
      }
      case 6: {
        SqlType t = pickType(SqlType.INT, SqlType.BIGINT, SqlType.STRING, SqlType.DECIMAL, SqlType.DATE);
        return Expr.of(r.nextBoolean() ? "($0 in ($1, $2, $3))" : "($0 not in ($1, $2))", SqlType.BOOLEAN,
            gen(t, d), literal(t), literal(t), literal(t));
      }
      case 7: {
        SqlType t = pickType(SqlType.INT, SqlType.DOUBLE, SqlType.DECIMAL, SqlType.DATE);
        return Expr.of("($0 between $1 and $2)", SqlType.BOOLEAN, gen(t, d), gen(t, d), gen(t, d));
      }
      case 8:
        return Expr.of(pick("($0 like '%a%')", "($0 like 'a%')", "($0 like '_b%')", "($0 like '%\\\\_%')",
            "startswith($0, 'a')", "endswith($0, 'b')", "contains($0, 'x')", "($0 like '')"), SqlType.BOOLEAN,
            gen(SqlType.STRING, d));
      case 9:
        return Expr.of(pick("isnan($0)", "($0 = double('NaN'))", "($0 = 0.0D)"), SqlType.BOOLEAN,
            gen(SqlType.DOUBLE, d));
      default:
        return conditional(SqlType.BOOLEAN, d);
    }
  }

  SqlType anyType() {
    SqlType[] all = SqlType.values();
    return all[r.nextInt(all.length)];
  }

  SqlType pickType(SqlType... types) {
    return types[r.nextInt(types.length)];
  }

  String pick(String... options) {
    return options[r.nextInt(options.length)];
  }

  static String sqlName(SqlType type) {
    switch (type) {
      case INT:
        return "int";
      case BIGINT:
        return "bigint";
      case DOUBLE:
        return "double";
      case DECIMAL:
        return "decimal(10,2)";
      case STRING:
        return "string";
      case DATE:
        return "date";
      default:
        return "boolean";
    }
  }
}

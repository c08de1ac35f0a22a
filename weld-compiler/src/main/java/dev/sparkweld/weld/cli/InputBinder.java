package dev.sparkweld.weld.cli;

import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import dev.sparkweld.weld.syntax.Printer;
import dev.sparkweld.weld.value.ValueText;
import dev.sparkweld.weld.value.VecValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds the program's parameters, by name, to values from the command line (value text), JSON files and columnar
 * files (CSV, Parquet: a column binds the parameter of the same name, which must be a {@code vec}). Columns no
 * parameter asks for are ignored, so a program can read a few columns of a wide table; a parameter bound twice or
 * not at all is an input error that lists what the program expects.
 */
final class InputBinder {
  private final List<Param> params;
  private final Map<String, Param> byName = new LinkedHashMap<>();
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Map<String, String> sources = new LinkedHashMap<>();

  InputBinder(List<Param> params) {
    this.params = params;
    params.forEach(p -> byName.put(p.name().name(), p));
  }

  /** {@code --arg name=text}. */
  void bindText(String name, String text) {
    Param p = param(name, "--arg");
    try {
      bind(p, ValueText.parse(text, p.type()), "--arg");
    } catch (IllegalArgumentException e) {
      throw CliException.input("--arg %s: '%s' is not a %s: %s", name, abbreviate(text), typeText(p.type()),
          e.getMessage());
    }
  }

  /** Values after the program file: they fill the parameters not bound otherwise, in order. */
  void bindPositional(List<String> texts) {
    List<Param> open = params.stream().filter(p -> !values.containsKey(p.name().name())).toList();
    if (texts.size() > open.size()) {
      throw CliException.input("%d positional values for %d unbound parameters (%s)", texts.size(), open.size(),
          signature(open));
    }
    for (int i = 0; i < texts.size(); i++) {
      bindText(open.get(i).name().name(), texts.get(i));
    }
  }

  /**
   * A JSON object (parameter name to value) or an array of row objects (each key a column, bound as a vector).
   */
  void bindJson(Path file, String text) {
    Object json;
    try {
      json = JsonReader.parse(text);
    } catch (IllegalArgumentException e) {
      throw CliException.input("%s:%s", file, e.getMessage());
    }
    Map<String, Object> fields;
    if (json instanceof Map<?, ?> m) {
      fields = new LinkedHashMap<>();
      m.forEach((k, v) -> fields.put((String) k, v));
    } else if (json instanceof List<?> rows) {
      fields = rowsToColumns(file, rows);
    } else {
      throw CliException.input("%s: expected an object of parameters or an array of row objects", file);
    }
    int used = 0;
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      Param p = byName.get(e.getKey());
      if (p != null) {
        bind(p, JsonValues.convert(e.getValue(), p.type(), file + ": " + e.getKey()), file.toString());
        used++;
      }
    }
    requireSomeUsed(file, used, fields.keySet());
  }

  /** Each CSV column binds the {@code vec} parameter of its name; cells are value text, or bytes for strings. */
  void bindCsv(Path file, String text, char delimiter) {
    CsvTable table;
    try {
      table = CsvTable.parse(text, delimiter);
    } catch (IllegalArgumentException e) {
      throw CliException.input("%s:%s", file, e.getMessage());
    }
    int used = 0;
    for (int c = 0; c < table.names().size(); c++) {
      String name = table.names().get(c);
      Param p = byName.get(name);
      if (p == null) {
        continue;
      }
      VecType vt = columnType(file, p);
      List<String> cells = table.columns().get(c);
      Object[] elems = new Object[cells.size()];
      for (int r = 0; r < elems.length; r++) {
        try {
          elems[r] = cell(cells.get(r), vt.elem());
        } catch (IllegalArgumentException e) {
          throw CliException.input("%s:%d: column %s: '%s' is not a %s", file, table.rowLines().get(r), name,
              abbreviate(cells.get(r)), typeText(vt.elem()));
        }
      }
      bind(p, VecValue.wrap(elems), file.toString());
      used++;
    }
    requireSomeUsed(file, used, table.names());
  }

  /** Binds named columns read from a columnar file (Parquet): each is already a vector of Java values. */
  void bindColumns(Path file, Map<String, ColumnData> columns) {
    int used = 0;
    for (Map.Entry<String, ColumnData> e : columns.entrySet()) {
      Param p = byName.get(e.getKey());
      if (p == null) {
        continue;
      }
      VecType vt = columnType(file, p);
      bind(p, e.getValue().toVec(vt.elem(), file + ": column " + e.getKey()), file.toString());
      used++;
    }
    requireSomeUsed(file, used, columns.keySet());
  }

  /** The argument values in parameter order; fails listing every unbound parameter. */
  List<Object> values() {
    List<Param> missing = params.stream().filter(p -> !values.containsKey(p.name().name())).toList();
    if (!missing.isEmpty()) {
      throw CliException.input("no value for %s (give --arg name=value, positional values, --json, --csv or"
          + " --parquet files)", signature(missing));
    }
    List<Object> out = new ArrayList<>();
    params.forEach(p -> out.add(values.get(p.name().name())));
    return out;
  }

  static String signature(List<Param> ps) {
    return ps.stream().map(p -> p.name().name() + ": " + typeText(p.type())).collect(Collectors.joining(", "));
  }

  static Object cell(String text, Type elem) {
    if (elem instanceof VecType v && v.elem() instanceof ScalarType s
        && (s.kind() == ScalarKind.U8 || s.kind() == ScalarKind.I8)) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      Object[] elems = new Object[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        elems[i] = bytes[i];
      }
      return VecValue.wrap(elems);
    }
    if (!(elem instanceof ScalarType)) {
      throw new IllegalArgumentException("columns hold scalars or strings");
    }
    return ValueText.parse(text.strip(), elem);
  }

  private VecType columnType(Path file, Param p) {
    if (p.type() instanceof VecType vt && (vt.elem() instanceof ScalarType || isString(vt.elem()))) {
      return vt;
    }
    throw CliException.input("%s: column %s binds parameter %s: %s, which is not a vector of scalars or strings",
        file, p.name().name(), p.name().name(), typeText(p.type()));
  }

  private static boolean isString(Type t) {
    return t instanceof VecType v && v.elem() instanceof ScalarType s
        && (s.kind() == ScalarKind.U8 || s.kind() == ScalarKind.I8);
  }

  private Param param(String name, String where) {
    Param p = byName.get(name);
    if (p == null) {
      throw CliException.input("%s %s: the program has no parameter %s (it takes %s)", where, name, name,
          params.isEmpty() ? "none" : signature(params));
    }
    return p;
  }

  private void bind(Param p, Object value, String source) {
    String name = p.name().name();
    String previous = sources.putIfAbsent(name, source);
    if (previous != null) {
      throw CliException.input("parameter %s is given twice (by %s and by %s)", name, previous, source);
    }
    values.put(name, value);
  }

  private void requireSomeUsed(Path file, int used, java.util.Collection<String> names) {
    if (used == 0) {
      throw CliException.input("%s: none of its columns (%s) is a parameter of the program (%s)", file,
          abbreviate(String.join(", ", names)), signature(params));
    }
  }

  private static Map<String, Object> rowsToColumns(Path file, List<?> rows) {
    Map<String, Object> columns = new LinkedHashMap<>();
    for (int r = 0; r < rows.size(); r++) {
      if (!(rows.get(r) instanceof Map<?, ?> row)) {
        throw CliException.input("%s: row %d is not an object", file, r);
      }
      if (r > 0 && !row.keySet().equals(columns.keySet())) {
        throw CliException.input("%s: row %d has keys %s, row 0 has %s", file, r, row.keySet(), columns.keySet());
      }
      for (Map.Entry<?, ?> e : row.entrySet()) {
        @SuppressWarnings("unchecked")
        List<Object> column = (List<Object>) columns.computeIfAbsent((String) e.getKey(), k -> new ArrayList<>());
        column.add(e.getValue());
      }
    }
    return columns;
  }

  static String typeText(Type t) {
    return Printer.printType(t);
  }

  static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}

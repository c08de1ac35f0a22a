package dev.sparkweld.weld.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file as named text columns (RFC 4180: a header line, quoted fields with {@code ""} for a quote, line breaks
 * inside quotes). Every row must have as many fields as the header; the line of each row is kept for messages.
 */
record CsvTable(List<String> names, List<List<String>> columns, List<Integer> rowLines) {
  static CsvTable parse(String text, char delimiter) {
    List<List<String>> rows = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int line = 1;
    int rowLine = 1;
    boolean quoted = false;
    boolean fieldStarted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
      } else if (c == '"' && !fieldStarted) {
        quoted = true;
        fieldStarted = true;
      } else if (c == delimiter) {
        row.add(field.toString());
        field.setLength(0);
        fieldStarted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        endRow(row, field, fieldStarted, rows, lines, rowLine);
        row = new ArrayList<>();
        fieldStarted = false;
        line++;
        rowLine = line;
      } else {
        field.append(c);
        fieldStarted = true;
      }
    }
    if (quoted) {
      throw new IllegalArgumentException(rowLine + ": unterminated quoted field");
    }
    endRow(row, field, fieldStarted, rows, lines, rowLine);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("1: no header line");
    }
    List<String> names = rows.get(0).stream().map(String::strip).toList();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).isEmpty()) {
        throw new IllegalArgumentException("1: column " + (i + 1) + " has no name");
      }
      if (names.indexOf(names.get(i)) != i) {
        throw new IllegalArgumentException("1: column name '" + names.get(i) + "' appears twice");
      }
    }
    List<List<String>> columns = new ArrayList<>();
    names.forEach(n -> columns.add(new ArrayList<>()));
    for (int r = 1; r < rows.size(); r++) {
      List<String> fields = rows.get(r);
      if (fields.size() != names.size()) {
        throw new IllegalArgumentException(lines.get(r) + ": " + fields.size() + " fields, the header has "
            + names.size());
      }
      for (int c = 0; c < fields.size(); c++) {
        columns.get(c).add(fields.get(c));
      }
    }
    return new CsvTable(names, columns, List.copyOf(lines.subList(1, lines.size())));
  }

  /** A blank line ends no row: files often end with one or two. */
  private static void endRow(List<String> row, StringBuilder field, boolean fieldStarted, List<List<String>> rows,
      List<Integer> lines, int rowLine) {
    if (row.isEmpty() && field.length() == 0 && !fieldStarted) {
      return;
    }
    row.add(field.toString());
    field.setLength(0);
    rows.add(row);
    lines.add(rowLine);
  }

  Map<String, List<String>> byName() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      out.put(names.get(i), columns.get(i));
    }
    return out;
  }
}

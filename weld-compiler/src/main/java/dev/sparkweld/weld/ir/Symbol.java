package dev.sparkweld.weld.ir;

import java.util.Objects;

/**
 * A variable name plus a disambiguating id (0 for names as written; uniquification gives shadowing binders fresh ids).
 * Printed {@code name} or {@code name__id}; the lexer reads {@code name__id} back into the same symbol.
 */
public record Symbol(String name, int id) implements Comparable<Symbol> {
  public Symbol {
    Objects.requireNonNull(name);
    if (id < 0) {
      throw new IllegalArgumentException("negative symbol id " + id);
    }
  }

  public static Symbol of(String name) {
    return new Symbol(name, 0);
  }

  /** Parses the printed form, splitting a trailing {@code __<digits>} into the id. */
  public static Symbol parse(String text) {
    int sep = text.lastIndexOf("__");
    if (sep > 0 && sep + 2 < text.length()) {
      String digits = text.substring(sep + 2);
      if (digits.chars().allMatch(Character::isDigit) && digits.length() <= 9 && !digits.startsWith("0")) {
        return new Symbol(text.substring(0, sep), Integer.parseInt(digits));
      }
    }
    return new Symbol(text, 0);
  }

  @Override
  public int compareTo(Symbol o) {
    int c = name.compareTo(o.name);
    return c != 0 ? c : Integer.compare(id, o.id);
  }

  @Override
  public String toString() {
    return id == 0 ? name : name + "__" + id;
  }
}

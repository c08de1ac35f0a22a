package dev.sparkweld.weld.diag;

/**
 * A source position (1-based line and column) with the length of the text it covers.
 *
 * <p>Positions are metadata, not identity: every span equals every other span, so that two trees that differ only in
 * where they were parsed from compare equal (this is what makes {@code parse(print(e)).equals(e)} meaningful).
 */
public final class Span {
  /** The span of synthesized nodes (macro expansion, optimizer output) that have no source text. */
  public static final Span NONE = new Span(0, 0, 0);

  private final int line;
  private final int column;
  private final int length;

  private Span(int line, int column, int length) {
    this.line = line;
    this.column = column;
    this.length = length;
  }

  public static Span of(int line, int column, int length) {
    return new Span(line, column, Math.max(0, length));
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  public int length() {
    return length;
  }

  public boolean isKnown() {
    return line > 0;
  }

  /** {@code line:column}, or {@code ?:?} for synthesized nodes. */
  @Override
  public String toString() {
    return isKnown() ? line + ":" + column : "?:?";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Span;
  }

  @Override
  public int hashCode() {
    return 0;
  }
}

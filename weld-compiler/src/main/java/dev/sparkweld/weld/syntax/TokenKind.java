package dev.sparkweld.weld.syntax;

/** The lexical classes of {@link Token}. Keywords and punctuation are told apart by their text. */
enum TokenKind {
  IDENT,
  KEYWORD,
  /** An integer literal; the value is an {@link IntToken}. */
  INT,
  /** A float literal, including {@code nan inf nanf inff}; the value is the (non-negative) {@code Literal}. */
  FLOAT,
  /** A string literal; the value is the decoded {@code String}. */
  STRING,
  PUNCT,
  EOF
}

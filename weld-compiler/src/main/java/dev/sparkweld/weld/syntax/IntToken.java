package dev.sparkweld.weld.syntax;

import dev.sparkweld.weld.ir.ScalarKind;
import java.math.BigInteger;

/**
 * The payload of an integer literal token. The lexer does not check ranges: whether a decimal literal fits depends on
 * a leading {@code -} the parser folds in, and annotation values keep any digits as text.
 */
record IntToken(ScalarKind kind, BigInteger magnitude, boolean decimal) {}

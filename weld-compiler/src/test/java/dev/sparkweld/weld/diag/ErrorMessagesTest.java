package dev.sparkweld.weld.diag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sparkweld.weld.WeldFrontEnd;
import org.junit.jupiter.api.Test;

/**
 * The full text of one compile error per error class: each message starts with the line:column of the offending text
 * and says what was found and what was expected (spec section 7). Sources span several lines so that line numbers
 * are checked too, not only columns.
 */
class ErrorMessagesTest {
  private static void assertError(String source, CompileErrorKind kind, int line, int column, String message) {
    WeldCompileException e = catchThrowableOfType(() -> WeldFrontEnd.compile(source), WeldCompileException.class);
    assertThat(e).as("compiling %s", source).isNotNull();
    assertThat(e.getMessage()).isEqualTo(message);
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.span().line()).as("line").isEqualTo(line);
    assertThat(e.span().column()).as("column").isEqualTo(column);
    assertThat(message).startsWith(line + ":" + column + ": ");
  }

  @Test
  void aCharacterThatStartsNoTokenIsALexErrorAtThatCharacter() {
    assertError("|x: i32|\n  x + ~", CompileErrorKind.LEX, 2, 7,
        "2:7: lex error: unexpected character '~', expected a token");
  }

  @Test
  void dollarStartsAnIdentifierSoALoneDollarIsAnUndefinedSymbol() {
    assertError("|x: i32|\n  x +\n    $", CompileErrorKind.UNDEFINED_SYMBOL, 3, 5,
        "3:5: undefined symbol error: undefined symbol $");
  }

  @Test
  void anOutOfRangeLiteralIsALexErrorNamingTheRange() {
    assertError("|x: i8|\n  x + 128c", CompileErrorKind.LEX, 2, 7,
        "2:7: lex error: integer literal 128c is out of range for i8 (-128 to 127)");
  }

  @Test
  void aHexLiteralEndingInCIsAnI8AndTheErrorSaysSo() {
    assertError("|x: i32|\n  x +\n  0xFFFFFFFC", CompileErrorKind.LEX, 3, 3,
        "3:3: lex error: literal 0xFFFFFFFC has 28 significant bits, more than the 8 of i8; the trailing 'C' is the i8"
            + " suffix (if it was meant as a hex digit, write 0xFFFFFFFCi32)");
  }

  @Test
  void anUnclosedParenthesisAtTheEndNamesTheOpenerPosition() {
    assertError("|x: i32|\n  (x + 2", CompileErrorKind.PARSE, 2, 9,
        "2:9: parse error: unexpected end of input, expected ')' to close '(' at 2:3");
  }

  @Test
  void anUnclosedParenthesisBeforeAnotherTokenNamesWhatWasFound() {
    assertError("|x: i32|\n  let y = (x + 2;\n  y", CompileErrorKind.PARSE, 2, 17,
        "2:17: parse error: expected ')' to close '(' at 2:11, found ';'");
  }

  @Test
  void anUnmatchedClosingParenthesisIsReportedWhereItIs() {
    assertError("|x: i32|\n  x + 2)", CompileErrorKind.PARSE, 2, 8,
        "2:8: parse error: expected end of input, found ')' with no matching '('");
  }

  @Test
  void anUnknownIdentifierIsAnUndefinedSymbolAtItsUse() {
    assertError("|x: i32|\n  let y = x;\n  y + yy", CompileErrorKind.UNDEFINED_SYMBOL, 3, 7,
        "3:7: undefined symbol error: undefined symbol yy");
  }

  @Test
  void operandsOfDifferentIntegerTypesAreATypeMismatchNamingBothTypes() {
    assertError("|x: i64|\n  let y = x;\n  y + 1", CompileErrorKind.TYPE_MISMATCH, 3, 3,
        "3:3: type mismatch error: operands of '+' have different types i64 and i32");
    assertError("1L + 1", CompileErrorKind.TYPE_MISMATCH, 1, 1,
        "1:1: type mismatch error: operands of '+' have different types i64 and i32");
  }

  @Test
  void aNonBoolConditionIsATypeMismatchNamingTheType() {
    assertError("|x: i32|\n  if(x, 1, 2)", CompileErrorKind.TYPE_MISMATCH, 2, 6,
        "2:6: type mismatch error: the condition of if must have type bool, got i32");
  }

  @Test
  void mergingTwiceIntoOneBuilderNamesBothUses() {
    assertError("|v: vec[i32]|\n  let b = appender[i32];\n  let b1 = merge(b, 1);\n  let b2 = merge(b, 2);\n"
        + "  result(b2)", CompileErrorKind.LINEARITY, 4, 18,
        "4:18: linearity error: builder b is used more than once; first use at 3:18; each builder may be consumed at"
            + " most once");
  }

  @Test
  void aBuilderFromOutsideALoopBodyCannotBeUsedInside() {
    assertError("|v: vec[i32]|\n  let b = appender[i32];\n  result(for(v, appender[i32], |b2, i, x| merge(b, x)))",
        CompileErrorKind.LINEARITY, 3, 49, "3:49: linearity error: builder b is bound outside this lambda and cannot"
            + " be used inside it (a lambda body may run many times)");
  }

  @Test
  void aBuilderFromOutsideALetBoundLambdaCannotBeUsedInside() {
    assertError("|v: vec[i32]|\n  let b = appender[i32];\n  let f = |x: i32| merge(b, x);\n  result(f(1))",
        CompileErrorKind.LINEARITY, 3, 26, "3:26: linearity error: builder b is bound outside this lambda and cannot"
            + " be used inside it (a lambda body may run many times)");
  }

  @Test
  void aForBodyWithTwoParametersIsAnArityErrorAtTheLambda() {
    assertError("|v: vec[i32]|\n  result(for(v, appender[i32], |b, x| b))", CompileErrorKind.ARITY, 2, 32,
        "2:32: arity error: for body takes 3 parameters (builder, index, element), got 2");
  }

  @Test
  void aUserMacroCalledWithTheWrongArityIsAMacroErrorAtTheCall() {
    assertError("macro sq(x) = x * x;\n|v: i32|\n  sq(v, 2)", CompileErrorKind.MACRO, 3, 3,
        "3:3: macro error: macro 'sq' takes 1 argument, found 2");
  }

  @Test
  void aBuiltInMacroCalledWithTheWrongArityIsAMacroErrorAtTheCall() {
    assertError("|v: vec[i32]|\n  let w = v;\n  map(w)", CompileErrorKind.MACRO, 3, 3,
        "3:3: macro error: macro 'map' takes 2 arguments, found 1");
  }

  @Test
  void anUnclosedTypeBracketNamesTheOpener() {
    assertError("|x: i32,\n y: vec[i32|\n  x", CompileErrorKind.PARSE, 2, 12,
        "2:12: parse error: expected ']' to close '[' at 2:8, found '|'");
  }

  @Test
  void angleBracketsAreNotTypeSyntax() {
    assertError("|x: i32,\n y: vec<i32>|\n  x", CompileErrorKind.PARSE, 2, 8,
        "2:8: parse error: expected '[' after 'vec', found '<'");
  }

  @Test
  void anUnknownTypeNameSaysATypeWasExpected() {
    assertError("|x: i32,\n y: int|\n  x", CompileErrorKind.PARSE, 2, 5,
        "2:5: parse error: unknown type 'int', expected a type or a type alias defined before this use");
  }

  @Test
  void aDictTypeWithoutValueTypeAsksForTheCommaAndValueType() {
    assertError("|x: i32,\n y: dict[i32]|\n  x", CompileErrorKind.PARSE, 2, 13,
        "2:13: parse error: expected ',' and the value type of 'dict', found ']'");
  }

  @Test
  void aBadMergeOperatorListsTheValidOnes() {
    assertError("|x: i32|\n  merger[i32, -]", CompileErrorKind.PARSE, 2, 15,
        "2:15: parse error: expected a merge operator '+', '*', 'min' or 'max', found '-'");
  }
}

package dev.sparkweld.weld.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplTest {
  private static String session(String input, String... options) {
    String[] args = new String[options.length + 1];
    args[0] = "repl";
    System.arraycopy(options, 0, args, 1, options.length);
    Cli r = Cli.execWithInput(input, args);
    assertThat(r.code()).isEqualTo(ExitCode.OK);
    return r.out();
  }

  @Test
  void expressionsPrintTheirValueAndType() {
    assertThat(session("1 + 2\n")).contains("3 : i32");
  }

  @Test
  void bindingsAreVisibleToLaterExpressions() {
    String out = session("let v = [1L, 2L, 3L]\nresult(for(v, merger[i64,+], |b,i,x| merge(b, x)))\n:bindings\n");
    assertThat(out).contains("v: vec[i64]").contains("6 : i64").contains("let v = [1L, 2L, 3L];");
  }

  @Test
  void inputContinuesWhileBracketsAreOpen() {
    String out = session("result(\n  for([1, 2], merger[i32,*],\n    |b,i,x| merge(b, x)))\n");
    assertThat(out).contains("....> ").contains("2 : i32");
  }

  @Test
  void errorsArePositionedOnTheTypedLineAndTheSessionGoesOn() {
    String out = session("let a = 1\n1 +* 2\nlookup([1], 5L)\na * 10\n");
    assertThat(out).contains("<repl>:1:4: parse error");
    assertThat(out).contains("runtime error OUT_OF_BOUNDS");
    assertThat(out).contains("10 : i32");
  }

  @Test
  void commandsChangeTheEngineAndConfAndExplainShowsStages() {
    String out = session(":type [1.5]\n:engine interp\n2147483647 + 1\n:conf weld.overflow=check\n"
        + "2147483647 + 1\n:explain llvm 1L\n:nonsense\n:quit\n3 + 3\n");
    assertThat(out).contains("vec[f64]").contains("engine: interp").contains("-2147483648 : i32")
        .contains("INTEGER_OVERFLOW").contains("define").contains("unknown command :nonsense")
        .doesNotContain("6 : i32");
  }

  @Test
  void bracketCountingIgnoresStrings() {
    assertThat(Repl.openBrackets("f(\"(\", [1")).isEqualTo(2);
    assertThat(Repl.openBrackets("\"\\\")\"")).isZero();
  }
}

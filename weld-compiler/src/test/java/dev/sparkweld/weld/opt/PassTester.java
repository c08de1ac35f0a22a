package dev.sparkweld.weld.opt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.WeldFrontEnd;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.syntax.Printer;
import dev.sparkweld.weld.types.TypeChecker;

/**
 * States a pass's effect in Weld text: the input program, the pass, the expected program, compared ignoring symbol
 * names. Both programs go through the front end, so the expected text is written as a user would write it; the
 * output is also type- and linearity-checked again.
 */
final class PassTester {
  private PassTester() {}

  static Expr run(Pass pass, String input, WeldConf conf) {
    TypedProgram in = WeldFrontEnd.compile(input);
    PassContext cx = new PassContext(conf, in.body());
    Expr cur = in.body();
    for (int i = 0; i < 32; i++) {
      Expr next = pass.apply(cur, cx);
      if (AlphaEquivalence.equivalent(next, cur)) {
        break;
      }
      cur = next;
    }
    TypeChecker.check(cur);
    return cur;
  }

  static void assertRewrites(Pass pass, String input, String expected) {
    assertRewrites(pass, input, expected, WeldConf.defaults());
  }

  static void assertRewrites(Pass pass, String input, String expected, WeldConf conf) {
    Expr actual = run(pass, input, conf);
    Expr want = WeldFrontEnd.compile(expected).body();
    assertThat(AlphaEquivalence.equivalent(actual, want))
        .as("%s on\n  %s\nexpected\n  %s\nbut got\n  %s", pass.name(), input, Printer.print(want),
            Printer.print(actual))
        .isTrue();
  }

  static void assertUnchanged(Pass pass, String input) {
    assertRewrites(pass, input, input);
  }
}

package dev.sparkweld.weld.interp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.runtime.WeldRuntimeException;
import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.value.ValueText;
import java.util.Arrays;

/** Running test programs and reading expectations in value text. */
final class Eval {
  static final WeldConf DEFAULT = WeldConf.defaults();
  static final WeldConf CHECKED = WeldConf.defaults().withText(WeldConf.OVERFLOW, "check");

  private Eval() {}

  static Object eval(Expr body) {
    return eval(DEFAULT, body);
  }

  static Object eval(WeldConf conf, Expr body) {
    return new Interpreter(conf).run(Ir.program(body), java.util.List.of());
  }

  static Object run(TypedProgram p, Object... args) {
    return new Interpreter(DEFAULT).run(p, Arrays.asList(args));
  }

  static Object value(String text, Type t) {
    return ValueText.parse(text, t);
  }

  /** The result formatted in value text with the body's type: compact expectations for compound values. */
  static String evalText(Expr body) {
    return ValueText.format(eval(body), body.type());
  }

  static String evalText(WeldConf conf, Expr body) {
    return ValueText.format(eval(conf, body), body.type());
  }

  static void assertError(Expr body, ErrorKind kind) {
    assertError(DEFAULT, body, kind);
  }

  static void assertError(WeldConf conf, Expr body, ErrorKind kind) {
    assertThatThrownBy(() -> eval(conf, body)).isInstanceOf(WeldRuntimeException.class)
        .extracting(t -> ((WeldRuntimeException) t).kind()).isEqualTo(kind);
  }
}

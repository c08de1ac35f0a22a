package dev.sparkweld.weld.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sparkweld.runtime.WeldRuntimeException;
import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.WeldFrontEnd;
import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.value.ValueText;
import java.util.ArrayList;
import java.util.List;

/** Runs one corpus file against a backend and asserts its expectation. */
public final class CorpusCheck {
  private CorpusCheck() {}

  public static void check(CorpusFile file, Backend backend) {
    CorpusFile.Expectation exp = file.expectation();
    if (exp instanceof CorpusFile.CompileError ce) {
      checkCompileError(file, ce);
    } else if (exp instanceof CorpusFile.RuntimeError re) {
      {
        TypedProgram p = WeldFrontEnd.compile(file.program());
        List<Object> args = args(file, p);
        Throwable t = catchThrowable(() -> backend.run(p, args, file.weldConf()));
        assertThat(t).as("%s on %s", file.path(), backend.name()).isInstanceOf(WeldRuntimeException.class);
        assertThat(((WeldRuntimeException) t).kind()).as("%s: %s", file.path(), t.getMessage()).isEqualTo(re.kind());
      }
    } else if (exp instanceof CorpusFile.Value v) {
      {
        TypedProgram p = WeldFrontEnd.compile(file.program());
        Object expected = ValueText.parse(v.text(), p.resultType());
        Object actual = backend.run(p, args(file, p), file.weldConf());
        double tol = file.tolerance().orElse(0.0);
        if (!ValueText.equalValues(expected, actual, p.resultType(), tol)) {
          throw new AssertionError(file.path() + " on " + backend.name() + ":\n  expected: "
              + ValueText.format(expected, p.resultType()) + "\n  actual:   "
              + ValueText.format(actual, p.resultType()));
        }
      }
    }
  }

  private static void checkCompileError(CorpusFile file, CorpusFile.CompileError ce) {
    assertThatThrownBy(() -> WeldFrontEnd.compile(file.program()))
        .as(file.path())
        .isInstanceOfSatisfying(WeldCompileException.class, e -> {
          assertThat(e.kind()).as("%s: %s", file.path(), e.getMessage()).isEqualTo(ce.kind());
          ce.position().ifPresent(pos -> assertThat(e.span().line() + ":" + e.span().column())
              .as("%s: %s", file.path(), e.getMessage()).isEqualTo(pos.toString()));
          assertThat(e.getMessage()).contains(ce.messagePart());
        });
  }

  static List<Object> args(CorpusFile file, TypedProgram p) {
    List<Param> params = p.params();
    assertThat(file.args()).as("%s: one arg per parameter", file.path()).hasSize(params.size());
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      out.add(ValueText.parse(file.args().get(i), params.get(i).type()));
    }
    return out;
  }
}

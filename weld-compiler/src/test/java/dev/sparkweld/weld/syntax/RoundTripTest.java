package dev.sparkweld.weld.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.WeldFrontEnd;
import dev.sparkweld.weld.conformance.Corpus;
import dev.sparkweld.weld.conformance.CorpusFile;
import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Program;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Printing is the inverse of parsing on every corpus program that parses: the printed text parses back to an equal
 * tree, printing is a fixpoint (the reprinted text is identical), and so are the pretty and macro-expanded forms.
 * Programs the front end accepts also survive the typed printer: checking its output gives the same typed tree.
 */
class RoundTripTest {
  private static Optional<Program> parse(String source) {
    try {
      return Optional.of(Parser.parseProgram(source));
    } catch (WeldCompileException e) {
      return Optional.empty();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCorpusProgramRoundTripsThroughThePrinter() {
    return Corpus.paths().stream().map(path -> DynamicTest.dynamicTest(path, () -> {
      CorpusFile f = Corpus.load(path);
      Optional<Program> parsed = parse(f.program());
      if (parsed.isEmpty()) {
        return;
      }
      Program p = parsed.get();
      String printed = Printer.print(p);
      Program again = Parser.parseProgram(printed);
      assertThat(again).as(printed).isEqualTo(p);
      assertThat(Printer.print(again)).as("print is a fixpoint").isEqualTo(printed);

      String pretty = Printer.printPretty(p.body());
      assertThat(Parser.parseExpr(pretty)).as(pretty).isEqualTo(p.body());

      Expr expanded;
      try {
        expanded = MacroExpander.expand(p);
      } catch (WeldCompileException e) {
        return;
      }
      String flat = Printer.print(expanded);
      Expr expandedAgain = Parser.parseExpr(flat);
      assertThat(expandedAgain).as(flat).isEqualTo(expanded);
      assertThat(Printer.print(expandedAgain)).isEqualTo(flat);
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyCompilingCorpusProgramRoundTripsThroughTheTypedPrinter() {
    return Corpus.paths().stream().map(path -> DynamicTest.dynamicTest(path, () -> {
      CorpusFile f = Corpus.load(path);
      if (!f.compiles()) {
        return;
      }
      TypedProgram p = WeldFrontEnd.compile(f.program());
      String typed = Printer.printTyped(p.body());
      assertThat(WeldFrontEnd.compile(typed).body()).as(typed).isEqualTo(p.body());
      String exact = Printer.print(p.body());
      assertThat(Parser.parseExpr(exact)).as(exact).isEqualTo(p.body());
    }));
  }

  @Test
  void almostTheWholeCorpusParses() {
    List<String> paths = Corpus.paths();
    long parsing = paths.stream().filter(path -> parse(Corpus.load(path).program()).isPresent()).count();
    assertThat(paths).hasSizeGreaterThan(400);
    assertThat(parsing).as("corpus programs that parse").isGreaterThan(paths.size() * 9L / 10);
  }
}

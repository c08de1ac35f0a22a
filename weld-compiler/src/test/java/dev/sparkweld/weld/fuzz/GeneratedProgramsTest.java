package dev.sparkweld.weld.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.WeldFrontEnd;
import dev.sparkweld.weld.interp.Interpreter;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.Program;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.syntax.MacroExpander;
import dev.sparkweld.weld.syntax.Parser;
import dev.sparkweld.weld.syntax.Printer;
import dev.sparkweld.weld.value.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The generator's programs are what it claims: they compile to the intended types, survive printing and re-parsing,
 * and run on the interpreter without error. Each test covers {@link #SEEDS} seeds (override with
 * {@code -Dfuzz.seeds=N}); a failure lists the seeds and sources of the first few failing programs, so that any one
 * can be replayed with {@link ProgramGen#generate(long)}.
 */
class GeneratedProgramsTest {
  static final int SEEDS = Integer.getInteger("fuzz.seeds", 10_000);
  private static final int SHOWN = 3;

  private static void forEachProgram(Consumer<GeneratedProgram> check) {
    List<String> failures = new ArrayList<>();
    int failed = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      GeneratedProgram g = ProgramGen.generate(seed);
      try {
        check.accept(g);
      } catch (Throwable t) {
        if (failed++ < SHOWN) {
          failures.add(g + "\n  -> " + t);
        }
      }
    }
    assertThat(failures).as(failed + " of " + SEEDS + " programs failed; the first ones").isEmpty();
  }

  @Test
  void generatedProgramsCompileToTheIntendedTypes() {
    forEachProgram(g -> {
      TypedProgram p = WeldFrontEnd.compile(g.source());
      assertThat(p.resultType()).isEqualTo(g.resultType());
      assertThat(p.params().stream().map(Param::type).toList()).isEqualTo(g.paramTypes());
    });
  }

  @Test
  void printingAndReparsingGivesTheSameProgram() {
    forEachProgram(g -> {
      Program parsed = Parser.parseProgram(g.source());
      String printed = Printer.print(parsed);
      assertThat(Parser.parseProgram(printed)).as(printed).isEqualTo(parsed);
      assertThat(Printer.print(Parser.parseProgram(printed))).isEqualTo(printed);
      Expr expanded = MacroExpander.expand(parsed);
      String flat = Printer.print(expanded);
      assertThat(Parser.parseExpr(flat)).as(flat).isEqualTo(expanded);
      String pretty = Printer.printPretty(expanded);
      assertThat(Parser.parseExpr(pretty)).as(pretty).isEqualTo(expanded);
    });
  }

  @Test
  void typedProgramsPrintToSourceThatChecksToTheSameTree() {
    forEachProgram(g -> {
      TypedProgram p = WeldFrontEnd.compile(g.source());
      String typed = Printer.printTyped(p.body());
      TypedProgram again = WeldFrontEnd.compile(typed);
      assertThat(again.body()).as(typed).isEqualTo(p.body());
      String exact = Printer.print(p.body());
      assertThat(Parser.parseExpr(exact)).as(exact).isEqualTo(p.body());
    });
  }

  @Test
  void generatedProgramsRunOnTheInterpreterWithoutError() {
    forEachProgram(g -> {
      TypedProgram p = WeldFrontEnd.compile(g.source());
      Object result = new Interpreter(g.conf()).run(p, g.args());
      assertThat(Values.conforms(result, g.resultType())).as("result conforms to " + g.resultType()).isTrue();
    });
  }

  /** Every form the generator is meant to cover shows up, and loops and builders are common rather than rare. */
  @Test
  void generatedProgramsCoverEveryConstruct() {
    String[] forms = {"for(", "iter(", "rangeiter(", "zip(", "simditer(", "fringeiter(", "iterate(", "appender",
        "merger[", "vecmerger[", "dictmerger[", "groupmerger[", "}, {", "lookup(", "optlookup(", "keyexists(",
        "tovec(", "slice(", "sort(", "len(", "map(", "filter(", "flatten(", "sum(", "serialize(", "deserialize[",
        "select(", "if(", "let ", "min(", "max(", "pow(", "exp(", "log(", "sqrt(", "erf(", "abs(", "floor(", "ceil(",
        "atan(", "tanh(", "i128", "u8", "u16", "u32", "u64", "si", "c", "L", "0x", "nan", "inf", "<<", ">>", "^",
        " % ", " / ", "&&", "||", "!", "broadcast(", "compare("};
    int programs = 2_000;
    java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
    long chars = 0;
    for (long seed = 0; seed < programs; seed++) {
      String src = ProgramGen.generate(seed).source();
      chars += src.length();
      for (String f : forms) {
        if (src.contains(f)) {
          counts.merge(f, 1, Integer::sum);
        }
      }
    }
    for (String f : forms) {
      assertThat(counts.getOrDefault(f, 0)).as("programs containing " + f).isGreaterThan(0);
    }
    assertThat(counts.get("for(")).as("programs with loops").isGreaterThan(programs / 2);
    assertThat(counts.get("dictmerger[")).as("programs with dictmergers").isGreaterThan(programs / 5);
    assertThat(chars / programs).as("mean source length").isBetween(100L, 4_000L);
    System.out.println("generated constructs in " + programs + " programs (mean " + chars / programs + " chars): "
        + counts);
  }

  @Test
  void generatedArgumentsMatchTheirParameterTypes() {
    forEachProgram(g -> {
      for (int i = 0; i < g.args().size(); i++) {
        Type t = g.paramTypes().get(i);
        assertThat(Values.conforms(g.args().get(i), t)).as("argument " + i + " of type " + t).isTrue();
      }
    });
  }
}

package dev.sparkweld.weld.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.WeldFrontEnd;
import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.Program;
import dev.sparkweld.weld.syntax.Parser;
import dev.sparkweld.weld.syntax.Printer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Totality of the front end on text: for any input it returns a fully typed program or throws
 * {@link WeldCompileException} with a known position. Inputs are generated programs with a few textual mutations
 * (which reach the type checker and linearity checker, unlike random text), random token soup, and deep nesting of
 * every bracketing construct (which must not overflow the stack).
 */
class FrontEndTotalityTest {
  private static final int PROGRAMS = Integer.getInteger("fuzz.seeds", 10_000);
  private static final Pattern TOKEN = Pattern.compile("0x[0-9A-Fa-f]+\\w*|\\d+(\\.\\d+)?([eE][-+]?\\d+)?\\w*"
      + "|[A-Za-z_$][A-Za-z0-9_$]*|\\|\\||&&|==|!=|<=|>=|<<|>>|\\s+|\"(\\\\.|[^\"\\\\])*\"|.", Pattern.DOTALL);
  private static final String[] VOCAB = {"(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "|", "||", "@", "?", "=",
      "==", "!=", "<", "<=", ">", ">=", "<<", ">>", "+", "-", "*", "/", "%", "&", "&&", "^", "!", "$0", ".$1", "if",
      "for", "zip", "len", "lookup", "optlookup", "keyexists", "slice", "sort", "exp", "simd", "select", "assert",
      "broadcast", "serialize", "deserialize", "iterate", "cudf", "simditer", "fringeiter", "rangeiter", "nditer",
      "iter", "merge", "result", "let", "true", "false", "macro", "type", "i8", "i32", "i64", "i128", "u8", "u64",
      "f32", "f64", "bool", "vec", "dict", "appender", "merger", "vecmerger", "dictmerger", "groupmerger", "tovec",
      "min", "max", "pow", "nan", "inff", "map", "filter", "sum", "flatten", "compare", "x", "y", "b", "x__1", "x__0",
      "0", "1", "-1", "1L", "2c", "3si", "4u8", "5i128", "0xFF", "0b101", "1.5", "2e3", "1.0f", "99999999999999999999",
      "\"s\"", "\"\\x4\"", "#c\n", "\n", "'", "`", "\\", "\u00e9", "\u0000"};
  private static final String[] SUFFIXES = {"", "c", "C", "si", "i8", "i16", "i32", "i64", "L", "l", "i128", "u8",
      "u16", "u32", "u64", "f", "F", "f32", "f64", "u7", "x"};

  private int accepted;
  private int rejected;
  private final List<String> failures = new ArrayList<>();

  private void check(String source, String what) {
    checkRoundTrip(source, what);
    try {
      TypedProgram p = WeldFrontEnd.compile(source);
      assertFullyTyped(p.body());
      accepted++;
      String typed = Printer.printTyped(p.body());
      if (!WeldFrontEnd.compile(typed).body().equals(p.body())) {
        fail(what, source, "the typed print " + typed + " checks to a different tree");
      }
    } catch (WeldCompileException e) {
      if (e.span().line() <= 0 || e.span().column() <= 0) {
        fail(what, source, "compile error without a position: " + e.getMessage());
      } else if (!insideText(source, e.span().line(), e.span().column())) {
        fail(what, source, "compile error positioned outside the text: " + e.getMessage());
      }
      rejected++;
    } catch (Throwable t) {
      fail(what, source, t.toString());
    }
  }

  /** Whatever parses, however odd, prints to text that parses back to the same program. */
  private void checkRoundTrip(String source, String what) {
    Program parsed;
    try {
      parsed = Parser.parseProgram(source);
    } catch (Throwable t) {
      return;
    }
    try {
      String printed = Printer.print(parsed);
      Program again = Parser.parseProgram(printed);
      if (!again.equals(parsed)) {
        fail(what, source, "prints as " + printed + " which parses differently");
      }
    } catch (Throwable t) {
      fail(what, source, "reparsing the printed program: " + t);
    }
  }

  /** A position on one of the source's lines, at most one column past its end (where end of input is reported). */
  private static boolean insideText(String source, int line, int column) {
    String[] lines = source.split("\n", -1);
    return line <= lines.length && column <= lines[line - 1].length() + 1;
  }

  private void fail(String what, String source, String why) {
    if (failures.size() < 5) {
      String shown = source.length() > 3000 ? source.substring(0, 3000) + "..." : source;
      failures.add(what + ": " + why + "\n" + shown);
    } else {
      failures.add(what);
    }
  }

  /** Iterative, so that accepting a deeply nested program cannot overflow this test's stack. */
  private static void assertFullyTyped(Expr root) {
    Deque<Expr> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      Expr e = todo.pop();
      assertThat(e.type().isPartial()).as("type of %s", e.kind().getClass().getSimpleName()).isFalse();
      if (e.kind() instanceof Lambda l) {
        for (Param p : l.params()) {
          assertThat(p.type().isPartial()).as("type of parameter %s", p.name()).isFalse();
        }
      }
      e.children().forEach(todo::push);
    }
  }

  @Test
  void mutatedProgramsAreTypedOrRejectedWithAPosition() {
    for (long seed = 0; seed < PROGRAMS; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 1);
      List<String> tokens = tokens(ProgramGen.generate(seed).source());
      int n = 1 + rnd.nextInt(3);
      for (int i = 0; i < n && !tokens.isEmpty(); i++) {
        mutate(tokens, rnd);
      }
      check(String.join("", tokens), "mutant of seed " + seed);
    }
    System.out.println("mutants: " + accepted + " accepted, " + rejected + " rejected");
    assertThat(failures).as(failures.size() + " failures").isEmpty();
    assertThat(rejected).as("most mutants are rejected").isGreaterThan(PROGRAMS / 3);
    assertThat(accepted).as("some mutants still compile").isGreaterThan(PROGRAMS / 50);
  }

  @Test
  void tokenSoupIsRejectedWithAPosition() {
    for (long seed = 0; seed < PROGRAMS; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      StringBuilder sb = new StringBuilder();
      int n = 1 + rnd.nextInt(40);
      for (int i = 0; i < n; i++) {
        sb.append(VOCAB[rnd.nextInt(VOCAB.length)]);
        if (rnd.nextBoolean()) {
          sb.append(rnd.nextInt(5) == 0 ? "\n" : " ");
        }
      }
      check(sb.toString(), "token soup " + seed);
    }
    assertThat(failures).as(failures.size() + " failures").isEmpty();
  }

  @Test
  void deepNestingNeverOverflowsTheStack() {
    int[] depths = {100, 1_000, 10_000, 100_000};
    for (int d : depths) {
      check("(".repeat(d) + "1" + ")".repeat(d), "parens " + d);
      check("(".repeat(d), "open parens " + d);
      check("[".repeat(d) + "1" + "]".repeat(d), "vectors " + d);
      check("{".repeat(d) + "1" + "}".repeat(d), "structs " + d);
      check("-".repeat(d) + "x", "minus " + d);
      check("- ".repeat(d) + "1", "negations " + d);
      check("!".repeat(d) + "true", "nots " + d);
      check("1" + " + 1".repeat(d), "sum chain " + d);
      check("|x: i32| x" + ".$0".repeat(d), "fields " + d);
      check("|x: i32| " + "x(".repeat(d) + "x" + ")".repeat(d), "applications " + d);
      check("let x = 1; ".repeat(d) + "x", "lets " + d);
      check("|x: i32| ".repeat(d) + "x", "lambdas " + d);
      check("if(true, ".repeat(d) + "1" + ", 2)".repeat(d), "ifs " + d);
      check("vec[".repeat(d) + "i32" + "]".repeat(d), "type " + d);
      check("|x: " + "vec[".repeat(d) + "i32" + "]".repeat(d) + "| len(x)", "param type " + d);
      check("result(" + "merge(".repeat(d) + "appender[i32]" + ", 1)".repeat(d) + ")", "merges " + d);
      check("@(a:b) ".repeat(d) + "1", "annotations " + d);
      check("macro m(a) = m(a); m(1)", "recursive macro");
      check("sum(".repeat(Math.min(d, 1_000)) + "[1]" + ")".repeat(Math.min(d, 1_000)), "macros " + d);
    }
    assertThat(failures).as(failures.size() + " failures").isEmpty();
  }

  static List<String> tokens(String source) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(source);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private static void mutate(List<String> t, SplittableRandom rnd) {
    int i = rnd.nextInt(t.size());
    switch (rnd.nextInt(9)) {
      case 0:
        t.remove(i);
        break;
      case 1:
        t.add(i, t.get(i));
        break;
      case 2: {
        int j = rnd.nextInt(t.size());
        String a = t.get(i);
        t.set(i, t.get(j));
        t.set(j, a);
        break;
      }
      case 3:
        replaceWord(t, rnd);
        break;
      case 4:
        changeSuffix(t, rnd);
        break;
      case 5: {
        String all = String.join("", t);
        t.clear();
        t.add(all.substring(0, rnd.nextInt(all.length() + 1)));
        break;
      }
      case 6:
        t.add(i, "()[]{},:;.|@?=<>+-*/%&^!$#\"\\".charAt(rnd.nextInt(28)) + "");
        break;
      case 7:
        t.set(i, VOCAB[rnd.nextInt(VOCAB.length)]);
        break;
      default:
        t.add(i, " " + VOCAB[rnd.nextInt(VOCAB.length)] + " ");
        break;
    }
  }

  /** Replaces an identifier or keyword by another word: an unbound name, a keyword, another word of the program. */
  private static void replaceWord(List<String> t, SplittableRandom rnd) {
    List<Integer> words = new ArrayList<>();
    for (int k = 0; k < t.size(); k++) {
      if (!t.get(k).isEmpty() && Character.isLetter(t.get(k).charAt(0))) {
        words.add(k);
      }
    }
    if (words.isEmpty()) {
      return;
    }
    int at = words.get(rnd.nextInt(words.size()));
    int r = rnd.nextInt(3);
    String w = r == 0 ? "zz" + rnd.nextInt(3) : r == 1 ? VOCAB[rnd.nextInt(VOCAB.length)]
        : t.get(words.get(rnd.nextInt(words.size())));
    t.set(at, w);
  }

  /** Changes a scalar type name or a numeric literal's suffix. */
  private static void changeSuffix(List<String> t, SplittableRandom rnd) {
    List<Integer> numbers = new ArrayList<>();
    for (int k = 0; k < t.size(); k++) {
      if (!t.get(k).isEmpty() && Character.isDigit(t.get(k).charAt(0)) || t.get(k).matches("[iuf](8|16|32|64|128)|bool")) {
        numbers.add(k);
      }
    }
    if (numbers.isEmpty()) {
      return;
    }
    int at = numbers.get(rnd.nextInt(numbers.size()));
    String tok = t.get(at);
    if (!Character.isDigit(tok.charAt(0))) {
      String[] kinds = {"i8", "i16", "i32", "i64", "i128", "u8", "u16", "u32", "u64", "f32", "f64", "bool"};
      t.set(at, kinds[rnd.nextInt(kinds.length)]);
      return;
    }
    Matcher m = Pattern.compile("^(0x[0-9A-Fa-f]+|\\d+(\\.\\d+)?([eE][-+]?\\d+)?)").matcher(tok);
    String digits = m.find() ? m.group() : tok;
    t.set(at, digits + SUFFIXES[rnd.nextInt(SUFFIXES.length)]);
  }
}

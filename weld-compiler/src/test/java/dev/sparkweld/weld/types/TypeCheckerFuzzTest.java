package dev.sparkweld.weld.types;

import static dev.sparkweld.weld.types.Ir.add;
import static dev.sparkweld.weld.types.Ir.apply;
import static dev.sparkweld.weld.types.Ir.bin;
import static dev.sparkweld.weld.types.Ir.body3;
import static dev.sparkweld.weld.types.Ir.builder;
import static dev.sparkweld.weld.types.Ir.e;
import static dev.sparkweld.weld.types.Ir.f64;
import static dev.sparkweld.weld.types.Ir.field;
import static dev.sparkweld.weld.types.Ir.forIters;
import static dev.sparkweld.weld.types.Ir.forLoop;
import static dev.sparkweld.weld.types.Ir.i32;
import static dev.sparkweld.weld.types.Ir.i64;
import static dev.sparkweld.weld.types.Ir.id;
import static dev.sparkweld.weld.types.Ir.iff;
import static dev.sparkweld.weld.types.Ir.iter;
import static dev.sparkweld.weld.types.Ir.lam;
import static dev.sparkweld.weld.types.Ir.let;
import static dev.sparkweld.weld.types.Ir.lookup;
import static dev.sparkweld.weld.types.Ir.merge;
import static dev.sparkweld.weld.types.Ir.p;
import static dev.sparkweld.weld.types.Ir.result;
import static dev.sparkweld.weld.types.Ir.struct;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.ir.AppenderType;
import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.BuilderOp;
import dev.sparkweld.weld.ir.DictMergerType;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.IterKind;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.MergerType;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.Sort;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecMergerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Totality: for any tree, the front end returns a fully typed program or throws {@link WeldCompileException}; never
 * another exception, never a stack overflow. Random trees are mostly rejected early, so mutations of well-typed
 * programs probe the deeper rules too.
 */
class TypeCheckerFuzzTest {
  private static final Type VF = Type.vec(Type.F64);

  /** Outcome counts: accepted programs and compile errors. */
  private int accepted;
  private int rejected;

  private void run(Expr tree, long seed) {
    try {
      TypedProgram p = TypeChecker.check(tree);
      TypedTrees.assertFullyTyped(p.body());
      accepted++;
    } catch (WeldCompileException e) {
      assertThat(e.span()).isNotNull();
      rejected++;
    } catch (Throwable t) {
      throw new AssertionError("seed " + seed + ": " + t + " on " + tree, t);
    }
  }

  @Test
  void randomTreesOnlyEverFailWithCompileErrors() {
    for (long seed = 0; seed < 3000; seed++) {
      RandomTrees gen = new RandomTrees(seed);
      run(gen.expr(1 + (int) (seed % 6)), seed);
    }
    assertThat(accepted + rejected).isEqualTo(3000);
    assertThat(accepted).as("some random trees are well-typed").isPositive();
  }

  @Test
  void mutatedWellTypedProgramsOnlyEverFailWithCompileErrors() {
    List<Expr> seeds = seeds();
    for (Expr s : seeds) {
      run(s, -1);
    }
    assertThat(accepted).as("every seed program type-checks").isEqualTo(seeds.size());
    for (long seed = 0; seed < 3000; seed++) {
      Random rnd = new Random(seed);
      Expr tree = seeds.get(rnd.nextInt(seeds.size()));
      for (int m = 1 + rnd.nextInt(3); m > 0; m--) {
        tree = mutate(tree, rnd, new RandomTrees(seed * 31 + m));
      }
      run(tree, seed);
    }
    assertThat(accepted).as("some mutants still type-check").isGreaterThan(seeds.size() + 50);
    assertThat(rejected).as("most mutants are rejected").isGreaterThan(1000);
  }

  @Test
  void deepTreesAreRejectedOrTypedWithoutStackOverflow() {
    Expr deep = i64(0);
    for (int i = 0; i < 990; i++) {
      deep = let("x" + i, deep, id("x" + i));
    }
    assertThat(TypeChecker.check(deep).resultType()).isEqualTo(Type.I64);
    Expr deeper = i64(0);
    for (int i = 0; i < 20_000; i++) {
      deeper = add(deeper, i64(1));
    }
    Expr tree = deeper;
    TypedTrees.compileError(dev.sparkweld.weld.diag.CompileErrorKind.UNSUPPORTED, () -> TypeChecker.check(tree));
  }

  private static Expr mutate(Expr root, Random rnd, RandomTrees gen) {
    List<Expr> nodes = TypedTrees.find(root, x -> true);
    int target = rnd.nextInt(nodes.size());
    Expr donor = nodes.get(rnd.nextInt(nodes.size()));
    UnaryOperator<Expr> change = switch (rnd.nextInt(4)) {
      case 0 -> x -> gen.expr(2);
      case 1 -> x -> donor;
      case 2 -> x -> x.withType(gen.type(2));
      default -> x -> x.kind() instanceof Lambda l ? x.withKind(new Lambda(retype(l.params(), gen), l.body()))
          : gen.expr(1);
    };
    return replace(root, new int[] {target}, change);
  }

  private static List<Param> retype(List<Param> ps, RandomTrees gen) {
    List<Param> out = new ArrayList<>();
    ps.forEach(p -> out.add(p.withType(gen.type(1))));
    return out;
  }

  /** Replaces the pre-order node number {@code index[0]} (counting down) by {@code change} of it. */
  private static Expr replace(Expr e, int[] index, UnaryOperator<Expr> change) {
    if (index[0]-- == 0) {
      return change.apply(e);
    }
    List<Expr> kids = new ArrayList<>();
    for (Expr c : e.children()) {
      kids.add(index[0] >= 0 ? replace(c, index, change) : c);
    }
    return e.withChildren(kids);
  }

  /** Well-typed programs covering loops, builders, lambdas and collections. */
  private static List<Expr> seeds() {
    Expr appender = builder(new AppenderType(Type.UNKNOWN));
    Expr sum = builder(new MergerType(Type.UNKNOWN, BuilderOp.ADD));
    Expr mapped = result(forLoop(id("v"), appender, body3("b", "i", "x",
        merge(id("b"), apply(lam(p("y"), bin(BinOpKind.MUL, id("y"), f64(2))), id("x"))))));
    Expr filtered = result(forLoop(id("v"), appender, body3("b", "i", "x",
        iff(bin(BinOpKind.GT, id("x"), f64(0)), merge(id("b"), id("x")), id("b")))));
    Expr total = result(forLoop(id("v"), sum, body3("b", "i", "x", merge(id("b"), id("x")))));
    Expr grouped = result(forLoop(id("v"), builder(new DictMergerType(Type.UNKNOWN, Type.UNKNOWN, BuilderOp.MAX)),
        body3("b", "i", "x", merge(id("b"), struct(e(new dev.sparkweld.weld.ir.Cast(
            dev.sparkweld.weld.ir.ScalarKind.I64, id("x"))), id("x"))))));
    Expr simd = result(forIters(List.of(iter(IterKind.SIMD, id("v"))), sum,
        body3("b", "i", "x", merge(id("b"), id("x")))));
    Expr pair = let("r", forLoop(id("v"), struct(appender, sum), body3("bs", "i", "x",
        struct(merge(field(id("bs"), 0), id("x")), merge(field(id("bs"), 1), id("x"))))),
        struct(result(field(id("r"), 0)), result(field(id("r"), 1))));
    Expr vm = result(forLoop(id("v"), builder(new VecMergerType(Type.F64, BuilderOp.ADD), id("v")),
        body3("b", "i", "x", merge(id("b"), struct(id("i"), id("x"))))));
    Expr sorted = e(new Sort(id("v"), lam(List.of(p("a"), p("c")),
        iff(bin(BinOpKind.LT, id("a"), id("c")), i32(-1), i32(1)))));
    Expr nested = let("f", lam(p("z"), add(id("z"), f64(1))),
        lookup(result(forLoop(id("v"), appender, body3("b", "i", "x", merge(id("b"), apply(id("f"), id("x")))))),
            i64(0)));
    List<Expr> out = new ArrayList<>();
    for (Expr body : List.of(mapped, filtered, total, grouped, simd, pair, vm, sorted, nested)) {
      out.add(lam(List.of(p("v", VF)), body));
    }
    return out;
  }
}

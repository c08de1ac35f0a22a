package dev.sparkweld.weld.syntax;

import dev.sparkweld.weld.ir.Apply;
import dev.sparkweld.weld.ir.Assert;
import dev.sparkweld.weld.ir.BinOp;
import dev.sparkweld.weld.ir.Broadcast;
import dev.sparkweld.weld.ir.BuilderType;
import dev.sparkweld.weld.ir.Cast;
import dev.sparkweld.weld.ir.Cudf;
import dev.sparkweld.weld.ir.Deserialize;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.ExprVisitor;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.GetField;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.If;
import dev.sparkweld.weld.ir.Iter;
import dev.sparkweld.weld.ir.Iterate;
import dev.sparkweld.weld.ir.KeyExists;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Length;
import dev.sparkweld.weld.ir.Let;
import dev.sparkweld.weld.ir.Literal;
import dev.sparkweld.weld.ir.Lookup;
import dev.sparkweld.weld.ir.MakeStruct;
import dev.sparkweld.weld.ir.MakeVector;
import dev.sparkweld.weld.ir.Merge;
import dev.sparkweld.weld.ir.Negate;
import dev.sparkweld.weld.ir.NewBuilder;
import dev.sparkweld.weld.ir.Not;
import dev.sparkweld.weld.ir.OptLookup;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.Result;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.Select;
import dev.sparkweld.weld.ir.Serialize;
import dev.sparkweld.weld.ir.Slice;
import dev.sparkweld.weld.ir.Sort;
import dev.sparkweld.weld.ir.StringLiteral;
import dev.sparkweld.weld.ir.ToVec;
import dev.sparkweld.weld.ir.UnaryOp;
import dev.sparkweld.weld.ir.UnknownType;
import dev.sparkweld.weld.ir.Zip;
import java.util.List;

/**
 * Writes an expression in source form. {@link #write(Expr, int, boolean)} decides the parentheses, annotations and
 * ascription around a node from the precedence level its context requires; the visit methods write the node itself.
 */
final class ExprWriter implements ExprVisitor<Void> {
  /** EXACT writes every type the parser would have recorded; TYPED only let, parameter and builder types. */
  enum Mode { EXACT, TYPED }

  private final StringBuilder out = new StringBuilder();
  private final Mode mode;
  private final boolean pretty;
  private int indent;

  ExprWriter(Mode mode, boolean pretty) {
    this.mode = mode;
    this.pretty = pretty;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  ExprWriter text(String s) {
    out.append(s);
    return this;
  }

  void newline() {
    out.append('\n');
    for (int i = 0; i < indent; i++) {
      out.append("  ");
    }
  }

  void write(Expr e, int ctx) {
    write(e, ctx, false);
  }

  /** Writes {@code e} so that it parses back as one unit at grammar level {@code ctx}. */
  void write(Expr e, int ctx, boolean omitType) {
    boolean typed = !omitType && showsType(e);
    boolean annotated = !e.annotations().isEmpty();
    int kindLevel = kindLevel(e);
    int level = annotated ? Precedence.LEAF : kindLevel;
    if (typed) {
      level = Math.min(level, Precedence.ASCRIBE);
    }
    boolean wrap = level < ctx;
    if (wrap) {
      out.append('(');
    }
    if (annotated) {
      out.append(LiteralText.annotations(e.annotations())).append(' ');
    }
    boolean innerParens = annotated ? kindLevel < Precedence.LEAF : typed && kindLevel < Precedence.ASCRIBE;
    if (innerParens) {
      out.append('(');
    }
    e.accept(this);
    if (innerParens) {
      out.append(')');
    }
    if (typed) {
      out.append(": ").append(TypePrinter.print(e.type()));
    }
    if (wrap) {
      out.append(')');
    }
  }

  /**
   * Whether {@code e}'s type must be written as an ascription. A builder expression carries its builder type in its
   * own syntax, so it needs one only when its type is not a builder type (the parser gives it a partial builder type,
   * so even {@code ?} must then be written).
   */
  boolean showsType(Expr e) {
    if (e.kind() instanceof NewBuilder) {
      return !(e.type() instanceof BuilderType);
    }
    if (e.type() instanceof UnknownType) {
      return false;
    }
    if (mode == Mode.TYPED) {
      // An empty vector's element type cannot be re-inferred from the literal itself.
      return e.kind() instanceof MakeVector v && v.elems().isEmpty();
    }
    return true;
  }

  private static int kindLevel(Expr e) {
    if (e.kind() instanceof BinOp b) {
      return Precedence.level(b.op());
    }
    if (e.kind() instanceof Let || e.kind() instanceof Lambda) {
      return Precedence.EXPR;
    }
    if (e.kind() instanceof GetField || e.kind() instanceof Apply) {
      return Precedence.APPLY;
    }
    return Precedence.LEAF;
  }

  private void call(String name, List<Expr> args) {
    out.append(name).append('(');
    list(args);
    out.append(')');
  }

  private void call(String name, Expr... args) {
    call(name, List.of(args));
  }

  private void list(List<Expr> items) {
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      write(items.get(i), Precedence.EXPR);
    }
  }

  @Override
  public Void visitLiteral(Expr e, Literal k) {
    out.append(LiteralText.literal(k));
    return null;
  }

  @Override
  public Void visitStringLiteral(Expr e, StringLiteral k) {
    out.append(LiteralText.string(k.value()));
    return null;
  }

  @Override
  public Void visitIdent(Expr e, Ident k) {
    out.append(k.symbol());
    return null;
  }

  @Override
  public Void visitBinOp(Expr e, BinOp k) {
    if (!k.op().isInfix()) {
      call(k.op().symbol(), k.left(), k.right());
      return null;
    }
    int level = Precedence.level(k.op());
    write(k.left(), Precedence.isNonAssociative(level) ? level + 1 : level);
    out.append(' ').append(k.op().symbol()).append(' ');
    write(k.right(), level + 1);
    return null;
  }

  @Override
  public Void visitUnaryOp(Expr e, UnaryOp k) {
    call(k.op().keyword(), k.value());
    return null;
  }

  @Override
  public Void visitNegate(Expr e, Negate k) {
    out.append('-');
    // '-' directly before a number folds into the literal, so a negated literal keeps its parentheses.
    if (k.value().kind() instanceof Literal l && l.kind() != ScalarKind.BOOL) {
      out.append('(');
      write(k.value(), Precedence.EXPR);
      out.append(')');
    } else {
      write(k.value(), Precedence.LEAF);
    }
    return null;
  }

  @Override
  public Void visitNot(Expr e, Not k) {
    out.append('!');
    write(k.value(), Precedence.LEAF);
    return null;
  }

  @Override
  public Void visitCast(Expr e, Cast k) {
    call(k.target().keyword(), k.value());
    return null;
  }

  @Override
  public Void visitBroadcast(Expr e, Broadcast k) {
    call("broadcast", k.value());
    return null;
  }

  @Override
  public Void visitMakeStruct(Expr e, MakeStruct k) {
    out.append('{');
    list(k.elems());
    out.append('}');
    return null;
  }

  @Override
  public Void visitMakeVector(Expr e, MakeVector k) {
    out.append('[');
    list(k.elems());
    out.append(']');
    return null;
  }

  @Override
  public Void visitZip(Expr e, Zip k) {
    call("zip", k.vectors());
    return null;
  }

  @Override
  public Void visitGetField(Expr e, GetField k) {
    write(k.value(), Precedence.APPLY);
    out.append(".$").append(k.index());
    return null;
  }

  @Override
  public Void visitLength(Expr e, Length k) {
    call("len", k.data());
    return null;
  }

  @Override
  public Void visitLookup(Expr e, Lookup k) {
    call("lookup", k.data(), k.index());
    return null;
  }

  @Override
  public Void visitOptLookup(Expr e, OptLookup k) {
    call("optlookup", k.data(), k.key());
    return null;
  }

  @Override
  public Void visitKeyExists(Expr e, KeyExists k) {
    call("keyexists", k.data(), k.key());
    return null;
  }

  @Override
  public Void visitSlice(Expr e, Slice k) {
    call("slice", k.data(), k.index(), k.size());
    return null;
  }

  @Override
  public Void visitSort(Expr e, Sort k) {
    call("sort", k.data(), k.comparator());
    return null;
  }

  @Override
  public Void visitToVec(Expr e, ToVec k) {
    call("tovec", k.dict());
    return null;
  }

  /** A let chain is written in a loop, mirroring the parser, so long chains cost no stack. */
  @Override
  public Void visitLet(Expr e, Let k) {
    Let let = k;
    while (true) {
      out.append("let ").append(let.name());
      boolean typed = showsLetType(let.value());
      if (typed) {
        out.append(": ").append(TypePrinter.print(let.value().type()));
      }
      out.append(" = ");
      write(let.value(), Precedence.OR, typed);
      out.append(';');
      if (pretty) {
        newline();
      } else {
        out.append(' ');
      }
      Expr body = let.body();
      if (body.kind() instanceof Let next && body.annotations().isEmpty() && !showsType(body)) {
        let = next;
      } else {
        write(body, Precedence.EXPR);
        return null;
      }
    }
  }

  private boolean showsLetType(Expr value) {
    if (value.kind() instanceof NewBuilder) {
      return !(value.type() instanceof BuilderType);
    }
    return !(value.type() instanceof UnknownType);
  }

  @Override
  public Void visitLambda(Expr e, Lambda k) {
    out.append('|');
    for (int i = 0; i < k.params().size(); i++) {
      Param p = k.params().get(i);
      out.append(i > 0 ? ", " : "").append(p.name());
      if (!(p.type() instanceof UnknownType)) {
        out.append(": ").append(TypePrinter.print(p.type()));
      }
    }
    out.append('|');
    if (pretty && k.body().kind() instanceof Let) {
      indent++;
      newline();
      write(k.body(), Precedence.EXPR);
      indent--;
    } else {
      out.append(' ');
      write(k.body(), Precedence.EXPR);
    }
    return null;
  }

  @Override
  public Void visitApply(Expr e, Apply k) {
    // A builder without argument would take the call's parentheses as its argument.
    if (k.func().kind() instanceof NewBuilder b && b.arg().isEmpty()) {
      out.append('(');
      write(k.func(), Precedence.EXPR);
      out.append(')');
    } else {
      write(k.func(), Precedence.APPLY);
    }
    out.append('(');
    list(k.args());
    out.append(')');
    return null;
  }

  @Override
  public Void visitIf(Expr e, If k) {
    call("if", k.cond(), k.onTrue(), k.onFalse());
    return null;
  }

  @Override
  public Void visitSelect(Expr e, Select k) {
    call("select", k.cond(), k.onTrue(), k.onFalse());
    return null;
  }

  @Override
  public Void visitIterate(Expr e, Iterate k) {
    call("iterate", k.initial(), k.update());
    return null;
  }

  @Override
  public Void visitCudf(Expr e, Cudf k) {
    String name = k.symbol().matches("[A-Za-z_$][A-Za-z0-9_$]*") && !Lexer.KEYWORDS.contains(k.symbol())
        ? k.symbol() : LiteralText.string(k.symbol());
    call("cudf[" + name + ", " + TypePrinter.print(k.returnType()) + "]", k.args());
    return null;
  }

  @Override
  public Void visitSerialize(Expr e, Serialize k) {
    call("serialize", k.value());
    return null;
  }

  @Override
  public Void visitDeserialize(Expr e, Deserialize k) {
    call("deserialize[" + TypePrinter.print(k.valueType()) + "]", k.value());
    return null;
  }

  @Override
  public Void visitAssert(Expr e, Assert k) {
    call("assert", k.cond());
    return null;
  }

  @Override
  public Void visitNewBuilder(Expr e, NewBuilder k) {
    out.append(BuilderText.of(e.type()));
    k.arg().ifPresent(a -> {
      out.append('(');
      write(a, Precedence.EXPR);
      out.append(')');
    });
    return null;
  }

  @Override
  public Void visitMerge(Expr e, Merge k) {
    call("merge", k.builder(), k.value());
    return null;
  }

  @Override
  public Void visitResult(Expr e, Result k) {
    call("result", k.builder());
    return null;
  }

  @Override
  public Void visitFor(Expr e, For k) {
    out.append("for(");
    if (k.iters().size() == 1) {
      iter(k.iters().get(0), true);
    } else {
      out.append("zip(");
      for (int i = 0; i < k.iters().size(); i++) {
        out.append(i > 0 ? ", " : "");
        iter(k.iters().get(i), false);
      }
      out.append(')');
    }
    out.append(", ");
    write(k.builder(), Precedence.EXPR);
    out.append(", ");
    write(k.body(), Precedence.EXPR);
    out.append(')');
    return null;
  }

  private void iter(Iter it, boolean alone) {
    if (it.isSimple()) {
      int mark = out.length();
      write(it.data().orElseThrow(), Precedence.EXPR);
      // A lone iterator that starts with 'zip(' would read back as several zipped iterators.
      if (alone && out.indexOf("zip(", mark) == mark) {
        out.insert(mark, '(').append(')');
      }
      return;
    }
    call(it.kind().keyword(), it.children());
  }
}

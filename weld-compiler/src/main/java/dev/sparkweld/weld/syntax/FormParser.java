package dev.sparkweld.weld.syntax;

import dev.sparkweld.weld.diag.CompileErrorKind;
import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.ir.AppenderType;
import dev.sparkweld.weld.ir.Assert;
import dev.sparkweld.weld.ir.BinOp;
import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.Broadcast;
import dev.sparkweld.weld.ir.Cast;
import dev.sparkweld.weld.ir.Cudf;
import dev.sparkweld.weld.ir.Deserialize;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.If;
import dev.sparkweld.weld.ir.Iter;
import dev.sparkweld.weld.ir.IterKind;
import dev.sparkweld.weld.ir.Iterate;
import dev.sparkweld.weld.ir.KeyExists;
import dev.sparkweld.weld.ir.Length;
import dev.sparkweld.weld.ir.Literal;
import dev.sparkweld.weld.ir.Lookup;
import dev.sparkweld.weld.ir.Merge;
import dev.sparkweld.weld.ir.NewBuilder;
import dev.sparkweld.weld.ir.OptLookup;
import dev.sparkweld.weld.ir.Result;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.Select;
import dev.sparkweld.weld.ir.Serialize;
import dev.sparkweld.weld.ir.Slice;
import dev.sparkweld.weld.ir.Sort;
import dev.sparkweld.weld.ir.ToVec;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.UnaryOp;
import dev.sparkweld.weld.ir.UnaryOpKind;
import dev.sparkweld.weld.ir.Zip;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The leaves introduced by a keyword: {@code if(...)}, {@code for(...)}, builders, casts, math functions, ... */
final class FormParser {
  private final ExprParser exprs;
  private final TokenStream ts;
  private final TypeParser types;

  FormParser(ExprParser exprs, TokenStream ts, TypeParser types) {
    this.exprs = exprs;
    this.ts = ts;
    this.types = types;
  }

  Expr form(Token kw) {
    switch (kw.text()) {
      case "true":
      case "false":
        ts.next();
        return exprs.node(Literal.ofBool(kw.is("true")), kw);
      case "if": {
        List<Expr> a = args(kw, 3);
        return exprs.node(new If(a.get(0), a.get(1), a.get(2)), kw);
      }
      case "select": {
        List<Expr> a = args(kw, 3);
        return exprs.node(new Select(a.get(0), a.get(1), a.get(2)), kw);
      }
      case "iterate": {
        List<Expr> a = args(kw, 2);
        return exprs.node(new Iterate(a.get(0), a.get(1)), kw);
      }
      case "assert":
        return exprs.node(new Assert(args(kw, 1).get(0)), kw);
      case "broadcast":
        return exprs.node(new Broadcast(args(kw, 1).get(0)), kw);
      case "serialize":
        return exprs.node(new Serialize(args(kw, 1).get(0)), kw);
      case "len":
        return exprs.node(new Length(args(kw, 1).get(0)), kw);
      case "tovec":
        return exprs.node(new ToVec(args(kw, 1).get(0)), kw);
      case "result":
        return exprs.node(new Result(args(kw, 1).get(0)), kw);
      case "lookup": {
        List<Expr> a = args(kw, 2);
        return exprs.node(new Lookup(a.get(0), a.get(1)), kw);
      }
      case "optlookup": {
        List<Expr> a = args(kw, 2);
        return exprs.node(new OptLookup(a.get(0), a.get(1)), kw);
      }
      case "keyexists": {
        List<Expr> a = args(kw, 2);
        return exprs.node(new KeyExists(a.get(0), a.get(1)), kw);
      }
      case "merge": {
        List<Expr> a = args(kw, 2);
        return exprs.node(new Merge(a.get(0), a.get(1)), kw);
      }
      case "sort": {
        List<Expr> a = args(kw, 2);
        return exprs.node(new Sort(a.get(0), a.get(1)), kw);
      }
      case "slice": {
        List<Expr> a = args(kw, 3);
        return exprs.node(new Slice(a.get(0), a.get(1), a.get(2)), kw);
      }
      case "min":
      case "max":
      case "pow": {
        List<Expr> a = args(kw, 2);
        BinOpKind op = BinOpKind.valueOf(kw.text().toUpperCase(Locale.ROOT));
        return exprs.node(new BinOp(op, a.get(0), a.get(1)), kw);
      }
      case "zip":
        ts.next();
        return exprs.node(new Zip(exprs.list(ts.expect("(", "'(' after 'zip'"), ")")), kw);
      case "for":
        return forLoop(kw);
      case "cudf":
        return cudf(kw);
      case "deserialize": {
        ts.next();
        Token open = ts.expect("[", "'[' and the result type after 'deserialize'");
        Type t = types.type();
        ts.expectClose("]", open);
        return exprs.node(new Deserialize(t, args(null, 1).get(0)), kw);
      }
      case "appender":
      case "merger":
      case "dictmerger":
      case "groupmerger":
      case "vecmerger":
        return builder(kw);
      default:
        return otherKeyword(kw);
    }
  }

  private Expr otherKeyword(Token kw) {
    ScalarKind cast = ScalarKind.fromKeyword(kw.text());
    if (cast != null) {
      Expr value = args(kw, 1).get(0);
      return exprs.node(new Cast(cast, value), kw);
    }
    UnaryOpKind math = mathFunction(kw.text());
    if (math != null) {
      return exprs.node(new UnaryOp(math, args(kw, 1).get(0)), kw);
    }
    switch (kw.text()) {
      case "nditer":
        throw new WeldCompileException(CompileErrorKind.UNSUPPORTED, kw.span(), "nditer is not supported");
      case "iter":
      case "simditer":
      case "fringeiter":
      case "rangeiter":
        throw ts.expected(kw, "expression ('" + kw.text() + "' is only allowed as an iterator of 'for')");
      case "let":
        throw ts.expected(kw, "expression (a let inside an operator expression needs parentheses)");
      case "type":
      case "macro":
        throw ts.expected(kw, "expression (type aliases and macros come first, in that order)");
      default:
        throw ts.expected(kw, "expression");
    }
  }

  private static UnaryOpKind mathFunction(String name) {
    for (UnaryOpKind k : UnaryOpKind.values()) {
      if (k.keyword().equals(name)) {
        return k;
      }
    }
    return null;
  }

  /**
   * Exactly {@code n} comma-separated arguments in parentheses after {@code kw} (consumed here if non-null), with
   * argument-count errors naming the form.
   */
  private List<Expr> args(Token kw, int n) {
    String name = kw == null ? ts.peek().text() : kw.text();
    if (kw != null) {
      ts.next();
    }
    Token open = ts.expect("(", "'(' after '" + name + "'");
    List<Expr> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        comma(open, name, n, i);
      }
      out.add(exprs.expr());
    }
    if (ts.at(",")) {
      throw ts.error(ts.peek(), "too many arguments: '" + name + "' takes " + n + ", found ','");
    }
    ts.expectClose(")", open);
    return out;
  }

  private void comma(Token open, String name, int n, int found) {
    if (ts.at(",")) {
      ts.next();
    } else if (ts.at(")")) {
      throw ts.error(ts.peek(), "too few arguments: '" + name + "' takes " + n + ", found " + found);
    } else {
      throw ts.expected(ts.peek(), "',' or " + TokenStream.closing(")", open));
    }
  }

  private Expr forLoop(Token kw) {
    ts.next();
    Token open = ts.expect("(", "'(' after 'for'");
    List<Iter> iters = new ArrayList<>();
    if (ts.at("zip") && ts.peek(1).is("(")) {
      ts.next();
      Token zipOpen = ts.next();
      if (!ts.at(")")) {
        iters.add(iter());
        while (!ts.at(")")) {
          types.separator(zipOpen, ")");
          iters.add(iter());
        }
      }
      ts.next();
    } else {
      iters.add(iter());
    }
    comma(open, "for", 3, 1);
    Expr builder = exprs.expr();
    comma(open, "for", 3, 2);
    Expr body = exprs.expr();
    if (ts.at(",")) {
      throw ts.error(ts.peek(), "too many arguments: 'for' takes 3, found ','");
    }
    ts.expectClose(")", open);
    return exprs.node(new For(iters, builder, body), kw);
  }

  private Iter iter() {
    Token t = ts.peek();
    IterKind kind = t.is("iter") ? IterKind.SCALAR : t.is("simditer") ? IterKind.SIMD
        : t.is("fringeiter") ? IterKind.FRINGE : null;
    if (kind != null) {
      ts.next();
      Token open = ts.expect("(", "'(' after '" + t.text() + "'");
      Expr data = exprs.expr();
      Optional<Expr> start = Optional.empty();
      Optional<Expr> end = Optional.empty();
      Optional<Expr> stride = Optional.empty();
      if (ts.at(",")) {
        ts.next();
        start = Optional.of(exprs.expr());
        comma(open, t.text(), 4, 2);
        end = Optional.of(exprs.expr());
        comma(open, t.text(), 4, 3);
        stride = Optional.of(exprs.expr());
      }
      ts.expectClose(")", open);
      return new Iter(kind, Optional.of(data), start, end, stride, Optional.empty(), Optional.empty());
    }
    if (t.is("rangeiter")) {
      List<Expr> a = args(t, 3);
      return Iter.range(a.get(0), a.get(1), a.get(2));
    }
    if (t.is("nditer")) {
      throw new WeldCompileException(CompileErrorKind.UNSUPPORTED, t.span(), "nditer is not supported");
    }
    return Iter.of(exprs.expr());
  }

  private Expr cudf(Token kw) {
    ts.next();
    Token open = ts.expect("[", "'[' and the function name after 'cudf'");
    Token name = ts.peek();
    if (name.kind() != TokenKind.IDENT && name.kind() != TokenKind.STRING) {
      throw ts.expected(name, "the name of the native function");
    }
    ts.next();
    types.comma("cudf", "result type");
    Type result = types.type();
    ts.expectClose("]", open);
    Token paren = ts.expect("(", "'(' and the arguments of 'cudf'");
    List<Expr> args = exprs.list(paren, ")");
    String symbol = name.kind() == TokenKind.STRING ? (String) name.value() : name.text();
    return exprs.node(new Cudf(symbol, result, args), kw);
  }

  /**
   * A new builder; its (possibly partial) type becomes the expression's type. The optional argument is accepted on
   * every builder: whether a builder takes one (groupmerger none, vecmerger exactly one) is left to type checking,
   * so that every tree the printer writes parses back.
   */
  private Expr builder(Token kw) {
    Type type;
    if (kw.is("appender") && !ts.peek(1).is("[")) {
      ts.next();
      type = new AppenderType(Type.UNKNOWN);
    } else {
      type = types.type();
    }
    Optional<Expr> arg = Optional.empty();
    if (ts.at("(")) {
      Token open = ts.next();
      arg = Optional.of(exprs.expr());
      ts.expectClose(")", open);
    }
    return exprs.node(new NewBuilder(arg), kw).withType(type);
  }
}

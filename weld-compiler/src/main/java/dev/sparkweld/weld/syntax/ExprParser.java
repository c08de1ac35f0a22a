package dev.sparkweld.weld.syntax;

import dev.sparkweld.weld.ir.Annotations;
import dev.sparkweld.weld.ir.Apply;
import dev.sparkweld.weld.ir.BinOp;
import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.ExprKind;
import dev.sparkweld.weld.ir.GetField;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Let;
import dev.sparkweld.weld.ir.Macro;
import dev.sparkweld.weld.ir.MakeStruct;
import dev.sparkweld.weld.ir.MakeVector;
import dev.sparkweld.weld.ir.Negate;
import dev.sparkweld.weld.ir.Not;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.Program;
import dev.sparkweld.weld.ir.StringLiteral;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.TypeAlias;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Program structure, {@code let}, lambdas, the operator levels and the leaves that are not keyword forms. */
final class ExprParser {
  private final TokenStream ts;
  private final TypeParser types;
  private final FormParser forms;

  ExprParser(TokenStream ts) {
    this.ts = ts;
    this.types = new TypeParser(ts);
    this.forms = new FormParser(this, ts, types);
  }

  TokenStream stream() {
    return ts;
  }

  TypeParser types() {
    return types;
  }

  /** Requires the end of input after {@code result}. */
  <T> T complete(T result) {
    Token t = ts.peek();
    if (t.kind() != TokenKind.EOF) {
      String opener = t.is(")") ? "(" : t.is("]") ? "[" : t.is("}") ? "{" : null;
      throw ts.error(t, "expected end of input, found " + t.describe()
          + (opener == null ? "" : " with no matching '" + opener + "'"));
    }
    return result;
  }

  Program program() {
    List<TypeAlias> aliases = new ArrayList<>();
    while (ts.at("type")) {
      ts.next();
      Token name = ident("a type alias name");
      ts.expect("=", "'=' after the alias name");
      Type t = types.type();
      ts.expect(";", "';' after the aliased type");
      types.define(name, t);
      aliases.add(types.alias(name.text()));
    }
    List<Macro> macros = macros();
    return complete(new Program(aliases, macros, expr()));
  }

  List<Macro> macros() {
    List<Macro> macros = new ArrayList<>();
    while (ts.at("macro")) {
      Token start = ts.next();
      Token name = ident("a macro name");
      Token open = ts.expect("(", "'(' and the macro's parameters");
      List<String> params = new ArrayList<>();
      if (!ts.at(")")) {
        params.add(ident("a macro parameter name").text());
        while (!ts.at(")")) {
          types.separator(open, ")");
          params.add(ident("a macro parameter name").text());
        }
      }
      ts.next();
      ts.expect("=", "'=' before the macro body");
      Expr body = expr();
      ts.expect(";", "';' after the macro body");
      macros.add(new Macro(name.text(), params, body, start.span()));
    }
    return macros;
  }

  Token ident(String what) {
    if (!ts.atKind(TokenKind.IDENT)) {
      throw ts.expected(ts.peek(), what);
    }
    return ts.next();
  }

  /** {@code expr}: a chain of lets, a lambda, or an operator expression. */
  Expr expr() {
    ts.enter();
    try {
      return ts.at("let") ? letChain() : lambdaOrOperators();
    } finally {
      ts.exit();
    }
  }

  private Expr lambdaOrOperators() {
    return ts.at("|") || ts.at("||") ? lambda() : operators(Precedence.OR);
  }

  /** Consecutive lets are read in a loop, not by recursion: generated programs have long let chains. */
  private Expr letChain() {
    List<Token> starts = new ArrayList<>();
    List<Symbol> names = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    while (ts.at("let")) {
      ts.enter();
      starts.add(ts.next());
      names.add(Lexer.symbol(ident("a variable name after 'let'").text()));
      Type declared = null;
      if (ts.at(":")) {
        ts.next();
        declared = types.type();
      }
      ts.expect("=", "'=' in let");
      Expr value = lambdaOrOperators();
      values.add(declared == null ? value : value.withType(declared));
      ts.expect(";", "';' after the let value");
    }
    Expr body = lambdaOrOperators();
    ts.exit(starts.size());
    for (int i = starts.size() - 1; i >= 0; i--) {
      body = node(new Let(names.get(i), values.get(i), body), starts.get(i));
    }
    return body;
  }

  private Expr lambda() {
    Token open = ts.next();
    List<Param> params = new ArrayList<>();
    if (open.is("|")) {
      if (!ts.at("|")) {
        params.add(param());
        while (!ts.at("|")) {
          types.separator(open, "|");
          params.add(param());
        }
      }
      ts.next();
    }
    Expr body = expr();
    return node(new Lambda(params, body), open);
  }

  private Param param() {
    Token name = ident("a parameter name");
    Type t = Type.UNKNOWN;
    if (ts.at(":")) {
      ts.next();
      t = types.type();
    }
    return new Param(Lexer.symbol(name.text()), t, name.span());
  }

  /** Precedence climbing over the infix levels from {@code minLevel} up. */
  Expr operators(int minLevel) {
    Token start = ts.peek();
    Expr left = ascribe();
    int chained = 0;
    while (true) {
      BinOpKind op = Precedence.infix(ts.peek());
      if (op == null || Precedence.level(op) < minLevel) {
        ts.exit(chained);
        return left;
      }
      int level = Precedence.level(op);
      ts.enter();
      chained++;
      ts.next();
      Expr right = operators(level + 1);
      left = node(new BinOp(op, left, right), start);
      BinOpKind again = Precedence.infix(ts.peek());
      if (Precedence.isNonAssociative(level) && again != null && Precedence.level(again) == level) {
        throw ts.error(ts.peek(), "comparison operators do not chain, found " + ts.peek().describe()
            + " after '" + op.symbol() + "'; add parentheses");
      }
    }
  }

  private Expr ascribe() {
    Expr e = apply();
    if (ts.at(":")) {
      ts.next();
      e = e.withType(types.type());
    }
    return e;
  }

  private Expr apply() {
    Token start = ts.peek();
    Expr e = leaf();
    int chained = 0;
    while (true) {
      if (ts.at(".") || ts.at("(")) {
        ts.enter();
        chained++;
      }
      if (ts.at(".")) {
        ts.next();
        Token f = ts.peek();
        if (f.kind() != TokenKind.IDENT || !f.text().matches("\\$[0-9]{1,9}")) {
          throw ts.expected(f, "a field index '$N' after '.'");
        }
        ts.next();
        e = node(new GetField(e, Integer.parseInt(f.text().substring(1))), start);
      } else if (ts.at("(")) {
        List<Expr> args = list(ts.next(), ")");
        e = node(new Apply(e, args), start);
      } else {
        ts.exit(chained);
        return e;
      }
    }
  }

  /** Expressions separated by ',' up to the delimiter closing {@code open} (already consumed). */
  List<Expr> list(Token open, String close) {
    List<Expr> items = new ArrayList<>();
    if (!ts.at(close)) {
      items.add(expr());
      while (!ts.at(close)) {
        types.separator(open, close);
        items.add(expr());
      }
    }
    ts.next();
    return items;
  }

  Expr leaf() {
    Token start = ts.peek();
    Annotations ann = ts.at("@") ? annotations() : Annotations.NONE;
    Expr e = leafBody();
    if (ann.isEmpty()) {
      return e;
    }
    TreeMap<String, String> merged = new TreeMap<>(e.annotations().values());
    merged.putAll(ann.values());
    return e.withAnnotations(Annotations.of(merged)).withSpan(ts.spanFrom(start));
  }

  private Expr leafBody() {
    Token t = ts.peek();
    switch (t.kind()) {
      case INT:
      case FLOAT:
        ts.next();
        return node(Literals.of(t, null), t);
      case STRING:
        ts.next();
        return node(new StringLiteral((String) t.value()), t);
      case IDENT:
        ts.next();
        return node(new Ident(Lexer.symbol(t.text())), t);
      case KEYWORD:
        return forms.form(t);
      case EOF:
        throw ts.expected(t, "expression");
      default:
        return punctuationLeaf(t);
    }
  }

  private Expr punctuationLeaf(Token t) {
    switch (t.text()) {
      case "(": {
        ts.next();
        Expr inner = expr();
        ts.expectClose(")", t);
        return inner;
      }
      case "[":
        ts.next();
        return node(new MakeVector(list(t, "]")), t);
      case "{":
        ts.next();
        return node(new MakeStruct(list(t, "}")), t);
      case "-":
        ts.next();
        if (ts.peek().isNumber()) {
          return node(Literals.of(ts.next(), t), t);
        }
        return node(new Negate(unaryOperand()), t);
      case "!":
        ts.next();
        return node(new Not(unaryOperand()), t);
      case "|":
      case "||":
        throw ts.expected(t, "expression (a lambda inside an operator expression needs parentheses)");
      default:
        throw ts.expected(t, "expression");
    }
  }

  private Expr unaryOperand() {
    ts.enter();
    try {
      return leaf();
    } finally {
      ts.exit();
    }
  }

  /** {@code @(key:value, ...)}; keys and values are kept as text (strings decoded). */
  private Annotations annotations() {
    ts.next();
    Token open = ts.expect("(", "'(' after '@'");
    TreeMap<String, String> values = new TreeMap<>();
    do {
      if (ts.at(",")) {
        ts.next();
      }
      String key = annotationWord(ts.peek(), "an annotation key");
      ts.expect(":", "':' after the annotation key");
      String value;
      if (ts.at("-") && ts.peek(1).isNumber()) {
        ts.next();
        value = "-" + annotationWord(ts.peek(), "an annotation value");
      } else {
        value = annotationWord(ts.peek(), "an annotation value (a literal, identifier or string)");
      }
      values.put(key, value);
    } while (ts.at(","));
    ts.expectClose(")", open);
    return Annotations.of(values);
  }

  private String annotationWord(Token t, String what) {
    switch (t.kind()) {
      case IDENT:
      case KEYWORD:
      case INT:
      case FLOAT:
        ts.next();
        return t.text();
      case STRING:
        ts.next();
        return (String) t.value();
      default:
        throw ts.expected(t, what);
    }
  }

  /** A node for {@code kind} starting at {@code start} and ending at the last token consumed. */
  Expr node(ExprKind kind, Token start) {
    return new Expr(kind, Type.UNKNOWN, Annotations.NONE, ts.spanFrom(start));
  }
}

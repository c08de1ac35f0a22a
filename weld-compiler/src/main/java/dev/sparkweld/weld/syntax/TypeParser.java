package dev.sparkweld.weld.syntax;

import dev.sparkweld.weld.ir.AppenderType;
import dev.sparkweld.weld.ir.BuilderOp;
import dev.sparkweld.weld.ir.DictMergerType;
import dev.sparkweld.weld.ir.DictType;
import dev.sparkweld.weld.ir.FunctionType;
import dev.sparkweld.weld.ir.GroupMergerType;
import dev.sparkweld.weld.ir.MergerType;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.TypeAlias;
import dev.sparkweld.weld.ir.VecMergerType;
import dev.sparkweld.weld.ir.VecType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses types (spec section 2) and resolves type aliases on the spot, so no alias survives parsing. Beyond the spec
 * grammar it reads function types {@code |T1,...|(R)}, which the printer needs to write a typed lambda back.
 */
final class TypeParser {
  private final TokenStream ts;
  private final Map<String, TypeAlias> aliases = new HashMap<>();

  TypeParser(TokenStream ts) {
    this.ts = ts;
  }

  void define(Token name, Type type) {
    TypeAlias previous = aliases.get(name.text());
    if (previous != null) {
      throw ts.error(name, "type alias '" + name.text() + "' is already defined at " + previous.span());
    }
    aliases.put(name.text(), new TypeAlias(name.text(), type, name.span()));
  }

  TypeAlias alias(String name) {
    return aliases.get(name);
  }

  Type type() {
    ts.enter();
    try {
      return typeBody();
    } finally {
      ts.exit();
    }
  }

  private Type typeBody() {
    Token t = ts.peek();
    if (t.kind() == TokenKind.IDENT) {
      ts.next();
      TypeAlias a = aliases.get(t.text());
      if (a == null) {
        throw ts.error(t, "unknown type '" + t.text() + "', expected a type or a type alias defined before this use");
      }
      return a.type();
    }
    ScalarKind scalar = t.kind() == TokenKind.KEYWORD ? ScalarKind.fromKeyword(t.text()) : null;
    if (scalar != null) {
      ts.next();
      return new ScalarType(scalar);
    }
    if (t.is("?")) {
      ts.next();
      return Type.UNKNOWN;
    }
    if (t.is("{")) {
      ts.next();
      List<Type> fields = new ArrayList<>();
      if (!ts.at("}")) {
        fields.add(type());
        while (!ts.at("}")) {
          separator(t, "}");
          fields.add(type());
        }
      }
      ts.next();
      return new StructType(fields);
    }
    if (t.is("|") || t.is("||")) {
      return functionType();
    }
    if (t.kind() != TokenKind.KEYWORD) {
      throw ts.expected(t, "a type");
    }
    switch (t.text()) {
      case "vec": {
        Token open = bracket();
        Type elem = type();
        ts.expectClose("]", open);
        return new VecType(elem);
      }
      case "dict": {
        Token open = bracket();
        Type k = type();
        comma("dict", "value type");
        Type v = type();
        ts.expectClose("]", open);
        return new DictType(k, v);
      }
      case "simd": {
        Token open = bracket();
        Token s = ts.peek();
        ScalarKind sk = s.kind() == TokenKind.KEYWORD ? ScalarKind.fromKeyword(s.text()) : null;
        if (sk == null) {
          throw ts.expected(s, "a scalar type for the lanes of 'simd'");
        }
        ts.next();
        ts.expectClose("]", open);
        return new SimdType(sk);
      }
      default:
        return builderType(t);
    }
  }

  private Type builderType(Token t) {
    switch (t.text()) {
      case "appender": {
        Token open = bracket();
        Type elem = type();
        ts.expectClose("]", open);
        return new AppenderType(elem);
      }
      case "merger": {
        Token open = bracket();
        Type elem = type();
        comma("merger", "merge operator");
        BuilderOp op = op();
        ts.expectClose("]", open);
        return new MergerType(elem, op);
      }
      case "vecmerger": {
        Token open = bracket();
        Type elem = type();
        comma("vecmerger", "merge operator");
        BuilderOp op = op();
        ts.expectClose("]", open);
        return new VecMergerType(elem, op);
      }
      case "dictmerger": {
        Token open = bracket();
        Type k = type();
        comma("dictmerger", "value type");
        Type v = type();
        comma("dictmerger", "merge operator");
        BuilderOp op = op();
        ts.expectClose("]", open);
        return new DictMergerType(k, v, op);
      }
      case "groupmerger": {
        Token open = bracket();
        Type k = type();
        comma("groupmerger", "value type");
        Type v = type();
        ts.expectClose("]", open);
        return new GroupMergerType(k, v);
      }
      default:
        throw ts.expected(t, "a type");
    }
  }

  /** {@code |T1, ...|(R)} or {@code ||(R)}. */
  private Type functionType() {
    Token open = ts.next();
    List<Type> params = new ArrayList<>();
    if (open.is("|") && !ts.at("|")) {
      params.add(type());
      while (!ts.at("|")) {
        separator(open, "|");
        params.add(type());
      }
    }
    if (open.is("|")) {
      ts.next();
    }
    Token paren = ts.expect("(", "'(' and the result type of the function type");
    Type result = type();
    ts.expectClose(")", paren);
    return new FunctionType(params, result);
  }

  /** The open bracket after a type constructor keyword. */
  private Token bracket() {
    Token kw = ts.next();
    return ts.expect("[", "'[' after '" + kw.text() + "'");
  }

  /** A ',' between the items of a list opened by {@code opener}, else the unclosed-list error. */
  void separator(Token opener, String close) {
    if (ts.at(",")) {
      ts.next();
      return;
    }
    throw ts.expected(ts.peek(), "',' or " + TokenStream.closing(close, opener));
  }

  /**
   * The ',' before a required item of a fixed-arity type such as {@code dict[K, V]}: unlike in a list, a closing
   * bracket is no alternative here, so the message must not offer one.
   */
  void comma(String constructor, String item) {
    ts.expect(",", "',' and the " + item + " of '" + constructor + "'");
  }

  /** A builder's merge operator: {@code + * min max}. */
  BuilderOp op() {
    Token t = ts.peek();
    BuilderOp op = t.is("+") ? BuilderOp.ADD : t.is("*") ? BuilderOp.MUL : t.is("min") ? BuilderOp.MIN
        : t.is("max") ? BuilderOp.MAX : null;
    if (op == null) {
      throw ts.expected(t, "a merge operator '+', '*', 'min' or 'max'");
    }
    ts.next();
    return op;
  }
}

package io.opendms.engine.mapping.expression;

import io.opendms.engine.mapping.expression.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for SQLite expressions, one method per precedence level, lowest
 * first: OR, AND, NOT, equality (= == != <> IS IN LIKE BETWEEN), comparison, + -, * / %, ||,
 * unary. One instance per text.
 */
final class Parser {
  private static final Set<String> CAST_TYPES =
      Set.of("INTEGER", "INT", "BIGINT", "REAL", "DOUBLE", "FLOAT", "TEXT", "VARCHAR", "CHAR",
          "NUMERIC", "DECIMAL", "BLOB");

  private final List<Token> tokens;
  private int index;

  private Parser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static Node parse(String text) {
    if (text == null || text.isBlank()) {
      throw new ExpressionException(1, "the expression is empty");
    }
    var parser = new Parser(Lexer.tokens(text));
    Node root = parser.or();
    Token rest = parser.peek();
    if (rest.kind() != Kind.END) {
      throw new ExpressionException(rest.position(), "unexpected " + rest.describe());
    }
    return root;
  }

  private Node or() {
    Node left = and();
    while (peek().isKeyword("OR")) {
      int at = next().position();
      left = new Node.Binary("OR", left, and(), at);
    }
    return left;
  }

  private Node and() {
    Node left = not();
    while (peek().isKeyword("AND")) {
      int at = next().position();
      left = new Node.Binary("AND", left, not(), at);
    }
    return left;
  }

  private Node not() {
    if (peek().isKeyword("NOT")) {
      int at = next().position();
      return new Node.Unary("NOT", not(), at);
    }
    return equality();
  }

  private Node equality() {
    Node left = comparison();
    while (true) {
      Token token = peek();
      if (token.isOperator("=") || token.isOperator("==") || token.isOperator("!=")
          || token.isOperator("<>")) {
        next();
        String operator = token.text().equals("==") ? "=" : token.text().equals("<>") ? "!="
            : token.text();
        left = new Node.Binary(operator, left, comparison(), token.position());
      } else if (token.isKeyword("IS")) {
        next();
        boolean negated = accept("NOT");
        if (accept("NULL")) {
          left = new Node.IsNull(left, negated);
        } else {
          left = new Node.Is(left, comparison(), negated);
        }
      } else if (token.isKeyword("ISNULL") || token.isKeyword("NOTNULL")) {
        next();
        left = new Node.IsNull(left, token.isKeyword("NOTNULL"));
      } else if (token.isKeyword("NOT") && isPostfixKeyword(peekAt(1))) {
        next();
        left = postfix(left, true);
      } else if (isPostfixKeyword(token) && !token.isKeyword("NULL")) {
        left = postfix(left, false);
      } else {
        return left;
      }
    }
  }

  private static boolean isPostfixKeyword(Token token) {
    return token.isKeyword("IN") || token.isKeyword("LIKE") || token.isKeyword("BETWEEN")
        || token.isKeyword("NULL");
  }

  private Node postfix(Node left, boolean negated) {
    Token keyword = next();
    if (keyword.isKeyword("NULL")) {
      return new Node.IsNull(left, negated);
    }
    if (keyword.isKeyword("LIKE")) {
      return new Node.Like(left, comparison(), negated);
    }
    if (keyword.isKeyword("BETWEEN")) {
      Node low = comparison();
      expectKeyword("AND");
      return new Node.Between(left, low, comparison(), negated);
    }
    expectOperator("(");
    var values = new ArrayList<Node>();
    if (!peek().isOperator(")")) {
      do {
        values.add(or());
      } while (acceptOperator(","));
    }
    expectOperator(")");
    return new Node.In(left, values, negated);
  }

  private Node comparison() {
    Node left = additive();
    while (peek().isOperator("<") || peek().isOperator("<=") || peek().isOperator(">")
        || peek().isOperator(">=")) {
      Token token = next();
      left = new Node.Binary(token.text(), left, additive(), token.position());
    }
    return left;
  }

  private Node additive() {
    Node left = multiplicative();
    while (peek().isOperator("+") || peek().isOperator("-")) {
      Token token = next();
      left = new Node.Binary(token.text(), left, multiplicative(), token.position());
    }
    return left;
  }

  private Node multiplicative() {
    Node left = concatenation();
    while (peek().isOperator("*") || peek().isOperator("/") || peek().isOperator("%")) {
      Token token = next();
      left = new Node.Binary(token.text(), left, concatenation(), token.position());
    }
    return left;
  }

  private Node concatenation() {
    Node left = unary();
    while (peek().isOperator("||")) {
      Token token = next();
      left = new Node.Binary("||", left, unary(), token.position());
    }
    return left;
  }

  private Node unary() {
    Token token = peek();
    if (token.isOperator("-") || token.isOperator("+")) {
      next();
      return new Node.Unary(token.text(), unary(), token.position());
    }
    return primary();
  }

  private Node primary() {
    Token token = next();
    switch (token.kind()) {
      case NUMBER:
        return new Node.Literal(SqliteValues.number(token.text()));
      case STRING:
        return new Node.Literal(token.text());
      case VARIABLE:
        return new Node.Variable(token.text(), token.position());
      case OPERATOR:
        if (token.isOperator("(")) {
          Node inner = or();
          expectOperator(")");
          return inner;
        }
        break;
      case IDENTIFIER:
        return keywordOrCall(token);
      default:
        break;
    }
    throw new ExpressionException(token.position(), "expected a value but found "
        + token.describe());
  }

  private Node keywordOrCall(Token token) {
    if (token.isKeyword("NULL")) {
      return new Node.Literal(null);
    }
    if (token.isKeyword("CASE")) {
      return caseExpression();
    }
    if (token.isKeyword("CAST")) {
      expectOperator("(");
      Node operand = or();
      expectKeyword("AS");
      Token type = next();
      String name = type.text().toUpperCase(java.util.Locale.ROOT);
      if (type.kind() != Kind.IDENTIFIER || !CAST_TYPES.contains(name)) {
        throw new ExpressionException(type.position(), "unknown type " + type.describe()
            + " in CAST (expected one of INTEGER, REAL, TEXT, NUMERIC, BLOB)");
      }
      expectOperator(")");
      return new Node.Cast(operand, name);
    }
    if (!peek().isOperator("(")) {
      throw new ExpressionException(token.position(), "unknown name '" + token.text()
          + "' (a column is written $" + token.text() + ")");
    }
    next();
    var arguments = new ArrayList<Node>();
    if (!peek().isOperator(")")) {
      do {
        arguments.add(or());
      } while (acceptOperator(","));
    }
    expectOperator(")");
    var call = new Node.Call(token.text().toLowerCase(java.util.Locale.ROOT), arguments,
        token.position());
    Functions.check(call);
    return call;
  }

  private Node caseExpression() {
    Node base = peek().isKeyword("WHEN") ? null : or();
    var whens = new ArrayList<Node>();
    var thens = new ArrayList<Node>();
    while (accept("WHEN")) {
      whens.add(or());
      expectKeyword("THEN");
      thens.add(or());
    }
    if (whens.isEmpty()) {
      throw new ExpressionException(peek().position(), "CASE needs at least one WHEN, found "
          + peek().describe());
    }
    Node otherwise = accept("ELSE") ? or() : null;
    expectKeyword("END");
    return new Node.Case(base, whens, thens, otherwise);
  }

  private Token peek() {
    return tokens.get(index);
  }

  private Token peekAt(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  private Token next() {
    Token token = tokens.get(index);
    if (token.kind() != Kind.END) {
      index++;
    }
    return token;
  }

  private boolean accept(String keyword) {
    if (peek().isKeyword(keyword)) {
      next();
      return true;
    }
    return false;
  }

  private boolean acceptOperator(String operator) {
    if (peek().isOperator(operator)) {
      next();
      return true;
    }
    return false;
  }

  private void expectKeyword(String keyword) {
    if (!accept(keyword)) {
      throw new ExpressionException(peek().position(), "expected " + keyword + " but found "
          + peek().describe());
    }
  }

  private void expectOperator(String operator) {
    if (!acceptOperator(operator)) {
      throw new ExpressionException(peek().position(), "expected '" + operator + "' but found "
          + peek().describe());
    }
  }
}

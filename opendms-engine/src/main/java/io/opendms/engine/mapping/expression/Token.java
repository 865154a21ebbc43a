package io.opendms.engine.mapping.expression;

/**
 * One lexical token of an expression.
 *
 * @param kind what it is
 * @param text the identifier, operator, string contents (quotes removed) or number text
 * @param position 1-based position of its first character
 */
record Token(Kind kind, String text, int position) {
  enum Kind {
    NUMBER,
    STRING,
    IDENTIFIER,
    VARIABLE,
    OPERATOR,
    END
  }

  boolean is(Kind expected, String spelling) {
    return kind == expected && text.equalsIgnoreCase(spelling);
  }

  boolean isKeyword(String keyword) {
    return is(Kind.IDENTIFIER, keyword);
  }

  boolean isOperator(String operator) {
    return is(Kind.OPERATOR, operator);
  }

  String describe() {
    return switch (kind) {
      case END -> "the end of the expression";
      case STRING -> "'" + text + "'";
      case VARIABLE -> "$" + text;
      default -> "'" + text + "'";
    };
  }
}

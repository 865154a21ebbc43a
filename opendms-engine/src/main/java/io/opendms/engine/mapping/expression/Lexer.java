package io.opendms.engine.mapping.expression;

import io.opendms.engine.mapping.expression.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Splits SQLite expression text into tokens. Stateless apart from the text being read. */
final class Lexer {
  private static final String[] OPERATORS = {
    "||", "<=", ">=", "<>", "!=", "==", "<", ">", "=", "+", "-", "*", "/", "%", "(", ")", ","
  };

  private final String text;
  private int index;

  private Lexer(String text) {
    this.text = text;
  }

  static List<Token> tokens(String text) {
    return new Lexer(text).all();
  }

  private List<Token> all() {
    var tokens = new ArrayList<Token>();
    while (true) {
      skipSpace();
      if (index >= text.length()) {
        tokens.add(new Token(Kind.END, "", index + 1));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private void skipSpace() {
    while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
      index++;
    }
  }

  private Token next() {
    int start = index;
    char c = text.charAt(index);
    if (c == '\'') {
      return string(start);
    }
    if (c == '$') {
      index++;
      String name = identifierChars();
      if (name.isEmpty()) {
        throw new ExpressionException(start + 1, "'$' must be followed by a column name");
      }
      return new Token(Kind.VARIABLE, name, start + 1);
    }
    if (c == '"' || c == '`' || c == '[') {
      return quotedIdentifier(start, c == '[' ? ']' : c);
    }
    if (Character.isDigit(c) || (c == '.' && index + 1 < text.length()
        && Character.isDigit(text.charAt(index + 1)))) {
      return number(start);
    }
    if (Character.isLetter(c) || c == '_') {
      return new Token(Kind.IDENTIFIER, identifierChars(), start + 1);
    }
    for (String operator : OPERATORS) {
      if (text.startsWith(operator, index)) {
        index += operator.length();
        return new Token(Kind.OPERATOR, operator, start + 1);
      }
    }
    throw new ExpressionException(start + 1, "unexpected character '" + c + "'");
  }

  private String identifierChars() {
    int start = index;
    while (index < text.length()
        && (Character.isLetterOrDigit(text.charAt(index)) || text.charAt(index) == '_')) {
      index++;
    }
    return text.substring(start, index);
  }

  private Token string(int start) {
    var value = new StringBuilder();
    index++;
    while (true) {
      if (index >= text.length()) {
        throw new ExpressionException(start + 1, "string literal is not closed");
      }
      char c = text.charAt(index++);
      if (c == '\'') {
        if (index < text.length() && text.charAt(index) == '\'') {
          value.append('\'');
          index++;
        } else {
          return new Token(Kind.STRING, value.toString(), start + 1);
        }
      } else {
        value.append(c);
      }
    }
  }

  private Token quotedIdentifier(int start, char close) {
    int end = text.indexOf(close, index + 1);
    if (end < 0) {
      throw new ExpressionException(start + 1, "quoted name is not closed");
    }
    index = end + 1;
    return new Token(Kind.IDENTIFIER, text.substring(start + 1, end), start + 1);
  }

  private Token number(int start) {
    while (index < text.length() && Character.isDigit(text.charAt(index))) {
      index++;
    }
    if (index < text.length() && text.charAt(index) == '.') {
      index++;
      while (index < text.length() && Character.isDigit(text.charAt(index))) {
        index++;
      }
    }
    if (index < text.length() && (text.charAt(index) == 'e' || text.charAt(index) == 'E')) {
      int mark = index;
      index++;
      if (index < text.length() && (text.charAt(index) == '+' || text.charAt(index) == '-')) {
        index++;
      }
      if (index >= text.length() || !Character.isDigit(text.charAt(index))) {
        index = mark;
      }
      while (index < text.length() && Character.isDigit(text.charAt(index))) {
        index++;
      }
    }
    return new Token(Kind.NUMBER, text.substring(start, index), start + 1);
  }
}

package io.opendms.engine.mapping.expression;

/** SQLite's operators over {@link SqliteValues}, with its NULL and numeric conversion rules. */
final class Operators {

  private Operators() {}

  static Object unary(String operator, Object value, int position) {
    if (operator.equals("NOT")) {
      return not(value);
    }
    if (value == null) {
      return null;
    }
    Object number = SqliteValues.numeric(value);
    if (operator.equals("+")) {
      return number;
    }
    if (number instanceof Long l) {
      return l == Long.MIN_VALUE ? (Object) (-(double) l) : (Object) (-l);
    }
    return -SqliteValues.real(number);
  }

  static Object not(Object value) {
    return value == null ? null : SqliteValues.truth(!SqliteValues.isTrue(value));
  }

  /** Three-valued AND: false wins over NULL. */
  static Object and(Object a, Object b) {
    if ((a != null && !SqliteValues.isTrue(a)) || (b != null && !SqliteValues.isTrue(b))) {
      return 0L;
    }
    return a == null || b == null ? null : 1L;
  }

  static Object and(Node left, Node right, ExpressionScope scope) {
    Object a = left.evaluate(scope);
    if (a != null && !SqliteValues.isTrue(a)) {
      return 0L;
    }
    return and(a, right.evaluate(scope));
  }

  /** Three-valued OR: true wins over NULL. */
  static Object or(Node left, Node right, ExpressionScope scope) {
    Object a = left.evaluate(scope);
    if (SqliteValues.isTrue(a)) {
      return 1L;
    }
    Object b = right.evaluate(scope);
    if (SqliteValues.isTrue(b)) {
      return 1L;
    }
    return a == null || b == null ? null : 0L;
  }

  static Object binary(String operator, Object a, Object b, int position) {
    if (a == null || b == null) {
      return null;
    }
    return switch (operator) {
      case "||" -> SqliteValues.text(a) + SqliteValues.text(b);
      case "=" -> SqliteValues.truth(SqliteValues.compare(a, b) == 0);
      case "!=" -> SqliteValues.truth(SqliteValues.compare(a, b) != 0);
      case "<" -> SqliteValues.truth(SqliteValues.compare(a, b) < 0);
      case "<=" -> SqliteValues.truth(SqliteValues.compare(a, b) <= 0);
      case ">" -> SqliteValues.truth(SqliteValues.compare(a, b) > 0);
      case ">=" -> SqliteValues.truth(SqliteValues.compare(a, b) >= 0);
      default -> arithmetic(operator, SqliteValues.numeric(a), SqliteValues.numeric(b), position);
    };
  }

  private static Object arithmetic(String operator, Object x, Object y, int position) {
    if (x instanceof Long l && y instanceof Long m) {
      try {
        return switch (operator) {
          case "+" -> Math.addExact(l, m);
          case "-" -> Math.subtractExact(l, m);
          case "*" -> Math.multiplyExact(l, m);
          case "/" -> m == 0 ? null : (Object) (l / m);
          case "%" -> m == 0 ? null : (Object) (l % m);
          default -> throw new ExpressionException(position, "unknown operator " + operator);
        };
      } catch (ArithmeticException overflow) {
        // SQLite turns an overflowing integer operation into a real one
      }
    }
    double a = SqliteValues.real(x);
    double b = SqliteValues.real(y);
    return switch (operator) {
      case "+" -> a + b;
      case "-" -> a - b;
      case "*" -> a * b;
      case "/" -> b == 0 ? null : (Object) (a / b);
      case "%" -> (long) b == 0 ? null : (Object) (double) ((long) a % (long) b);
      default -> throw new ExpressionException(position, "unknown operator " + operator);
    };
  }

  /** SQLite LIKE: {@code %} any run, {@code _} one character, ASCII letters case-insensitive. */
  static boolean like(String value, String pattern) {
    return like(value, 0, pattern, 0);
  }

  private static boolean like(String value, int v, String pattern, int p) {
    while (p < pattern.length()) {
      char c = pattern.charAt(p);
      if (c == '%') {
        for (int k = v; k <= value.length(); k++) {
          if (like(value, k, pattern, p + 1)) {
            return true;
          }
        }
        return false;
      }
      if (v >= value.length()) {
        return false;
      }
      if (c != '_' && !sameIgnoringAsciiCase(c, value.charAt(v))) {
        return false;
      }
      v++;
      p++;
    }
    return v == value.length();
  }

  private static boolean sameIgnoringAsciiCase(char a, char b) {
    if (a == b) {
      return true;
    }
    return a < 128 && b < 128 && Character.toLowerCase(a) == Character.toLowerCase(b);
  }
}

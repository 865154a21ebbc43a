package io.opendms.engine.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.engine.mapping.expression.Expression;
import io.opendms.engine.mapping.expression.ExpressionException;
import io.opendms.engine.mapping.expression.ExpressionScope;
import io.opendms.engine.mapping.expression.RowOperation;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The expression language against what SQLite answers for the same expressions. */
class ExpressionTest {
  private static final Instant NOW = Instant.parse("2024-03-15T10:20:30.456Z");

  @Test
  void readsColumnsAndConcatenates() {
    assertThat(eval("$first || ' ' || $last", "first", "Ada", "last", "Lovelace"))
        .isEqualTo("Ada Lovelace");
    assertThat(eval("$n || 'x'", "n", 5L)).isEqualTo("5x");
    assertThat(eval("$r || ''", "r", 2.0)).isEqualTo("2.0");
    assertThat(eval("$missing || 'x'", "missing", null)).isNull();
  }

  @Test
  void arithmeticFollowsSqliteIntegerAndRealRules() {
    assertThat(eval("7 / 2")).isEqualTo(3L);
    assertThat(eval("7 / 2.0")).isEqualTo(3.5);
    assertThat(eval("7 % 3")).isEqualTo(1L);
    assertThat(eval("1 / 0")).isNull();
    assertThat(eval("2 + 3 * 4")).isEqualTo(14L);
    assertThat(eval("(2 + 3) * 4")).isEqualTo(20L);
    assertThat(eval("-$n + 1", "n", 5L)).isEqualTo(-4L);
    assertThat(eval("'12abc' + 1")).isEqualTo(13L);
    assertThat(eval("'abc' * 2")).isEqualTo(0L);
    assertThat(eval("9223372036854775807 + 1")).isEqualTo(9.223372036854775807E18);
    assertThat(eval("$price * $qty", "price", 2.5, "qty", 4L)).isEqualTo(10.0);
  }

  @Test
  void comparisonsAndLogicUseThreeValuedNull() {
    assertThat(eval("1 < 2")).isEqualTo(1L);
    assertThat(eval("'b' > 'a'")).isEqualTo(1L);
    assertThat(eval("$n = '5'", "n", 5L)).isEqualTo(1L);
    assertThat(eval("1 == 1 AND 2 <> 3")).isEqualTo(1L);
    assertThat(eval("NULL = NULL")).isNull();
    assertThat(eval("NULL AND 0")).isEqualTo(0L);
    assertThat(eval("NULL OR 1")).isEqualTo(1L);
    assertThat(eval("NOT NULL")).isNull();
    assertThat(eval("NOT 0")).isEqualTo(1L);
    assertThat(eval("$x IS NULL", "x", null)).isEqualTo(1L);
    assertThat(eval("$x IS NOT NULL", "x", null)).isEqualTo(0L);
    assertThat(eval("3 BETWEEN 1 AND 5")).isEqualTo(1L);
    assertThat(eval("3 NOT BETWEEN 1 AND 5")).isEqualTo(0L);
    assertThat(eval("'b' IN ('a', 'b')")).isEqualTo(1L);
    assertThat(eval("'c' NOT IN ('a', 'b')")).isEqualTo(1L);
    assertThat(eval("'Hello' LIKE 'h%o'")).isEqualTo(1L);
    assertThat(eval("'Hello' LIKE 'h_x%'")).isEqualTo(0L);
  }

  @Test
  void caseChoosesTheFirstTrueBranch() {
    String expression = "CASE WHEN $amount > 100 THEN 'big' WHEN $amount > 10 THEN 'mid'"
        + " ELSE 'small' END";
    assertThat(eval(expression, "amount", 500L)).isEqualTo("big");
    assertThat(eval(expression, "amount", 50L)).isEqualTo("mid");
    assertThat(eval(expression, "amount", 5L)).isEqualTo("small");
    assertThat(eval(expression, "amount", null)).isEqualTo("small");
    assertThat(eval("CASE $c WHEN 'r' THEN 'red' WHEN 'g' THEN 'green' END", "c", "g"))
        .isEqualTo("green");
    assertThat(eval("CASE $c WHEN 'r' THEN 'red' END", "c", "x")).isNull();
  }

  @Test
  void stringFunctionsMatchSqlite() {
    assertThat(eval("upper('abc')")).isEqualTo("ABC");
    assertThat(eval("lower('ÀBC')")).isEqualTo("àbc");
    assertThat(eval("length('héllo')")).isEqualTo(5L);
    assertThat(eval("substr('abcdef', 2, 3)")).isEqualTo("bcd");
    assertThat(eval("substr('abcdef', -2)")).isEqualTo("ef");
    assertThat(eval("substr('abcdef', 3)")).isEqualTo("cdef");
    assertThat(eval("substr('abcdef', 0, 2)")).isEqualTo("a");
    assertThat(eval("trim('  x  ')")).isEqualTo("x");
    assertThat(eval("ltrim('xxabc', 'x')")).isEqualTo("abc");
    assertThat(eval("rtrim('abc  ')")).isEqualTo("abc");
    assertThat(eval("replace('a-b-c', '-', '+')")).isEqualTo("a+b+c");
    assertThat(eval("replaceChars('abc', 'ab', 'xy')")).isEqualTo("xyc");
    assertThat(eval("instr('hello', 'll')")).isEqualTo(3L);
    assertThat(eval("hex('AB')")).isEqualTo("4142");
    assertThat(eval("hash_sha256('abc')"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(eval("typeof(1) || typeof(1.5) || typeof('a') || typeof(NULL)"))
        .isEqualTo("integerrealtextnull");
  }

  @Test
  void numericAndNullFunctionsMatchSqlite() {
    assertThat(eval("round(2.567, 2)")).isEqualTo(2.57);
    assertThat(eval("round(2.5)")).isEqualTo(3.0);
    assertThat(eval("abs(-7)")).isEqualTo(7L);
    assertThat(eval("abs(-7.5)")).isEqualTo(7.5);
    assertThat(eval("coalesce($a, $b, 'none')", "a", null, "b", null)).isEqualTo("none");
    assertThat(eval("coalesce($a, $b)", "a", null, "b", 2L)).isEqualTo(2L);
    assertThat(eval("ifnull($a, 0)", "a", null)).isEqualTo(0L);
    assertThat(eval("nullif(3, 3)")).isNull();
    assertThat(eval("max(1, 7, 3)")).isEqualTo(7L);
    assertThat(eval("min(4, 2, 9)")).isEqualTo(2L);
    assertThat(eval("CAST('42' AS INTEGER) + 1")).isEqualTo(43L);
    assertThat(eval("CAST(3.9 AS INTEGER)")).isEqualTo(3L);
    assertThat(eval("CAST(5 AS TEXT) || '!'")).isEqualTo("5!");
  }

  @Test
  void dateFunctionsFollowSqliteWithNowFixedPerRow() {
    assertThat(eval("datetime('now')")).isEqualTo("2024-03-15 10:20:30");
    assertThat(eval("date('now')")).isEqualTo("2024-03-15");
    assertThat(eval("time('now')")).isEqualTo("10:20:30");
    assertThat(eval("date()")).isEqualTo("2024-03-15");
    assertThat(eval("date('2024-01-31', '+1 month')")).isEqualTo("2024-03-02");
    assertThat(eval("date('2024-03-15', 'start of month', '-1 day')")).isEqualTo("2024-02-29");
    assertThat(eval("datetime('2024-03-15 23:30:00', '+1 hour')")).isEqualTo("2024-03-16 00:30:00");
    assertThat(eval("datetime(1700000000, 'unixepoch')")).isEqualTo("2023-11-14 22:13:20");
    assertThat(eval("strftime('%Y/%m/%d %H:%M:%f', '2024-03-15 10:20:30.456')"))
        .isEqualTo("2024/03/15 10:20:30.456");
    assertThat(eval("strftime('%s', '1970-01-02')")).isEqualTo("86400");
    assertThat(eval("strftime('%j %w', '2024-03-15')")).isEqualTo("075 5");
    assertThat(eval("julianday('2000-01-01 12:00:00')")).isEqualTo(2451545.0);
    assertThat(eval("date($d)", "d", "2024-02-30")).isNull();
    assertThat(eval("date('not a date')")).isNull();
    assertThat(eval("datetime('2024-03-15T10:00:00+02:00')")).isEqualTo("2024-03-15 08:00:00");
  }

  @Test
  void operationIndicatorFlagsBySourceOperation() {
    String expression = "operation_indicator('D', 'U', 'I')";
    assertThat(eval(expression, RowOperation.DELETE)).isEqualTo("D");
    assertThat(eval(expression, RowOperation.UPDATE)).isEqualTo("U");
    assertThat(eval(expression, RowOperation.INSERT)).isEqualTo("I");
    assertThat(eval(expression, RowOperation.LOAD)).isEqualTo("I");
    assertThat(Expression.parse(expression).calls("operation_indicator")).isTrue();
    assertThat(Expression.parse("upper($a)").calls("operation_indicator")).isFalse();
  }

  @Test
  void headerVariablesComeFromTheScope() {
    assertThat(eval("$AR_H_OPERATION || ':' || $id", "AR_H_OPERATION", "UPDATE", "id", 3L))
        .isEqualTo("UPDATE:3");
  }

  @Test
  void listsTheVariablesItReads() {
    assertThat(Expression.parse("CASE WHEN $a > 1 THEN upper($b) ELSE $AR_H_OPERATION END")
        .variables()).containsExactly("a", "b", "AR_H_OPERATION");
  }

  @Test
  void syntaxErrorsNameThePosition() {
    assertError("$a ||", 6, "expected a value but found the end of the expression");
    assertError("upper($a", 9, "expected ')'");
    assertError("'open", 1, "string literal is not closed");
    assertError("nosuch($a)", 1, "unknown function nosuch()");
    assertError("substr($a)", 1, "substr() takes 2 to 3 argument(s), got 1");
    assertError("$a # 1", 4, "unexpected character '#'");
    assertError("CASE WHEN 1 THEN 2", 19, "expected END");
    assertError("name || 'x'", 1, "unknown name 'name' (a column is written $name)");
    assertError("1 2", 3, "unexpected '2'");
    assertError("   ", 1, "the expression is empty");
  }

  @Test
  void unknownColumnsFailAtEvaluationWithThePosition() {
    Expression expression = Expression.parse("'x' || $nope");
    assertThatThrownBy(() -> expression.evaluate(scope(RowOperation.INSERT, Map.of())))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("at position 8: no column nope");
  }

  private static void assertError(String text, int position, String message) {
    assertThatThrownBy(() -> Expression.parse(text))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("at position " + position + ": ")
        .hasMessageContaining(message);
  }

  private static Object eval(String text, Object... namesAndValues) {
    return eval(text, RowOperation.INSERT, namesAndValues);
  }

  private static Object eval(String text, RowOperation operation, Object... namesAndValues) {
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      values.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return Expression.parse(text).evaluate(scope(operation, values));
  }

  private static ExpressionScope scope(RowOperation operation, Map<String, Object> values) {
    return new ExpressionScope() {
      @Override
      public Object variable(String name) {
        if (!values.containsKey(name)) {
          throw new IllegalArgumentException("no column " + name);
        }
        return values.get(name);
      }

      @Override
      public RowOperation operation() {
        return operation;
      }

      @Override
      public Instant now() {
        return NOW;
      }
    };
  }
}

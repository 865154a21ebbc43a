package io.opendms.connector.postgres;

import io.opendms.spi.type.NonFiniteNumber;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Parses one field of PostgreSQL's text output (with the session settings of {@link
 * PostgresConnections}) into the canonical Java value of its {@link ValueKind}. Stateless; throws
 * {@link IllegalArgumentException} (or a subclass) for text that is not of the kind.
 */
final class TextValueParser {

  private TextValueParser() {}

  /** The value of non-null text. */
  static Object parse(ValueKind kind, String text) {
    return switch (kind) {
      case BOOLEAN -> parseBoolean(text);
      case SHORT -> Short.valueOf(text);
      case INTEGER -> Integer.valueOf(text);
      case LONG -> Long.valueOf(text);
      case BIG_INTEGER -> new BigInteger(text);
      case NUMERIC -> parseNumeric(text);
      // Java's parsers read NaN, Infinity, -Infinity and -0 exactly as PostgreSQL prints them
      case REAL4 -> Float.valueOf(text);
      case REAL8 -> Double.valueOf(text);
      case TEXT -> text;
      case BYTES -> parseBytea(text);
      case DATE -> PgTemporalText.parseDate(text);
      case TIME -> PgTemporalText.parseTime(text);
      case TIME_WITH_ZONE -> PgTemporalText.parseTimeWithZone(text);
      case TIMESTAMP -> PgTemporalText.parseTimestamp(text);
      case TIMESTAMP_WITH_ZONE -> PgTemporalText.parseTimestampWithZone(text);
      case UUID -> java.util.UUID.fromString(text);
    };
  }

  /** A {@link BigDecimal} keeping the printed scale, or the {@link NonFiniteNumber}. */
  static Object parseNumeric(String text) {
    for (NonFiniteNumber special : NonFiniteNumber.values()) {
      if (special.text().equals(text)) {
        return special;
      }
    }
    return new BigDecimal(text);
  }

  private static Boolean parseBoolean(String text) {
    if (text.equals("t")) {
      return Boolean.TRUE;
    }
    if (text.equals("f")) {
      return Boolean.FALSE;
    }
    throw new IllegalArgumentException("not a PostgreSQL boolean: " + text);
  }

  /** {@code \x0a1b...}: the hex form ({@code bytea_output = hex}). */
  static byte[] parseBytea(String text) {
    if (!text.startsWith("\\x") || text.length() % 2 != 0) {
      throw new IllegalArgumentException("not hex bytea: " + abbreviate(text));
    }
    byte[] bytes = new byte[(text.length() - 2) / 2];
    for (int i = 0; i < bytes.length; i++) {
      int high = Character.digit(text.charAt(2 + 2 * i), 16);
      int low = Character.digit(text.charAt(3 + 2 * i), 16);
      if (high < 0 || low < 0) {
        throw new IllegalArgumentException("not hex bytea: " + abbreviate(text));
      }
      bytes[i] = (byte) (high << 4 | low);
    }
    return bytes;
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}

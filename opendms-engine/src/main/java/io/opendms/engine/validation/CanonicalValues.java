package io.opendms.engine.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.opendms.spi.type.DmsType;
import io.opendms.spi.type.NonFiniteNumber;
import io.opendms.spi.type.ZeroDate;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The meaning of a decoded value as text, so that values of two engines compare equal when they
 * mean the same: numeric scale dropped, floats rounded to their type's significant digits,
 * timestamps in UTC with six fractional digits, JSON with sorted keys, booleans as 1/0, binary
 * as hex. NULL stays null, distinct from the empty string. Stateless and thread-safe.
 */
final class CanonicalValues {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");
  /** Digits a float holds reliably: what both engines agree on after a round trip. */
  private static final MathContext REAL4_DIGITS = new MathContext(6);
  private static final MathContext REAL8_DIGITS = new MathContext(15);

  private CanonicalValues() {}

  /**
   * The canonical text of {@code value}, a value of a column of type {@code own} compared with
   * a column of type {@code other}; null for NULL.
   */
  static String text(Object value, DmsType own, DmsType other) {
    if (value == null) {
      return null;
    }
    if (value instanceof Float || value instanceof Double) {
      boolean single = own == DmsType.REAL4 || other == DmsType.REAL4;
      return real(((Number) value).doubleValue(), value instanceof Float, single);
    }
    if ((own == DmsType.JSON || other == DmsType.JSON) && value instanceof String json) {
      return json(json);
    }
    if (value instanceof Boolean bool) {
      return bool ? "1" : "0";
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
    }
    if (value instanceof NonFiniteNumber special) {
      return special.text();
    }
    if (value instanceof byte[] bytes) {
      return HexFormat.of().formatHex(bytes);
    }
    if (value instanceof Instant instant) {
      if (instant.equals(Instant.MAX) || instant.equals(Instant.MIN)) {
        return instant.equals(Instant.MAX) ? "infinity" : "-infinity";
      }
      return timestamp(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
    if (value instanceof LocalDateTime timestamp) {
      return timestamp(timestamp);
    }
    if (value instanceof LocalDate date) {
      return date.toString();
    }
    if (value instanceof LocalTime time) {
      return TIME.format(time.truncatedTo(ChronoUnit.MICROS));
    }
    if (value instanceof OffsetTime time) {
      return TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime()
          .truncatedTo(ChronoUnit.MICROS)) + "Z";
    }
    if (value instanceof ZeroDate zero) {
      return zero.text();
    }
    return value.toString(); // strings, integers, UUIDs (lower case)
  }

  private static String real(double value, boolean wasFloat, boolean single) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    if (value == 0) {
      return "0";
    }
    // a float's own shortest text, not its binary expansion, is what the other side stored
    BigDecimal exact = new BigDecimal(wasFloat ? Float.toString((float) value) : Double.toString(value));
    return exact.round(single ? REAL4_DIGITS : REAL8_DIGITS).stripTrailingZeros().toPlainString();
  }

  private static String timestamp(LocalDateTime value) {
    if (value.equals(LocalDateTime.MAX) || value.equals(LocalDateTime.MIN)) {
      return value.equals(LocalDateTime.MAX) ? "infinity" : "-infinity";
    }
    return TIMESTAMP.format(value.truncatedTo(ChronoUnit.MICROS));
  }

  /** JSON with object keys sorted; text that does not parse stays as it is. */
  private static String json(String text) {
    try {
      return JSON.writeValueAsString(JSON.readValue(text, Object.class));
    } catch (JsonProcessingException e) {
      return text;
    }
  }
}

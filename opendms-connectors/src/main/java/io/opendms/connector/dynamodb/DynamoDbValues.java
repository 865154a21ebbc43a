package io.opendms.connector.dynamodb;

import io.opendms.spi.stream.StreamEnvelope;
import io.opendms.spi.target.ObjectMapping;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Canonical values as DynamoDB attributes: integers and finite decimals and floats as numbers
 * ({@code N}), booleans as {@code BOOL}, binary as {@code B}, everything else (text, dates and
 * times in ISO-8601, UUIDs, JSON, NaN and the infinities) as strings ({@code S}) in the text
 * DMS's messages use. Thread-safe.
 */
final class DynamoDbValues {
  /** Only the text of values is used; the message options do not matter. */
  private static final StreamEnvelope TEXT = new StreamEnvelope(new StreamEnvelope.Options(false,
      false, false, false, false, true, Optional.empty()), Clock.systemUTC());

  private DynamoDbValues() {}

  /** The attribute of a non-null value. */
  static AttributeValue attribute(Object value) {
    if (value instanceof Boolean bool) {
      return AttributeValue.fromBool(bool);
    }
    if (value instanceof byte[] bytes) {
      return AttributeValue.fromB(SdkBytes.fromByteArray(bytes));
    }
    return number(value).map(AttributeValue::fromN)
        .orElseGet(() -> AttributeValue.fromS(text(value)));
  }

  /** The value in DynamoDB's number syntax, when it is a finite number. */
  static Optional<String> number(Object value) {
    if (value instanceof Short || value instanceof Integer || value instanceof Long
        || value instanceof BigInteger) {
      return Optional.of(value.toString());
    }
    if (value instanceof BigDecimal decimal) {
      return fits(decimal) ? Optional.of(decimal.toPlainString()) : Optional.empty();
    }
    if ((value instanceof Float || value instanceof Double)
        && Double.isFinite(((Number) value).doubleValue())) {
      // Float.toString is the shortest text that reads back as the same float.
      BigDecimal decimal = new BigDecimal(value.toString());
      return fits(decimal) ? Optional.of(decimal.toPlainString()) : Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * Whether DynamoDB's numbers hold the value exactly: 38 significant digits, magnitudes from
   * 1E-130 to below 1E+126. Others are written as strings rather than refused or rounded.
   */
  private static boolean fits(BigDecimal decimal) {
    if (decimal.signum() == 0) {
      return true;
    }
    BigDecimal stripped = decimal.stripTrailingZeros();
    int magnitude = stripped.precision() - stripped.scale() - 1;
    return stripped.precision() <= 38 && magnitude >= -130 && magnitude <= 125;
  }

  /**
   * A value as text: what a string attribute and a {@code ${column}} placeholder hold, the
   * streaming messages' text (times always with their seconds); empty for NULL.
   */
  static String text(Object value) {
    return value == null ? "" : TEXT.text(value);
  }

  /**
   * A {@code dynamodb-map} document: DynamoDB's typed JSON ({@code {"M": {"a": {"S": "${c}"}}}})
   * with its placeholders filled in. An {@code N} or {@code S} whose text comes out empty (its
   * columns were NULL) is left out of its map, as DMS leaves out NULL values.
   */
  static Optional<AttributeValue> document(ObjectMapping.Value value,
      Function<String, String> columns) {
    if (!(value instanceof ObjectMapping.Fields fields) || fields.members().size() != 1) {
      throw new IllegalArgumentException("a typed value is an object of one member (S, N, BOOL,"
          + " NULL or M), got " + value);
    }
    Map.Entry<String, ObjectMapping.Value> typed = fields.members().entrySet().iterator().next();
    if (typed.getKey().equals("M")) {
      if (!(typed.getValue() instanceof ObjectMapping.Fields members)) {
        throw new IllegalArgumentException("M takes an object of attributes");
      }
      Map<String, AttributeValue> map = new LinkedHashMap<>();
      members.members().forEach((name, member) ->
          document(member, columns).ifPresent(v -> map.put(name, v)));
      return Optional.of(AttributeValue.fromM(map));
    }
    if (!(typed.getValue() instanceof ObjectMapping.Template template)) {
      throw new IllegalArgumentException(typed.getKey() + " takes a text");
    }
    String text = template.render(columns);
    return switch (typed.getKey()) {
      case "S" -> text.isEmpty() ? Optional.empty() : Optional.of(AttributeValue.fromS(text));
      case "N" -> text.isEmpty() ? Optional.empty() : Optional.of(AttributeValue.fromN(text));
      case "BOOL" -> Optional.of(AttributeValue.fromBool(Boolean.parseBoolean(text)));
      case "NULL" -> Optional.of(AttributeValue.fromNul(true));
      default -> throw new IllegalArgumentException("type " + typed.getKey()
          + " is not taken here (S, N, BOOL, NULL, M)");
    };
  }
}

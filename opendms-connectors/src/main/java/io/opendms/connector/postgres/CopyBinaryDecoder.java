package io.opendms.connector.postgres;

import io.opendms.spi.table.Column;
import io.opendms.spi.type.NonFiniteNumber;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Decodes the messages of a {@code COPY ... TO STDOUT (FORMAT binary)} into rows of the same
 * canonical values {@link CopyTextDecoder} gives for the text format, for the common column types
 * whose binary form is simple and stable ({@link #forColumns}). Binary costs the source server
 * about a fifth less CPU than text for such tables (no output functions for numbers and times),
 * and decoding fixed-width fields is cheaper than parsing digits (bench/README.md).
 *
 * <p>The format: an 11-byte signature, flags and a header extension (in the first message, before
 * the first row); then per row a 16-bit field count and each field as a 32-bit length (-1 for
 * NULL) and that many bytes; then a count of -1. Numbers are big-endian; dates and times count
 * days or microseconds from 2000-01-01. Holds the position in the stream: one decoder per COPY,
 * confined to one thread.
 */
final class CopyBinaryDecoder {

  /** A column type read in binary, and how. */
  private enum Field {
    INT2, INT4, INT8, BOOL, FLOAT4, FLOAT8, NUMERIC, TEXT, JSONB, BYTEA, DATE, TIMESTAMP,
    TIMESTAMPTZ, UUID;

    /**
     * The binary reading of a column, or null when it is read as text: other types, and any
     * column whose kind (after type transformations) is not the one its native type gives.
     * {@code nativeType} is {@code format_type} with domains replaced by their base type, whose
     * binary form a domain shares.
     */
    static Field of(Column column) {
      String type = column.nativeType();
      Field field = switch (type) {
        case "smallint" -> INT2;
        case "integer" -> INT4;
        case "bigint" -> INT8;
        case "boolean" -> BOOL;
        case "real" -> FLOAT4;
        case "double precision" -> FLOAT8;
        case "numeric" -> NUMERIC;
        case "text", "character varying", "bpchar", "json" -> TEXT;
        case "jsonb" -> JSONB;
        case "bytea" -> BYTEA;
        case "date" -> DATE;
        case "uuid" -> UUID;
        default -> type.startsWith("numeric(") ? NUMERIC
            : type.startsWith("character varying(") || type.startsWith("character(") ? TEXT
            : type.matches("timestamp(\\(\\d\\))? without time zone") ? TIMESTAMP
            : type.matches("timestamp(\\(\\d\\))? with time zone") ? TIMESTAMPTZ
            : null;
      };
      return field != null && field.kind() == ValueKind.of(column) ? field : null;
    }

    ValueKind kind() {
      return switch (this) {
        case INT2 -> ValueKind.SHORT;
        case INT4 -> ValueKind.INTEGER;
        case INT8 -> ValueKind.LONG;
        case BOOL -> ValueKind.BOOLEAN;
        case FLOAT4 -> ValueKind.REAL4;
        case FLOAT8 -> ValueKind.REAL8;
        case NUMERIC -> ValueKind.NUMERIC;
        case TEXT, JSONB -> ValueKind.TEXT;
        case BYTEA -> ValueKind.BYTES;
        case DATE -> ValueKind.DATE;
        case TIMESTAMP -> ValueKind.TIMESTAMP;
        case TIMESTAMPTZ -> ValueKind.TIMESTAMP_WITH_ZONE;
        case UUID -> ValueKind.UUID;
      };
    }
  }

  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r',
      '\n', 0};
  /** Flag bit 16: each row starts with its OID, which no server since PostgreSQL 12 sends. */
  private static final int FLAG_OIDS = 1 << 16;
  /** Days from 1970-01-01 to PostgreSQL's epoch 2000-01-01. */
  private static final long EPOCH_DAYS = 10_957L;
  private static final int NUMERIC_NEGATIVE = 0x4000;
  private static final int NUMERIC_NAN = 0xC000;
  private static final int NUMERIC_PLUS_INFINITY = 0xD000;
  private static final int NUMERIC_MINUS_INFINITY = 0xF000;
  private static final int JSONB_VERSION = 1;
  private static final long[] POWERS_OF_TEN = new long[19];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  private final Field[] fields;
  private boolean headerRead;
  private boolean ended;

  private CopyBinaryDecoder(Field[] fields) {
    this.fields = fields;
  }

  /** A decoder for rows of {@code columns}, or null when one of them is read as text. */
  static CopyBinaryDecoder forColumns(List<Column> columns) {
    Field[] fields = new Field[columns.size()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = Field.of(columns.get(i));
      if (fields[i] == null) {
        return null;
      }
    }
    return new CopyBinaryDecoder(fields);
  }

  /**
   * Adds the rows of one message of the COPY to {@code rows}, each a new array with null for SQL
   * NULL; returns how many. PostgreSQL sends one row a message, the first after the header.
   *
   * @throws CopyFieldException when a field is not a value of its column's type
   * @throws IllegalArgumentException when the message breaks the format
   */
  int decode(byte[] message, List<Object[]> rows) {
    int at = 0;
    if (!headerRead) {
      at = header(message);
      headerRead = true;
    }
    int count = 0;
    while (at < message.length) {
      if (ended) {
        throw new IllegalArgumentException("binary COPY data after its end marker");
      }
      int fieldCount = int16(message, at);
      at += 2;
      if (fieldCount == -1) {
        ended = true;
        continue;
      }
      if (fieldCount != fields.length) {
        throw new IllegalArgumentException(
            "binary COPY row has " + fieldCount + " fields, not " + fields.length);
      }
      Object[] values = new Object[fieldCount];
      for (int i = 0; i < fieldCount; i++) {
        int length = int32(message, at);
        at += 4;
        if (length == -1) {
          continue;
        }
        if (length < 0 || length > message.length - at) {
          throw new IllegalArgumentException("binary COPY field " + i + " of " + length
              + " bytes does not fit its message of " + message.length);
        }
        values[i] = value(i, message, at, length);
        at += length;
      }
      rows.add(values);
      count++;
    }
    return count;
  }

  private static int header(byte[] message) {
    int extensionAt = SIGNATURE.length + 8;
    if (message.length < extensionAt
        || !Arrays.equals(message, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
      throw new IllegalArgumentException("binary COPY data does not start with its signature");
    }
    if ((int32(message, SIGNATURE.length) & FLAG_OIDS) != 0) {
      throw new IllegalArgumentException("binary COPY data with row OIDs is not read");
    }
    int extension = int32(message, SIGNATURE.length + 4);
    if (extension < 0 || extension > message.length - extensionAt) {
      throw new IllegalArgumentException("binary COPY header extension of " + extension
          + " bytes does not fit");
    }
    return extensionAt + extension;
  }

  private Object value(int field, byte[] bytes, int at, int length) {
    try {
      return switch (fields[field]) {
        case INT2 -> Short.valueOf((short) int16(bytes, fixed(length, 2, at)));
        case INT4 -> Integer.valueOf(int32(bytes, fixed(length, 4, at)));
        case INT8 -> Long.valueOf(int64(bytes, fixed(length, 8, at)));
        case BOOL -> bytes[fixed(length, 1, at)] != 0 ? Boolean.TRUE : Boolean.FALSE;
        case FLOAT4 -> Float.valueOf(Float.intBitsToFloat(int32(bytes, fixed(length, 4, at))));
        case FLOAT8 -> Double.valueOf(Double.longBitsToDouble(int64(bytes, fixed(length, 8, at))));
        case NUMERIC -> numeric(bytes, at, length);
        case TEXT -> new String(bytes, at, length, StandardCharsets.UTF_8);
        case JSONB -> jsonb(bytes, at, length);
        case BYTEA -> Arrays.copyOfRange(bytes, at, at + length);
        case DATE -> date(int32(bytes, fixed(length, 4, at)));
        case TIMESTAMP -> timestamp(int64(bytes, fixed(length, 8, at)));
        case TIMESTAMPTZ -> instant(int64(bytes, fixed(length, 8, at)));
        case UUID -> new UUID(int64(bytes, fixed(length, 16, at)), int64(bytes, at + 8));
      };
    } catch (RuntimeException e) {
      throw new CopyFieldException(field, e.toString(), e);
    }
  }

  /** {@code at}, when the field has the width of its type. */
  private static int fixed(int length, int width, int at) {
    if (length != width) {
      throw new IllegalArgumentException(length + " bytes where " + width + " were expected");
    }
    return at;
  }

  private static String jsonb(byte[] bytes, int at, int length) {
    if (length < 1 || bytes[at] != JSONB_VERSION) {
      throw new IllegalArgumentException("jsonb of an unknown binary version");
    }
    return new String(bytes, at + 1, length - 1, StandardCharsets.UTF_8);
  }

  /**
   * PostgreSQL's numeric: digit count, weight (of the first base-10000 digit), sign and display
   * scale, then the digits. The value keeps the display scale, as the text {@code 1.50} does.
   */
  private static Object numeric(byte[] bytes, int at, int length) {
    if (length < 8) {
      throw new IllegalArgumentException("numeric of " + length + " bytes");
    }
    int digits = int16(bytes, at);
    int weight = int16(bytes, at + 2);
    int sign = int16(bytes, at + 4) & 0xFFFF;
    int scale = int16(bytes, at + 6) & 0xFFFF;
    switch (sign) {
      case NUMERIC_NAN:
        return NonFiniteNumber.NAN;
      case NUMERIC_PLUS_INFINITY:
        return NonFiniteNumber.POSITIVE_INFINITY;
      case NUMERIC_MINUS_INFINITY:
        return NonFiniteNumber.NEGATIVE_INFINITY;
      case 0, NUMERIC_NEGATIVE:
        break;
      default:
        throw new IllegalArgumentException("numeric sign " + Integer.toHexString(sign));
    }
    if (digits < 0 || length != 8 + 2 * digits) {
      throw new IllegalArgumentException("numeric of " + digits + " digits in " + length + " bytes");
    }
    // the digits are an integer times 10000^(weight - digits + 1); 10^shift more gives the scale
    int shift = 4 * (weight - digits + 1) + scale;
    if (digits <= 4 && shift >= -16 && shift <= 18 - 4 * digits) {
      long unscaled = 0;
      for (int i = 0; i < digits; i++) {
        unscaled = unscaled * 10_000 + digit(bytes, at + 8 + 2 * i);
      }
      if (shift >= 0) {
        unscaled *= POWERS_OF_TEN[shift];
      } else if (unscaled % POWERS_OF_TEN[-shift] == 0) {
        unscaled /= POWERS_OF_TEN[-shift];
      } else {
        throw new IllegalArgumentException("numeric digits beyond its scale " + scale);
      }
      return BigDecimal.valueOf(sign == 0 ? unscaled : -unscaled, scale);
    }
    BigInteger whole = BigInteger.ZERO;
    BigInteger base = BigInteger.valueOf(10_000);
    for (int i = 0; i < digits; i++) {
      whole = whole.multiply(base).add(BigInteger.valueOf(digit(bytes, at + 8 + 2 * i)));
    }
    BigDecimal value = new BigDecimal(sign == 0 ? whole : whole.negate(),
        -4 * (weight - digits + 1));
    return value.setScale(scale, RoundingMode.UNNECESSARY);
  }

  private static int digit(byte[] bytes, int at) {
    int digit = int16(bytes, at);
    if (digit < 0 || digit > 9_999) {
      throw new IllegalArgumentException("numeric digit " + digit);
    }
    return digit;
  }

  /** The MIN and MAX values stand for -infinity and infinity, as in {@link PgTemporalText}. */
  private static LocalDate date(int days) {
    return days == Integer.MAX_VALUE ? LocalDate.MAX
        : days == Integer.MIN_VALUE ? LocalDate.MIN
        : LocalDate.ofEpochDay(days + EPOCH_DAYS);
  }

  private static LocalDateTime timestamp(long micros) {
    if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
      return micros == Long.MAX_VALUE ? LocalDateTime.MAX : LocalDateTime.MIN;
    }
    Instant utc = PgOutputDecoder.timestamp(micros);
    return LocalDateTime.ofEpochSecond(utc.getEpochSecond(), utc.getNano(), ZoneOffset.UTC);
  }

  private static Instant instant(long micros) {
    return micros == Long.MAX_VALUE ? Instant.MAX
        : micros == Long.MIN_VALUE ? Instant.MIN
        : PgOutputDecoder.timestamp(micros);
  }

  private static int int16(byte[] bytes, int at) {
    return (short) ((bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF);
  }

  private static int int32(byte[] bytes, int at) {
    return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
        | bytes[at + 3] & 0xFF;
  }

  private static long int64(byte[] bytes, int at) {
    return (long) int32(bytes, at) << 32 | int32(bytes, at + 4) & 0xFFFFFFFFL;
  }
}

package io.opendms.spi.type;

/**
 * The canonical data types every value crosses the SPI in: the AWS DMS data types plus JSON and
 * UUID. Each has exactly one Java representation, listed per constant; a {@code null} Java value
 * is SQL NULL for every type.
 */
public enum DmsType {
  /** {@link Boolean}. */
  BOOLEAN(Boolean.class),
  /** {@link Short} holding -128..127. */
  INT1(Short.class),
  /** {@link Short}. */
  INT2(Short.class),
  /** {@link Integer}. */
  INT4(Integer.class),
  /** {@link Long}. */
  INT8(Long.class),
  /** {@link Short} holding 0..255. */
  UINT1(Short.class),
  /** {@link Integer} holding 0..65535. */
  UINT2(Integer.class),
  /** {@link Long} holding 0..2^32-1. */
  UINT4(Long.class),
  /** {@link java.math.BigInteger} holding 0..2^64-1. */
  UINT8(java.math.BigInteger.class),
  /**
   * {@link java.math.BigDecimal} for finite values; {@link NonFiniteNumber} for NaN and the
   * infinities that PostgreSQL's numeric allows. Precision and scale come from {@link DataType}.
   */
  NUMERIC(Number.class),
  /** {@link Float}, including NaN and the infinities. */
  REAL4(Float.class),
  /** {@link Double}, including NaN and the infinities. */
  REAL8(Double.class),
  /** {@link String} (single-byte character data in DMS terms; any Unicode here). */
  STRING(String.class),
  /** {@link String}. */
  WSTRING(String.class),
  /** {@link String}: a character LOB. */
  CLOB(String.class),
  /** {@link String}: a national character LOB. */
  NCLOB(String.class),
  /** {@code byte[]}: a binary LOB. */
  BLOB(byte[].class),
  /** {@code byte[]}. */
  BYTES(byte[].class),
  /**
   * {@link java.time.LocalDate}; {@code LocalDate.MAX}/{@code MIN} stand for +/-infinity. A MySQL
   * zero date ({@code 0000-00-00}) is a {@link ZeroDate}.
   */
  DATE(Object.class),
  /**
   * {@link java.time.LocalTime}, or {@link java.time.OffsetTime} when the source type carries an
   * offset (DMS drops the offset; we keep it).
   */
  TIME(java.time.temporal.Temporal.class),
  /**
   * {@link java.time.LocalDateTime} for timestamps without time zone, {@link java.time.Instant}
   * for timestamps with time zone (DMS drops the zone; we keep the instant). The MAX/MIN values
   * of either class stand for +/-infinity. A MySQL zero datetime is a {@link ZeroDate}.
   */
  DATETIME(java.time.temporal.Temporal.class),
  /** {@link String} holding the JSON text as the source stored it. */
  JSON(String.class),
  /** {@link java.util.UUID}. */
  UUID(java.util.UUID.class);

  private final Class<?> javaType;

  DmsType(Class<?> javaType) {
    this.javaType = javaType;
  }

  /** The Java class (or common supertype) of non-null values of this type. */
  public Class<?> javaType() {
    return javaType;
  }

  /** Whether DMS treats the type as a LOB (subject to the LOB settings). */
  public boolean isLob() {
    return this == CLOB || this == NCLOB || this == BLOB;
  }

  /** Whether the type takes a length parameter. */
  public boolean hasLength() {
    return this == STRING || this == WSTRING || this == BYTES || isLob();
  }
}

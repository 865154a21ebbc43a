package io.opendms.connector.postgres;

import io.opendms.spi.table.Column;
import java.util.List;
import java.util.StringJoiner;

/**
 * The SQL expressions a PostgreSQL comparison session is built from: each column's {@link
 * io.opendms.spi.validation.CanonicalText}, a row's hash, and the code-point ordering of text
 * keys. Stateless.
 */
final class PgComparisonText {

  private PgComparisonText() {}

  /** The column's canonical text, never NULL for a non-null value; null when there is none. */
  static String canonical(Column column) {
    String name = SqlNames.quote(column.name());
    String nativeType = column.nativeType();
    if (nativeType.endsWith("]")) {
      return null; // arrays: no other engine has them, and PostgreSQL peers compare natively
    }
    boolean zoned = nativeType.endsWith("with time zone");
    return switch (column.type().kind()) {
      // no ELSE: NULL must stay NULL, not read as false
      case BOOLEAN -> "CASE WHEN " + name + " THEN '1' WHEN NOT " + name + " THEN '0' END";
      case INT1, INT2, INT4, INT8, UINT1, UINT2, UINT4, UINT8, UUID -> name + "::text";
      case NUMERIC -> "trim_scale(" + name + "::numeric)::text";
      case STRING, WSTRING, CLOB, NCLOB -> name + "::text";
      case JSON -> nativeType.equals("json") || nativeType.equals("jsonb")
          ? name + "::jsonb::text" : name + "::text";
      case BYTES, BLOB -> "encode(" + name + ", 'hex')";
      case DATE -> "to_char(" + name + ", 'YYYY-MM-DD')";
      case DATETIME -> "to_char(" + name + (zoned ? " AT TIME ZONE 'UTC'" : "")
          + ", 'YYYY-MM-DD HH24:MI:SS.US')";
      case TIME -> zoned ? null : "to_char(DATE '2000-01-01' + " + name + ", 'HH24:MI:SS.US')";
      // a float's shortest text is not the same on MySQL; the rows are compared decoded instead
      case REAL4, REAL8 -> null;
    };
  }

  /**
   * The text of a whole row: each column as {@code <characters>:<text>}, NULL as {@code ~},
   * joined by commas.
   */
  static String canonicalRow(List<Column> columns) {
    StringJoiner row = new StringJoiner(" || ',' || ");
    for (Column column : columns) {
      String text = canonical(column);
      if (text == null) {
        throw new IllegalArgumentException("column " + column.name() + " (" + column.nativeType()
            + ") has no canonical text");
      }
      row.add("coalesce(length(" + text + ")::text || ':' || " + text + ", '~')");
    }
    return row.toString();
  }

  /** {@link io.opendms.spi.validation.CanonicalText#ROW_HASH} of the row text, summed. */
  static String canonicalDigest(List<Column> columns) {
    return "coalesce(sum(('x' || lpad(left(md5(" + canonicalRow(columns)
        + "), 15), 16, '0'))::bit(64)::bigint), 0)::text";
  }

  /**
   * The native digest: the types' own binary hash functions (as hash partitioning uses them), so
   * no value is printed; 1.0 and 1.00 hash alike, as they should. A record's hash is a linear
   * sum of its columns' hashes, so two rows that swap a column's values would change the sum of
   * record hashes only by a wrap-around of 2^64, half the time not at all: each record hash is
   * hashed once more before it is summed.
   */
  static String nativeDigest(List<Column> columns) {
    return "coalesce(sum(hashint8extended(hash_record_extended(ROW("
        + SqlNames.columnList(names(columns)) + "), 0), 0)), 0)::text";
  }

  /** For types without an extended hash function (json, point): the hash of the row's text. */
  static String nativeTextDigest(List<Column> columns) {
    return "coalesce(sum(hashtextextended(ROW(" + SqlNames.columnList(names(columns))
        + ")::text, 0)), 0)::text";
  }

  /** The key column as it is ordered: text by code point, whatever the database's collation. */
  static String ordered(Column column) {
    String name = SqlNames.quote(column.name());
    String type = column.nativeType();
    boolean collatable = type.equals("text") || type.startsWith("character") || type.equals("name")
        || type.startsWith("\"char\"");
    return collatable ? name + " COLLATE \"C\"" : name;
  }

  /** A bound value cast to the column's type, as text parameters are sent. */
  static String parameter(Column column) {
    return "CAST(? AS " + column.nativeType() + ")";
  }

  /** The column as {@link TextValueParser} reads it back. */
  static String readable(Column column) {
    String name = SqlNames.quote(column.name());
    return column.nativeType().startsWith("money") ? name + "::numeric" : name;
  }

  static List<String> names(List<Column> columns) {
    return columns.stream().map(Column::name).toList();
  }
}

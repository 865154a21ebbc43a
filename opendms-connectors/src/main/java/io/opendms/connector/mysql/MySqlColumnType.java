package io.opendms.connector.mysql;

import java.util.Locale;
import java.util.Objects;

/**
 * A column's type as {@code information_schema.COLUMNS} describes it.
 *
 * @param dataType {@code DATA_TYPE}, lower case ({@code int}, {@code varchar}, {@code enum})
 * @param columnType {@code COLUMN_TYPE}, the full declaration ({@code int(10) unsigned}, {@code
 *     enum('a','b')})
 * @param characterLength {@code CHARACTER_MAXIMUM_LENGTH} in characters, 0 when absent
 * @param precision {@code NUMERIC_PRECISION} (digits, or bits for BIT), 0 when absent
 * @param scale {@code NUMERIC_SCALE}, 0 when absent
 * @param fractionalDigits {@code DATETIME_PRECISION}, 0 when absent
 * @param json whether the column holds JSON: MySQL's JSON type, or MariaDB's JSON alias (a
 *     LONGTEXT with a {@code json_valid} check)
 */
record MySqlColumnType(
    String dataType,
    String columnType,
    long characterLength,
    int precision,
    int scale,
    int fractionalDigits,
    boolean json) {

  MySqlColumnType {
    dataType = Objects.requireNonNull(dataType, "dataType").toLowerCase(Locale.ROOT);
    Objects.requireNonNull(columnType, "columnType");
  }

  boolean unsigned() {
    return columnType.toLowerCase(Locale.ROOT).contains("unsigned");
  }

  /** The declaration a MySQL target recreates the column with. */
  String nativeType() {
    return json ? "json" : columnType;
  }
}

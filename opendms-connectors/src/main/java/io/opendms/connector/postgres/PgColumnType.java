package io.opendms.connector.postgres;

import java.util.List;

/**
 * A column's type with domains replaced by their base types, as the type mapping consumes it.
 *
 * @param type the type (never a domain)
 * @param typmod the type modifier that applies ({@code atttypmod} or the domain's), -1 for none
 * @param element the element type when {@code type} is an array (never a domain), else null
 * @param nativeType {@code format_type} of the type and modifier, schema-qualified unless the type
 *     is in {@code pg_catalog}
 * @param enumLabels the labels when the type or its element is an enum, in sort order
 */
record PgColumnType(
    PgType type, int typmod, PgType element, String nativeType, List<String> enumLabels) {

  PgColumnType {
    enumLabels = List.copyOf(enumLabels);
  }
}

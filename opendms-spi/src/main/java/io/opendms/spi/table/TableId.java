package io.opendms.spi.table;

import java.util.Objects;

/**
 * A table's qualified name, exactly as the database spells it (no case folding, no quoting).
 *
 * @param schema the schema (PostgreSQL) or database (MySQL) name
 * @param name the table name
 */
public record TableId(String schema, String name) implements Comparable<TableId> {

  public TableId {
    requireName(schema, "schema");
    requireName(name, "table name");
  }

  private static void requireName(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
  }

  @Override
  public int compareTo(TableId other) {
    int bySchema = schema.compareTo(other.schema);
    return bySchema != 0 ? bySchema : name.compareTo(other.name);
  }

  /** {@code schema.name}, unquoted: for messages and logs. */
  @Override
  public String toString() {
    return schema + "." + name;
  }
}

package io.opendms.spi.table;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a source knows about one table.
 *
 * @param id the table's name
 * @param engine the engine name of the database that described it ({@code postgres}, {@code
 *     mysql}); tells a target whether {@link Column#nativeType()} is in its own dialect
 * @param columns the columns in their physical order
 * @param primaryKey the primary key's column names in key order; empty when there is none
 * @param estimatedRows the planner's row estimate, never negative (0 when unknown)
 * @param estimatedBytes the table's size on disk, never negative (0 when unknown)
 */
public record TableDefinition(
    TableId id,
    String engine,
    List<Column> columns,
    List<String> primaryKey,
    long estimatedRows,
    long estimatedBytes) {

  public TableDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(engine, "engine");
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("table " + id + " has no columns");
    }
    var names = new HashSet<String>();
    for (Column column : columns) {
      if (!names.add(column.name())) {
        throw new IllegalArgumentException("table " + id + " repeats column " + column.name());
      }
    }
    for (String key : primaryKey) {
      if (!names.contains(key)) {
        throw new IllegalArgumentException(
            "primary key column " + key + " is not a column of " + id);
      }
    }
    if (estimatedRows < 0 || estimatedBytes < 0) {
      throw new IllegalArgumentException("estimates of " + id + " must not be negative");
    }
  }

  public Optional<Column> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public boolean hasPrimaryKey() {
    return !primaryKey.isEmpty();
  }
}

package io.opendms.spi.target;

import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table as the target should hold it, after the table mappings were applied.
 *
 * @param id the target table's name
 * @param sourceEngine the engine the columns' {@link Column#nativeType()} belong to
 * @param columns the target columns in load order
 * @param primaryKey the key's column names; empty when there is none
 * @param objectMapping the table's {@code object-mapping} rule, which NoSQL and streaming targets
 *     follow and database targets ignore; empty when no rule names the table
 */
public record TargetTable(TableId id, String sourceEngine, List<Column> columns,
    List<String> primaryKey, Optional<ObjectMapping> objectMapping) {

  public TargetTable {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sourceEngine, "sourceEngine");
    Objects.requireNonNull(objectMapping, "objectMapping");
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    var names = new HashSet<String>();
    columns.forEach(c -> names.add(c.name()));
    if (names.size() != columns.size()) {
      throw new IllegalArgumentException("target table " + id + " repeats a column name");
    }
    if (!names.containsAll(primaryKey)) {
      throw new IllegalArgumentException("primary key of " + id + " names a missing column");
    }
  }

  /** A table without an object mapping. */
  public TargetTable(TableId id, String sourceEngine, List<Column> columns,
      List<String> primaryKey) {
    this(id, sourceEngine, columns, primaryKey, Optional.empty());
  }

  /** The position of the column of that name; -1 when there is none. */
  public int columnIndex(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}

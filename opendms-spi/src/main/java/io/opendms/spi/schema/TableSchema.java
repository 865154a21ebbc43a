package io.opendms.spi.schema;

import io.opendms.spi.table.TableDefinition;
import java.util.List;
import java.util.Objects;

/**
 * One table with what schema conversion needs beyond its definition.
 *
 * @param table columns, primary key, engine
 * @param defaults the columns that have a default or identity
 * @param indexes unique and secondary indexes
 * @param foreignKeys the table's foreign keys
 */
public record TableSchema(
    TableDefinition table,
    List<ColumnDefault> defaults,
    List<IndexDefinition> indexes,
    List<ForeignKey> foreignKeys) {
  public TableSchema {
    Objects.requireNonNull(table, "table");
    defaults = List.copyOf(defaults);
    indexes = List.copyOf(indexes);
    foreignKeys = List.copyOf(foreignKeys);
  }
}

package io.opendms.spi.schema;

import io.opendms.spi.table.TableId;
import java.util.List;
import java.util.Objects;

/**
 * A foreign key.
 *
 * @param name the constraint name on the source
 * @param columns the referencing columns
 * @param referencedTable the referenced table
 * @param referencedColumns the referenced columns, in the same order
 * @param onDelete the SQL action ({@code NO ACTION}, {@code CASCADE}, {@code SET NULL}, ...)
 * @param onUpdate the SQL action on update
 */
public record ForeignKey(
    String name,
    List<String> columns,
    TableId referencedTable,
    List<String> referencedColumns,
    String onDelete,
    String onUpdate) {
  public ForeignKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(referencedTable, "referencedTable");
    Objects.requireNonNull(onDelete, "onDelete");
    Objects.requireNonNull(onUpdate, "onUpdate");
    columns = List.copyOf(columns);
    referencedColumns = List.copyOf(referencedColumns);
    if (columns.isEmpty() || columns.size() != referencedColumns.size()) {
      throw new IllegalArgumentException("foreign key " + name + " pairs "
          + columns.size() + " columns with " + referencedColumns.size());
    }
  }
}

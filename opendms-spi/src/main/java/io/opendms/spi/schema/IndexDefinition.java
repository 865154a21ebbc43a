package io.opendms.spi.schema;

import java.util.List;
import java.util.Objects;

/**
 * A unique or secondary index on plain columns (not the primary key).
 *
 * @param name the index name on the source
 * @param unique whether it enforces uniqueness
 * @param columns the indexed columns in order
 */
public record IndexDefinition(String name, boolean unique, List<String> columns) {
  public IndexDefinition {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("index " + name + " has no columns");
    }
  }
}

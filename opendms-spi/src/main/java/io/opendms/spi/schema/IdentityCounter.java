package io.opendms.spi.schema;

import io.opendms.spi.table.TableId;
import java.util.Objects;

/**
 * Where a table's identity, serial or AUTO_INCREMENT counter stands.
 *
 * @param table the table
 * @param column the column the counter fills
 * @param nextValue the value the counter hands out next (PostgreSQL: the sequence's next
 *     {@code nextval}; MySQL: the table's {@code AUTO_INCREMENT})
 */
public record IdentityCounter(TableId table, String column, long nextValue) {
  public IdentityCounter {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(column, "column");
  }
}

package io.opendms.spi.change;

import io.opendms.spi.table.TableId;
import java.util.List;

/**
 * {@code TRUNCATE} of one or more tables in one statement.
 *
 * @param tables the truncated tables, at least one
 * @param restartIdentity whether identity sequences were reset
 */
public record Truncate(List<TableId> tables, boolean restartIdentity) implements DataChange {
  public Truncate {
    tables = List.copyOf(tables);
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("a truncate names at least one table");
    }
  }
}

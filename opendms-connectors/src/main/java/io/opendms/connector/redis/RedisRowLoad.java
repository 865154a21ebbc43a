package io.opendms.connector.redis;

import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TargetTable;
import java.util.Arrays;
import java.util.List;

/**
 * One partition of a table's full load on a connection of its own. {@link #commit()} returns once
 * Redis answered every write; rows written before a failure stay (Redis has no rollback), and a
 * reload writes the same keys again.
 */
final class RedisRowLoad implements RowLoad {
  private final TargetTable table;
  private final String name;
  private final RedisRows rows;
  private final RedisWriter writer;

  RedisRowLoad(TargetTable table, RedisRows rows, RedisWriter writer) {
    this.table = table;
    this.name = table.id().toString();
    this.rows = rows;
    this.writer = writer;
  }

  @Override
  public void accept(Object[] values) {
    List<Object> row = Arrays.asList(values);
    writer.put(name, rows.key(table, row), rows.fields(table, row, List.of()));
  }

  @Override
  public long commit() {
    return writer.sync(name);
  }

  @Override
  public void close() {
    writer.close();
  }
}

package io.opendms.connector.dynamodb;

import io.opendms.spi.target.RowLoad;
import java.util.Arrays;
import java.util.List;

/**
 * One partition of a table's full load as BatchWriteItem puts. {@link #commit()} returns once
 * DynamoDB took every item; items written before a failure stay, and a reload puts the same
 * keys again.
 */
final class DynamoDbRowLoad implements RowLoad {
  private final DynamoDbLayout layout;
  private final DynamoDbWriter writer;

  DynamoDbRowLoad(DynamoDbLayout layout, DynamoDbWriter writer) {
    this.layout = layout;
    this.writer = writer;
  }

  @Override
  public void accept(Object[] values) {
    List<Object> row = Arrays.asList(values);
    writer.put(layout.tableName(), layout.item(row), layout.key(row));
  }

  @Override
  public long commit() {
    return writer.flush(layout.table().id().toString());
  }

  @Override
  public void close() {}
}

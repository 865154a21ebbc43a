package io.opendms.connector.dynamodb;

import io.opendms.spi.change.Begin;
import io.opendms.spi.change.ChangeDelivery;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.table.TableId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Captured changes as DynamoDB writes, batched until {@link #flush()}: an insert or update puts
 * the whole item (after deleting the old item when the key changed), a delete deletes it, a
 * truncation deletes every item of the table. An update that leaves out unchanged columns
 * (PostgreSQL TOAST) updates the sent attributes in place instead, keeping the others. Puts and
 * deletes are idempotent, so changes sent again after a restart leave the same items.
 */
final class DynamoDbDelivery implements ChangeDelivery {
  private static final Logger log = LoggerFactory.getLogger(DynamoDbDelivery.class);

  private final Map<TableId, DynamoDbLayout> layouts = new HashMap<>();
  private final DynamoDbTables tables;
  private final DynamoDbWriter writer;
  private String lastTable = "the changes";
  private long delivered;

  DynamoDbDelivery(List<DynamoDbLayout> layouts, DynamoDbTables tables, DynamoDbWriter writer) {
    layouts.forEach(l -> this.layouts.put(l.table().id(), l));
    this.tables = tables;
    this.writer = writer;
  }

  @Override
  public void begin(Begin begin) {}

  @Override
  public void deliver(DataChange change) {
    if (change instanceof Truncate truncate) {
      writer.flush(lastTable);
      for (TableId id : truncate.tables()) {
        long removed = tables.empty(layout(id), writer);
        log.info("truncation of {} deleted {} items of DynamoDB table {}", id, removed,
            layout(id).tableName());
      }
      return;
    }
    RowChange row = (RowChange) change;
    DynamoDbLayout layout = layout(row.table());
    lastTable = layout.table().id().toString();
    String table = layout.tableName();
    delivered++;
    switch (row.operation()) {
      case DELETE -> writer.delete(table, layout.key(row.before()));
      case INSERT -> writer.put(table, layout.item(row.after()), layout.key(row.after()));
      case UPDATE -> update(layout, row);
    }
  }

  private void update(DynamoDbLayout layout, RowChange row) {
    Map<String, AttributeValue> key = layout.key(row.after());
    Optional<Map<String, AttributeValue>> oldKey = row.before() == null ? Optional.empty()
        : layout.keyIfKnown(row.before());
    if (oldKey.isPresent() && !oldKey.get().equals(key)) {
      writer.delete(layout.tableName(), oldKey.get());
    }
    if (row.unchanged().isEmpty()) {
      writer.put(layout.tableName(), layout.item(row.after()), key);
      return;
    }
    List<Object> sent = new ArrayList<>(row.after());
    row.unchanged().forEach(i -> sent.set(i, null));
    writer.update(layout.tableName(), key, layout.patch(sent, row.unchanged()));
  }

  @Override
  public long flush() {
    writer.flush(lastTable);
    long count = delivered;
    delivered = 0;
    return count;
  }

  @Override
  public void close() {
    // Writes not yet flushed are dropped; the engine sends them again from its stored position.
  }

  private DynamoDbLayout layout(TableId id) {
    DynamoDbLayout layout = layouts.get(id);
    if (layout == null) {
      throw new IllegalArgumentException("change of " + id + ", not a table of the task");
    }
    return layout;
  }
}

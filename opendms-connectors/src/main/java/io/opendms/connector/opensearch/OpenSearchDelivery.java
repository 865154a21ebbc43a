package io.opendms.connector.opensearch;

import io.opendms.spi.change.Begin;
import io.opendms.spi.change.ChangeDelivery;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Captured changes as bulk writes: an insert or update indexes the whole document (an update
 * whose source left unchanged columns out changes only the columns it sent), a delete removes
 * the document, an update of the key removes the old document and writes the new one, a
 * truncation empties the index. Every write is idempotent, so the changes the engine sends again
 * after a crash leave the same documents. A write the cluster refuses for its content fails the
 * delivery: a change is never dropped.
 */
final class OpenSearchDelivery implements ChangeDelivery {
  private final Map<TableId, TargetTable> tables = new HashMap<>();
  private final OpenSearchDocuments documents;
  private final OpenSearchIndexes indexes;
  private final OpenSearchBulk bulk;
  private long rows;

  OpenSearchDelivery(List<TargetTable> tables, OpenSearchDocuments documents,
      OpenSearchIndexes indexes, OpenSearchBulk bulk) {
    tables.forEach(t -> this.tables.put(t.id(), t));
    this.documents = documents;
    this.indexes = indexes;
    this.bulk = bulk;
  }

  @Override
  public void begin(Begin begin) {}

  @Override
  public void deliver(DataChange change) {
    if (change instanceof Truncate truncate) {
      send();
      truncate.tables().forEach(id -> indexes.truncate(table(id), OpenSearchDocuments.index(table(id))));
      return;
    }
    RowChange row = (RowChange) change;
    TargetTable table = table(row.table());
    String name = table.id().toString();
    String index = OpenSearchDocuments.index(table);
    String id = documents.id(table, row.identity());
    switch (row.operation()) {
      case DELETE -> bulk.delete(index, id, name);
      case INSERT -> bulk.index(index, id, documents.document(table, row.after(), List.of()), name);
      case UPDATE -> update(table, row, index, id);
    }
    rows++;
    if (bulk.full()) {
      send();
    }
  }

  private void update(TargetTable table, RowChange row, String index, String oldId) {
    String name = table.id().toString();
    String id = documents.id(table, row.after());
    if (!id.equals(oldId)) {
      if (!row.unchanged().isEmpty()) {
        throw new OpenDmsException(ErrorCode.UNSUPPORTED, "an update of " + name + " changed the"
            + " primary key and left columns out as unchanged: the new document cannot be written"
            + " whole (set REPLICA IDENTITY FULL on the source table)");
      }
      bulk.delete(index, oldId, name);
    }
    if (row.unchanged().isEmpty()) {
      bulk.index(index, id, documents.document(table, row.after(), List.of()), name);
    } else {
      bulk.update(index, id, documents.document(table, row.after(), row.unchanged()), name);
    }
  }

  @Override
  public long flush() {
    send();
    long delivered = rows;
    rows = 0;
    return delivered;
  }

  private void send() {
    OpenSearchBulk.Outcome outcome = bulk.send();
    if (outcome.refused() > 0) {
      throw new OpenDmsException(ErrorCode.TARGET_WRITE_FAILED, "OpenSearch refused "
          + outcome.refused() + " changes; first: " + outcome.firstRefusal());
    }
  }

  @Override
  public void close() {
    // Writes not sent are dropped; the engine sends them again from its stored position.
  }

  private TargetTable table(TableId id) {
    TargetTable table = tables.get(id);
    if (table == null) {
      throw new IllegalArgumentException("change of " + id + ", not a table of the task");
    }
    return table;
  }
}

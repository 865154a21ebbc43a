package io.opendms.connector.opensearch;

import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TargetTable;
import java.util.Arrays;
import java.util.List;

/**
 * One partition of a table's full load as bulk index requests. {@link #commit()} returns once
 * OpenSearch answered every write; rows it refused for their values are counted against {@code
 * FullLoadErrorPercentage} and not reported as written. Documents written before a failure stay;
 * a reload writes the same ids again.
 */
final class OpenSearchRowLoad implements RowLoad {
  private final TargetTable table;
  private final String name;
  private final String index;
  private final OpenSearchDocuments documents;
  private final OpenSearchBulk bulk;
  private final FullLoadErrors errors;
  private long written;

  OpenSearchRowLoad(TargetTable table, OpenSearchDocuments documents, OpenSearchBulk bulk,
      FullLoadErrors errors) {
    this.table = table;
    this.name = table.id().toString();
    this.index = OpenSearchDocuments.index(table);
    this.documents = documents;
    this.bulk = bulk;
    this.errors = errors;
  }

  @Override
  public void accept(Object[] values) {
    List<Object> row = Arrays.asList(values);
    bulk.index(index, documents.id(table, row), documents.document(table, row, List.of()), name);
    if (bulk.full()) {
      send();
    }
  }

  @Override
  public long commit() {
    send();
    long count = written;
    written = 0;
    return count;
  }

  private void send() {
    OpenSearchBulk.Outcome outcome = bulk.send();
    written += outcome.written();
    errors.record(outcome);
  }

  @Override
  public void close() {
    // writes not sent are dropped: the load failed and the table loads again
  }
}

package io.opendms.engine.validation;

import io.opendms.spi.data.RowConsumer;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.type.DmsType;
import io.opendms.spi.validation.ComparableEndpoint;
import io.opendms.spi.validation.ComparisonSession;
import io.opendms.spi.validation.DigestText;
import io.opendms.spi.validation.KeyList;
import io.opendms.spi.validation.KeySpan;
import io.opendms.spi.validation.TextCollation;
import io.opendms.spi.validation.PartitionDigest;
import io.opendms.spi.validation.ValidationFailure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory database of tables keyed by one long column, standing in for a connector's
 * comparison role: digests are a count and a sum of row hashes, and every row it hands out is
 * counted, so tests can tell digests from row reads.
 */
final class FakeDatabase implements ComparableEndpoint {
  final Map<TableId, NavigableMap<Long, Object[]>> tables = new ConcurrentHashMap<>();
  final AtomicLong rowsRead = new AtomicLong();
  /** Each call of {@link ComparisonSession#digests}: the calling thread's name. */
  final List<String> passes = new CopyOnWriteArrayList<>();
  final List<ValidationFailure> failures = new CopyOnWriteArrayList<>();
  /** How every column of this database compares text. */
  volatile TextCollation collation = TextCollation.EXACT;

  NavigableMap<Long, Object[]> table(TableId id) {
    return tables.computeIfAbsent(id, ignored -> new ConcurrentSkipListMap<>());
  }

  @Override
  public ComparisonSession openComparison() {
    return new Session();
  }

  private final class Session implements ComparisonSession {
    @Override
    public String dialect() {
      return "fake";
    }

    @Override
    public boolean hasCanonicalText(Column column) {
      return column.type().kind() != DmsType.REAL8;
    }

    @Override
    public List<List<Object>> splitKeys(TableId table, List<Column> key, int rowsPerRange) {
      var cuts = new ArrayList<List<Object>>();
      int n = 0;
      for (Long id : table(table).keySet()) {
        if (n > 0 && n % rowsPerRange == 0) {
          cuts.add(List.of(id));
        }
        n++;
      }
      return cuts;
    }

    @Override
    public PartitionDigest digest(KeySpan span, List<Column> columns, DigestText text) {
      long count = 0;
      long hash = 0;
      for (Object[] row : rows(span)) {
        count++;
        hash += Arrays.deepHashCode(row);
      }
      return new PartitionDigest(count, Long.toString(hash));
    }

    @Override
    public List<PartitionDigest> digests(List<KeySpan> spans, List<Column> columns,
        DigestText text) {
      passes.add(Thread.currentThread().getName());
      return ComparisonSession.super.digests(spans, columns, text);
    }

    @Override
    public void read(KeySpan span, List<Column> columns, RowConsumer consumer) {
      for (Object[] row : rows(span)) {
        rowsRead.incrementAndGet();
        consumer.accept(row.clone());
      }
    }

    @Override
    public void readKeys(KeyList keys, List<Column> columns, RowConsumer consumer) {
      for (List<Object> key : keys.keys()) {
        Object[] row = table(keys.table()).get(((Number) key.get(0)).longValue());
        if (row != null) {
          rowsRead.incrementAndGet();
          consumer.accept(row.clone());
        }
      }
    }

    @Override
    public List<TextCollation> collations(TableId table, List<Column> columns) {
      return columns.stream().map(c -> collation).toList();
    }

    @Override
    public long repair(TableId table, List<Column> columns, List<Column> key, List<Object[]> rows,
        List<List<Object>> deleteKeys) {
      deleteKeys.forEach(k -> table(table).remove((Long) k.get(0)));
      rows.forEach(row -> table(table).put((Long) row[0], row.clone()));
      return rows.size() + deleteKeys.size();
    }

    @Override
    public void recordFailures(String controlSchema, List<ValidationFailure> found) {
      failures.addAll(found);
    }

    @Override
    public void close() {}

    private List<Object[]> rows(KeySpan span) {
      NavigableMap<Long, Object[]> rows = table(span.table());
      if (span.lower() != null) {
        rows = rows.tailMap((Long) span.lower().get(0), true);
      }
      if (span.upper() != null) {
        rows = rows.headMap((Long) span.upper().get(0), false);
      }
      return new ArrayList<>(rows.values());
    }
  }
}

package io.opendms.engine.fullload;

import io.opendms.spi.data.ByteSink;
import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.data.RowConsumer;
import io.opendms.spi.source.PartitionBounds;
import io.opendms.spi.source.SnapshotReader;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.source.TablePartition;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A hand-written source over rows held in memory. Partitions are row-index ranges carried as
 * {@link PartitionBounds.BlockRange}; the native format is one text line per row.
 */
final class InMemorySource implements SourceConnector {
  static final NativeFormat LINES = new NativeFormat("memory", "lines");

  final Map<TableId, TableDefinition> tables = new ConcurrentHashMap<>();
  final Map<TableId, List<Object[]>> rows = new ConcurrentHashMap<>();
  final Set<TableId> failingReads = ConcurrentHashMap.newKeySet();
  volatile int readersOpened;
  volatile int rowsPerPartition = 10;

  void add(TableDefinition table, List<Object[]> tableRows) {
    tables.put(table.id(), table);
    rows.put(table.id(), tableRows);
  }

  @Override
  public List<TableDefinition> discover(Predicate<TableId> wanted) {
    return tables.values().stream().filter(t -> wanted.test(t.id())).sorted((a, b) -> a.id().compareTo(b.id())).toList();
  }

  @Override
  public SnapshotSession openSnapshot() {
    return new SnapshotSession() {
      @Override
      public Optional<io.opendms.spi.position.SourcePosition> position() {
        return Optional.empty();
      }

      @Override
      public List<TablePartition> partition(TableDefinition table, int maxPartitions) {
        int size = rows.get(table.id()).size();
        int count = Math.max(1, Math.min(maxPartitions, (size + rowsPerPartition - 1) / rowsPerPartition));
        int step = (size + count - 1) / Math.max(1, count);
        return java.util.stream.IntStream.range(0, count)
            .mapToObj(i -> new TablePartition(table.id(), i, count,
                new PartitionBounds.BlockRange(i * (long) step, i == count - 1 ? -1 : (i + 1) * (long) step),
                step))
            .toList();
      }

      @Override
      public Set<NativeFormat> exportFormats() {
        return Set.of(LINES);
      }

      @Override
      public SnapshotReader openReader() {
        readersOpened++;
        return new Reader();
      }

      @Override
      public void close() {}
    };
  }

  private List<Object[]> slice(TablePartition partition) {
    if (failingReads.contains(partition.table())) {
      throw new IllegalStateException("read of " + partition + " failed on purpose");
    }
    List<Object[]> all = rows.get(partition.table());
    var range = (PartitionBounds.BlockRange) partition.bounds();
    int end = range.endBlock() == -1 ? all.size() : (int) Math.min(all.size(), range.endBlock());
    return all.subList((int) Math.min(range.firstBlock(), all.size()), end);
  }

  private final class Reader implements SnapshotReader {
    @Override
    public long read(TablePartition partition, List<Column> columns, RowConsumer consumer) {
      List<Object[]> slice = slice(partition);
      slice.forEach(row -> consumer.accept(row.clone()));
      return slice.size();
    }

    @Override
    public long export(TablePartition partition, List<Column> columns, NativeFormat format, ByteSink sink) {
      List<Object[]> slice = slice(partition);
      for (Object[] row : slice) {
        byte[] line = (encode(row) + "\n").getBytes(StandardCharsets.UTF_8);
        sink.write(line, 0, line.length);
        sink.rowsCompleted(1);
      }
      return slice.size();
    }

    @Override
    public void close() {}
  }

  static String encode(Object[] row) {
    var text = new StringBuilder();
    for (int i = 0; i < row.length; i++) {
      text.append(i == 0 ? "" : "\t").append(row[i]);
    }
    return text.toString();
  }

  @Override
  public void close() {}
}

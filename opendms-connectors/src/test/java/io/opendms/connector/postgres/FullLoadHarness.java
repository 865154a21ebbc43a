package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.source.SnapshotReader;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.source.TablePartition;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.BulkLoad;
import io.opendms.spi.target.NativeLoad;
import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The full-load sequence the engine runs, by hand and on one thread: discover, snapshot, partition,
 * then per partition one reader call and one committed target load. Test code only.
 */
final class FullLoadHarness {

  /** How partitions travel from source to target. */
  enum Path {
    /** The best native format the target offers (binary when it can). */
    NATIVE,
    /** Text COPY, undecoded. */
    NATIVE_TEXT,
    /** Decoded canonical rows. */
    ROWS
  }

  /** Per table, the format used (null for rows) and the rows committed. */
  record Loaded(NativeFormat format, long rows) {}

  private FullLoadHarness() {}

  static Map<TableId, Loaded> run(
      SourceConnector source,
      TargetConnector target,
      Predicate<TableId> tables,
      Path path,
      TablePreparation preparation) {
    Map<TableId, Loaded> loaded = new LinkedHashMap<>();
    List<TableDefinition> definitions = source.discover(tables);
    try (SnapshotSession snapshot = source.openSnapshot();
        SnapshotReader reader = snapshot.openReader();
        TargetSession session = target.openSession()) {
      for (TableDefinition definition : definitions) {
        TargetTable table =
            new TargetTable(
                definition.id(),
                definition.engine(),
                definition.columns(),
                definition.primaryKey());
        target.prepare(table, preparation);
        NativeFormat format = chooseFormat(target.importFormats(table), path);
        long rows = 0;
        for (TablePartition partition : snapshot.partition(definition, 4)) {
          rows += loadPartition(reader, session, table, partition, format);
        }
        target.complete(table, preparation);
        loaded.put(definition.id(), new Loaded(format, rows));
      }
    }
    return loaded;
  }

  private static NativeFormat chooseFormat(List<NativeFormat> offered, Path path) {
    return switch (path) {
      case ROWS -> null;
      case NATIVE -> offered.get(0);
      case NATIVE_TEXT -> {
        assertThat(offered).contains(PostgresEngine.COPY_TEXT);
        yield PostgresEngine.COPY_TEXT;
      }
    };
  }

  private static long loadPartition(
      SnapshotReader reader,
      TargetSession session,
      TargetTable table,
      TablePartition partition,
      NativeFormat format) {
    if (format == null) {
      try (RowLoad load = session.openRowLoad(table)) {
        long read = reader.read(partition, table.columns(), load);
        return commit(load, read);
      }
    }
    try (NativeLoad load = session.openNativeLoad(table, format)) {
      long exported = reader.export(partition, table.columns(), format, load);
      return commit(load, exported);
    }
  }

  private static long commit(BulkLoad load, long produced) {
    long stored = load.commit();
    assertThat(stored).as("rows stored versus rows read").isEqualTo(produced);
    return stored;
  }
}

package io.opendms.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.source.SnapshotReader;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.source.TablePartition;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.PrepMode;
import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The full-load sequence the engine runs, by hand on one thread, along the decoded path between
 * any source and target: discover, snapshot, partition, one committed load per partition. Test
 * code only.
 */
final class CrossEngineHarness {

  static final TablePreparation DROP_AND_CREATE =
      new TablePreparation(PrepMode.DROP_AND_CREATE, false);

  private CrossEngineHarness() {}

  /** Loads every wanted table into the target schema {@code rename} gives; rows per table. */
  static Map<TableId, Long> run(
      SourceConnector source,
      TargetConnector target,
      Predicate<TableId> tables,
      Function<TableId, TableId> rename,
      int maxPartitions) {
    Map<TableId, Long> loaded = new LinkedHashMap<>();
    List<TableDefinition> definitions = source.discover(tables);
    assertThat(definitions).as("tables found").isNotEmpty();
    try (SnapshotSession snapshot = source.openSnapshot(1);
        SnapshotReader reader = snapshot.openReader();
        TargetSession session = target.openSession()) {
      for (TableDefinition definition : definitions) {
        TargetTable table = new TargetTable(rename.apply(definition.id()), definition.engine(),
            definition.columns(), definition.primaryKey());
        target.prepare(table, DROP_AND_CREATE);
        long rows = 0;
        for (TablePartition partition : snapshot.partition(definition, maxPartitions)) {
          try (RowLoad load = session.openRowLoad(table)) {
            long read = reader.read(partition, table.columns(), load);
            long stored = load.commit();
            assertThat(stored).as("rows stored versus rows read").isEqualTo(read);
            rows += stored;
          }
        }
        target.complete(table, DROP_AND_CREATE);
        loaded.put(definition.id(), rows);
      }
    }
    return loaded;
  }
}

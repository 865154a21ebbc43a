package io.opendms.engine.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.engine.mapping.TableMappings;
import io.opendms.engine.plan.TablePlan;
import io.opendms.engine.settings.TaskSettings;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.spi.source.PartitionBounds;
import io.opendms.spi.source.TablePartition;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskStateKeeperTest {
  private static final TableId BIG = new TableId("public", "big");
  private static final List<Column> COLUMNS =
      List.of(new Column("id", DataType.of(DmsType.INT8), false, "bigint"));
  private static final TablePlan PLAN = new TablePlan(
      new TableDefinition(BIG, "postgres", COLUMNS, List.of("id"), 10, 1000),
      new TargetTable(BIG, "postgres", COLUMNS, List.of("id")), 0);

  @TempDir Path dataDir;

  @Test
  void tablesStillToReloadDropTheirKeptPartitionsWhenChangeProcessingResumesPastTheLoad() {
    EndpointConfig endpoint = new EndpointConfig("postgres", "localhost", 5432, "db", "u", "p",
        SslMode.DISABLE, Map.of());
    var definition = new TaskDefinition("keeper", endpoint, endpoint, MigrationType.FULL_LOAD_AND_CDC,
        TableMappings.includeEverything(), TaskSettings.defaults(), true);
    try (TaskStateStore store = TaskStateStore.open(dataDir, "keeper")) {
      var keeper = new TaskStateKeeper(store, definition, List.of(PLAN), Optional.empty());
      keeper.committed(PLAN, new TablePartition(BIG, 0, 2, new PartitionBounds.BlockRange(0, 10, 7), 5), 5);
      keeper.forgetKeptPartitions("keeper");
      assertThat(keeper.completed(PLAN)).as("not pending: kept").hasSize(1);

      keeper.resumeRequested(List.of(BIG));
      keeper.forgetKeptPartitions("keeper");

      assertThat(keeper.completed(PLAN)).isEmpty();
      assertThat(keeper.pendingReloads()).containsExactly(BIG);
      assertThat(store.load().orElseThrow().table(BIG).orElseThrow().ranges()).isEmpty();
    }
  }
}

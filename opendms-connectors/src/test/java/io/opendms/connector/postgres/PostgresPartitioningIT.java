package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.source.PartitionBounds;
import io.opendms.spi.source.PartitionBounds.BlockRange;
import io.opendms.spi.source.SnapshotReader;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.source.TablePartition;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.testkit.TestingPostgres;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresPartitioningIT {

  private static TestingPostgres database;

  @BeforeAll
  static void createTables() {
    database = TestingPostgres.create("partitioning");
    database.execute(
        "CREATE TABLE public.numbers (id bigint PRIMARY KEY, pad text)",
        "INSERT INTO public.numbers SELECT g, repeat('x', 100) FROM generate_series(1, 20000) g",
        "DELETE FROM public.numbers WHERE id % 7 = 0", // holes inside blocks
        // fillfactor 10 leaves 90% of each block empty: a >96 MiB table from 40,000 rows
        "CREATE TABLE public.sparse (id bigint, pad char(200)) WITH (fillfactor = 10)",
        "INSERT INTO public.sparse SELECT g, 'x' FROM generate_series(1, 40000) g",
        "CREATE TABLE public.tiny (id int)",
        "INSERT INTO public.tiny SELECT generate_series(1, 10)",
        "CREATE TABLE public.events (id int, kind text NOT NULL) PARTITION BY LIST (kind)",
        "CREATE TABLE public.events_a PARTITION OF public.events FOR VALUES IN ('a')",
        "CREATE TABLE public.events_b PARTITION OF public.events FOR VALUES IN ('b')",
        "CREATE TABLE public.events_rest PARTITION OF public.events DEFAULT",
        "INSERT INTO public.events SELECT g, (ARRAY['a','b','c'])[g % 3 + 1]"
            + " FROM generate_series(1, 300) g",
        "CREATE TABLE public.parent (id int)",
        "CREATE TABLE public.child () INHERITS (public.parent)",
        "INSERT INTO public.parent VALUES (1), (2)",
        "INSERT INTO public.child VALUES (3)",
        "ANALYZE");
  }

  @AfterAll
  static void drop() {
    database.close();
  }

  private static TableDefinition definition(SourceConnector source, String name) {
    return source.discover(new TableId("public", name)::equals).get(0);
  }

  /** Row count and key sum of one partition, read through the decoded path. */
  private record Totals(long rows, long keySum, Set<Long> keys) {}

  private static Totals readKeys(
      SnapshotReader reader, TableDefinition table, TablePartition part) {
    Set<Long> keys = new HashSet<>();
    long[] sum = {0};
    long rows =
        reader.read(
            part,
            List.of(table.columns().get(0)),
            values -> {
              long key = ((Number) values[0]).longValue();
              sum[0] += key;
              keys.add(key);
            });
    return new Totals(rows, sum[0], keys);
  }

  @Test
  void splitsAMultiBlockTableIntoContiguousRangesThatReturnEveryRowOnce() {
    // a 64 KiB minimum makes the ~2.5 MB table splittable without a big fixture
    try (SourceConnector source =
            PostgresSourceConnector.open(TestEndpoints.of(database), 64 * 1024);
        SnapshotSession snapshot = source.openSnapshot();
        SnapshotReader reader = snapshot.openReader()) {
      TableDefinition numbers = definition(source, "numbers");
      List<TablePartition> partitions = snapshot.partition(numbers, 5);

      assertThat(partitions).hasSize(5);
      long next = 0;
      for (TablePartition partition : partitions) {
        assertThat(partition.count()).isEqualTo(5);
        BlockRange range = (BlockRange) partition.bounds();
        assertThat(range.firstBlock()).isEqualTo(next);
        next = range.endBlock();
      }
      assertThat(next).as("the last range is open-ended").isEqualTo(-1);

      long rows = 0;
      long sum = 0;
      Set<Long> seen = new HashSet<>();
      for (TablePartition partition : partitions) {
        Totals totals = readKeys(reader, numbers, partition);
        assertThat(totals.rows()).as(partition.toString()).isPositive();
        assertThat(seen).as("no row in two partitions").doesNotContainAnyElementsOf(totals.keys());
        seen.addAll(totals.keys());
        rows += totals.rows();
        sum += totals.keySum();
        long exported =
            reader.export(
                partition, numbers.columns(), PostgresEngine.COPY_BINARY, (b, o, l) -> {});
        assertThat(exported).isEqualTo(totals.rows());
      }
      assertThat(rows)
          .isEqualTo(
              Long.parseLong(TestEndpoints.value(database, "SELECT count(*) FROM public.numbers")));
      assertThat(sum)
          .isEqualTo(
              Long.parseLong(TestEndpoints.value(database, "SELECT sum(id) FROM public.numbers")));
    }
  }

  @Test
  void makesPartitionsOfAtLeast32MegabytesWithTheDefaultMinimum() {
    long blocks =
        Long.parseLong(
            TestEndpoints.value(
                database,
                "SELECT pg_relation_size('public.sparse') / current_setting('block_size')::int"));
    long minBlocks = BlockRangePartitioner.DEFAULT_MIN_PARTITION_BYTES / 8192;
    assertThat(blocks).as("fixture size").isGreaterThanOrEqualTo(3 * minBlocks);
    try (SourceConnector source =
            new PostgresSourceConnectorFactory().open(TestEndpoints.of(database));
        SnapshotSession snapshot = source.openSnapshot();
        SnapshotReader reader = snapshot.openReader()) {
      TableDefinition sparse = definition(source, "sparse");
      List<TablePartition> partitions = snapshot.partition(sparse, 8);

      assertThat(partitions).hasSize((int) Math.min(8, blocks / minBlocks));
      long rows = 0;
      for (TablePartition partition : partitions) {
        BlockRange range = (BlockRange) partition.bounds();
        if (range.endBlock() != -1) {
          assertThat(range.endBlock() - range.firstBlock()).isGreaterThanOrEqualTo(minBlocks);
        }
        rows +=
            reader.export(partition, sparse.columns(), PostgresEngine.COPY_TEXT, (b, o, l) -> {});
      }
      assertThat(rows).isEqualTo(40_000);
      assertThat(partitions.stream().mapToLong(TablePartition::estimatedRows).sum())
          .isEqualTo(sparse.estimatedRows());
      assertThat(snapshot.partition(sparse, 1))
          .containsExactly(TablePartition.whole(sparse.id(), sparse.estimatedRows()));
    }
  }

  @Test
  void keepsSmallTablesWhole() {
    try (SourceConnector source =
            new PostgresSourceConnectorFactory().open(TestEndpoints.of(database));
        SnapshotSession snapshot = source.openSnapshot()) {
      TableDefinition tiny = definition(source, "tiny");
      assertThat(snapshot.partition(tiny, 16)).containsExactly(TablePartition.whole(tiny.id(), 10));
    }
  }

  @Test
  void readsAPartitionedTableAsOneWholePartitionWithEveryLeafRow() {
    try (SourceConnector source = PostgresSourceConnector.open(TestEndpoints.of(database), 1);
        SnapshotSession snapshot = source.openSnapshot();
        SnapshotReader reader = snapshot.openReader()) {
      TableDefinition events = definition(source, "events");
      List<TablePartition> partitions = snapshot.partition(events, 8);
      assertThat(partitions).hasSize(1);
      assertThat(partitions.get(0).bounds()).isEqualTo(new PartitionBounds.WholeTable());
      assertThat(readKeys(reader, events, partitions.get(0)).rows()).isEqualTo(300);
    }
  }

  @Test
  void readsAnInheritanceParentWithoutItsChildren() {
    try (SourceConnector source =
            new PostgresSourceConnectorFactory().open(TestEndpoints.of(database));
        SnapshotSession snapshot = source.openSnapshot();
        SnapshotReader reader = snapshot.openReader()) {
      TableDefinition parent = definition(source, "parent");
      TableDefinition child = definition(source, "child");
      assertThat(readKeys(reader, parent, snapshot.partition(parent, 1).get(0)).keys())
          .containsExactlyInAnyOrder(1L, 2L);
      assertThat(readKeys(reader, child, snapshot.partition(child, 1).get(0)).keys())
          .containsExactly(3L);
    }
  }
}

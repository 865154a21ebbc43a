package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.position.PgLsn;
import io.opendms.spi.source.SnapshotReader;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.source.TablePartition;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.testkit.TestingPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresSnapshotConsistencyIT {

  private static final TableId ITEMS = new TableId("public", "items");

  private TestingPostgres database;
  private SourceConnector source;

  @BeforeEach
  void createTable() {
    database = TestingPostgres.create("snapshot");
    database.execute(
        "CREATE TABLE public.items (id int PRIMARY KEY, v text)",
        "INSERT INTO public.items SELECT g, 'v0' FROM generate_series(1, 100) g");
    source = new PostgresSourceConnectorFactory().open(TestEndpoints.of(database));
  }

  @AfterEach
  void drop() {
    source.close();
    database.close();
  }

  private static List<Object[]> readAll(SnapshotSession snapshot, TableDefinition table) {
    List<Object[]> rows = new ArrayList<>();
    try (SnapshotReader reader = snapshot.openReader()) {
      for (TablePartition partition : snapshot.partition(table, 4)) {
        reader.read(partition, table.columns(), rows::add);
      }
    }
    return rows;
  }

  @Test
  void readersDoNotSeeChangesCommittedAfterTheSnapshot() {
    TableDefinition items = source.discover(ITEMS::equals).get(0);
    try (SnapshotSession snapshot = source.openSnapshot()) {
      database.execute(
          "INSERT INTO public.items SELECT g, 'new' FROM generate_series(101, 150) g",
          "DELETE FROM public.items WHERE id <= 10",
          "UPDATE public.items SET v = 'changed' WHERE id BETWEEN 11 AND 20");

      List<Object[]> first = readAll(snapshot, items);
      List<Object[]> second = readAll(snapshot, items);

      assertThat(first).hasSize(100).allSatisfy(row -> assertThat(row[1]).isEqualTo("v0"));
      assertThat(first)
          .extracting(row -> (Integer) row[0])
          .containsExactlyInAnyOrderElementsOf(
              java.util.stream.IntStream.rangeClosed(1, 100).boxed().toList());
      assertThat(second).hasSize(100);
    }
    try (SnapshotSession later = source.openSnapshot()) {
      assertThat(readAll(later, items)).hasSize(140);
    }
  }

  @Test
  void reportsTheWalPositionOfTheSnapshot() {
    PgLsn before = PgLsn.parse(TestEndpoints.value(database, "SELECT pg_current_wal_lsn()::text"));
    try (SnapshotSession snapshot = source.openSnapshot()) {
      PgLsn position = (PgLsn) snapshot.position().orElseThrow();
      PgLsn after = PgLsn.parse(TestEndpoints.value(database, "SELECT pg_current_wal_lsn()::text"));
      assertThat(position).isGreaterThanOrEqualTo(before).isLessThanOrEqualTo(after);
    }
  }

  @Test
  void tablesCreatedAfterTheSnapshotAreNotInIt() {
    try (SnapshotSession snapshot = source.openSnapshot()) {
      database.execute("CREATE TABLE public.late (id int)");
      TableDefinition late = source.discover(new TableId("public", "late")::equals).get(0);
      assertThatThrownBy(() -> snapshot.partition(late, 1))
          .isInstanceOfSatisfying(
              OpenDmsException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_READ_FAILED))
          .hasMessageContaining("public.late")
          .hasMessageContaining("not in the snapshot");
    }
  }

  @Test
  void aReaderStaysUsableAfterItsConsumerFailsMidway() {
    TableDefinition items = source.discover(ITEMS::equals).get(0);
    RuntimeException stop = new IllegalStateException("consumer gave up");
    try (SnapshotSession snapshot = source.openSnapshot();
        SnapshotReader reader = snapshot.openReader()) {
      TablePartition whole = snapshot.partition(items, 1).get(0);
      int[] seen = {0};
      assertThatThrownBy(
              () ->
                  reader.read(
                      whole,
                      items.columns(),
                      row -> {
                        if (++seen[0] == 10) {
                          throw stop;
                        }
                      }))
          .isSameAs(stop);
      database.execute("DELETE FROM public.items WHERE id > 50");
      assertThat(reader.read(whole, items.columns(), row -> {})).isEqualTo(100);
    }
  }

  @Test
  void aReaderStaysUsableAfterAbandoningALargeCopyMidStream() {
    database.execute(
        "CREATE TABLE public.bulk AS SELECT g AS id, repeat('x', 200) AS pad"
            + " FROM generate_series(1, 300000) g");
    TableDefinition bulk = source.discover(new TableId("public", "bulk")::equals).get(0);
    RuntimeException stop = new IllegalStateException("sink failed");
    try (SnapshotSession snapshot = source.openSnapshot();
        SnapshotReader reader = snapshot.openReader()) {
      TablePartition whole = snapshot.partition(bulk, 1).get(0);
      long[] bytes = {0};
      assertThatThrownBy(
              () ->
                  reader.export(
                      whole,
                      bulk.columns(),
                      PostgresEngine.COPY_BINARY,
                      (buffer, offset, length) -> {
                        if ((bytes[0] += length) > 1_000_000) {
                          throw stop;
                        }
                      }))
          .isSameAs(stop);
      assertThat(reader.export(whole, bulk.columns(), PostgresEngine.COPY_TEXT, (b, o, l) -> {}))
          .isEqualTo(300_000);
    }
  }
}

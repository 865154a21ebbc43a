package io.opendms.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.position.BinlogPosition;
import io.opendms.spi.source.SnapshotReader;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.source.TablePartition;
import io.opendms.spi.table.TableDefinition;
import io.opendms.testkit.TestingMariaDb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The consistent snapshot: every reader sees the rows committed when it was opened and nothing
 * written after, its position is the binlog position of that moment, and without the RELOAD
 * privilege the lock-free fallback still gives one consistent view.
 */
class MySqlSnapshotIT {

  private static TestingMariaDb database;

  @BeforeAll
  static void create() {
    database = TestingMariaDb.create("mysql_snapshot");
    database.execute(
        "CREATE TABLE items (id bigint PRIMARY KEY, label varchar(20))",
        "INSERT INTO items SELECT seq, CONCAT('v', seq) FROM seq_1_to_2000");
  }

  @AfterAll
  static void drop() {
    database.close();
  }

  @Test
  void everyReaderSeesTheSnapshotAndNotLaterWrites() {
    try (var source = MySqlSourceConnector.open(MySqlTestEndpoints.of(database), 100)) {
      TableDefinition items = source.discover(id -> id.name().equals("items")).get(0);
      try (SnapshotSession snapshot = source.openSnapshot(3)) {
        database.execute(
            "INSERT INTO items SELECT seq, 'late' FROM seq_2001_to_2500",
            "DELETE FROM items WHERE id <= 100",
            "UPDATE items SET label = 'changed' WHERE id BETWEEN 500 AND 600");
        List<TablePartition> partitions = snapshot.partition(items, 3);
        List<Object[]> rows = new ArrayList<>();
        for (TablePartition partition : partitions) {
          try (SnapshotReader reader = snapshot.openReader()) {
            reader.read(partition, items.columns(), rows::add);
          }
        }
        assertThat(rows).hasSize(2000);
        assertThat(rows).allSatisfy(row -> assertThat(row[1]).isEqualTo("v" + row[0]));
      } finally {
        database.execute("DELETE FROM items WHERE id > 2000",
            "INSERT IGNORE INTO items SELECT seq, CONCAT('v', seq) FROM seq_1_to_100",
            "UPDATE items SET label = CONCAT('v', id)");
      }
    }
  }

  @Test
  void positionIsTheBinlogPositionWhenTheLockWasHeld() {
    String binlog = database.rows("SELECT @@log_bin").get(0).get(0);
    try (var source = MySqlSourceConnector.open(MySqlTestEndpoints.of(database), 100);
        SnapshotSession snapshot = source.openSnapshot(2)) {
      if (binlog.equals("0")) {
        assertThat(snapshot.position()).isEmpty();
        return;
      }
      BinlogPosition position = (BinlogPosition) snapshot.position().orElseThrow();
      List<String> master = database.rows("SHOW MASTER STATUS").get(0);
      assertThat(position.file()).isEqualTo(master.get(0));
      assertThat(position.offset()).isEqualTo(Long.parseLong(master.get(1)));
      assertThat(BinlogPosition.parse(position.format()).format()).isEqualTo(position.format());
      database.execute("INSERT INTO items VALUES (9999, 'x')", "DELETE FROM items WHERE id = 9999");
      BinlogPosition later = BinlogPosition.parse(String.join(":",
          database.rows("SHOW MASTER STATUS").get(0).subList(0, 2)));
      assertThat(later).isGreaterThan(position);
    }
  }

  @Test
  void withoutReloadPrivilegeFallsBackToOneSharedSnapshot() {
    String user = "opendms_norel_" + UUID.randomUUID().toString().substring(0, 8);
    String password = "Pw-" + UUID.randomUUID();
    database.execute(
        "CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'",
        "GRANT SELECT ON `" + database.database() + "`.* TO '" + user + "'@'%'");
    try {
      var endpoint = new io.opendms.spi.endpoint.EndpointConfig("mysql", TestingMariaDb.HOST,
          TestingMariaDb.PORT, database.database(), user, password,
          io.opendms.spi.endpoint.SslMode.DISABLE, Map.of());
      try (var source = MySqlSourceConnector.open(endpoint, 100)) {
        TableDefinition items = source.discover(id -> id.name().equals("items")).get(0);
        try (SnapshotSession snapshot = source.openSnapshot(3)) {
          database.execute("INSERT INTO items SELECT seq, 'late' FROM seq_2001_to_2100");
          long rows = 0;
          for (TablePartition partition : snapshot.partition(items, 3)) {
            try (SnapshotReader reader = snapshot.openReader()) {
              rows += reader.read(partition, items.columns(), values -> { });
            }
          }
          assertThat(rows).isEqualTo(2000);
        }
      }
    } finally {
      database.execute("DROP USER '" + user + "'@'%'", "DELETE FROM items WHERE id > 2000");
    }
  }
}

package io.opendms.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.source.PartitionBounds;
import io.opendms.spi.source.SnapshotReader;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.source.TablePartition;
import io.opendms.spi.table.TableDefinition;
import io.opendms.testkit.TestingMariaDb;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Key-range partitions cover every row exactly once, whatever the key values look like. */
class MySqlPartitioningIT {

  private static TestingMariaDb database;

  @BeforeAll
  static void create() {
    database = TestingMariaDb.create("mysql_partitions");
    database.execute(
        "CREATE TABLE sparse (id int PRIMARY KEY, v int)",
        // negative keys, a dense run, big gaps, and the extremes of the type
        "INSERT INTO sparse SELECT CAST(seq AS SIGNED) - 500, seq FROM seq_1_to_3000",
        "INSERT INTO sparse VALUES (-2147483648, 0), (2147483647, 0), (1000000, 0)",
        "CREATE TABLE unsigned_keys (id bigint unsigned PRIMARY KEY)",
        "INSERT INTO unsigned_keys SELECT seq FROM seq_1_to_1000",
        "INSERT INTO unsigned_keys VALUES (18446744073709551615), (9223372036854775808)",
        "CREATE TABLE composite (a int, b varchar(5), PRIMARY KEY (a, b))",
        "INSERT INTO composite SELECT seq % 7, seq FROM seq_1_to_1000",
        "CREATE TABLE no_key (v int)",
        "INSERT INTO no_key SELECT seq FROM seq_1_to_1000",
        "ANALYZE TABLE sparse, unsigned_keys, composite, no_key");
  }

  @AfterAll
  static void drop() {
    database.close();
  }

  @Test
  void integerKeyRangesCoverEveryRowOnce() {
    assertExact("sparse", 3003, 4);
    assertExact("unsigned_keys", 1002, 4);
  }

  @Test
  void compositeKeysSplitOnTheirFirstColumn() {
    List<TablePartition> partitions = assertExact("composite", 1000, 3);
    assertThat(partitions).allSatisfy(p ->
        assertThat(((PartitionBounds.KeyRange) p.bounds()).column()).isEqualTo("a"));
  }

  @Test
  void tablesWithoutAKeyAreOnePartition() {
    List<TablePartition> partitions = assertExact("no_key", 1000, 4);
    assertThat(partitions).hasSize(1);
    assertThat(partitions.get(0).bounds()).isInstanceOf(PartitionBounds.WholeTable.class);
  }

  private static List<TablePartition> assertExact(String table, int rows, int maxPartitions) {
    try (var source = MySqlSourceConnector.open(MySqlTestEndpoints.of(database), 10)) {
      TableDefinition definition = source.discover(id -> id.name().equals(table)).get(0);
      try (SnapshotSession snapshot = source.openSnapshot(1);
          SnapshotReader reader = snapshot.openReader()) {
        List<TablePartition> partitions = snapshot.partition(definition, maxPartitions);
        if (!table.equals("no_key")) {
          assertThat(partitions).as(table).hasSizeGreaterThan(1).hasSizeLessThanOrEqualTo(maxPartitions);
        }
        List<String> seen = new ArrayList<>();
        for (TablePartition partition : partitions) {
          reader.read(partition, definition.columns(), values -> seen.add(
              values[0] + (values.length > 1 ? "/" + values[1] : "")));
        }
        Set<String> distinct = new HashSet<>(seen);
        assertThat(seen).as(table + " rows").hasSize(rows);
        assertThat(distinct).as(table + " distinct rows").hasSize(rows);
        return partitions;
      }
    }
  }
}

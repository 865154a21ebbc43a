package io.opendms.connector.mysql;

import static io.opendms.testkit.CaptureStreams.streamUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.change.Begin;
import io.opendms.spi.change.CaptureRequest;
import io.opendms.spi.change.ChangeCapture;
import io.opendms.spi.change.ChangeEvent;
import io.opendms.spi.change.Commit;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.change.RowChange.Operation;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.position.BinlogPosition;
import io.opendms.spi.source.SnapshotReader;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.source.TablePartition;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.testkit.TestingMariaDb;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MySqlChangeCaptureIT {
  private static TestingMariaDb db;
  private static EndpointConfig endpoint;

  @BeforeAll
  static void createTables() {
    db = TestingMariaDb.create("capture_it");
    MySqlTypesFixture.create(db);
    db.execute("CREATE TABLE items (id int PRIMARY KEY, name varchar(20))",
        "CREATE TABLE other (id int PRIMARY KEY)",
        "CREATE TABLE nokey (a int, b varchar(10))");
    endpoint = MySqlTestEndpoints.of(db);
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  @Test
  void rowImagesDecodeToTheValuesTheSnapshotReads() throws Exception {
    try (MySqlSourceConnector source = MySqlSourceConnector.open(endpoint, 1)) {
      List<TableDefinition> tables = source.discover(t -> t.name().equals("all_types")
          || t.name().equals("zero_dates"));
      Map<String, List<Object>> before = snapshotRows(source, tables);
      try (ChangeCapture capture = open(source, tables, CaptureRequest.Start.CREATE)) {
        db.execute("SET SESSION sql_mode = ''",
            "UPDATE all_types SET id = id + 100",
            "UPDATE zero_dates SET id = id + 100",
            "DELETE FROM all_types WHERE id = 101");
        List<RowChange> rows = rows(streamUntil(capture, 3));
        Map<String, List<Object>> after = snapshotRows(source, tables);
        List<RowChange> updates = rows.stream().filter(r -> r.operation() == Operation.UPDATE).toList();
        assertThat(updates).hasSize(before.size());
        for (RowChange update : updates) {
          String key = update.table().name() + ":" + update.before().get(0);
          assertThat(differences(comparable(update.before()), before.get(key))).as(key).isEmpty();
          String newKey = update.table().name() + ":" + update.after().get(0);
          if (!newKey.equals("all_types:101")) {
            assertThat(differences(comparable(update.after()), after.get(newKey))).as(newKey).isEmpty();
          }
        }
        RowChange delete = rows.get(rows.size() - 1);
        assertThat(delete.operation()).isEqualTo(Operation.DELETE);
        assertThat(delete.before().get(0)).isEqualTo(101);
        assertThat(comparable(delete.before()).subList(1, 37))
            .isEqualTo(before.get("all_types:1").subList(1, 37));
      }
    }
  }

  @Test
  void transactionsTruncatesAndOtherTablesStreamAsTheEngineExpects() throws Exception {
    try (MySqlSourceConnector source = MySqlSourceConnector.open(endpoint, 1)) {
      List<TableDefinition> tables = source.discover(t -> t.name().equals("items") || t.name().equals("nokey"));
      try (ChangeCapture capture = open(source, tables, CaptureRequest.Start.CREATE)) {
        db.execute("INSERT INTO items VALUES (1, 'a'), (2, NULL)",
            "INSERT INTO other VALUES (1)",
            "START TRANSACTION",
            "UPDATE items SET name = 'x' WHERE id = 1",
            "INSERT INTO other VALUES (2)",
            "DELETE FROM items WHERE id = 2",
            "COMMIT",
            "INSERT INTO nokey VALUES (1, 'n')",
            "TRUNCATE TABLE items");
        List<ChangeEvent> events = streamUntil(capture, 4);
        assertThat(events.get(0)).isInstanceOf(Begin.class);
        List<RowChange> rows = rows(events);
        assertThat(rows).extracting(RowChange::operation).containsExactly(Operation.INSERT,
            Operation.INSERT, Operation.UPDATE, Operation.DELETE, Operation.INSERT);
        assertThat(rows.get(2).before()).containsExactly(1, "a");
        assertThat(rows.get(2).after()).containsExactly(1, "x");
        assertThat(events).filteredOn(Truncate.class::isInstance).singleElement()
            .extracting(e -> ((Truncate) e).tables())
            .isEqualTo(List.of(new TableId(db.database(), "items")));
        List<Commit> commits = events.stream().filter(Commit.class::isInstance).map(Commit.class::cast).toList();
        assertThat(commits).hasSize(4);
        assertThat((BinlogPosition) commits.get(0).position())
            .isGreaterThan((BinlogPosition) capture.startPosition());
        // restarting at a commit's position streams what came after it, and nothing before
        try (ChangeCapture again = source.openCapture(new CaptureRequest("t", tables,
            CaptureRequest.Start.EXISTING, Optional.of(commits.get(1).position())))) {
          List<RowChange> rest = rows(streamUntil(again, 2));
          assertThat(rest).extracting(RowChange::operation).containsExactly(Operation.INSERT);
          assertThat(rest.get(0).table().name()).isEqualTo("nokey");
        }
      }
    }
  }

  @Test
  void cdcStartTimeFindsTheFirstTransactionOfThatTime() throws Exception {
    db.execute("CREATE TABLE timed (id int PRIMARY KEY)", "INSERT INTO timed VALUES (1)");
    Thread.sleep(2100);
    java.time.Instant time = java.time.Instant.now();
    db.execute("INSERT INTO timed VALUES (2)", "INSERT INTO timed VALUES (3)");
    try (MySqlSourceConnector source = MySqlSourceConnector.open(endpoint, 1)) {
      List<TableDefinition> tables = source.discover(t -> t.name().equals("timed"));
      BinlogPosition position = (BinlogPosition) source.positionAt(time);
      try (ChangeCapture capture = source.openCapture(new CaptureRequest("t", tables,
          CaptureRequest.Start.EXISTING, Optional.of(position)))) {
        assertThat(rows(streamUntil(capture, 2))).extracting(r -> r.after().get(0))
            .containsExactly(2, 3);
      }
      assertThatThrownBy(() -> source.positionAt(java.time.Instant.parse("2000-01-01T00:00:00Z")))
          .hasMessageContaining("lies before the oldest binlog");
    }
  }

  @Test
  void aGtidSetStartsAfterItsLastTransaction() throws Exception {
    db.execute("CREATE TABLE gtids (id int PRIMARY KEY)", "INSERT INTO gtids VALUES (1)");
    String gtid = db.rows("SELECT @@global.gtid_binlog_pos").get(0).get(0);
    db.execute("INSERT INTO gtids VALUES (2)");
    try (MySqlSourceConnector source = MySqlSourceConnector.open(endpoint, 1)) {
      List<TableDefinition> tables = source.discover(t -> t.name().equals("gtids"));
      BinlogPosition position = (BinlogPosition) source.parsePosition(gtid);
      assertThat(position.gtid()).isEqualTo(gtid);
      try (ChangeCapture capture = source.openCapture(new CaptureRequest("t", tables,
          CaptureRequest.Start.EXISTING, Optional.of(position)))) {
        assertThat(rows(streamUntil(capture, 1))).extracting(r -> r.after().get(0)).containsExactly(2);
      }
      assertThatThrownBy(() -> source.parsePosition("0-1-999999999"))
          .isInstanceOf(OpenDmsException.class).hasMessageContaining("0-1-999999999");
    }
  }

  @Test
  void ddlOnACapturedTableIsADdlEventAndLaterRowsHaveTheNewColumns() throws Exception {
    db.execute("CREATE TABLE altered (id int PRIMARY KEY, old text)");
    try (MySqlSourceConnector source = MySqlSourceConnector.open(endpoint, 1)) {
      List<TableDefinition> tables = source.discover(t -> t.name().equals("altered"));
      try (ChangeCapture capture = open(source, tables, CaptureRequest.Start.CREATE)) {
        db.execute("CREATE TABLE unrelated (id int)",
            "ALTER TABLE altered ADD COLUMN note text, DROP COLUMN old",
            "INSERT INTO altered VALUES (1, 'n')",
            "ALTER TABLE altered RENAME COLUMN note TO remark",
            "DROP TABLE altered");
        List<ChangeEvent> events = streamUntil(capture, 4);
        List<SchemaChange> ddl = events.stream().filter(SchemaChange.class::isInstance)
            .map(SchemaChange.class::cast).toList();
        assertThat(ddl).hasSize(3);
        assertThat(ddl.get(0).columnChanges()).extracting(c -> c.kind() + " " + c.name())
            .containsExactly("DROP_COLUMN old", "ADD_COLUMN note");
        assertThat(ddl.get(0).statement()).contains("ALTER TABLE altered ADD COLUMN note text, DROP COLUMN old");
        assertThat(rows(events)).singleElement().satisfies(row -> assertThat(row.after()).containsExactly(1, "n"));
        assertThat(ddl.get(1).columnChanges()).extracting(c -> c.kind() + " " + c.name())
            .containsExactly("RENAME_COLUMN note");
        assertThat(ddl.get(1).columns()).extracting(c -> c.name()).containsExactly("id", "remark");
        assertThat(ddl.get(2)).isEqualTo(SchemaChange.dropped(new TableId(db.database(), "altered"),
            Optional.of("DROP TABLE `altered` /* generated by server */")));
      }
    }
  }

  @Test
  void aPurgedStartPositionIsAClearError() {
    try (MySqlSourceConnector source = MySqlSourceConnector.open(endpoint, 1)) {
      List<TableDefinition> tables = source.discover(t -> t.name().equals("items"));
      assertThatThrownBy(() -> source.openCapture(new CaptureRequest("t", tables,
          CaptureRequest.Start.EXISTING, Optional.of(BinlogPosition.parse("mysql-bin.999999:4")))))
          .isInstanceOf(OpenDmsException.class)
          .hasMessageContaining("binlog file mysql-bin.999999")
          .hasMessageContaining("reload-target");
    }
  }

  private static ChangeCapture open(MySqlSourceConnector source, List<TableDefinition> tables,
      CaptureRequest.Start start) {
    return source.openCapture(new CaptureRequest("capture-it", tables, start, Optional.empty()));
  }

  /** Each table's rows by {@code table:id}, read by the snapshot reader, comparable. */
  private static Map<String, List<Object>> snapshotRows(MySqlSourceConnector source,
      List<TableDefinition> tables) {
    Map<String, List<Object>> rows = new TreeMap<>();
    try (SnapshotSession snapshot = source.openSnapshot();
        SnapshotReader reader = snapshot.openReader()) {
      for (TableDefinition table : tables) {
        reader.read(TablePartition.whole(table.id(), 0), table.columns(),
            values -> rows.put(table.id().name() + ":" + values[0], comparable(Arrays.asList(values))));
      }
    }
    return rows;
  }

  private static List<Object> comparable(List<Object> values) {
    List<Object> list = new ArrayList<>();
    values.forEach(v -> list.add(v instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : v));
    return list;
  }

  /** Columns whose values differ, short enough to read in a failure. */
  private static List<String> differences(List<Object> captured, List<Object> read) {
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < read.size(); i++) {
      if (!java.util.Objects.equals(captured.get(i), read.get(i))) {
        differences.add(i + ": captured " + shortly(captured.get(i)) + ", read " + shortly(read.get(i)));
      }
    }
    return differences;
  }

  private static String shortly(Object value) {
    String text = value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }

  private static List<RowChange> rows(List<ChangeEvent> events) {
    return events.stream().filter(RowChange.class::isInstance).map(RowChange.class::cast).toList();
  }
}

package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.PrepMode;
import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import io.opendms.testkit.TestingPostgres;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresTablePreparationIT {

  private static final TargetTable PEOPLE =
      new TargetTable(
          new TableId("tgt", "people"),
          "postgres",
          List.of(
              new Column("id", DataType.of(DmsType.INT4), false, "integer"),
              new Column("name", DataType.of(DmsType.NCLOB), true, "text")),
          List.of("id"));

  private TestingPostgres database;
  private TargetConnector target;

  @BeforeEach
  void connect() {
    database = TestingPostgres.create("prep");
    target = new PostgresTargetConnectorFactory().open(TestEndpoints.of(database));
  }

  @AfterEach
  void drop() {
    target.close();
    database.close();
  }

  private static TablePreparation mode(PrepMode mode) {
    return new TablePreparation(mode, false);
  }

  private void load(TargetTable table, Object[]... rows) {
    try (TargetSession session = target.openSession();
        RowLoad load = session.openRowLoad(table)) {
      for (Object[] row : rows) {
        load.accept(row);
      }
      assertThat(load.commit()).isEqualTo(rows.length);
    }
  }

  private String count(String table) {
    return TestEndpoints.value(database, "SELECT count(*) FROM " + table);
  }

  private String primaryKey(String table) {
    return TestEndpoints.value(
        database,
        "SELECT coalesce(string_agg(a.attname, ',' ORDER BY k.ord), '') FROM pg_index i"
            + " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord)"
            + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
            + " WHERE i.indisprimary AND i.indrelid = '"
            + table
            + "'::regclass");
  }

  @Test
  void createsSchemaTableNotNullAndPrimaryKey() {
    target.prepare(PEOPLE, mode(PrepMode.DO_NOTHING));
    assertThat(primaryKey("tgt.people")).isEqualTo("id");
    assertThat(
            TestEndpoints.value(
                database,
                "SELECT attnotnull FROM pg_attribute WHERE attrelid = 'tgt.people'::regclass AND"
                    + " attname = 'id'"))
        .isEqualTo("t");
  }

  @Test
  void doNothingKeepsExistingRows() {
    target.prepare(PEOPLE, mode(PrepMode.DO_NOTHING));
    load(PEOPLE, new Object[] {1, "a"}, new Object[] {2, null});
    target.prepare(PEOPLE, mode(PrepMode.DO_NOTHING));
    assertThat(count("tgt.people")).isEqualTo("2");
  }

  @Test
  void truncateEmptiesTheTableButKeepsItsDefinition() {
    target.prepare(PEOPLE, mode(PrepMode.TRUNCATE_BEFORE_LOAD));
    load(PEOPLE, new Object[] {1, "a"});
    database.execute(
        "CREATE INDEX people_name ON tgt.people (name)",
        "ALTER TABLE tgt.people ALTER COLUMN name SET DEFAULT 'kept'");
    target.prepare(PEOPLE, mode(PrepMode.TRUNCATE_BEFORE_LOAD));
    assertThat(count("tgt.people")).isEqualTo("0");
    assertThat(TestEndpoints.value(database, "SELECT to_regclass('tgt.people_name') IS NOT NULL"))
        .isEqualTo("t");
    assertThat(
            TestEndpoints.value(
                database,
                "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid ="
                    + " 'tgt.people'::regclass"))
        .isEqualTo("'kept'::text");
  }

  @Test
  void dropAndCreateRecreatesTheTable() {
    target.prepare(PEOPLE, mode(PrepMode.DROP_AND_CREATE));
    load(PEOPLE, new Object[] {1, "a"});
    database.execute("ALTER TABLE tgt.people ADD COLUMN extra int");
    target.prepare(PEOPLE, mode(PrepMode.DROP_AND_CREATE));
    assertThat(count("tgt.people")).isEqualTo("0");
    assertThat(
            TestEndpoints.value(
                database,
                "SELECT count(*) FROM pg_attribute WHERE attrelid = 'tgt.people'::regclass AND"
                    + " attname = 'extra'"))
        .isEqualTo("0");
  }

  @Test
  void dropAndCreateRefusesToCascadeIntoDependentObjects() {
    target.prepare(PEOPLE, mode(PrepMode.DROP_AND_CREATE));
    load(PEOPLE, new Object[] {1, "a"});
    database.execute("CREATE VIEW tgt.people_view AS SELECT name FROM tgt.people");
    assertThatThrownBy(() -> target.prepare(PEOPLE, mode(PrepMode.DROP_AND_CREATE)))
        .isInstanceOfSatisfying(
            OpenDmsException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TARGET_WRITE_FAILED))
        .hasMessageContaining("cannot drop the table")
        .hasMessageContaining("table tgt.people")
        .hasMessageContaining("people_view depends on table")
        .hasMessageContaining(TestEndpoints.of(database).describe());
    assertThat(count("tgt.people")).as("nothing changed").isEqualTo("1");
    target.prepare(PEOPLE, mode(PrepMode.DO_NOTHING)); // the connection is still usable
  }

  @Test
  void createsADeferredPrimaryKeyInKeyOrderOnComplete() {
    TargetTable pair =
        new TargetTable(
            new TableId("tgt", "pairs"),
            "postgres",
            List.of(
                new Column("a", DataType.of(DmsType.INT4), false, "integer"),
                new Column("b", DataType.of(DmsType.INT4), false, "integer")),
            List.of("b", "a"));
    TablePreparation deferred = new TablePreparation(PrepMode.DROP_AND_CREATE, true);
    target.prepare(pair, deferred);
    assertThat(primaryKey("tgt.pairs")).isEmpty();
    load(pair, new Object[] {1, 2}, new Object[] {2, 1});
    target.complete(pair, deferred);
    assertThat(primaryKey("tgt.pairs")).isEqualTo("b,a");
    target.complete(pair, deferred); // idempotent
    assertThat(primaryKey("tgt.pairs")).isEqualTo("b,a");
  }

  @Test
  void quotesIdentifiersOfAnyShape() {
    TargetTable odd =
        new TargetTable(
            new TableId("My \"Schema\"", "Tab le"),
            "postgres",
            List.of(
                new Column("Mixed Case", DataType.of(DmsType.INT4), false, "integer"),
                new Column("quo\"te", DataType.of(DmsType.NCLOB), true, "text"),
                new Column("select", DataType.of(DmsType.NCLOB), true, "text")),
            List.of("Mixed Case"));
    target.prepare(odd, mode(PrepMode.DROP_AND_CREATE));
    load(odd, new Object[] {1, "x", "y"});
    assertThat(
            TestEndpoints.rows(
                database,
                "SELECT \"Mixed Case\", \"quo\"\"te\", \"select\" FROM \"My \"\"Schema\"\"\".\"Tab"
                    + " le\""))
        .containsExactly(List.of("1", "x", "y"));
    assertThat(target.importFormats(odd))
        .containsExactly(PostgresEngine.COPY_BINARY, PostgresEngine.COPY_TEXT);
  }

  @Test
  void createsEnumTypesInTheSchemaOfTheirOwnNameForEnumsAndEnumArrays() {
    List<String> labels = List.of("a", "b c", "it's", "back\\slash");
    TargetTable moods =
        new TargetTable(
            new TableId("tgt", "moods"),
            "postgres",
            List.of(
                new Column("id", DataType.of(DmsType.INT4), false, "integer"),
                new Column(
                    "many", DataType.of(DmsType.NCLOB), true, "\"Enum S\".\"Mood\"[]", labels),
                new Column(
                    "one",
                    DataType.string(DmsType.WSTRING, 10),
                    true,
                    "\"Enum S\".\"Mood\"",
                    labels)),
            List.of("id"));
    target.prepare(moods, mode(PrepMode.DROP_AND_CREATE));
    assertThat(TestEndpoints.value(database, "SELECT enum_range(NULL::\"Enum S\".\"Mood\")::text"))
        .isEqualTo("{a,\"b c\",it's,\"back\\\\slash\"}");
    load(moods, new Object[] {1, "{a,\"it's\"}", "b c"});
    assertThat(target.importFormats(moods)).containsExactly(PostgresEngine.COPY_TEXT);
    target.prepare(moods, mode(PrepMode.DROP_AND_CREATE)); // the type exists now: reused
  }

  @Test
  void offersBinaryOnlyForIdenticalColumnTypesAndNothingForMissingColumns() {
    assertThat(target.importFormats(PEOPLE)).isEmpty();
    target.prepare(PEOPLE, mode(PrepMode.DROP_AND_CREATE));
    assertThat(target.importFormats(PEOPLE))
        .containsExactly(PostgresEngine.COPY_BINARY, PostgresEngine.COPY_TEXT);
    assertThat(
            target.importFormats(
                new TargetTable(PEOPLE.id(), "mysql", PEOPLE.columns(), PEOPLE.primaryKey())))
        .isEmpty();
    database.execute("ALTER TABLE tgt.people ALTER COLUMN name TYPE varchar(10)");
    assertThat(target.importFormats(PEOPLE)).containsExactly(PostgresEngine.COPY_TEXT);
    database.execute("ALTER TABLE tgt.people DROP COLUMN name");
    assertThat(target.importFormats(PEOPLE)).isEmpty();
  }

  @Test
  void closingALoadWithoutCommitRollsBackAndTheSessionStaysUsable() {
    target.prepare(PEOPLE, mode(PrepMode.DROP_AND_CREATE));
    try (TargetSession session = target.openSession()) {
      try (RowLoad load = session.openRowLoad(PEOPLE)) {
        load.accept(new Object[] {1, "never committed"});
      }
      assertThat(count("tgt.people")).isEqualTo("0");
      try (RowLoad load = session.openRowLoad(PEOPLE)) {
        load.accept(new Object[] {2, "committed"});
        assertThat(load.commit()).isEqualTo(1);
      }
    }
    assertThat(TestEndpoints.rows(database, "SELECT id, name FROM tgt.people"))
        .containsExactly(List.of("2", "committed"));
  }

  @Test
  void aValueTheColumnRejectsFailsTheLoadNamingTableAndColumn() {
    target.prepare(PEOPLE, mode(PrepMode.DROP_AND_CREATE));
    try (TargetSession session = target.openSession()) {
      assertThatThrownBy(
              () -> {
                try (RowLoad load = session.openRowLoad(PEOPLE)) {
                  load.accept(new Object[] {"not a number", "x"});
                  load.commit();
                }
              })
          .isInstanceOfSatisfying(
              OpenDmsException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.TARGET_WRITE_FAILED))
          .hasMessageContaining("table tgt.people")
          .hasMessageContaining("column id")
          .hasMessageContaining("invalid input syntax for type integer");
      assertThatThrownBy(() -> session.openRowLoad(PEOPLE).accept(new Object[] {1, "nul\u0000"}))
          .isInstanceOf(OpenDmsException.class)
          .hasMessageContaining("column name")
          .hasMessageContaining("U+0000");
    }
    assertThat(count("tgt.people")).isEqualTo("0");
  }
}

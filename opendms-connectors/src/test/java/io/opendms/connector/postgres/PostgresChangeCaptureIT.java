package io.opendms.connector.postgres;

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
import io.opendms.spi.position.PgLsn;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.testkit.TestingPostgres;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresChangeCaptureIT {
  private static TestingPostgres db;
  private static EndpointConfig endpoint;
  private static final String TASK = "capture-it-" + System.nanoTime();

  @BeforeAll
  static void createTables() {
    db = TestingPostgres.create("capture_it");
    db.execute(
        "CREATE TABLE public.items (id int PRIMARY KEY, name text, price numeric(10,2), at timestamptz)",
        "CREATE TABLE public.nokey (a int, b text)",
        "ALTER TABLE public.nokey REPLICA IDENTITY FULL",
        "CREATE TABLE public.other (id int PRIMARY KEY)");
    endpoint = TestEndpoints.of(db);
  }

  @AfterEach
  void dropSlot() {
    try (PostgresSourceConnector source = PostgresSourceConnector.open(endpoint, 1)) {
      source.dropCapture(TASK);
    }
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  @Test
  void streamsCommittedTransactionsAsCanonicalChanges() throws Exception {
    try (PostgresSourceConnector source = PostgresSourceConnector.open(endpoint, 1)) {
      List<TableDefinition> tables = source.discover(t -> !t.name().equals("other"));
      try (ChangeCapture capture = source.openCapture(
          new CaptureRequest(TASK, tables, CaptureRequest.Start.CREATE, Optional.empty()))) {
        db.execute(
            "INSERT INTO public.items VALUES (1, 'a\tb', 1.50, '2024-01-02 03:04:05+00'), (2, NULL, NULL, NULL)",
            "UPDATE public.items SET name = 'x' WHERE id = 1",
            "UPDATE public.items SET id = 3 WHERE id = 2",
            "DELETE FROM public.items WHERE id = 3",
            "INSERT INTO public.other VALUES (1)",
            "INSERT INTO public.nokey VALUES (1, 'n')",
            "UPDATE public.nokey SET b = 'm'",
            "TRUNCATE public.nokey");
        List<ChangeEvent> events = streamUntil(capture, 7);
        List<RowChange> rows = events.stream().filter(RowChange.class::isInstance).map(RowChange.class::cast).toList();
        assertThat(rows).hasSize(7);
        assertThat(rows.get(0).after()).containsExactly(1, "a\tb", new BigDecimal("1.50"),
            Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(rows.get(2).operation()).isEqualTo(Operation.UPDATE);
        assertThat(rows.get(2).before()).isNull();
        assertThat(rows.get(2).after().get(1)).isEqualTo("x");
        assertThat(rows.get(3).before()).containsExactly(2, null, null, null);
        assertThat(rows.get(3).after().get(0)).isEqualTo(3);
        assertThat(rows.get(4).operation()).isEqualTo(Operation.DELETE);
        assertThat(rows.get(4).before().get(0)).isEqualTo(3);
        assertThat(rows.get(6).before()).containsExactly(1, "n");
        assertThat(events.stream().filter(Truncate.class::isInstance)).hasSize(1);
        assertThat(events.get(0)).isInstanceOf(Begin.class);
        Commit last = (Commit) events.get(events.size() - 1);
        assertThat((PgLsn) last.position()).isGreaterThan((PgLsn) capture.startPosition());
      }
    }
  }

  @Test
  void aChangedTableIsADdlEventWithRenamesAndItsDropIsOneToo() throws Exception {
    db.execute("CREATE TABLE public.shaped (id int PRIMARY KEY, note text, gone text, qty int)",
        "CREATE TABLE public.doomed (id int PRIMARY KEY)");
    try (PostgresSourceConnector source = PostgresSourceConnector.open(endpoint, 1)) {
      List<TableDefinition> tables = source.discover(t -> t.name().equals("shaped") || t.name().equals("doomed"));
      try (ChangeCapture capture = source.openCapture(
          new CaptureRequest(TASK, tables, CaptureRequest.Start.CREATE, Optional.empty()))) {
        db.execute("INSERT INTO public.shaped VALUES (1, 'a', 'g', 1)",
            "ALTER TABLE public.shaped RENAME COLUMN note TO remark",
            "ALTER TABLE public.shaped DROP COLUMN gone",
            "ALTER TABLE public.shaped ALTER COLUMN qty TYPE bigint",
            "ALTER TABLE public.shaped ADD COLUMN extra varchar(5)",
            "INSERT INTO public.shaped VALUES (2, 'b', 5000000000, 'x')",
            "DROP TABLE public.doomed");
        List<ChangeEvent> events = streamUntil(capture, 3);
        List<SchemaChange> ddl = events.stream().filter(SchemaChange.class::isInstance)
            .map(SchemaChange.class::cast).toList();
        assertThat(ddl).hasSize(2);
        assertThat(ddl.get(0).columnChanges()).extracting(c -> c.kind() + " " + c.name())
            .containsExactly("DROP_COLUMN gone", "RENAME_COLUMN note", "CHANGE_COLUMN_TYPE qty",
                "ADD_COLUMN extra");
        assertThat(ddl.get(0).columns()).extracting(c -> c.name() + " " + c.nativeType())
            .containsExactly("id integer", "remark text", "qty bigint", "extra character varying(5)");
        List<RowChange> rows = events.stream().filter(RowChange.class::isInstance).map(RowChange.class::cast).toList();
        assertThat(rows.get(1).after()).containsExactly(2, "b", 5000000000L, "x");
        assertThat(ddl.get(1)).isEqualTo(SchemaChange.dropped(new TableId("public", "doomed"),
            Optional.of("DROP TABLE \"public\".\"doomed\"")));
      }
    }
  }

  @Test
  void aDroppedSlotIsAClearError() {
    try (PostgresSourceConnector source = PostgresSourceConnector.open(endpoint, 1)) {
      List<TableDefinition> tables = source.discover(t -> t.name().equals("items"));
      source.openCapture(new CaptureRequest(TASK, tables, CaptureRequest.Start.CREATE, Optional.empty())).close();
      source.dropCapture(TASK);
      assertThatThrownBy(() -> source.openCapture(
              new CaptureRequest(TASK, tables, CaptureRequest.Start.EXISTING, Optional.empty())))
          .isInstanceOf(OpenDmsException.class)
          .hasMessageContaining("replication slot " + CaptureSettings.defaultSlotName(TASK))
          .hasMessageContaining("does not exist");
    }
  }

  @Test
  void tablesWithoutKeyOrFullIdentityAreNamedBeforeCapture() {
    db.execute("CREATE TABLE IF NOT EXISTS public.bare (a int)");
    try (PostgresSourceConnector source = PostgresSourceConnector.open(endpoint, 1)) {
      List<TableDefinition> tables = source.discover(t -> true);
      assertThat(source.captureWarnings(tables)).singleElement().asString()
          .contains("public.bare").contains("REPLICA IDENTITY FULL");
    } finally {
      db.execute("DROP TABLE public.bare");
    }
  }

  @Test
  void theSlotAdvancesWhenOnlyOtherTablesChange() throws Exception {
    try (PostgresSourceConnector source = PostgresSourceConnector.open(endpoint, 1)) {
      List<TableDefinition> tables = source.discover(t -> t.name().equals("items"));
      try (ChangeCapture capture = source.openCapture(
          new CaptureRequest(TASK, tables, CaptureRequest.Start.CREATE, Optional.empty()))) {
        String before = confirmedFlush();
        Thread thread = new Thread(() -> capture.stream(event -> { }));
        thread.start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (confirmedFlush().equals(before) && System.currentTimeMillis() < deadline) {
          db.execute("INSERT INTO public.other SELECT coalesce(max(id), 0) + 1 FROM public.other");
          Thread.sleep(500);
        }
        capture.stop();
        thread.join(10_000);
        assertThat(PgLsn.parse(confirmedFlush())).isGreaterThan(PgLsn.parse(before));
      }
    }
  }

  private static String confirmedFlush() {
    return TestEndpoints.value(db, "SELECT confirmed_flush_lsn::text FROM pg_replication_slots"
        + " WHERE slot_name = '" + CaptureSettings.defaultSlotName(TASK) + "'");
  }
}

package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.change.ApplyConflict;
import io.opendms.spi.change.ApplyConflict.Kind;
import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.ApplyResolution;
import io.opendms.spi.change.ChangeApplier;
import io.opendms.spi.change.ControlTables;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.RowChange.Operation;
import io.opendms.spi.change.StoredPosition;
import io.opendms.spi.change.TaskProgress;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.position.PgLsn;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import io.opendms.testkit.TestingPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Changes the target really refuses: the target has a unique constraint the source lacks, a
 * narrower column, rows deleted before their update or delete arrives. Each policy answer is
 * carried out in the transaction of the other changes, in both apply modes.
 */
class PostgresApplyConflictIT {

  private static final TableId T = new TableId("public", "t");
  private static final TableId U = new TableId("public", "u");
  private static final String SOURCE_DDL = "CREATE TABLE public.t (id int PRIMARY KEY, code text, note varchar(20));"
      + " CREATE TABLE public.u (id int PRIMARY KEY, v text)";
  private static final String TARGET_DDL = "CREATE TABLE public.t (id int PRIMARY KEY, code text UNIQUE, note varchar(5));"
      + " CREATE TABLE public.u (id int PRIMARY KEY, v text);"
      + " INSERT INTO public.t VALUES (1, 'a', NULL), (2, 'b', NULL)";

  /** One transaction with four refused changes among good ones. */
  private static List<RowChange> changes() {
    return List.of(
        insert(T, 3, "c", "ok"),
        insert(T, 1, "x", null), // the key exists
        new RowChange(T, Operation.UPDATE, null, row(9, "z", "n"), List.of()), // no row 9
        new RowChange(T, Operation.DELETE, row(8, null, null), null, List.of()), // no row 8
        insert(T, 4, "a", null), // code 'a' is unique on the target only
        insert(T, 5, "e", "much too long"), // note is varchar(5) on the target
        new RowChange(T, Operation.UPDATE, null, row(2, "b", "fine"), List.of()),
        insert(U, 1, "u1"));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void loggedChangesAreSkippedAndRecordedWithTheRestCommitted(boolean batch) {
    try (Databases db = new Databases()) {
      List<ApplyConflict> seen = new ArrayList<>();
      db.apply(batch, c -> {
        seen.add(c);
        return ApplyResolution.LOG;
      }, changes());
      assertThat(seen).extracting(ApplyConflict::kind).containsExactly(
          Kind.DUPLICATE_KEY, Kind.ROW_NOT_FOUND, Kind.ROW_NOT_FOUND, Kind.DUPLICATE_KEY, Kind.TRUNCATION);
      assertThat(db.rows("SELECT * FROM public.t ORDER BY id")).containsExactly(
          List.of("1", "a", "-"), List.of("2", "b", "fine"), List.of("3", "c", "ok"));
      assertThat(db.rows("SELECT * FROM public.u")).containsExactly(List.of("1", "u1"));
      List<List<String>> logged = db.rows("SELECT task_name, table_owner, table_name, statement, error"
          + " FROM ctl.awsdms_apply_exceptions ORDER BY error_time, statement");
      assertThat(logged).hasSize(5).allSatisfy(r -> assertThat(r.subList(0, 3))
          .containsExactly("conflict-task", "public", "t"));
      assertThat(logged).extracting(r -> r.get(3)).containsExactlyInAnyOrder(
          "INSERT INTO \"public\".\"t\" (\"id\", \"code\", \"note\") VALUES (CAST('1' AS integer),"
              + " CAST('x' AS text), CAST(NULL AS character varying(20)))",
          "UPDATE \"public\".\"t\" SET \"id\" = CAST('9' AS integer), \"code\" = CAST('z' AS text),"
              + " \"note\" = CAST('n' AS character varying(20)) WHERE \"id\" = CAST('9' AS integer)",
          "DELETE FROM \"public\".\"t\" WHERE \"id\" = CAST('8' AS integer)",
          "INSERT INTO \"public\".\"t\" (\"id\", \"code\", \"note\") VALUES (CAST('4' AS integer),"
              + " CAST('a' AS text), CAST(NULL AS character varying(20)))",
          "INSERT INTO \"public\".\"t\" (\"id\", \"code\", \"note\") VALUES (CAST('5' AS integer),"
              + " CAST('e' AS text), CAST('much too long' AS character varying(20)))");
      assertThat(logged).extracting(r -> r.get(4)).anySatisfy(e -> assertThat(e).contains("23505"))
          .anySatisfy(e -> assertThat(e).contains("22001")).anySatisfy(e -> assertThat(e).contains("matched no row"));
      assertThat(db.rows("SELECT source_position FROM ctl.awsdms_cdc_position"))
          .containsExactly(List.of("0/10"));
      assertThat(db.rows("SELECT to_regclass('ctl.awsdms_status') IS NULL, to_regclass('ctl.awsdms_history') IS NULL,"
          + " to_regclass('ctl.awsdms_suspended_tables') IS NULL")).as("optional control tables are off by default")
          .containsExactly(List.of("t", "t", "t"));
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void upsertUpdatesTheDuplicateAndInsertsTheMissingRowAndLogsWhatStillFails(boolean batch) {
    try (Databases db = new Databases()) {
      db.apply(batch, c -> c.kind() == Kind.DUPLICATE_KEY || c.kind() == Kind.ROW_NOT_FOUND
          && c.change().operation() == Operation.UPDATE ? ApplyResolution.UPSERT : ApplyResolution.SKIP, changes());
      assertThat(db.rows("SELECT * FROM public.t ORDER BY id")).containsExactly(
          List.of("1", "x", "-"), List.of("2", "b", "fine"), List.of("3", "c", "ok"),
          List.of("4", "a", "-"), List.of("9", "z", "n"));
      // row 1 no longer holds code 'a' once the duplicate insert updated it, so row 4 fits
      assertThat(db.rows("SELECT statement FROM ctl.awsdms_apply_exceptions")).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aSuspendedTableGetsNoFurtherChangesWhileOtherTablesDo(boolean batch) {
    try (Databases db = new Databases()) {
      List<ApplyConflict> seen = new ArrayList<>();
      ChangeApplier applier = db.apply(batch, c -> {
        seen.add(c);
        return ApplyResolution.SUSPEND_TABLE;
      }, changes(), new ControlTables(true, true, true, Duration.ofMinutes(7)));
      assertThat(seen).hasSize(1);
      assertThat(db.rows("SELECT * FROM public.t ORDER BY id")).containsExactly(
          List.of("1", "a", "-"), List.of("2", "b", "-"), List.of("3", "c", "ok"));
      assertThat(db.rows("SELECT * FROM public.u")).containsExactly(List.of("1", "u1"));
      assertThat(db.rows("SELECT table_name FROM ctl.awsdms_apply_exceptions")).containsExactly(List.of("t"));
      assertThat(db.rows("SELECT task_name, table_owner, table_name, split_part(suspend_reason, ':', 1)"
          + " FROM ctl.awsdms_suspended_tables")).containsExactly(List.of("conflict-task", "public", "t", "DUPLICATE_KEY"));
      // current: what the capture read; tail: the applied position, where a restart loses nothing
      assertThat(db.rows("SELECT task_status, source_current_position, source_current_timestamp,"
          + " source_tail_position, source_tail_timestamp, source_timestamp_applied,"
          + " status_time > now() AT TIME ZONE 'UTC' - interval '1 minute', pending_changes, disk_swap_size,"
          + " task_memory FROM ctl.awsdms_status"))
          .containsExactly(List.of("CHANGE PROCESSING (CDC)", "0/20", "2026-01-01 00:00:05", "0/10",
              "2026-01-01 00:00:00", "2026-01-01 00:00:00", "t", "5", "4096", "64"));
      String history = "SELECT timeslot_type, timeslot_duration, sum(timeslot_records), sum(timeslot_volume),"
          + " bool_and(extract(epoch FROM timeslot)::bigint % 420 = 0) FROM ctl.awsdms_history"
          + " GROUP BY timeslot_type, timeslot_duration";
      assertThat(db.rows(history)).as("7-minute slots, 3/4 MB rounded up")
          .containsExactly(List.of("CHANGE PROCESSING", "7", "8", "1", "t"));
      db.applyMore(applier, List.of(insert(T, 20, "later", null), insert(U, 2, "u2")));
      assertThat(db.rows("SELECT count(*) FROM public.t WHERE id = 20")).containsExactly(List.of("0"));
      assertThat(db.rows("SELECT count(*) FROM public.u")).containsExactly(List.of("2"));
      // 1.5 MB in the slot, or 3/4 MB in each of two if it turned between the commits
      assertThat(db.rows(history)).as("records and volume add up")
          .containsExactly(List.of("CHANGE PROCESSING", "7", "10", "2", "t"));
    }
  }

  @Test
  void aFullLoadIsRecordedAsFullLoadStatusAndTimeslots() {
    try (Databases db = new Databases()) {
      PostgresTargetConnector to = PostgresTargetConnector.open(TestEndpoints.of(db.target));
      db.open.add(to);
      try (ChangeApplier recorder = to.openApplier(new ApplyRequest("load-task", List.of(), false, "ctl",
          c -> ApplyResolution.STOP, new ControlTables(true, false, true, Duration.ofMinutes(5))))) {
        StoredPosition restart = new StoredPosition("0/16B3748", Instant.parse("2026-01-01T00:00:00Z"));
        recorder.recordFullLoad(0, 0, restart, TaskProgress.UNKNOWN);
        recorder.recordFullLoad(1000, 5 << 20, restart, new TaskProgress(3, 0, 1 << 20, Optional.of("0/16B4000"),
            Optional.of(Instant.parse("2026-01-01T00:00:09Z"))));
      }
      assertThat(db.rows("SELECT task_status, pending_changes, task_memory, source_current_position,"
          + " source_tail_position, source_tail_timestamp, source_timestamp_applied FROM ctl.awsdms_status"
          + " WHERE task_name = 'load-task'")).containsExactly(
              List.of("FULL LOAD", "3", "1", "0/16B4000", "0/16B3748", "2026-01-01 00:00:00", "-"));
      assertThat(db.rows("SELECT timeslot_type, sum(timeslot_records), sum(timeslot_volume),"
          + " count(timeslot_latency) FROM ctl.awsdms_history WHERE task_name = 'load-task' GROUP BY 1"))
          .containsExactly(List.of("FULL LOAD", "1000", "5", "0"));
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void stopRollsBackTheWholeTransactionAndFailsNamingTheTable(boolean batch) {
    try (Databases db = new Databases()) {
      assertThatThrownBy(() -> db.apply(batch, c -> ApplyResolution.STOP, changes()))
          .isInstanceOf(OpenDmsException.class).hasMessageContaining("public.t")
          .hasMessageContaining("error policy stops the task");
      assertThat(db.rows("SELECT count(*) FROM public.t")).containsExactly(List.of("2"));
      assertThat(db.rows("SELECT count(*) FROM public.u")).containsExactly(List.of("0"));
      assertThat(db.rows("SELECT count(*) FROM ctl.awsdms_cdc_position")).containsExactly(List.of("0"));
    }
  }

  private static RowChange insert(TableId table, Object... values) {
    return new RowChange(table, Operation.INSERT, null, Arrays.asList(values), List.of());
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  /** A source database to describe the tables, a target database narrower than it. */
  private static final class Databases implements AutoCloseable {
    private final TestingPostgres source = TestingPostgres.create("conflict_src");
    private final TestingPostgres target = TestingPostgres.create("conflict_dst");
    private final List<AutoCloseable> open = new ArrayList<>();

    Databases() {
      source.execute(SOURCE_DDL);
      target.execute(TARGET_DDL);
    }

    /** Applies the changes as one transaction and commits; returns the applier, still open. */
    ChangeApplier apply(boolean batch, Function<ApplyConflict, ApplyResolution> policy,
        List<RowChange> changes) {
      return apply(batch, policy, changes, ControlTables.NONE);
    }

    ChangeApplier apply(boolean batch, Function<ApplyConflict, ApplyResolution> policy,
        List<RowChange> changes, ControlTables controlTables) {
      List<TableDefinition> tables;
      try (PostgresSourceConnector from = PostgresSourceConnector.open(TestEndpoints.of(source), 1)) {
        tables = from.discover(t -> true);
      }
      List<TargetTable> targets = tables.stream()
          .map(t -> new TargetTable(t.id(), t.engine(), t.columns(), t.primaryKey())).toList();
      PostgresTargetConnector to = PostgresTargetConnector.open(TestEndpoints.of(target));
      open.add(to);
      ChangeApplier applier = to.openApplier(
          new ApplyRequest("conflict-task", targets, batch, "ctl", policy::apply, controlTables));
      open.add(0, applier);
      applyMore(applier, changes);
      return applier;
    }

    void applyMore(ChangeApplier applier, List<RowChange> changes) {
      changes.forEach(applier::apply);
      // 3/4 MB per commit; the capture read on to 0/20, 5 changes wait, 4 KB spilled
      applier.commit(PgLsn.parse("0/10"), Instant.parse("2026-01-01T00:00:00Z"), 3 << 18,
          new TaskProgress(5, 4096, 64 << 20, Optional.of("0/20"), Optional.of(Instant.parse("2026-01-01T00:00:05Z"))));
    }

    List<List<String>> rows(String sql) {
      List<List<String>> rows = new ArrayList<>();
      for (List<String> row : TestEndpoints.rows(target, sql)) {
        rows.add(row.stream().map(v -> v == null ? "-" : v).toList());
      }
      return rows;
    }

    @Override
    public void close() {
      for (AutoCloseable c : open) {
        try {
          c.close();
        } catch (Exception ignored) {
          // the databases are dropped next
        }
      }
      target.close();
      source.close();
    }
  }
}

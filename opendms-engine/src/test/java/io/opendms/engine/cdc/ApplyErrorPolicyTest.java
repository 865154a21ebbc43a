package io.opendms.engine.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.engine.settings.ErrorBehaviorSettings;
import io.opendms.engine.settings.TaskSettings;
import io.opendms.spi.change.ApplyConflict;
import io.opendms.spi.change.ApplyConflict.Kind;
import io.opendms.spi.change.ApplyResolution;
import io.opendms.spi.change.Begin;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.RowChange.Operation;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.table.TableId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplyErrorPolicyTest {

  private static final TableId T = new TableId("public", "t");
  private static final TableId U = new TableId("public", "u");

  @Test
  void dmsDefaultsIgnoreAMissingDeleteAndLogTheRest() {
    ApplyErrorPolicy policy = policy("{}");
    assertThat(policy.resolve(conflict(T, Operation.DELETE, Kind.ROW_NOT_FOUND))).isEqualTo(ApplyResolution.SKIP);
    assertThat(policy.resolve(conflict(T, Operation.UPDATE, Kind.ROW_NOT_FOUND))).isEqualTo(ApplyResolution.LOG);
    assertThat(policy.resolve(conflict(T, Operation.INSERT, Kind.DUPLICATE_KEY))).isEqualTo(ApplyResolution.LOG);
    assertThat(policy.resolve(conflict(T, Operation.INSERT, Kind.TRUNCATION))).isEqualTo(ApplyResolution.LOG);
    assertThat(policy.resolve(conflict(T, Operation.UPDATE, Kind.DATA_ERROR))).isEqualTo(ApplyResolution.LOG);
    assertThat(policy.suspended()).isEmpty();
  }

  @Test
  void eachKindFollowsItsOwnPolicy() {
    ApplyErrorPolicy policy = policy("""
        {"ErrorBehavior": {"ApplyErrorDeletePolicy": "STOP_TASK", "ApplyErrorInsertPolicy": "INSERT_RECORD",
         "ApplyErrorUpdatePolicy": "UPDATE_RECORD", "DataTruncationErrorPolicy": "IGNORE_RECORD",
         "DataErrorPolicy": "SUSPEND_TABLE"}}""");
    assertThat(policy.resolve(conflict(T, Operation.DELETE, Kind.ROW_NOT_FOUND))).isEqualTo(ApplyResolution.STOP);
    assertThat(policy.resolve(conflict(T, Operation.INSERT, Kind.DUPLICATE_KEY))).isEqualTo(ApplyResolution.UPSERT);
    assertThat(policy.resolve(conflict(T, Operation.UPDATE, Kind.ROW_NOT_FOUND))).isEqualTo(ApplyResolution.UPSERT);
    assertThat(policy.resolve(conflict(T, Operation.INSERT, Kind.TRUNCATION))).isEqualTo(ApplyResolution.SKIP);
    assertThat(policy.resolve(conflict(U, Operation.UPDATE, Kind.DATA_ERROR))).isEqualTo(ApplyResolution.SUSPEND_TABLE);
    assertThat(policy.suspended()).containsOnlyKeys(U);
    assertThat(policy.isSuspended(U)).isTrue();
    assertThat(policy.isSuspended(T)).isFalse();
  }

  @Test
  void applyErrorsOfOneTableEscalateAtTheCount() {
    ApplyErrorPolicy policy = policy("""
        {"ErrorBehavior": {"ApplyErrorEscalationCount": 3, "ApplyErrorEscalationPolicy": "SUSPEND_TABLE"}}""");
    assertThat(policy.resolve(conflict(T, Operation.INSERT, Kind.DUPLICATE_KEY))).isEqualTo(ApplyResolution.LOG);
    assertThat(policy.resolve(conflict(T, Operation.UPDATE, Kind.ROW_NOT_FOUND))).isEqualTo(ApplyResolution.LOG);
    assertThat(policy.resolve(conflict(U, Operation.UPDATE, Kind.ROW_NOT_FOUND))).isEqualTo(ApplyResolution.LOG);
    // data errors count apart
    assertThat(policy.resolve(conflict(T, Operation.UPDATE, Kind.DATA_ERROR))).isEqualTo(ApplyResolution.LOG);
    assertThat(policy.resolve(conflict(T, Operation.DELETE, Kind.ROW_NOT_FOUND))).isEqualTo(ApplyResolution.SUSPEND_TABLE);
    assertThat(policy.suspended()).containsOnlyKeys(T);
  }

  @Test
  void dataErrorsEscalateToStopTask() {
    ApplyErrorPolicy policy = policy("""
        {"ErrorBehavior": {"DataErrorEscalationCount": 2, "DataErrorEscalationPolicy": "STOP_TASK"}}""");
    assertThat(policy.resolve(conflict(T, Operation.INSERT, Kind.TRUNCATION))).isEqualTo(ApplyResolution.LOG);
    assertThat(policy.resolve(conflict(T, Operation.INSERT, Kind.DATA_ERROR))).isEqualTo(ApplyResolution.STOP);
  }

  @Test
  void recordPoliciesOnlyUpsertTheConflictTheyAreFor() {
    ApplyErrorPolicy policy = policy("""
        {"ErrorBehavior": {"ApplyErrorUpdatePolicy": "UPDATE_RECORD"}}""");
    assertThat(policy.resolve(conflict(T, Operation.UPDATE, Kind.ROW_NOT_FOUND))).isEqualTo(ApplyResolution.UPSERT);
    assertThat(policy.resolve(conflict(T, Operation.INSERT, Kind.DUPLICATE_KEY))).isEqualTo(ApplyResolution.LOG);
  }

  @Test
  void conflictsOfChangesCachedDuringTheFullLoadAreIgnoredUnlessFullLoadIgnoreConflictsIsFalse() {
    Instant loaded = Instant.parse("2026-01-01T00:00:10Z");
    Begin cachedTx = new Begin(1, loaded.minusSeconds(5));
    Begin laterTx = new Begin(2, loaded.plusSeconds(5));
    ApplyErrorPolicy policy = policy("{}");
    policy.fullLoadCompleted(loaded);
    ChangeRouting routing = policy.routing(ChangeRouting.renaming(Map.of(T, T)));
    RowChange cachedInsert = (RowChange) routing.route(row(T), cachedTx);
    RowChange laterInsert = (RowChange) routing.route(row(T), laterTx);
    assertThat(policy.resolve(conflictOf(cachedInsert, Kind.DUPLICATE_KEY))).isEqualTo(ApplyResolution.SKIP);
    assertThat(policy.resolve(conflictOf(cachedInsert, Kind.TRUNCATION))).isEqualTo(ApplyResolution.LOG);
    assertThat(policy.resolve(conflictOf(laterInsert, Kind.DUPLICATE_KEY))).isEqualTo(ApplyResolution.LOG);
    // once a later transaction came, nothing is cached any more
    RowChange afterThat = (RowChange) routing.route(row(T), cachedTx);
    assertThat(policy.resolve(conflictOf(afterThat, Kind.DUPLICATE_KEY))).isEqualTo(ApplyResolution.LOG);

    ApplyErrorPolicy strict = policy("{\"ErrorBehavior\": {\"FullLoadIgnoreConflicts\": false}}");
    strict.fullLoadCompleted(loaded);
    RowChange strictCached = (RowChange) strict.routing(ChangeRouting.renaming(Map.of(T, T))).route(row(T), cachedTx);
    assertThat(strict.resolve(conflictOf(strictCached, Kind.DUPLICATE_KEY))).isEqualTo(ApplyResolution.LOG);
  }

  @Test
  void routingDropsChangesOfSuspendedTablesAndTheirPartOfATruncate() {
    ChangeRouting routing = ChangeRouting.skipping(
        ChangeRouting.renaming(Map.of(T, T, U, U)), U::equals);
    Begin begin = null;
    assertThat(routing.route(row(U), begin)).isNull();
    assertThat(routing.route(row(T), begin)).isEqualTo(row(T));
    assertThat(routing.route(new Truncate(List.of(T, U), false), begin))
        .isEqualTo(new Truncate(List.of(T), false));
    assertThat(routing.route(new Truncate(List.of(U), false), begin)).isNull();
  }

  private static ApplyErrorPolicy policy(String json) {
    ErrorBehaviorSettings settings = TaskSettings.parse(json).errorBehavior();
    return new ApplyErrorPolicy("task", settings);
  }

  private static RowChange row(TableId table) {
    return new RowChange(table, Operation.INSERT, null, List.of(1), List.of());
  }

  private static ApplyConflict conflictOf(RowChange change, Kind kind) {
    return new ApplyConflict(change, kind, "statement", "error", null);
  }

  private static ApplyConflict conflict(TableId table, Operation operation, Kind kind) {
    RowChange change = new RowChange(table, operation, operation == Operation.INSERT ? null : List.of(1),
        operation == Operation.DELETE ? null : List.of(1), List.of());
    return new ApplyConflict(change, kind, "statement", "error", null);
  }
}

package io.opendms.engine.settings;

import static io.opendms.engine.settings.ErrorPolicy.IGNORE;
import static io.opendms.engine.settings.ErrorPolicy.IGNORE_RECORD;
import static io.opendms.engine.settings.ErrorPolicy.INSERT_RECORD;
import static io.opendms.engine.settings.ErrorPolicy.LOG_ERROR;
import static io.opendms.engine.settings.ErrorPolicy.STOP_TASK;
import static io.opendms.engine.settings.ErrorPolicy.SUSPEND_TABLE;
import static io.opendms.engine.settings.ErrorPolicy.UPDATE_RECORD;
import static io.opendms.engine.settings.JsonValueTypes.bool;
import static io.opendms.engine.settings.JsonValueTypes.integer;
import static io.opendms.engine.settings.JsonValueTypes.nonNegative;
import static io.opendms.engine.settings.JsonValueTypes.oneOf;

import io.opendms.spi.settings.Setting;
import io.opendms.spi.settings.SettingGroup;
import io.opendms.spi.settings.SettingValues;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * DMS's {@code ErrorBehavior} section: what happens on data, table and apply errors, and how
 * recoverable errors are retried. The constants are the section's declarations; the record is
 * the typed view the engine reads. Escalation counts of 0 mean "no limit".
 */
public record ErrorBehaviorSettings(
    ErrorPolicy dataErrorPolicy,
    ErrorPolicy dataTruncationErrorPolicy,
    ErrorPolicy dataErrorEscalationPolicy,
    int dataErrorEscalationCount,
    ErrorPolicy tableErrorPolicy,
    ErrorPolicy tableErrorEscalationPolicy,
    int tableErrorEscalationCount,
    int recoverableErrorCount,
    Duration recoverableErrorInterval,
    boolean recoverableErrorThrottling,
    Duration recoverableErrorThrottlingMax,
    boolean recoverableErrorStopRetryAfterThrottlingMax,
    ErrorPolicy applyErrorDeletePolicy,
    ErrorPolicy applyErrorInsertPolicy,
    ErrorPolicy applyErrorUpdatePolicy,
    ErrorPolicy applyErrorEscalationPolicy,
    int applyErrorEscalationCount,
    boolean applyErrorFailOnTruncationDdl,
    boolean fullLoadIgnoreConflicts,
    boolean failOnTransactionConsistencyBreached,
    boolean failOnNoTablesCaptured) {

  public static final Setting<ErrorPolicy> DATA_ERROR_POLICY =
      Setting.of("DataErrorPolicy", oneOf(IGNORE_RECORD, LOG_ERROR, SUSPEND_TABLE, STOP_TASK),
          LOG_ERROR, "What to do when a record cannot be processed because of its data.");
  public static final Setting<ErrorPolicy> DATA_TRUNCATION_ERROR_POLICY =
      Setting.of("DataTruncationErrorPolicy",
          oneOf(IGNORE_RECORD, LOG_ERROR, SUSPEND_TABLE, STOP_TASK), LOG_ERROR,
          "What to do when a value is truncated.");
  public static final Setting<ErrorPolicy> DATA_ERROR_ESCALATION_POLICY =
      Setting.of("DataErrorEscalationPolicy", oneOf(SUSPEND_TABLE, STOP_TASK), SUSPEND_TABLE,
          "What to do once DataErrorEscalationCount data errors occurred.");
  public static final Setting<Integer> DATA_ERROR_ESCALATION_COUNT =
      Setting.of("DataErrorEscalationCount", nonNegative(), 0,
          "Data errors of one table before DataErrorEscalationPolicy applies; 0 = no limit.");
  public static final Setting<ErrorPolicy> EVENT_ERROR_POLICY =
      Setting.of("EventErrorPolicy", oneOf(IGNORE, STOP_TASK), null,
          "What to do when a task event (such as a DDL) fails; IGNORE when not given. Accepted and"
              + " kept; OpenDMS does not use it: there is no separate policy for task events.");
  public static final Setting<ErrorPolicy> TABLE_ERROR_POLICY =
      Setting.of("TableErrorPolicy", oneOf(SUSPEND_TABLE, STOP_TASK), SUSPEND_TABLE,
          "What to do when a table's data or metadata cannot be processed.");
  public static final Setting<ErrorPolicy> TABLE_ERROR_ESCALATION_POLICY =
      Setting.of("TableErrorEscalationPolicy", oneOf(STOP_TASK), STOP_TASK,
          "What to do once TableErrorEscalationCount table errors occurred.");
  public static final Setting<Integer> TABLE_ERROR_ESCALATION_COUNT =
      Setting.of("TableErrorEscalationCount", nonNegative(), 0,
          "Table errors before TableErrorEscalationPolicy applies; 0 = no limit.");
  public static final Setting<Integer> RECOVERABLE_ERROR_COUNT =
      Setting.of("RecoverableErrorCount", integer(-1, Integer.MAX_VALUE), -1,
          "Restarts after a recoverable error: -1 retries forever, 0 never.");
  public static final Setting<Integer> RECOVERABLE_ERROR_INTERVAL =
      Setting.of("RecoverableErrorInterval", nonNegative(), 5,
          "Seconds between restarts after a recoverable error.");
  public static final Setting<Boolean> RECOVERABLE_ERROR_THROTTLING =
      Setting.of("RecoverableErrorThrottling", bool(), true,
          "Double the interval after each restart (5, 10, 20, ...).");
  public static final Setting<Integer> RECOVERABLE_ERROR_THROTTLING_MAX =
      Setting.of("RecoverableErrorThrottlingMax", nonNegative(), 1800,
          "Largest interval in seconds when throttling.");
  public static final Setting<Boolean> RECOVERABLE_ERROR_STOP_RETRY_AFTER_THROTTLING_MAX =
      Setting.of("RecoverableErrorStopRetryAfterThrottlingMax", bool(), true,
          "Stop retrying once the interval reached RecoverableErrorThrottlingMax.");
  public static final Setting<ErrorPolicy> APPLY_ERROR_DELETE_POLICY =
      Setting.of("ApplyErrorDeletePolicy",
          oneOf(IGNORE_RECORD, LOG_ERROR, SUSPEND_TABLE, STOP_TASK), IGNORE_RECORD,
          "What to do when an applied DELETE finds no target row.");
  public static final Setting<ErrorPolicy> APPLY_ERROR_INSERT_POLICY =
      Setting.of("ApplyErrorInsertPolicy",
          oneOf(IGNORE_RECORD, LOG_ERROR, SUSPEND_TABLE, STOP_TASK, INSERT_RECORD), LOG_ERROR,
          "What to do when an applied INSERT hits an existing key; INSERT_RECORD updates it.");
  public static final Setting<ErrorPolicy> APPLY_ERROR_UPDATE_POLICY =
      Setting.of("ApplyErrorUpdatePolicy",
          oneOf(IGNORE_RECORD, LOG_ERROR, SUSPEND_TABLE, STOP_TASK, UPDATE_RECORD), LOG_ERROR,
          "What to do when an applied UPDATE finds no target row; UPDATE_RECORD inserts it.");
  public static final Setting<ErrorPolicy> APPLY_ERROR_ESCALATION_POLICY =
      Setting.of("ApplyErrorEscalationPolicy", oneOf(LOG_ERROR, SUSPEND_TABLE, STOP_TASK),
          LOG_ERROR, "What to do once ApplyErrorEscalationCount apply errors occurred.");
  public static final Setting<Integer> APPLY_ERROR_ESCALATION_COUNT =
      Setting.of("ApplyErrorEscalationCount", nonNegative(), 0,
          "Apply errors of one table during CDC before the escalation policy; 0 = no limit.");
  public static final Setting<Boolean> APPLY_ERROR_FAIL_ON_TRUNCATION_DDL =
      Setting.of("ApplyErrorFailOnTruncationDdl", bool(), false,
          "Fail the task, without applying it, when a TRUNCATE of a replicated table is"
              + " captured; wins over ChangeProcessingDdlHandlingPolicy.HandleSourceTableTruncated.");
  public static final Setting<Boolean> FULL_LOAD_IGNORE_CONFLICTS =
      Setting.of("FullLoadIgnoreConflicts", bool(), true,
          "Ignore 'zero rows affected' and duplicate-key errors while applying cached changes.");
  public static final Setting<Boolean> FAIL_ON_TRANSACTION_CONSISTENCY_BREACHED =
      Setting.of("FailOnTransactionConsistencyBreached", bool(), false,
          "Fail instead of going on when a transaction stays open longer than"
              + " TransactionConsistencyTimeout. Accepted and kept; OpenDMS does not use it:"
              + " the full load does not wait for open transactions (see"
              + " FullLoadSettings.TransactionConsistencyTimeout), so there is nothing to breach.");
  public static final Setting<Boolean> FAIL_ON_NO_TABLES_CAPTURED =
      Setting.of("FailOnNoTablesCaptured", bool(), true,
          "Fail the task when the table mappings select no table.");

  /** The section as declared, in the order DMS writes it. */
  public static final SettingGroup GROUP =
      new SettingGroup(
          "ErrorBehavior",
          List.of(
              DATA_ERROR_POLICY, DATA_TRUNCATION_ERROR_POLICY, DATA_ERROR_ESCALATION_POLICY,
              DATA_ERROR_ESCALATION_COUNT, EVENT_ERROR_POLICY, TABLE_ERROR_POLICY,
              TABLE_ERROR_ESCALATION_POLICY, TABLE_ERROR_ESCALATION_COUNT,
              RECOVERABLE_ERROR_COUNT, RECOVERABLE_ERROR_INTERVAL, RECOVERABLE_ERROR_THROTTLING,
              RECOVERABLE_ERROR_THROTTLING_MAX, RECOVERABLE_ERROR_STOP_RETRY_AFTER_THROTTLING_MAX,
              APPLY_ERROR_DELETE_POLICY, APPLY_ERROR_INSERT_POLICY, APPLY_ERROR_UPDATE_POLICY,
              APPLY_ERROR_ESCALATION_POLICY, APPLY_ERROR_ESCALATION_COUNT,
              APPLY_ERROR_FAIL_ON_TRUNCATION_DDL, FULL_LOAD_IGNORE_CONFLICTS,
              FAIL_ON_TRANSACTION_CONSISTENCY_BREACHED, FAIL_ON_NO_TABLES_CAPTURED));

  public ErrorBehaviorSettings {
    for (Object policy :
        Arrays.asList(dataErrorPolicy, dataTruncationErrorPolicy, dataErrorEscalationPolicy,
            tableErrorPolicy, tableErrorEscalationPolicy, applyErrorDeletePolicy,
            applyErrorInsertPolicy, applyErrorUpdatePolicy, applyErrorEscalationPolicy)) {
      Objects.requireNonNull(policy, "policies must not be null");
    }
    Objects.requireNonNull(recoverableErrorInterval, "recoverableErrorInterval");
    Objects.requireNonNull(recoverableErrorThrottlingMax, "recoverableErrorThrottlingMax");
  }

  static ErrorBehaviorSettings from(SettingValues values) {
    return new ErrorBehaviorSettings(
        values.get(DATA_ERROR_POLICY),
        values.get(DATA_TRUNCATION_ERROR_POLICY),
        values.get(DATA_ERROR_ESCALATION_POLICY),
        values.get(DATA_ERROR_ESCALATION_COUNT),
        values.get(TABLE_ERROR_POLICY),
        values.get(TABLE_ERROR_ESCALATION_POLICY),
        values.get(TABLE_ERROR_ESCALATION_COUNT),
        values.get(RECOVERABLE_ERROR_COUNT),
        Duration.ofSeconds(values.get(RECOVERABLE_ERROR_INTERVAL)),
        values.get(RECOVERABLE_ERROR_THROTTLING),
        Duration.ofSeconds(values.get(RECOVERABLE_ERROR_THROTTLING_MAX)),
        values.get(RECOVERABLE_ERROR_STOP_RETRY_AFTER_THROTTLING_MAX),
        values.get(APPLY_ERROR_DELETE_POLICY),
        values.get(APPLY_ERROR_INSERT_POLICY),
        values.get(APPLY_ERROR_UPDATE_POLICY),
        values.get(APPLY_ERROR_ESCALATION_POLICY),
        values.get(APPLY_ERROR_ESCALATION_COUNT),
        values.get(APPLY_ERROR_FAIL_ON_TRUNCATION_DDL),
        values.get(FULL_LOAD_IGNORE_CONFLICTS),
        values.get(FAIL_ON_TRANSACTION_CONSISTENCY_BREACHED),
        values.get(FAIL_ON_NO_TABLES_CAPTURED));
  }
}

package io.opendms.spi.stream;

import static io.opendms.spi.settings.ValueTypes.bool;
import static io.opendms.spi.settings.ValueTypes.choice;

import io.opendms.spi.settings.Setting;
import io.opendms.spi.settings.SettingValues;
import java.util.List;
import java.util.Optional;

/**
 * The fields that {@code KafkaSettings} and {@code KinesisSettings} share and that shape a
 * message, each declared once; each target adds them to its own setting group.
 */
public final class EnvelopeSettings {
  private EnvelopeSettings() {}

  public static final Setting<String> MESSAGE_FORMAT = Setting.of("MessageFormat",
      choice("json", "json-unformatted"), "json",
      "json: indented messages; json-unformatted: one line each.");
  public static final Setting<Boolean> INCLUDE_TRANSACTION_DETAILS = Setting.of(
      "IncludeTransactionDetails", bool(), false,
      "Add transaction-id, transaction-record-id, prev-transaction-* and commit-timestamp.");
  public static final Setting<Boolean> INCLUDE_PARTITION_VALUE = Setting.of(
      "IncludePartitionValue", bool(), false, "Add partition-key-value to the metadata.");
  public static final Setting<Boolean> PARTITION_INCLUDE_SCHEMA_TABLE = Setting.of(
      "PartitionIncludeSchemaTable", bool(), false,
      "Prefix the message's partition key with schema.table.");
  public static final Setting<Boolean> INCLUDE_TABLE_ALTER_OPERATIONS = Setting.of(
      "IncludeTableAlterOperations", bool(), false,
      "Send a control record (record-type control) for each replicated DDL.");
  public static final Setting<Boolean> INCLUDE_CONTROL_DETAILS = Setting.of(
      "IncludeControlDetails", bool(), false,
      "Add the table's definition (table-def: columns, primary key) to control records.");
  public static final Setting<Boolean> INCLUDE_NULL_AND_EMPTY = Setting.of("IncludeNullAndEmpty",
      bool(), false, "Keep columns whose value is null or empty text.");
  public static final Setting<Boolean> NO_HEX_PREFIX = Setting.of("NoHexPrefix", bool(), false,
      "Write binary values as hex without the 0x prefix.");
  public static final Setting<Boolean> USE_LARGE_INTEGER_VALUE = Setting.of(
      "UseLargeIntegerValue", bool(), false,
      "Accepted; large integers are always written in full here.");

  /** All of them, in DMS's order. */
  public static final List<Setting<?>> ALL = List.of(MESSAGE_FORMAT, INCLUDE_TRANSACTION_DETAILS,
      INCLUDE_PARTITION_VALUE, PARTITION_INCLUDE_SCHEMA_TABLE, INCLUDE_TABLE_ALTER_OPERATIONS,
      INCLUDE_CONTROL_DETAILS, INCLUDE_NULL_AND_EMPTY, NO_HEX_PREFIX, USE_LARGE_INTEGER_VALUE);

  /** The message options the resolved values give (no before image: that is a task setting). */
  public static StreamEnvelope.Options options(SettingValues values) {
    return new StreamEnvelope.Options(values.get(MESSAGE_FORMAT).equals("json"),
        values.get(INCLUDE_TRANSACTION_DETAILS), values.get(INCLUDE_PARTITION_VALUE),
        values.get(PARTITION_INCLUDE_SCHEMA_TABLE), values.get(INCLUDE_NULL_AND_EMPTY),
        values.get(NO_HEX_PREFIX), Optional.empty(), values.get(INCLUDE_TABLE_ALTER_OPERATIONS),
        values.get(INCLUDE_CONTROL_DETAILS));
  }
}

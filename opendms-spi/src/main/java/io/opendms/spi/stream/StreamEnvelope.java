package io.opendms.spi.stream;

import io.opendms.spi.change.BeforeImage;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.table.Column;
import io.opendms.spi.target.ObjectMapping;
import io.opendms.spi.target.TargetTable;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.NonFiniteNumber;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds DMS's streaming message for one row: {@code {"data":{...},"<before image field>":{...},
 * "metadata":{"timestamp","record-type","operation","partition-key-type","partition-key-value",
 * "schema-name","table-name","transaction-id",...}}}, in DMS's member order. Values: numbers as
 * JSON numbers (NaN and the infinities as strings), booleans, text, binary as hex with {@code 0x}
 * unless {@code NoHexPrefix}, dates and times in ISO-8601. Thread-safe.
 */
public final class StreamEnvelope {
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * The settings of DMS's {@code KafkaSettings}/{@code KinesisSettings} that shape a message.
   *
   * @param formatted {@code MessageFormat} {@code json} (pretty) rather than {@code json-unformatted}
   * @param includeTransactionDetails {@code IncludeTransactionDetails}
   * @param includePartitionValue {@code IncludePartitionValue}
   * @param partitionIncludeSchemaTable {@code PartitionIncludeSchemaTable}: the key starts with
   *     {@code schema.table.}
   * @param includeNullAndEmpty {@code IncludeNullAndEmpty}: keep null and empty columns
   * @param noHexPrefix {@code NoHexPrefix}
   * @param beforeImage {@code BeforeImageSettings} when before images are enabled
   * @param includeTableAlterOperations {@code IncludeTableAlterOperations}: a control record per
   *     replicated DDL
   * @param includeControlDetails {@code IncludeControlDetails}: control records carry the table's
   *     definition ({@code table-def})
   */
  public record Options(boolean formatted, boolean includeTransactionDetails,
      boolean includePartitionValue, boolean partitionIncludeSchemaTable,
      boolean includeNullAndEmpty, boolean noHexPrefix, Optional<BeforeImage> beforeImage,
      boolean includeTableAlterOperations, boolean includeControlDetails) {
    public Options {
      Objects.requireNonNull(beforeImage, "beforeImage");
    }

    /** Options without control records. */
    public Options(boolean formatted, boolean includeTransactionDetails,
        boolean includePartitionValue, boolean partitionIncludeSchemaTable,
        boolean includeNullAndEmpty, boolean noHexPrefix, Optional<BeforeImage> beforeImage) {
      this(formatted, includeTransactionDetails, includePartitionValue, partitionIncludeSchemaTable,
          includeNullAndEmpty, noHexPrefix, beforeImage, false, false);
    }

    /** These options with the task's before image (for change delivery). */
    public Options withBeforeImage(Optional<BeforeImage> image) {
      return new Options(formatted, includeTransactionDetails, includePartitionValue,
          partitionIncludeSchemaTable, includeNullAndEmpty, noHexPrefix, image,
          includeTableAlterOperations, includeControlDetails);
    }
  }

  /**
   * Where a change stands in the source's transactions (DMS's transaction details).
   *
   * @param transactionId the source transaction id
   * @param recordId the change's number in its transaction, from 1
   * @param previous the previous transaction's id and its last record number; empty for the first
   *     transaction of a run
   * @param commitTime the source commit time
   */
  public record Transaction(long transactionId, int recordId, Optional<long[]> previous,
      Instant commitTime) {
    public Transaction {
      Objects.requireNonNull(previous, "previous");
      Objects.requireNonNull(commitTime, "commitTime");
    }
  }

  /**
   * One message.
   *
   * @param key the partition key value: the message key
   * @param json the envelope
   */
  public record Message(String key, String json) {}

  private final Options options;
  private final Clock clock;

  public StreamEnvelope(Options options, Clock clock) {
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A full-load row ({@code operation: load}), values in the table's column order. */
  public Message load(TargetTable table, Object[] row) {
    return build(table, "load", java.util.Arrays.asList(row), null, List.of(), null);
  }

  /**
   * A captured change: inserts and updates carry the after image in {@code data}, deletes the
   * old row (the key columns only when the source logs no more); columns a source left out as
   * unchanged (PostgreSQL TOAST) are omitted.
   */
  public Message change(TargetTable table, RowChange change, Transaction transaction) {
    String operation = switch (change.operation()) {
      case INSERT -> "insert";
      case UPDATE -> "update";
      case DELETE -> "delete";
    };
    List<Object> data = change.after() != null ? change.after() : change.before();
    return build(table, operation, data, change.before(), change.unchanged(), transaction);
  }

  /**
   * The message of a row. A table's object-mapping rule decides {@code data} and the key ({@link
   * MappedRecord}); its {@code exclude-columns} are left out of the before image too.
   */
  private Message build(TargetTable table, String operation, List<Object> data, List<Object> before,
      List<Integer> unchanged, Transaction transaction) {
    List<Column> columns = table.columns();
    ObjectMapping mapping = table.objectMapping().orElse(null);
    MappedRecord.PartitionKey key = mapping != null
        ? MappedRecord.key(this, table, mapping, data, unchanged,
            transaction == null ? null : transaction.transactionId())
        : table.primaryKey().isEmpty() ? new MappedRecord.PartitionKey("schema-table", key(table, data))
        : new MappedRecord.PartitionKey("primary-key", key(table, data));
    JsonText json = new JsonText(options.formatted()).beginObject(null);
    json.beginObject("data");
    if (mapping != null) {
      MappedRecord.data(this, json, table, mapping, data, unchanged);
    } else {
      for (int i = 0; i < columns.size(); i++) {
        if (!unchanged.contains(i)) {
          value(json, columns.get(i).name(), data.get(i));
        }
      }
    }
    json.endObject();
    if (before != null && options.beforeImage().isPresent()) {
      BeforeImage image = options.beforeImage().get();
      json.beginObject(image.fieldName());
      for (int i = 0; i < columns.size(); i++) {
        if (before.get(i) != null && image.includes(table, columns.get(i))
            && (mapping == null || !mapping.excludeColumns().contains(columns.get(i).name()))) {
          value(json, columns.get(i).name(), before.get(i));
        }
      }
      json.endObject();
    }
    json.beginObject("metadata")
        .string("timestamp", MICROS.format(clock.instant()))
        .string("record-type", "data")
        .string("operation", operation)
        .string("partition-key-type", key.type());
    // DMS: "IncludePartitionValue shows the partition value ... unless the partition type is
    // schema-table".
    if (options.includePartitionValue() && !key.type().equals("schema-table")) {
      json.string("partition-key-value", key.value());
    }
    json.string("schema-name", table.id().schema()).string("table-name", table.id().name());
    if (transaction != null && options.includeTransactionDetails()) {
      json.raw("transaction-id", Long.toUnsignedString(transaction.transactionId()))
          .raw("transaction-record-id", Integer.toString(transaction.recordId()));
      transaction.previous().ifPresent(previous -> json
          .raw("prev-transaction-id", Long.toUnsignedString(previous[0]))
          .raw("prev-transaction-record-id", Long.toString(previous[1])));
      json.string("commit-timestamp", MICROS.format(transaction.commitTime()));
    }
    return new Message(key.value(), json.endObject().endObject().toString());
  }

  /**
   * The row's columns alone as one JSON object on one line, valued as {@code data} values them,
   * leaving out the columns at {@code unchanged} positions: a document store's document
   * (OpenSearch). Null and empty columns are kept when {@code IncludeNullAndEmpty} is on.
   */
  public String columns(TargetTable table, List<Object> row, List<Integer> unchanged) {
    List<Column> columns = table.columns();
    JsonText json = new JsonText(false).beginObject(null);
    for (int i = 0; i < columns.size(); i++) {
      if (!unchanged.contains(i)) {
        value(json, columns.get(i).name(), row.get(i));
      }
    }
    return json.endObject().toString();
  }

  /**
   * DMS's control record for a replicated DDL ({@code record-type: control}), keyed by the task id
   * as DMS partitions them ({@code partition-key-type: task-id}); empty when {@code
   * IncludeTableAlterOperations} is off or the change altered no column. The operation is {@code
   * drop-table}, the one column change's {@code add-column}, {@code drop-column}, {@code
   * rename-column} or {@code column-type-change}, or {@code change-columns} for several. With
   * {@code IncludeControlDetails}, {@code control.table-def} describes the table after it.
   *
   * @param after the target table after the change (its columns are the change's)
   */
  public Optional<Message> control(String taskId, TargetTable after, SchemaChange change) {
    if (!options.includeTableAlterOperations()
        || (change.kind() == SchemaChange.Kind.ALTER_TABLE && change.columnChanges().isEmpty())) {
      return Optional.empty();
    }
    String operation = change.kind() == SchemaChange.Kind.DROP_TABLE ? "drop-table"
        : change.columnChanges().size() > 1 ? "change-columns"
        : switch (change.columnChanges().get(0).kind()) {
          case ADD_COLUMN -> "add-column";
          case DROP_COLUMN -> "drop-column";
          case RENAME_COLUMN -> "rename-column";
          case CHANGE_COLUMN_TYPE -> "column-type-change";
        };
    JsonText json = new JsonText(options.formatted()).beginObject(null);
    if (options.includeControlDetails() && change.kind() == SchemaChange.Kind.ALTER_TABLE) {
      json.beginObject("control").beginObject("table-def").beginObject("columns");
      for (Column column : change.columns()) {
        json.beginObject(column.name()).string("type", column.type().kind().name());
        DataType type = column.type();
        if (type.length() > 0) {
          json.raw("length", Integer.toString(type.length()));
        }
        if (type.precision() > 0) {
          json.raw("precision", Integer.toString(type.precision()))
              .raw("scale", Integer.toString(type.scale()));
        }
        json.raw("nullable", Boolean.toString(column.nullable())).endObject();
      }
      json.endObject();
      if (!after.primaryKey().isEmpty()) {
        json.strings("primary-key", after.primaryKey());
      }
      json.endObject().endObject();
    }
    json.beginObject("metadata")
        .string("timestamp", MICROS.format(clock.instant()))
        .string("record-type", "control")
        .string("operation", operation)
        .string("partition-key-type", "task-id");
    if (options.includePartitionValue()) {
      json.string("partition-key-value", taskId);
    }
    json.string("schema-name", after.id().schema()).string("table-name", after.id().name());
    return Optional.of(new Message(taskId, json.endObject().endObject().toString()));
  }

  /**
   * DMS's partition key value: the primary key's values joined with {@code .}, after {@code
   * schema.table.} when {@code PartitionIncludeSchemaTable}; {@code schema.table} for a table
   * without a key. Key-value targets (Redis) key rows by it with {@code schema.table.}.
   */
  public String key(TargetTable table, List<Object> row) {
    String schemaTable = table.id().schema() + "." + table.id().name();
    if (table.primaryKey().isEmpty()) {
      return schemaTable;
    }
    var key = new StringBuilder(options.partitionIncludeSchemaTable() ? schemaTable : "");
    for (String value : keyTexts(table, row)) {
      if (!key.isEmpty()) {
        key.append('.');
      }
      key.append(value);
    }
    return key.toString();
  }

  /** The primary key's values of {@code row} as {@link #text} writes them, in key order. */
  public List<String> keyTexts(TargetTable table, List<Object> row) {
    List<Column> columns = table.columns();
    var texts = new java.util.ArrayList<String>(table.primaryKey().size());
    for (String name : table.primaryKey()) {
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).name().equals(name)) {
          texts.add(text(row.get(i)));
        }
      }
    }
    return texts;
  }

  /** A member valued as {@code data} values columns (left out when null or empty, by default). */
  void value(JsonText json, String name, Object value) {
    if (value == null) {
      if (options.includeNullAndEmpty()) {
        json.raw(name, "null");
      }
    } else if (value instanceof Boolean || value instanceof Short || value instanceof Integer
        || value instanceof Long || value instanceof BigInteger) {
      json.raw(name, value.toString());
    } else if (value instanceof BigDecimal decimal) {
      json.raw(name, decimal.toPlainString());
    } else if (value instanceof Float || value instanceof Double) {
      double number = ((Number) value).doubleValue();
      if (Double.isFinite(number)) {
        json.raw(name, value.toString());
      } else {
        json.string(name, value.toString());
      }
    } else if (value instanceof NonFiniteNumber) {
      json.string(name, text(value));
    } else {
      String text = text(value);
      if (!text.isEmpty() || options.includeNullAndEmpty()) {
        json.string(name, text);
      }
    }
  }

  /**
   * A value as the messages write it when not a JSON number or boolean: binary in hex, dates and
   * times in ISO-8601, decimals in plain notation; also the text a key-value target stores. Times
   * always carry their seconds, as DMS writes them ({@code 12:30:00}, {@code
   * 2026-01-01T00:00:00}, where {@code toString()} would drop zero seconds), so that the texts of
   * one column have one shape and sort alike.
   */
  public String text(Object value) {
    if (value instanceof LocalDateTime dateTime && !dateTime.equals(LocalDateTime.MAX)
        && !dateTime.equals(LocalDateTime.MIN)) {
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dateTime);
    }
    if (value instanceof LocalTime time) {
      return DateTimeFormatter.ISO_LOCAL_TIME.format(time);
    }
    if (value instanceof OffsetTime time) {
      return DateTimeFormatter.ISO_OFFSET_TIME.format(time);
    }
    if (value instanceof byte[] bytes) {
      return (options.noHexPrefix() ? "" : "0x") + HexFormat.of().withUpperCase().formatHex(bytes);
    }
    if (value instanceof NonFiniteNumber number) {
      return number.text();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof io.opendms.spi.type.ZeroDate zero) {
      return zero.text();
    }
    return String.valueOf(value);
  }
}

package io.opendms.spi.stream;

import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables a streaming target's change delivery writes, as their DDL leaves them: messages of
 * a table's rows carry its current columns, and a replicated DDL becomes DMS's control record
 * ({@link StreamEnvelope#control}). Confined to the delivery's thread.
 */
public final class StreamTables {
  private final Map<TableId, TargetTable> tables = new HashMap<>();
  private final StreamEnvelope envelope;
  private final String taskId;

  /**
   * @param tables the task's target tables as prepared
   * @param taskId the task's identifier: control records are keyed by it
   */
  public StreamTables(List<TargetTable> tables, StreamEnvelope envelope, String taskId) {
    tables.forEach(t -> this.tables.put(t.id(), t));
    this.envelope = envelope;
    this.taskId = taskId;
  }

  /**
   * The table a change names.
   *
   * @throws IllegalArgumentException when it is not a table of the task
   */
  public TargetTable table(TableId id) {
    TargetTable table = tables.get(id);
    if (table == null) {
      throw new IllegalArgumentException("change of " + id + ", not a table of the task");
    }
    return table;
  }

  /**
   * Follows a DDL: the table's later rows carry its new columns. Returns the control record to
   * send, when the envelope's options ask for one.
   */
  public Optional<StreamEnvelope.Message> ddl(SchemaChange change) {
    return envelope.control(taskId, follow(change), change);
  }

  /** Follows a DDL another delivery sends the control record of; returns the table after it. */
  public TargetTable follow(SchemaChange change) {
    TargetTable before = table(change.table());
    TargetTable after = change.kind() == SchemaChange.Kind.DROP_TABLE ? before
        : new TargetTable(before.id(), before.sourceEngine(), change.columns(),
            change.keyAfter(before.primaryKey()), before.objectMapping());
    tables.put(after.id(), after);
    return after;
  }
}

package io.opendms.spi.change;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;

/**
 * Carries a source's DDL ({@link SchemaChange}) to a target. The engine calls it on the apply
 * thread, in source order among the changes, only for tables of the task and only when the task's
 * {@code ChangeProcessingDdlHandlingPolicy} asks for the kind of change; the row changes of the
 * table that follow carry the new columns. A database target alters the table inside its open
 * target transaction when its DDL is transactional, else it first writes what it holds; either
 * way applying the same change again (after a restart from an earlier stored position) must leave
 * the table as once. Throws {@link OpenDmsException} naming the table on failure.
 */
public interface DdlApplier {

  /** Applies the change; by default refuses it with {@link ErrorCode#UNSUPPORTED}. */
  default void applyDdl(SchemaChange change) {
    throw new OpenDmsException(ErrorCode.UNSUPPORTED, "table " + change.table() + ": this target"
        + " cannot apply DDL (" + describe(change) + "); set ChangeProcessingDdlHandlingPolicy."
        + (change.kind() == SchemaChange.Kind.DROP_TABLE ? "HandleSourceTableDropped"
            : "HandleSourceTableAltered") + " to false to go on without it");
  }

  /** A short description for messages: {@code ALTER_TABLE (ADD_COLUMN note)}. */
  static String describe(SchemaChange change) {
    StringBuilder text = new StringBuilder(change.kind().name());
    if (!change.columnChanges().isEmpty()) {
      text.append(" (");
      for (int i = 0; i < change.columnChanges().size(); i++) {
        SchemaChange.ColumnChange column = change.columnChanges().get(i);
        text.append(i == 0 ? "" : ", ").append(column.kind()).append(' ').append(column.name());
        column.column().filter(c -> !c.name().equals(column.name()))
            .ifPresent(c -> text.append(" to ").append(c.name()));
      }
      text.append(')');
    }
    return text.toString();
  }
}

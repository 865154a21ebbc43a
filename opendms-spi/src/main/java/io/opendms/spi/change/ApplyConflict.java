package io.opendms.spi.change;

import java.util.Objects;

/**
 * One row change the target refused or could not match, as an applier reports it to the {@link
 * ApplyConflictHandler}. The applier has already undone the change's own statement (savepoint),
 * so the rest of the target transaction is intact.
 *
 * @param change the row change as it reached the applier (target table names)
 * @param kind what went wrong
 * @param statement the statement as executed, values inlined, for {@code awsdms_apply_exceptions}
 * @param error the target's message (for {@link Kind#ROW_NOT_FOUND}, the applier's own words)
 * @param column the column the target blamed, or null when it did not say
 */
public record ApplyConflict(RowChange change, Kind kind, String statement, String error, String column) {

  /** The failure classes DMS's ErrorBehavior policies distinguish. */
  public enum Kind {
    /** An UPDATE or DELETE matched no target row (DMS ApplyErrorUpdate/DeletePolicy). */
    ROW_NOT_FOUND,
    /** An INSERT hit an existing key or another unique constraint (ApplyErrorInsertPolicy). */
    DUPLICATE_KEY,
    /** A value the target column cannot hold because it is too long (DataTruncationErrorPolicy). */
    TRUNCATION,
    /**
     * Any other refusal because of the data: NOT NULL, CHECK, foreign key, a unique constraint hit
     * by an UPDATE, a value out of range (DataErrorPolicy).
     */
    DATA_ERROR
  }

  public ApplyConflict {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(error, "error");
  }
}

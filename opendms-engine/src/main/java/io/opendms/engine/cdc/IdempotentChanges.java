package io.opendms.engine.cdc;

import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.RowChange.Operation;
import java.util.List;

/**
 * Rewrites a row change so that applying it gives the same row whether or not the target already
 * holds its effect: an insert or an update becomes the deletion of the old and the new key and the
 * insertion of the after image; a deletion stays (finding no row is then expected). Replaying a
 * key's changes in order this way ends with the key's last image, whatever the target held
 * before: how a table loaded from two snapshots is brought to the later one.
 */
final class IdempotentChanges {
  private IdempotentChanges() {}

  static List<DataChange> of(DataChange change) {
    if (!(change instanceof RowChange row) || row.operation() == Operation.DELETE
        || !row.unchanged().isEmpty()) {
      // a truncation is idempotent already; an update lacking values can only update the row,
      // which is right when the row is there and harmless when it is not
      return List.of(change);
    }
    RowChange insert = new RowChange(row.table(), Operation.INSERT, null, row.after(), List.of());
    RowChange deleteNew = new RowChange(row.table(), Operation.DELETE, row.after(), null, List.of());
    if (row.before() == null) {
      return List.of(deleteNew, insert);
    }
    RowChange deleteOld = new RowChange(row.table(), Operation.DELETE, row.before(), null, List.of());
    return List.of(deleteOld, deleteNew, insert);
  }
}

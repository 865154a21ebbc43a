package io.opendms.spi.change;

import io.opendms.spi.table.TableId;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An inserted, updated or deleted row. Values are canonical ({@link io.opendms.spi.type.DmsType})
 * in the table's column order; {@code null} elements are SQL NULL.
 *
 * @param table the table
 * @param operation what happened
 * @param before the old row for updates and deletes: every column when the source logs whole old
 *     rows (PostgreSQL {@code REPLICA IDENTITY FULL}), else only the key columns (others null);
 *     null for inserts, and for updates that did not change the key of a table whose source logs
 *     only keys (the key is then in {@code after})
 * @param after the new row for inserts and updates; null for deletes
 * @param unchanged positions of columns in {@code after} whose values the source did not send
 *     because they did not change (PostgreSQL TOAST): their {@code after} element is null and
 *     means "keep the old value"; usually empty
 */
public record RowChange(
    TableId table,
    Operation operation,
    List<Object> before,
    List<Object> after,
    List<Integer> unchanged)
    implements DataChange {

  /** The kind of row change. */
  public enum Operation {
    INSERT,
    UPDATE,
    DELETE
  }

  public RowChange {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(operation, "operation");
    if ((operation == Operation.DELETE) != (after == null)) {
      throw new IllegalArgumentException(operation + " of " + table + ": after image mismatch");
    }
    if (operation != Operation.UPDATE && operation != Operation.DELETE && before != null) {
      throw new IllegalArgumentException("an insert into " + table + " has no before image");
    }
    if (operation == Operation.DELETE && before == null) {
      throw new IllegalArgumentException("a delete from " + table + " needs a before image");
    }
    before = before == null ? null : Collections.unmodifiableList(before);
    after = after == null ? null : Collections.unmodifiableList(after);
    unchanged = List.copyOf(unchanged);
  }

  /** Wraps value arrays without copying: the arrays must not be changed afterwards. */
  public static RowChange of(
      TableId table, Operation operation, Object[] before, Object[] after, List<Integer> unchanged) {
    return new RowChange(
        table,
        operation,
        before == null ? null : Arrays.asList(before),
        after == null ? null : Arrays.asList(after),
        unchanged);
  }

  /** The image that identifies the row: the before image when given, else the after image. */
  public List<Object> identity() {
    return before != null ? before : after;
  }
}

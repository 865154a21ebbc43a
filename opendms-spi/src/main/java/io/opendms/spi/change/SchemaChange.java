package io.opendms.spi.change;

import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A DDL statement on a captured table, in the transaction (and at the place in it) where the
 * table's shape changed: the row changes of the table that follow carry {@link #columns()}. A
 * {@code TRUNCATE} is not one of these: it stays a {@link Truncate} (DMS counts both as DDL).
 *
 * @param table the table, as the source names it or, once routed, the target table
 * @param kind whether the table was altered or dropped
 * @param columnChanges what an {@link Kind#ALTER_TABLE} did to single columns, in statement order;
 *     empty for {@link Kind#DROP_TABLE}, and for an alteration that changed nothing replicated
 *     (a default, a comment, an index)
 * @param columns the table's columns after the statement, in physical order, with canonical types;
 *     empty for {@link Kind#DROP_TABLE}
 * @param statement the source's statement text when the source logs it (MySQL); empty when the
 *     change was read from a new table description (PostgreSQL)
 */
public record SchemaChange(TableId table, Kind kind, List<ColumnChange> columnChanges,
    List<Column> columns, Optional<String> statement) implements DataChange {

  /** What happened to the table. */
  public enum Kind {
    ALTER_TABLE,
    DROP_TABLE
  }

  public SchemaChange {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(statement, "statement");
    columnChanges = List.copyOf(columnChanges);
    columns = List.copyOf(columns);
    if (kind == Kind.DROP_TABLE && !(columns.isEmpty() && columnChanges.isEmpty())) {
      throw new IllegalArgumentException("the drop of " + table + " names no columns");
    }
    if (kind == Kind.ALTER_TABLE && columns.isEmpty()) {
      throw new IllegalArgumentException("the alteration of " + table + " leaves no column");
    }
    Set<String> names = new HashSet<>();
    columns.forEach(c -> names.add(c.name()));
    for (ColumnChange change : columnChanges) {
      if (change.column().isPresent() && !names.contains(change.column().get().name())) {
        throw new IllegalArgumentException(change + " of " + table + " names a column the table lacks");
      }
    }
  }

  /** The drop of {@code table}. */
  public static SchemaChange dropped(TableId table, Optional<String> statement) {
    return new SchemaChange(table, Kind.DROP_TABLE, List.of(), List.of(), statement);
  }

  /**
   * The alteration that turned {@code before} into {@code after}: columns kept by name and
   * compared by type (canonical and native), {@code renames} (old name to new) where the source
   * knows of them, every other column dropped or added. Drops come first, then renames, type
   * changes and additions.
   */
  public static SchemaChange altered(TableId table, List<Column> before, List<Column> after,
      Map<String, String> renames, Optional<String> statement) {
    List<ColumnChange> drops = new ArrayList<>();
    List<ColumnChange> renamed = new ArrayList<>();
    List<ColumnChange> retyped = new ArrayList<>();
    List<ColumnChange> added = new ArrayList<>();
    Map<String, Column> old = new HashMap<>();
    before.forEach(c -> old.put(c.name(), c));
    Map<String, String> origin = new HashMap<>();
    renames.forEach((from, to) -> {
      if (old.containsKey(from) && !old.containsKey(to)) {
        origin.put(to, from);
      }
    });
    Set<String> kept = new HashSet<>();
    for (Column column : after) {
      Column was = old.get(origin.getOrDefault(column.name(), column.name()));
      if (was == null) {
        added.add(ColumnChange.added(column));
        continue;
      }
      kept.add(was.name());
      if (!was.name().equals(column.name())) {
        renamed.add(ColumnChange.renamed(was.name(), column));
      }
      if (!was.type().equals(column.type()) || !was.nativeType().equals(column.nativeType())) {
        retyped.add(ColumnChange.retyped(column));
      }
    }
    before.stream().filter(c -> !kept.contains(c.name())).forEach(c -> drops.add(ColumnChange.dropped(c.name())));
    drops.addAll(renamed);
    drops.addAll(retyped);
    drops.addAll(added);
    return new SchemaChange(table, Kind.ALTER_TABLE, drops, after, statement);
  }

  /** The same change of another table: {@code table} with {@code columns} after it. */
  public SchemaChange on(TableId target, List<ColumnChange> changes, List<Column> after) {
    return new SchemaChange(target, kind, changes, after, statement);
  }

  /**
   * The primary key {@code key} after the change: its columns followed through renames; empty
   * once one of them is gone (or the table is).
   */
  public List<String> keyAfter(List<String> key) {
    List<String> after = new ArrayList<>();
    for (String column : key) {
      String name = column;
      for (ColumnChange change : columnChanges) {
        if (change.kind() == ColumnChange.Kind.RENAME_COLUMN && change.name().equals(name)) {
          name = change.column().orElseThrow().name();
        }
      }
      String renamed = name;
      if (columns.stream().anyMatch(c -> c.name().equals(renamed))) {
        after.add(renamed);
      }
    }
    return after.size() == key.size() ? List.copyOf(after) : List.of();
  }

  /**
   * One column's part of an {@code ALTER TABLE}.
   *
   * @param kind what happened to it
   * @param name the column's name before the statement (for {@link Kind#ADD_COLUMN}, its new name)
   * @param column the column after the statement; empty for {@link Kind#DROP_COLUMN}
   */
  public record ColumnChange(Kind kind, String name, Optional<Column> column) {

    /** What happened to one column. */
    public enum Kind {
      ADD_COLUMN,
      DROP_COLUMN,
      RENAME_COLUMN,
      CHANGE_COLUMN_TYPE
    }

    public ColumnChange {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(column, "column");
      if ((kind == Kind.DROP_COLUMN) == column.isPresent()) {
        throw new IllegalArgumentException(kind + " of column " + name
            + (column.isPresent() ? " names no column after it" : " needs the column after it"));
      }
    }

    public static ColumnChange added(Column column) {
      return new ColumnChange(Kind.ADD_COLUMN, column.name(), Optional.of(column));
    }

    public static ColumnChange dropped(String name) {
      return new ColumnChange(Kind.DROP_COLUMN, name, Optional.empty());
    }

    public static ColumnChange renamed(String from, Column column) {
      return new ColumnChange(Kind.RENAME_COLUMN, from, Optional.of(column));
    }

    public static ColumnChange retyped(Column column) {
      return new ColumnChange(Kind.CHANGE_COLUMN_TYPE, column.name(), Optional.of(column));
    }
  }
}

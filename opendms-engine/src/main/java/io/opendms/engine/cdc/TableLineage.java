package io.opendms.engine.cdc;

import io.opendms.engine.mapping.TableTransform;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.change.SchemaChange.ColumnChange;
import io.opendms.spi.table.Column;
import io.opendms.spi.target.TargetTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One replicated table's shape as change processing follows its DDL: the transform that turns the
 * source's rows (in the source's current columns) into target rows, and the target table as the
 * target holds it. When a DDL was left out (policy off), the two differ and rows are fitted onto
 * the target's columns: a column is matched by its origin, the source column it was when the task
 * planned the table, followed through renames; a target column whose source column is gone gets
 * NULL. Immutable; a DDL gives a new lineage.
 */
final class TableLineage {
  private final TableTransform transform;
  /** How many DDL this lineage follows: tells apart columns added under one name twice. */
  private final int generation;
  private final TargetTable applied;
  private final List<String> appliedOrigins;
  /** Each current source column's origin. */
  private final Map<String, String> origins;
  /** For each applied target column, the index in the transform's target row; -1 for NULL. */
  private final int[] projection;

  private TableLineage(int generation, TableTransform transform, TargetTable applied,
      List<String> appliedOrigins, Map<String, String> origins) {
    this.generation = generation;
    this.transform = transform;
    this.applied = applied;
    this.appliedOrigins = List.copyOf(appliedOrigins);
    this.origins = Map.copyOf(origins);
    List<String> current = targetOrigins(transform, origins);
    this.projection = current.equals(appliedOrigins) && transform.target().equals(applied) ? null
        : appliedOrigins.stream().mapToInt(current::indexOf).toArray();
  }

  /** A table as planned: source, transform and target agree. */
  static TableLineage planned(TableTransform transform) {
    Map<String, String> origins = new HashMap<>();
    transform.source().columns().forEach(c -> origins.put(c.name(), c.name()));
    return new TableLineage(0, transform, transform.target(), targetOrigins(transform, origins),
        origins);
  }

  TableTransform transform() {
    return transform;
  }

  TargetTable applied() {
    return applied;
  }

  /**
   * The source's columns changed as {@code change} says; {@code next} transforms the new source
   * columns. With {@code alterTarget} the target follows (see {@link #targetChanges}); else it
   * keeps its columns.
   */
  TableLineage altered(SchemaChange change, TableTransform next, boolean alterTarget) {
    Map<String, String> nextOrigins = new HashMap<>(origins);
    String added = "+" + (generation + 1) + ":";
    for (ColumnChange column : change.columnChanges()) {
      switch (column.kind()) {
        case DROP_COLUMN -> nextOrigins.remove(column.name());
        case RENAME_COLUMN -> nextOrigins.put(column.column().orElseThrow().name(),
            Objects.requireNonNull(nextOrigins.remove(column.name()), column.name()));
        case ADD_COLUMN -> nextOrigins.put(column.name(), added + column.name());
        case CHANGE_COLUMN_TYPE -> { }
      }
    }
    // a source that could not tell a column's fate (a new relation description) still names it
    change.columns().forEach(c -> nextOrigins.putIfAbsent(c.name(), added + c.name()));
    nextOrigins.keySet().retainAll(change.columns().stream().map(Column::name).toList());
    return alterTarget
        ? new TableLineage(generation + 1, next, next.target(), targetOrigins(next, nextOrigins),
            nextOrigins)
        : new TableLineage(generation + 1, next, applied, appliedOrigins, nextOrigins);
  }

  /**
   * What turns this lineage's target table into {@code next}'s: drops, renames, type changes,
   * then additions (added columns go last, as DMS adds them).
   */
  List<ColumnChange> targetChanges(TableLineage next) {
    List<String> nextOrigins = next.appliedOrigins;
    List<Column> nextColumns = next.applied.columns();
    List<ColumnChange> drops = new ArrayList<>();
    List<ColumnChange> renames = new ArrayList<>();
    List<ColumnChange> retypes = new ArrayList<>();
    List<ColumnChange> adds = new ArrayList<>();
    Set<String> kept = new HashSet<>(nextOrigins);
    for (int i = 0; i < appliedOrigins.size(); i++) {
      if (!kept.contains(appliedOrigins.get(i))) {
        drops.add(ColumnChange.dropped(applied.columns().get(i).name()));
      }
    }
    for (int i = 0; i < nextColumns.size(); i++) {
      Column column = nextColumns.get(i);
      int before = appliedOrigins.indexOf(nextOrigins.get(i));
      if (before < 0) {
        adds.add(ColumnChange.added(column));
        continue;
      }
      Column old = applied.columns().get(before);
      if (!old.name().equals(column.name())) {
        renames.add(ColumnChange.renamed(old.name(), column));
      }
      if (!old.type().equals(column.type()) || !old.nativeType().equals(column.nativeType())) {
        retypes.add(ColumnChange.retyped(column));
      }
    }
    List<ColumnChange> all = new ArrayList<>(drops);
    all.addAll(renames);
    all.addAll(retypes);
    all.addAll(adds);
    return all;
  }

  /** A change the transform made (in its target's columns) fitted onto the applied target's. */
  RowChange fit(RowChange change) {
    if (projection == null) {
      return change;
    }
    List<Integer> unchanged = new ArrayList<>();
    for (int i = 0; i < projection.length; i++) {
      if (projection[i] >= 0 && change.unchanged().contains(projection[i])) {
        unchanged.add(i);
      }
    }
    return RowChange.of(applied.id(), change.operation(), project(change.before()),
        project(change.after()), unchanged);
  }

  private Object[] project(List<Object> row) {
    if (row == null) {
      return null;
    }
    Object[] fitted = new Object[projection.length];
    for (int i = 0; i < projection.length; i++) {
      fitted[i] = projection[i] < 0 ? null : row.get(projection[i]);
    }
    return fitted;
  }

  /** The origin of each target column: its source column's, or its own name when computed. */
  private static List<String> targetOrigins(TableTransform transform, Map<String, String> origins) {
    List<String> result = new ArrayList<>();
    List<Column> columns = transform.target().columns();
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i).name();
      result.add(transform.sourceColumn(i).map(s -> "s:" + origins.get(s)).orElse("t:" + name));
    }
    return result;
  }

  @Override
  public String toString() {
    return transform + (projection == null ? "" : " fitted onto " + Arrays.toString(projection));
  }
}

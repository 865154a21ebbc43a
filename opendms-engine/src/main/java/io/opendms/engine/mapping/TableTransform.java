package io.opendms.engine.mapping;

import io.opendms.engine.mapping.TableSettingsRule.ParallelLoad;
import io.opendms.engine.mapping.expression.RowOperation;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.source.RowFilter;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.target.TargetTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the table mappings make of one source table: the target table, the source filter, how
 * each target value is computed, and its table settings. Built by {@link TableMappings#transform};
 * immutable and thread-safe (full-load workers and the CDC apply thread share it).
 */
public final class TableTransform {
  private final TableDefinition source;
  private final TargetTable target;
  private final RowFilter filter;
  private final List<TargetValue> values;
  private final boolean identity;
  private final boolean identityButCut;
  private final boolean flagsDeletes;
  private final ParallelLoad parallelLoad;
  private final LobMode lobMode;
  private final List<List<Object>> rangeBoundaries;
  private final long settingsRuleId;
  private final FilterEvaluation filterEvaluation;
  private final RowEvaluation evaluation;

  TableTransform(TableDefinition source, TargetTable target, RowFilter filter,
      List<TargetValue> values, boolean flagsDeletes, ParallelLoad parallelLoad,
      List<List<Object>> rangeBoundaries, LobMode lobMode, long settingsRuleId) {
    this.source = Objects.requireNonNull(source, "source");
    this.target = Objects.requireNonNull(target, "target");
    this.filter = Objects.requireNonNull(filter, "filter");
    this.values = List.copyOf(values);
    if (values.size() != target.columns().size()) {
      throw new IllegalArgumentException("one value per column of " + target.id());
    }
    this.identity = isIdentity(source, target, values, false);
    this.identityButCut = isIdentity(source, target, values, true);
    this.flagsDeletes = flagsDeletes;
    this.parallelLoad = parallelLoad;
    this.lobMode = Objects.requireNonNull(lobMode, "lobMode");
    this.rangeBoundaries = rangeBoundaries.stream().map(List::copyOf).toList();
    this.settingsRuleId = settingsRuleId;
    this.filterEvaluation = new FilterEvaluation(filter, source);
    this.evaluation = new RowEvaluation(source, this.values,
        target.columns().stream().map(io.opendms.spi.table.Column::name).toList());
  }

  /** The mapping of a table that no rule changes: same columns, every row. */
  public static TableTransform identity(TableDefinition source, TargetTable target) {
    var values = new ArrayList<TargetValue>();
    for (int i = 0; i < source.columns().size(); i++) {
      values.add(new TargetValue.Copy(i, null, 0));
    }
    return new TableTransform(source, target, RowFilter.NONE, values, false, null, List.of(),
        LobMode.WHOLE, 0);
  }

  public TableDefinition source() {
    return source;
  }

  public TargetTable target() {
    return target;
  }

  /**
   * The source column whose value target column {@code targetColumn} carries (converted or cut, as
   * the rules say); empty for a column an expression computes or a before-image column.
   */
  public Optional<String> sourceColumn(int targetColumn) {
    TargetValue value = values.get(targetColumn);
    int index = value instanceof TargetValue.Copy copy ? copy.sourceIndex()
        : value instanceof TargetValue.TruncatedLob lob ? lob.sourceIndex() : -1;
    return index < 0 ? Optional.empty() : Optional.of(source.columns().get(index).name());
  }

  /** The selection rules' filters, typed by the source columns; pushed down to the source. */
  public RowFilter filter() {
    return filter;
  }

  /**
   * Whether target rows are the source rows unchanged (same columns, types and order), so that a
   * full load may copy them in a native format without decoding. Filters do not matter: the
   * source applies them in its query.
   */
  public boolean keepsRows() {
    return identity;
  }

  /**
   * Whether target rows are the source rows but for LOB values that limited LOB mode cuts: a
   * full load may still copy them in a native format when no value of {@link #cutLobColumns()}
   * is longer than {@link LobMode#maxBytes()}.
   */
  public boolean keepsRowsButLongLobs() {
    return identityButCut;
  }

  /** The source columns whose values limited LOB mode cuts, in source order. */
  public List<Column> cutLobColumns() {
    return values.stream().filter(TargetValue.TruncatedLob.class::isInstance)
        .map(v -> source.columns().get(((TargetValue.TruncatedLob) v).sourceIndex())).toList();
  }

  /**
   * Full LOB mode's lookups: for each source LOB column whose value may be read after its row,
   * the target column it is copied into, by source position. Empty unless the table is in full
   * LOB mode, has a primary key without LOB columns, and copies its LOB columns as they are or
   * not at all (a value computed or converted from a LOB needs it in the row).
   */
  public Map<Integer, String> lobLookups() {
    if (!lobMode.readsByLookup() || source.primaryKey().isEmpty()
        || target.primaryKey().isEmpty()) {
      return Map.of();
    }
    var lookups = new java.util.TreeMap<Integer, String>();
    Set<String> lobNames = new HashSet<>();
    for (int i = 0; i < source.columns().size(); i++) {
      if (source.columns().get(i).type().kind().isLob()) {
        lobNames.add(source.columns().get(i).name());
      }
    }
    if (source.primaryKey().stream().anyMatch(lobNames::contains)) {
      return Map.of();
    }
    for (int i = 0; i < values.size(); i++) {
      TargetValue value = values.get(i);
      if (value instanceof TargetValue.Copy copy
          && lobNames.contains(source.columns().get(copy.sourceIndex()).name())) {
        if (copy.convertTo() != null || lookups.put(copy.sourceIndex(),
            target.columns().get(i).name()) != null) {
          return Map.of();
        }
      } else if (value instanceof TargetValue.BeforeImage image
          && lobNames.contains(source.columns().get(image.sourceIndex()).name())) {
        return Map.of();
      } else if (value instanceof TargetValue.Computed computed
          && computed.expression().variables().stream().anyMatch(lobNames::contains)) {
        return Map.of();
      }
    }
    return lookups;
  }

  /** The table's {@code parallel-load} table setting. */
  public Optional<ParallelLoad> parallelLoad() {
    return Optional.ofNullable(parallelLoad);
  }

  /**
   * The {@code boundaries} of a {@code ranges} parallel load, typed by the range columns: each
   * the inclusive upper bound of one segment; empty for other parallel loads.
   */
  public List<List<Object>> rangeBoundaries() {
    return rangeBoundaries;
  }

  /** The rule-id of the table's table-settings rule, for messages; 0 when it has none. */
  public long settingsRuleId() {
    return settingsRuleId;
  }

  /** How many LOB values limited LOB mode cut so far, in full load and CDC together. */
  public long truncatedLobs() {
    return evaluation.truncatedLobs();
  }

  /** How the table's LOB columns travel: the task's mode or the table's {@code lob-settings}. */
  public LobMode lobMode() {
    return lobMode;
  }

  /**
   * The target row of a source row read by a full load (source column order in, target column
   * order out).
   *
   * @throws io.opendms.spi.error.OpenDmsException naming the rule-id when an expression or a
   *     type conversion fails for this row
   */
  public Object[] row(Object[] sourceRow, RowContext context) {
    if (identity) {
      return sourceRow;
    }
    if (identityButCut) {
      return evaluation.rowButCut(sourceRow);
    }
    return evaluation.row(Arrays.asList(sourceRow), null, context);
  }

  /**
   * The change the target applies for a captured source change, or empty when the table's
   * filter drops it. Inserts and updates are filtered on the new row, deletes on the old one (a
   * source that logs only key columns in the old row loses deletes filtered on other columns, as
   * DMS does). With an {@code operation_indicator} column, a delete becomes an update that sets
   * the flag and keeps the row.
   */
  public Optional<RowChange> change(RowChange change, RowContext context) {
    boolean isDelete = change.operation() == RowChange.Operation.DELETE;
    if (!filterEvaluation.accepts(isDelete ? change.before() : change.after())) {
      return Optional.empty();
    }
    if (identity) {
      return Optional.of(new RowChange(target.id(), change.operation(), change.before(),
          change.after(), change.unchanged()));
    }
    List<Object> before = change.before() == null ? null
        : Arrays.asList(evaluation.keyImage(change.before()));
    switch (change.operation()) {
      case INSERT:
        return Optional.of(RowChange.of(target.id(), RowChange.Operation.INSERT, null,
            evaluation.row(change.after(), null, context.as(RowOperation.INSERT)), List.of()));
      case UPDATE:
        Object[] after = evaluation.row(change.after(), change.before(),
            context.as(RowOperation.UPDATE));
        return Optional.of(new RowChange(target.id(), RowChange.Operation.UPDATE, before,
            Arrays.asList(after), evaluation.unchanged(change.unchanged())));
      default:
        if (!flagsDeletes) {
          return Optional.of(new RowChange(target.id(), RowChange.Operation.DELETE, before, null,
              List.of()));
        }
        Object[] flagged = evaluation.row(change.before(), change.before(),
            context.as(RowOperation.DELETE));
        return Optional.of(new RowChange(target.id(), RowChange.Operation.UPDATE, before,
            Arrays.asList(flagged), evaluation.keptOnFlaggedDelete(target.primaryKey())));
    }
  }

  @Override
  public String toString() {
    return source.id() + " -> " + target.id() + (identity ? "" : " (transformed)")
        + (filter.isEmpty() ? "" : " filtered");
  }

  /** @param butCut whether values cut by limited LOB mode count as unchanged */
  private static boolean isIdentity(TableDefinition source, TargetTable target,
      List<TargetValue> values, boolean butCut) {
    if (!source.columns().equals(target.columns())) {
      return false;
    }
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      if (butCut && values.get(i) instanceof TargetValue.TruncatedLob lob
          && lob.sourceIndex() == i && seen.add(i)) {
        continue;
      }
      if (!(values.get(i) instanceof TargetValue.Copy copy) || copy.sourceIndex() != i
          || copy.convertTo() != null || !seen.add(i)) {
        return false;
      }
    }
    return true;
  }
}

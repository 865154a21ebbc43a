package io.opendms.engine.mapping;

import io.opendms.engine.mapping.expression.ExpressionException;
import io.opendms.engine.mapping.expression.ExpressionScope;
import io.opendms.engine.mapping.expression.RowOperation;
import io.opendms.engine.mapping.expression.SqliteValues;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.TableDefinition;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes target rows from source rows for one table. Thread-safe: immutable but for the count
 * of truncated LOB values.
 */
final class RowEvaluation {
  private static final Logger log = LoggerFactory.getLogger(RowEvaluation.class);
  /** Truncations logged one by one per table; later ones are only counted. */
  private static final int LOGGED_TRUNCATIONS = 100;

  private final TableDefinition source;
  private final List<TargetValue> values;
  private final List<String> targetNames;
  private final Map<String, Integer> sourceIndex = new HashMap<>();
  /** The target positions of the values limited LOB mode cuts. */
  private final int[] cutPositions;
  private final AtomicLong truncatedLobs = new AtomicLong();

  RowEvaluation(TableDefinition source, List<TargetValue> values, List<String> targetNames) {
    this.source = source;
    this.values = values;
    this.targetNames = List.copyOf(targetNames);
    for (int i = 0; i < source.columns().size(); i++) {
      sourceIndex.put(source.columns().get(i).name(), i);
    }
    this.cutPositions = IntStream.range(0, values.size())
        .filter(i -> values.get(i) instanceof TargetValue.TruncatedLob).toArray();
  }

  /**
   * The target row of a full load's source row when the target keeps the source's columns but
   * for LOB values that limited LOB mode cuts: the row itself unless a value is cut, which spares
   * a full load a new row per row and the walk through every column.
   */
  Object[] rowButCut(Object[] row) {
    List<Object> list = Arrays.asList(row);
    Object[] out = row;
    for (int position : cutPositions) {
      TargetValue.TruncatedLob lob = (TargetValue.TruncatedLob) values.get(position);
      Object cut = truncate(list, lob);
      if (cut != row[lob.sourceIndex()]) {
        out = out == row ? row.clone() : out;
        out[position] = cut;
      }
    }
    return out;
  }

  /**
   * The target row.
   *
   * @param before the source row before an update (for before-image columns); may be null
   */
  Object[] row(List<Object> row, List<Object> before, RowContext context) {
    Object[] out = new Object[values.size()];
    Scope scope = null;
    for (int i = 0; i < out.length; i++) {
      TargetValue value = values.get(i);
      if (value instanceof TargetValue.Copy copy) {
        out[i] = convert(row.get(copy.sourceIndex()), copy);
      } else if (value instanceof TargetValue.BeforeImage image) {
        out[i] = beforeImage(image, row, before, context);
      } else if (value instanceof TargetValue.TruncatedLob lob) {
        out[i] = truncate(row, lob);
      } else {
        TargetValue.Computed computed = (TargetValue.Computed) value;
        if (scope == null) {
          scope = new Scope(row, context);
        }
        out[i] = compute(computed, scope);
      }
    }
    return out;
  }

  /** The target row holding only the copied source values: identifies a row on the target. */
  Object[] keyImage(List<Object> row) {
    Object[] out = new Object[values.size()];
    for (int i = 0; i < out.length; i++) {
      if (values.get(i) instanceof TargetValue.Copy copy) {
        out[i] = convert(row.get(copy.sourceIndex()), copy);
      } else if (values.get(i) instanceof TargetValue.TruncatedLob lob) {
        // identifies the row only: cut as the stored value was, neither counted nor logged
        out[i] = LobTruncation.cut(row.get(lob.sourceIndex()), lob.maxBytes());
      }
    }
    return out;
  }

  /** How many LOB values were cut so far, in full load and CDC together. */
  long truncatedLobs() {
    return truncatedLobs.get();
  }

  private Object truncate(List<Object> row, TargetValue.TruncatedLob lob) {
    Object value = row.get(lob.sourceIndex());
    Object cut = LobTruncation.cut(value, lob.maxBytes());
    if (cut == value) {
      return value;
    }
    long count = truncatedLobs.incrementAndGet();
    if (count <= LOGGED_TRUNCATIONS) {
      // DMS logs each truncation; a table of large LOBs would flood the log, so only the first
      log.warn("{}: LOB column {} of the row with key {} truncated to {} bytes (limited LOB"
          + " mode, {})", source.id(), source.columns().get(lob.sourceIndex()).name(),
          keyText(row), lob.maxBytes(), lob.origin());
      if (count == LOGGED_TRUNCATIONS) {
        log.warn("{}: further LOB truncations are counted, not logged one by one", source.id());
      }
    }
    return cut;
  }

  /** The row's primary key as {@code column=value} pairs, for log lines. */
  private String keyText(List<Object> row) {
    if (source.primaryKey().isEmpty()) {
      return "(no primary key)";
    }
    var parts = new ArrayList<String>();
    for (String column : source.primaryKey()) {
      parts.add(column + "=" + row.get(sourceIndex.get(column)));
    }
    return String.join(", ", parts);
  }

  /**
   * Target positions whose values the source did not send: copies of unchanged source columns
   * and computed columns reading one (their old value is kept rather than computed from NULL).
   */
  List<Integer> unchanged(List<Integer> sourceUnchanged) {
    if (sourceUnchanged.isEmpty()) {
      return List.of();
    }
    Set<String> names = new HashSet<>();
    sourceUnchanged.forEach(i -> names.add(source.columns().get(i).name()));
    var out = new ArrayList<Integer>();
    for (int i = 0; i < values.size(); i++) {
      TargetValue value = values.get(i);
      boolean keep;
      if (value instanceof TargetValue.Copy copy) {
        keep = sourceUnchanged.contains(copy.sourceIndex());
      } else if (value instanceof TargetValue.TruncatedLob lob) {
        keep = sourceUnchanged.contains(lob.sourceIndex());
      } else {
        keep = value instanceof TargetValue.Computed computed
            && computed.expression().variables().stream().anyMatch(names::contains);
      }
      if (keep) {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * For a delete turned into a flagging update: every position but the key and the computed
   * columns keeps its value, since the old row may hold only the key.
   */
  List<Integer> keptOnFlaggedDelete(List<String> keyNames) {
    var out = new ArrayList<Integer>();
    for (int i = 0; i < values.size(); i++) {
      boolean key = values.get(i) instanceof TargetValue.Copy
          && keyNames.contains(targetNames.get(i));
      if (!key && !(values.get(i) instanceof TargetValue.Computed)) {
        out.add(i);
      }
    }
    return out;
  }

  private static Object convert(Object value, TargetValue.Copy copy) {
    if (copy.convertTo() == null || value == null) {
      return value;
    }
    try {
      return CanonicalValues.convert(value, copy.convertTo());
    } catch (IllegalArgumentException e) {
      throw new OpenDmsException(ErrorCode.SOURCE_READ_FAILED, "rule-id " + copy.ruleId()
          + " (change-data-type): " + e.getMessage());
    }
  }

  private Object beforeImage(TargetValue.BeforeImage image, List<Object> row, List<Object> before,
      RowContext context) {
    if (context.operation() != RowOperation.UPDATE && context.operation() != RowOperation.DELETE) {
      return null;
    }
    if (before != null) {
      return before.get(image.sourceIndex());
    }
    // no old row: the source logs old values only for a changed key, so the key is unchanged
    String name = source.columns().get(image.sourceIndex()).name();
    return source.primaryKey().contains(name) ? row.get(image.sourceIndex()) : null;
  }

  private static Object compute(TargetValue.Computed computed, Scope scope) {
    Object result;
    try {
      result = computed.expression().evaluate(scope);
    } catch (ExpressionException e) {
      throw new OpenDmsException(ErrorCode.INVALID_TABLE_MAPPINGS, "rule-id " + computed.ruleId()
          + ": expression " + e.getMessage() + " in '" + computed.expression() + "'");
    }
    try {
      return CanonicalValues.convert(result, computed.type());
    } catch (IllegalArgumentException e) {
      throw new OpenDmsException(ErrorCode.SOURCE_READ_FAILED, "rule-id " + computed.ruleId()
          + ": the expression's value for column " + computed.column() + " " + e.getMessage());
    }
  }

  /** The variables an expression sees: the source row and the change's headers. */
  private final class Scope implements ExpressionScope {
    private final List<Object> row;
    private final RowContext context;
    private final Instant now = Instant.now();

    Scope(List<Object> row, RowContext context) {
      this.row = row;
      this.context = context;
    }

    @Override
    public Object variable(String name) {
      Integer index = sourceIndex.get(name);
      if (index != null) {
        return SqliteValues.fromCanonical(row.get(index));
      }
      if (name.startsWith("AR_H_") || name.startsWith("AR_M_")) {
        return header(name);
      }
      throw new IllegalArgumentException("$" + name + " is not a column of " + source.id());
    }

    private Object header(String name) {
      return switch (name) {
        case "AR_H_OPERATION" -> context.operation().name();
        case "AR_H_TIMESTAMP", "AR_H_COMMIT_TIMESTAMP" ->
            SqliteValues.text(LocalDateTime.ofInstant(context.commitTime(), ZoneOffset.UTC));
        case "AR_H_TRANSACTION_ID" -> context.transactionId();
        case "AR_H_CHANGE_SEQ" -> context.changeSequence();
        case "AR_H_STREAM_POSITION", "AR_H_USER", "AR_M_SOURCE_COLUMN_NAME",
            "AR_M_SOURCE_COLUMN_DATATYPE" -> null;
        case "AR_M_SOURCE_SCHEMA" -> source.id().schema();
        case "AR_M_SOURCE_TABLE_NAME" -> source.id().name();
        default -> throw new IllegalArgumentException("$" + name + " is not a header variable"
            + " (known: AR_H_OPERATION, AR_H_TIMESTAMP, AR_H_COMMIT_TIMESTAMP,"
            + " AR_H_TRANSACTION_ID, AR_H_CHANGE_SEQ, AR_H_STREAM_POSITION, AR_H_USER,"
            + " AR_M_SOURCE_SCHEMA, AR_M_SOURCE_TABLE_NAME)");
      };
    }

    @Override
    public RowOperation operation() {
      return context.operation();
    }

    @Override
    public Instant now() {
      return now;
    }
  }
}

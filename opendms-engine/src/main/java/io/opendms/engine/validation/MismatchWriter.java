package io.opendms.engine.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendms.spi.validation.ComparableEndpoint;
import io.opendms.spi.validation.ComparisonSession;
import io.opendms.spi.validation.ValidationFailure;
import java.time.Instant;
import java.util.ArrayList;
import io.opendms.spi.table.TableId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is done with the mismatches a validation found, on the target: rewriting the rows from
 * the source ({@code --repair}) and recording them in DMS's {@code awsdms_validation_failures_v1}.
 * Used by the coordinating thread.
 */
public final class MismatchWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ValidationRunner runner;
  private final ComparableEndpoint target;

  /** @param runner the runner whose verdicts are written (it knows each table's columns) */
  public MismatchWriter(ValidationRunner runner, ComparableEndpoint target) {
    this.runner = runner;
    this.target = target;
  }

  /**
   * What {@link #repairAndRevalidate} did.
   *
   * @param verdicts every table's verdict, those of repaired tables from their validation after
   *     the repair
   * @param rowsWritten rows written or deleted per repaired (source) table
   */
  public record Repaired(List<TableVerdict> verdicts, Map<TableId, Long> rowsWritten) {}

  /**
   * Repairs every table whose verdict lists mismatches, then validates those tables again.
   *
   * @param tables the tables the verdicts are of
   */
  public Repaired repairAndRevalidate(List<ValidationRunner.TablePair> tables,
      List<TableVerdict> verdicts) {
    var written = new LinkedHashMap<TableId, Long>();
    for (TableVerdict verdict : verdicts) {
      long rows = repair(verdict);
      if (rows > 0) {
        written.put(verdict.source(), rows);
      }
    }
    if (written.isEmpty()) {
      return new Repaired(verdicts, Map.of());
    }
    var again = new HashMap<TableId, TableVerdict>();
    runner.validate(tables.stream().filter(pair -> written.containsKey(pair.source().id()))
        .toList()).forEach(verdict -> again.put(verdict.source(), verdict));
    return new Repaired(verdicts.stream().map(v -> again.getOrDefault(v.source(), v)).toList(),
        written);
  }

  /**
   * Makes the target's differing rows of the table equal to the source's: inserts the missing,
   * deletes the extra, rewrites the changed, in one target transaction. Returns the rows written
   * or deleted; 0 when the verdict has no mismatches.
   */
  public long repair(TableVerdict verdict) {
    TableComparison table = runner.comparison(verdict.source()).orElse(null);
    if (table == null || verdict.mismatches().isEmpty()) {
      return 0;
    }
    var rows = new ArrayList<Object[]>();
    var deletes = new ArrayList<List<Object>>();
    for (RowMismatch mismatch : verdict.mismatches()) {
      if (mismatch.sourceRow() != null) {
        rows.add(mismatch.sourceRow());
      } else {
        deletes.add(Arrays.asList(mismatch.targetRow()).subList(0, table.keySize()));
      }
    }
    try (ComparisonSession session = target.openComparison()) {
      return session.repair(table.target(), table.targetColumns(), table.targetKey(), rows, deletes);
    }
  }

  /** Appends every verdict's mismatches to the failures table in {@code controlSchema}. */
  public void recordFailures(String taskName, String controlSchema, List<TableVerdict> verdicts) {
    var failures = new ArrayList<ValidationFailure>();
    Instant now = Instant.now();
    for (TableVerdict verdict : verdicts) {
      for (RowMismatch mismatch : verdict.mismatches()) {
        failures.add(new ValidationFailure(taskName, verdict.source().schema(),
            verdict.source().name(), now, json(Map.of("key", mismatch.key())), mismatch.type(),
            json(details(mismatch))));
      }
    }
    if (failures.isEmpty()) {
      return;
    }
    try (ComparisonSession session = target.openComparison()) {
      session.recordFailures(controlSchema, failures);
    }
  }

  private static Map<String, Object> details(RowMismatch mismatch) {
    var columns = new LinkedHashMap<String, Object>();
    for (RowMismatch.Difference difference : mismatch.differences()) {
      var values = new LinkedHashMap<String, String>();
      values.put("source", difference.source());
      values.put("target", difference.target());
      columns.put(difference.column(), values);
    }
    return columns;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings is always JSON", e);
    }
  }
}

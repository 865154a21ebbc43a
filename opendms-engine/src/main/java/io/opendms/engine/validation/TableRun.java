package io.opendms.engine.validation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One table's comparison while its key ranges are being compared on worker threads: counters,
 * the mismatches found, and whether it was suspended or failed. Thread-safe (synchronized).
 */
final class TableRun {
  private final TableComparison comparison;
  private final int partitionSize;
  private final long failureLimit;
  private final Duration planning;
  private long started;
  private long finished;
  private int spansLeft;
  private long rows;
  private long skippedSpans;
  private final List<RowMismatch> mismatches = new ArrayList<>();
  private String error;
  private boolean suspended;
  private String suspendReason = "";

  /**
   * @param planning how long planning and cutting the table into ranges took, counted in its
   *     elapsed time
   */
  TableRun(TableComparison comparison, int spans, int partitionSize, long failureLimit,
      Duration planning) {
    this.planning = planning;
    this.comparison = comparison;
    this.spansLeft = spans;
    this.partitionSize = partitionSize;
    this.failureLimit = failureLimit;
  }

  TableComparison comparison() {
    return comparison;
  }

  /** Whether the remaining ranges should still be compared. */
  synchronized boolean active() {
    return error == null && !suspended;
  }

  /** Called before each range is compared: the table's clock starts with its first range. */
  synchronized void starting() {
    if (started == 0) {
      started = System.nanoTime();
    }
  }

  /** Adds a range's result; returns the new mismatches' count. */
  synchronized int add(PartitionComparer.Result result) {
    rangeDone();
    rows += result.rows();
    mismatches.addAll(result.mismatches());
    if (mismatches.size() > failureLimit && !suspended) {
      suspend("more than TableFailureMaxCount (" + failureLimit + ") failed records");
    }
    return result.mismatches().size();
  }

  synchronized void skipped() {
    rangeDone();
    skippedSpans++;
  }

  synchronized void suspend(String reason) {
    if (!suspended && error == null) {
      suspended = true;
      suspendReason = "validation suspended: " + reason;
    }
  }

  synchronized void failed(String reason) {
    rangeDone();
    if (error == null) {
      error = reason;
    }
  }

  private void rangeDone() {
    spansLeft--;
    if (spansLeft <= 0) {
      finished = System.nanoTime();
    }
  }

  /** The verdict once every range is done; rows only on one side are paired by key first. */
  synchronized TableVerdict verdict() {
    List<RowMismatch> paired = pairAcrossRanges(mismatches);
    ValidationState state = error != null ? ValidationState.ERROR
        : suspended ? ValidationState.SUSPENDED_RECORDS
        : paired.isEmpty() ? ValidationState.VALIDATED
        : ValidationState.MISMATCHED_RECORDS;
    String details = error != null ? error
        : suspended ? suspendReason
        : paired.isEmpty() ? "" : paired.size() + " record(s) differ";
    long suspendedRows = suspended ? skippedSpans * partitionSize : 0;
    return new TableVerdict(comparison.source(), comparison.target(), state, rows, paired.size(),
        suspendedRows, 0, details, comparison.method(), paired,
        planning.plusNanos(started == 0 ? 0 : finished - started));
  }

  /**
   * A row that one side keeps in a different key range than the other (text keys whose
   * collations order differently) shows as missing on each side: such pairs are compared here.
   */
  private List<RowMismatch> pairAcrossRanges(List<RowMismatch> found) {
    Map<List<String>, RowMismatch> onlyTarget = new HashMap<>();
    for (RowMismatch mismatch : found) {
      if (mismatch.type().equals("MISSING_SOURCE")) {
        onlyTarget.put(comparison.pairingKey(mismatch.key()), mismatch);
      }
    }
    var result = new ArrayList<RowMismatch>();
    // a re-check during CDC may compare a key both in a range and by itself
    var seen = new java.util.HashSet<List<String>>();
    for (RowMismatch mismatch : found) {
      if (mismatch.type().equals("MISSING_SOURCE")
          || !seen.add(comparison.pairingKey(mismatch.key()))) {
        continue;
      }
      RowMismatch other = mismatch.type().equals("MISSING_TARGET")
          ? onlyTarget.remove(comparison.pairingKey(mismatch.key())) : null;
      if (other == null) {
        result.add(mismatch);
      } else {
        PartitionComparer.difference(comparison, mismatch.key(), mismatch.sourceRow(),
            other.targetRow()).ifPresent(result::add);
      }
    }
    onlyTarget.values().stream().filter(m -> seen.add(comparison.pairingKey(m.key())))
        .forEach(result::add);
    return result;
  }
}

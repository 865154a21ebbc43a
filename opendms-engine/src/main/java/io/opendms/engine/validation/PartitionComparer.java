package io.opendms.engine.validation;

import io.opendms.spi.data.RowConsumer;
import io.opendms.spi.validation.ComparisonSession;
import io.opendms.spi.validation.KeyList;
import io.opendms.spi.validation.KeySpan;
import io.opendms.spi.validation.PartitionDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Compares one key range of a table: the two databases' digests first, and only when they differ
 * (or the table has no common digest) the decoded rows of both sides, paired by key in memory.
 * Runs on a worker thread with that thread's sessions.
 */
final class PartitionComparer {

  /**
   * @param rows rows compared: the source's rows plus rows only on the target
   * @param digestMatched whether the digests matched, so no row was read
   */
  record Result(long rows, boolean digestMatched, List<RowMismatch> mismatches) {}

  private PartitionComparer() {}

  static Result compare(TableComparison table, KeySpan sourceSpan, ComparisonSession source,
      ComparisonSession target) {
    KeySpan targetSpan = sourceSpan.on(table.target(), table.targetKey());
    if (table.digest() != null) {
      PartitionDigest sourceDigest = source.digest(sourceSpan, table.sourceColumns(), table.digest());
      PartitionDigest targetDigest = target.digest(targetSpan, table.targetColumns(), table.digest());
      if (sourceDigest.equals(targetDigest)) {
        return new Result(sourceDigest.rows(), true, List.of());
      }
    }
    return compareRows(table, sourceSpan, source, target);
  }

  /** Compares the range's decoded rows, without digests (known to differ, or none). */
  static Result compareRows(TableComparison table, KeySpan sourceSpan, ComparisonSession source,
      ComparisonSession target) {
    KeySpan targetSpan = sourceSpan.on(table.target(), table.targetKey());
    return pairRows(table, consumer -> target.read(targetSpan, table.targetColumns(), consumer),
        consumer -> source.read(sourceSpan, table.sourceColumns(), consumer));
  }

  /**
   * Digests consecutive ranges on both sides at once (one pass per side where the database can),
   * the target's on a thread of {@code targetThreads}; returns per range the result of matching
   * digests, or null where they differ. The target session is used by that thread alone until
   * this returns.
   */
  static List<Result> matchDigests(TableComparison table, List<KeySpan> sourceSpans,
      ComparisonSession source, ComparisonSession target, Executor targetThreads) {
    List<KeySpan> targetSpans =
        sourceSpans.stream().map(span -> span.on(table.target(), table.targetKey())).toList();
    CompletableFuture<List<PartitionDigest>> targetDigests = CompletableFuture.supplyAsync(
        () -> target.digests(targetSpans, table.targetColumns(), table.digest()), targetThreads);
    List<PartitionDigest> sourceDigests;
    try {
      sourceDigests = source.digests(sourceSpans, table.sourceColumns(), table.digest());
    } finally {
      targetDigests.exceptionally(failure -> null).join();
    }
    List<PartitionDigest> otherDigests;
    try {
      otherDigests = targetDigests.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    var results = new ArrayList<Result>(sourceDigests.size());
    for (int i = 0; i < sourceDigests.size(); i++) {
      PartitionDigest digest = sourceDigests.get(i);
      results.add(digest.equals(otherDigests.get(i))
          ? new Result(digest.rows(), true, List.of()) : null);
    }
    return results;
  }

  /** Compares the rows with the given keys (source values), read by key on both sides. */
  static Result compareKeys(TableComparison table, KeyList sourceKeys, ComparisonSession source,
      ComparisonSession target) {
    KeyList targetKeys = sourceKeys.on(table.target(), table.targetKey());
    return pairRows(table, consumer -> target.readKeys(targetKeys, table.targetColumns(), consumer),
        consumer -> source.readKeys(sourceKeys, table.sourceColumns(), consumer));
  }

  /** Reads the target's rows into memory by key, then pairs the source's rows with them. */
  private static Result pairRows(TableComparison table, Consumer<RowConsumer> readTarget,
      Consumer<RowConsumer> readSource) {
    Map<List<String>, Object[]> targetRows = new HashMap<>();
    readTarget.accept(row -> targetRows.put(table.pairingKey(targetKey(table, row)), row));
    var mismatches = new ArrayList<RowMismatch>();
    long[] rows = {0};
    readSource.accept(row -> {
      rows[0]++;
      List<String> key = sourceKey(table, row);
      Object[] other = targetRows.remove(table.pairingKey(key));
      if (other == null) {
        mismatches.add(RowMismatch.missingTarget(key, row));
      } else {
        difference(table, key, row, other).ifPresent(mismatches::add);
      }
    });
    targetRows.values().forEach(
        row -> mismatches.add(RowMismatch.missingSource(targetKey(table, row), row)));
    return new Result(rows[0] + targetRows.size(), false, mismatches);
  }

  /** The row's differing columns, as a RECORD_DIFF mismatch; empty when they mean the same. */
  static Optional<RowMismatch> difference(TableComparison table, List<String> key,
      Object[] sourceRow, Object[] targetRow) {
    var differences = new ArrayList<RowMismatch.Difference>();
    List<ColumnPair> columns = table.columns();
    for (int i = table.keySize(); i < columns.size(); i++) {
      ColumnPair pair = columns.get(i);
      String sourceText = pair.sourceText(sourceRow[i]);
      String targetText = pair.targetText(targetRow[i]);
      if (!pair.same(sourceText, targetText)) {
        differences.add(new RowMismatch.Difference(pair.name(), sourceText, targetText));
      }
    }
    return differences.isEmpty() ? Optional.empty()
        : Optional.of(new RowMismatch(key, "RECORD_DIFF", differences, sourceRow, targetRow));
  }

  static List<String> sourceKey(TableComparison table, Object[] row) {
    var key = new ArrayList<String>(table.keySize());
    for (int i = 0; i < table.keySize(); i++) {
      key.add(table.columns().get(i).sourceText(row[i]));
    }
    return key;
  }

  static List<String> targetKey(TableComparison table, Object[] row) {
    var key = new ArrayList<String>(table.keySize());
    for (int i = 0; i < table.keySize(); i++) {
      key.add(table.columns().get(i).targetText(row[i]));
    }
    return key;
  }
}

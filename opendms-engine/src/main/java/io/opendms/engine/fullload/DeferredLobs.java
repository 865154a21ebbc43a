package io.opendms.engine.fullload;

import io.opendms.engine.mapping.TableTransform;
import io.opendms.spi.data.DeferredLob;
import io.opendms.spi.source.SnapshotReader;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Full LOB mode in one partition: the rows travel with NULL where the source left a long LOB
 * value out ({@link DeferredLob}); once they are committed, each such value streams from the
 * source, piece by piece, into its row on the target. Only the keys of those rows are held.
 * Confined to one worker thread.
 */
final class DeferredLobs {
  private record Pending(List<Object> sourceKey, List<Object> targetKey, int sourceIndex,
      String targetColumn, long length) {}

  private final TableDefinition source;
  private final TargetTable target;
  private final Map<Integer, String> lookups;
  private final int chunkBytes;
  private final int[] sourceKey;
  private final int[] targetKey;
  private final List<Pending> pending = new ArrayList<>();

  private DeferredLobs(TableTransform transform, Map<Integer, String> lookups) {
    this.source = transform.source();
    this.target = transform.target();
    this.lookups = lookups;
    this.chunkBytes = transform.lobMode().chunkBytes();
    List<String> sourceNames = source.columns().stream().map(Column::name).toList();
    List<String> targetNames = target.columns().stream().map(Column::name).toList();
    this.sourceKey = source.primaryKey().stream().mapToInt(sourceNames::indexOf).toArray();
    this.targetKey = target.primaryKey().stream().mapToInt(targetNames::indexOf).toArray();
  }

  /** The lookups of a table, when it has some and the target can write them. */
  static Optional<DeferredLobs> of(TableTransform transform, TargetSession session) {
    Map<Integer, String> lookups = transform.lobLookups();
    if (lookups.isEmpty() || !session.writesLobs()) {
      return Optional.empty();
    }
    return Optional.of(new DeferredLobs(transform, lookups));
  }

  /**
   * The target row of a source row read with values left out: those become NULL, and the ones
   * the target keeps are remembered with the row's keys.
   */
  Object[] targetRow(Object[] sourceRow, UnaryOperator<Object[]> transform) {
    List<int[]> found = null;
    long[] lengths = new long[sourceRow.length];
    for (int i = 0; i < sourceRow.length; i++) {
      if (sourceRow[i] instanceof DeferredLob lob) {
        sourceRow[i] = null;
        if (lookups.containsKey(i)) {
          found = found == null ? new ArrayList<>() : found;
          found.add(new int[] {i});
          lengths[i] = lob.length();
        }
      }
    }
    List<Object> sourceKeyValues = found == null ? null : values(sourceRow, sourceKey);
    Object[] targetRow = transform.apply(sourceRow);
    if (found != null) {
      List<Object> targetKeyValues = values(targetRow, targetKey);
      for (int[] at : found) {
        pending.add(new Pending(sourceKeyValues, targetKeyValues, at[0], lookups.get(at[0]),
            lengths[at[0]]));
      }
    }
    return targetRow;
  }

  /** How many values wait for {@link #writeAll}. */
  int count() {
    return pending.size();
  }

  /**
   * Streams every remembered value from the source to the target, each write committed on its
   * own; {@code beforeEach} may stop the work by throwing. Returns the bytes written.
   */
  long writeAll(SnapshotReader reader, TargetSession session, Runnable beforeEach) {
    long bytes = 0;
    for (Pending lob : pending) {
      beforeEach.run();
      Column column = source.columns().get(lob.sourceIndex());
      try (InputStream value = reader.openLob(source.id(), source.primaryKey(), lob.sourceKey(),
          column, chunkBytes)) {
        session.writeLob(target, lob.targetKey(), lob.targetColumn(), lob.length(), value);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read LOB column " + column.name() + " of "
            + source.id() + " row " + lob.sourceKey(), e);
      }
      bytes += lob.length();
    }
    pending.clear();
    return bytes;
  }

  private static List<Object> values(Object[] row, int[] positions) {
    var out = new ArrayList<Object>(positions.length);
    for (int at : positions) {
      out.add(row[at]);
    }
    return out;
  }
}

package io.opendms.engine.fullload;

import io.opendms.spi.change.ApplyConflict;
import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.DataRefusedException;
import io.opendms.spi.target.NativeLoad;
import io.opendms.spi.target.RefusedRowLog;
import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hand-written target keeping committed rows (as their text lines) in memory, recording which
 * path each load took and how often tables were prepared and completed.
 */
final class InMemoryTarget implements TargetConnector {
  final Map<TableId, List<String>> committed = new ConcurrentHashMap<>();
  final List<String> events = new CopyOnWriteArrayList<>();
  final Set<TableId> failingPrepare = ConcurrentHashMap.newKeySet();
  final Set<TableId> failingCommits = ConcurrentHashMap.newKeySet();
  /** Rows (as text lines) whose load the target refuses because of their data, with the kind. */
  final Map<String, ApplyConflict.Kind> refusedLines = new ConcurrentHashMap<>();
  /** Rows the target recorded as refused ({@link RefusedRowLog}). */
  final List<String> recordedRefusals = new CopyOnWriteArrayList<>();
  volatile boolean acceptsNative = true;
  final Set<Thread> completeThreads = ConcurrentHashMap.newKeySet();

  @Override
  public void prepare(TargetTable table, TablePreparation preparation) {
    if (failingPrepare.contains(table.id())) {
      throw new IllegalStateException("cannot create " + table.id());
    }
    committed.put(table.id(), Collections.synchronizedList(new ArrayList<>()));
    events.add("prepare " + table.id() + " " + preparation.mode());
  }

  @Override
  public List<NativeFormat> importFormats(TargetTable table) {
    return acceptsNative ? List.of(InMemorySource.LINES) : List.of();
  }

  @Override
  public TargetSession openSession() {
    return new LoggingSession();
  }

  /** A session that records refused rows, as a database target's does. */
  private final class LoggingSession implements TargetSession, RefusedRowLog {
    @Override
    public void recordRefusedRow(String taskId, String controlSchema, TargetTable table,
        List<Object> row, String error) {
      recordedRefusals.add(taskId + "|" + table.id() + "|" + InMemorySource.encode(row.toArray()));
    }

    @Override
    public RowLoad openRowLoad(TargetTable table) {
      return new Rows(table.id());
    }

    @Override
    public NativeLoad openNativeLoad(TargetTable table, NativeFormat format) {
      return new Lines(table.id());
    }

    @Override
    public void close() {}
  }

  @Override
  public void complete(TargetTable table, TablePreparation preparation) {
    completeThreads.add(Thread.currentThread());
    events.add("complete " + table.id());
  }

  @Override
  public void close() {}

  private void failIfAsked(TableId table, List<String> lines) {
    if (failingCommits.contains(table)) {
      throw new IllegalStateException("commit into " + table + " refused on purpose");
    }
    for (String line : lines) {
      ApplyConflict.Kind kind = refusedLines.get(line);
      if (kind != null) {
        throw new DataRefusedException(kind, "row " + line + " of " + table + " refused on purpose", null);
      }
    }
  }

  private final class Rows implements RowLoad {
    private final TableId table;
    private final List<String> pending = new ArrayList<>();

    Rows(TableId table) {
      this.table = table;
    }

    @Override
    public void accept(Object[] values) {
      pending.add(InMemorySource.encode(values));
    }

    @Override
    public long commit() {
      failIfAsked(table, pending);
      committed.get(table).addAll(pending);
      events.add("rows " + table);
      return pending.size();
    }

    @Override
    public void close() {}
  }

  private final class Lines implements NativeLoad {
    private final TableId table;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Lines(TableId table) {
      this.table = table;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
      bytes.write(buffer, offset, length);
    }

    @Override
    public long commit() {
      String text = bytes.toString(StandardCharsets.UTF_8);
      List<String> lines = text.isEmpty() ? List.of() : List.of(text.split("\n"));
      failIfAsked(table, lines);
      committed.get(table).addAll(lines);
      events.add("native " + table);
      return lines.size();
    }

    @Override
    public void close() {}
  }
}

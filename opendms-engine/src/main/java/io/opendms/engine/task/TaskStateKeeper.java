package io.opendms.engine.task;

import io.opendms.engine.fullload.CompletedRange;
import io.opendms.engine.fullload.RangeLedger;
import io.opendms.engine.fullload.TableStatus;
import io.opendms.engine.plan.TablePlan;
import io.opendms.engine.validation.ValidationStatus;
import io.opendms.spi.source.TablePartition;
import io.opendms.spi.table.TableId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the durable task state in step with table outcomes, CDC progress and requested reloads.
 * Thread-safe: the coordinating (apply) thread, a reloading thread, validation during CDC and API
 * calls share it; the writes are synchronized. It is the full load's {@link RangeLedger}: the
 * partitions committed of a table that has not completed are kept for the next run.
 */
final class TaskStateKeeper implements RangeLedger {
  private static final Logger log = LoggerFactory.getLogger(TaskStateKeeper.class);
  private final TaskStateStore store;
  private final TaskDefinition definition;
  private final Map<TablePlan, TableRecord> records = new LinkedHashMap<>();
  private final List<TableRecord> keptFromEarlierRun = new ArrayList<>();
  private final LinkedHashSet<TableId> pendingReloads = new LinkedHashSet<>();
  private final Map<TableId, SuspendedTable> suspended = new LinkedHashMap<>();
  private CdcRecord cdc;

  TaskStateKeeper(TaskStateStore store, TaskDefinition definition, List<TablePlan> plans,
      Optional<TaskState> earlier) {
    this.store = store;
    this.definition = definition;
    this.cdc = earlier.map(TaskState::cdc).orElse(null);
    earlier.ifPresent(s -> pendingReloads.addAll(s.pendingReloads()));
    pendingReloads.retainAll(plans.stream().map(p -> p.source().id()).toList());
    // suspended tables stay so, unless the mappings dropped them or a reload is pending
    earlier.ifPresent(s -> s.suspendedTables().stream()
        .filter(t -> plans.stream().anyMatch(p -> p.target().id().equals(t.target())
            && !pendingReloads.contains(p.source().id())))
        .forEach(t -> suspended.put(t.target(), t)));
    for (TablePlan plan : plans) {
      TableRecord kept = earlier.flatMap(s -> s.table(plan.source().id()))
          .filter(r -> !pendingReloads.contains(r.source()))
          .filter(r -> r.state() == TableState.TABLE_COMPLETED && r.target().equals(plan.target().id()))
          .orElse(null);
      if (kept != null) {
        keptFromEarlierRun.add(kept);
        records.put(plan, kept);
      } else {
        List<CompletedRange> committed = earlier.flatMap(s -> s.table(plan.source().id()))
            .filter(r -> r.target().equals(plan.target().id()))
            .map(TableRecord::ranges).orElse(List.of());
        records.put(plan, new TableRecord(plan.source().id(), plan.target().id(),
            TableState.BEFORE_LOAD, 0, null, null, null).withRanges(committed));
      }
    }
    save();
  }

  synchronized boolean completedEarlier(TablePlan plan) {
    return keptFromEarlierRun.contains(records.get(plan));
  }

  synchronized List<TableRecord> keptFromEarlierRun() {
    return List.copyOf(keptFromEarlierRun);
  }

  /** What an earlier run recorded of a table, for tables this run does not load. */
  synchronized TableRecord recorded(TablePlan plan) {
    return records.get(plan);
  }

  /** The CDC record of this or an earlier run; null when CDC never started. */
  synchronized CdcRecord cdc() {
    return cdc;
  }

  /** Target tables suspended during change processing, of this or an earlier run, with why. */
  synchronized Map<TableId, String> suspended() {
    var reasons = new LinkedHashMap<TableId, String>();
    suspended.values().forEach(t -> reasons.put(t.target(), t.reason()));
    return reasons;
  }

  /** Durably notes a table suspended by the apply error policy now. */
  synchronized void suspended(TableId target, String reason) {
    if (suspended.putIfAbsent(target, new SuspendedTable(target, reason, Instant.now())) == null) {
      save();
    }
  }

  /** The target tables are applied again (they are being reloaded). */
  synchronized void resumed(Collection<TableId> targets) {
    if (suspended.keySet().removeAll(targets)) {
      save();
    }
  }

  /** Source tables asked to load again whose reload has not committed yet. */
  synchronized List<TableId> pendingReloads() {
    return List.copyOf(pendingReloads);
  }

  /**
   * Durably notes that {@code sources} must load again, whole, before anything of it happens
   * (ReloadTables): the partitions they committed no longer count.
   */
  synchronized void reloadRequested(Collection<TableId> sources) {
    records.replaceAll((plan, record) ->
        sources.contains(plan.source().id()) ? record.withRanges(List.of()) : record);
    pendingReloads.addAll(sources);
    save();
  }

  /**
   * Durably notes that the tables of an interrupted full load must load again while changes are
   * applied, keeping the partitions they committed when they can.
   */
  synchronized void resumeRequested(Collection<TableId> sources) {
    pendingReloads.addAll(sources);
    save();
  }

  /**
   * Change processing resumes past the start of an interrupted full load, whose kept partitions
   * need the changes since that start replayed: the tables still to reload drop them and load
   * whole.
   */
  synchronized void forgetKeptPartitions(String taskId) {
    List<TableId> dropped = new ArrayList<>();
    records.replaceAll((plan, record) -> {
      if (!pendingReloads.contains(plan.source().id()) || record.ranges().isEmpty()) {
        return record;
      }
      dropped.add(plan.source().id());
      return record.withRanges(List.of());
    });
    if (!dropped.isEmpty()) {
      log.info("task {}: {} load(s) again whole: the partitions an interrupted full load kept need"
          + " the changes since its start, and change processing resumes past it", taskId, dropped);
      save();
    }
  }

  @Override
  public synchronized List<CompletedRange> completed(TablePlan table) {
    TableRecord record = records.get(table);
    return record == null ? List.of() : record.ranges();
  }

  @Override
  public synchronized void committed(TablePlan table, TablePartition partition, long rows) {
    TableRecord record = records.get(table);
    List<CompletedRange> ranges = new ArrayList<>(record.ranges());
    ranges.add(new CompletedRange(partition.index(), partition.count(), partition.bounds().toString(),
        rows, Instant.now()));
    records.put(table, record.withRanges(ranges));
    save();
  }

  @Override
  public synchronized void restarted(TablePlan table) {
    TableRecord record = records.get(table);
    if (record != null && !record.ranges().isEmpty()) {
      records.put(table, record.withRanges(List.of()));
      save();
    }
  }

  /** The reload of {@code sources} is committed on the target. */
  synchronized void reloadDone(Collection<TableId> sources) {
    pendingReloads.removeAll(sources);
    save();
  }

  synchronized void record(TableStatus status) {
    TableRecord before = records.get(status.plan());
    records.put(status.plan(), new TableRecord(status.plan().source().id(),
        status.plan().target().id(), status.state(), status.rows(), status.started(),
        status.finished(), status.error(), before == null ? null : before.validation(),
        before == null ? List.of() : before.ranges()));
    save();
  }

  /** Records a table's validation counters, keeping its load state. */
  synchronized void record(TableId source, ValidationStatus validation) {
    records.replaceAll((plan, record) ->
        plan.source().id().equals(source) ? record.withValidation(validation) : record);
    save();
  }

  synchronized void record(CdcRecord record) {
    cdc = record;
    save();
  }

  private void save() {
    store.save(new TaskState(definition.taskId(), definition.migrationType(),
        new ArrayList<>(records.values()), cdc, List.copyOf(pendingReloads),
        List.copyOf(suspended.values())));
  }
}

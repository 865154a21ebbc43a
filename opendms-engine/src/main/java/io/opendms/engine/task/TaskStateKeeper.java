package io.opendms.engine.task;

import io.opendms.engine.fullload.TableStatus;
import io.opendms.engine.plan.TablePlan;
import io.opendms.engine.validation.ValidationStatus;
import io.opendms.spi.table.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the durable task state in step with table outcomes and CDC progress. Called on the
 * coordinating (apply) thread, and by validation during CDC on its own thread: the writes are
 * synchronized.
 */
final class TaskStateKeeper {
  private final TaskStateStore store;
  private final TaskDefinition definition;
  private final Map<TablePlan, TableRecord> records = new LinkedHashMap<>();
  private final List<TableRecord> keptFromEarlierRun = new ArrayList<>();
  private CdcRecord cdc;

  TaskStateKeeper(TaskStateStore store, TaskDefinition definition, List<TablePlan> plans,
      Optional<TaskState> earlier) {
    this.store = store;
    this.definition = definition;
    this.cdc = earlier.map(TaskState::cdc).orElse(null);
    for (TablePlan plan : plans) {
      TableRecord kept = earlier.flatMap(s -> s.table(plan.source().id()))
          .filter(r -> r.state() == TableState.TABLE_COMPLETED && r.target().equals(plan.target().id()))
          .orElse(null);
      if (kept != null) {
        keptFromEarlierRun.add(kept);
        records.put(plan, kept);
      } else {
        records.put(plan, new TableRecord(plan.source().id(), plan.target().id(),
            TableState.BEFORE_LOAD, 0, null, null, null));
      }
    }
    save();
  }

  boolean completedEarlier(TablePlan plan) {
    return keptFromEarlierRun.contains(records.get(plan));
  }

  List<TableRecord> keptFromEarlierRun() {
    return keptFromEarlierRun;
  }

  /** The CDC record of this or an earlier run; null when CDC never started. */
  CdcRecord cdc() {
    return cdc;
  }

  synchronized void record(TableStatus status) {
    TableRecord before = records.get(status.plan());
    records.put(status.plan(), new TableRecord(status.plan().source().id(),
        status.plan().target().id(), status.state(), status.rows(), status.started(),
        status.finished(), status.error(), before == null ? null : before.validation()));
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
        new ArrayList<>(records.values()), cdc));
  }
}

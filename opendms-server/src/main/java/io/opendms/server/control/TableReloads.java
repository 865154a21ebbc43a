package io.opendms.server.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.engine.task.MigrationType;
import io.opendms.engine.task.TableRecord;
import io.opendms.engine.task.TaskState;
import io.opendms.engine.task.TaskStateStore;
import io.opendms.server.dms.ApiRequest;
import io.opendms.server.dms.DmsFault;
import io.opendms.server.dms.Json;
import io.opendms.server.store.StoredResource;
import io.opendms.spi.error.ErrorCategory;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * DMS ReloadTables. A running task loads the tables again at once: with CDC, while changes of
 * the other tables go on; a full-load task before it ends. A stopped task that ran before
 * remembers the request in its state: the next start (resume-processing) loads those tables
 * again, and a full-load task starts loading them at once. DMS itself refuses the call unless the
 * task runs; the deferred forms are an OpenDMS extension that a stopped task's users asked for.
 */
final class TableReloads {
  private final ServerContext context;
  private final TaskRunner runner;
  private final Events events;

  TableReloads(ServerContext context, TaskRunner runner, Events events) {
    this.context = context;
    this.runner = runner;
    this.events = events;
  }

  /**
   * @param resume starts a stopped full-load task with resume-processing
   */
  ObjectNode reload(ApiRequest request, StoredResource task, Consumer<StoredResource> resume) {
    String option = request.optionalString("ReloadOption").orElse("data-reload");
    if (option.equals("validate-only")) {
      throw DmsFault.invalidParameter("ReloadOption validate-only revalidates tables, and data"
          + " validation is not available in this OpenDMS build; use data-reload");
    }
    if (!option.equals("data-reload")) {
      throw DmsFault.invalidParameter("ReloadOption must be data-reload or validate-only, not '"
          + option + "'");
    }
    List<TableId> tables = tables(request);
    try {
      if (!runner.reload(task.arn(), tables)) {
        requestForNextStart(task, tables, resume);
      }
    } catch (IllegalStateException e) {
      throw DmsFault.invalidState(e.getMessage());
    } catch (OpenDmsException e) {
      throw e.category() == ErrorCategory.USER ? DmsFault.invalidParameter(e.getMessage()) : e;
    }
    events.task(task.identifier(), "Table reload requested for "
        + tables.stream().map(TableId::toString).collect(Collectors.joining(", ")), "State Change");
    return Json.object().put("ReplicationTaskArn", task.arn());
  }

  private void requestForNextStart(StoredResource task, List<TableId> tables,
      Consumer<StoredResource> resume) {
    String status = task.body().path("Status").asText();
    if (!task.body().path("ReplicationTaskStats").has("StartDate")) {
      throw DmsFault.invalidState("Replication task " + task.identifier() + " is " + status
          + " and has never run: its first start loads every table");
    }
    if (!status.equals("stopped") && !status.equals("failed")) {
      throw DmsFault.invalidState("Replication task " + task.identifier() + " is " + status
          + "; tables can be reloaded while it runs or once it stopped");
    }
    try (TaskStateStore store = TaskStateStore.open(context.dataDir(), Arns.engineTaskId(task.arn()))) {
      TaskState state = store.load().orElseThrow(() -> DmsFault.invalidState("Replication task "
          + task.identifier() + " has no saved state to reload tables into; start it with"
          + " reload-target"));
      List<TableId> known = state.tables().stream().map(TableRecord::source).toList();
      for (TableId table : tables) {
        if (!known.contains(table)) {
          throw DmsFault.invalidParameter("Table " + table + " is not selected by replication task "
              + task.identifier());
        }
      }
      store.save(state.withReloadRequested(tables));
    }
    if (MigrationType.parse(task.body().path("MigrationType").asText()) == MigrationType.FULL_LOAD) {
      resume.accept(task);
    }
  }

  private static List<TableId> tables(ApiRequest request) {
    if (!request.has("TablesToReload")) {
      throw ApiRequest.missing("TablesToReload");
    }
    List<TableId> tables = new ArrayList<>();
    for (ApiRequest table : request.structureList("TablesToReload")) {
      try {
        tables.add(new TableId(table.requiredString("SchemaName"), table.requiredString("TableName")));
      } catch (IllegalArgumentException e) {
        throw DmsFault.invalidParameter("TablesToReload: " + e.getMessage());
      }
    }
    if (tables.isEmpty()) {
      throw DmsFault.invalidParameter("TablesToReload must name at least one table");
    }
    return tables;
  }
}

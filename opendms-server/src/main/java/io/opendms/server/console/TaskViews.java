package io.opendms.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.server.control.TaskService;
import io.opendms.server.dms.DmsFault;
import io.opendms.server.dms.Json;
import io.opendms.server.metrics.MetricsService;
import io.opendms.server.metrics.TaskMetric;
import io.opendms.server.store.MetricHistoryStore;
import io.opendms.server.tasklog.LogComponent;
import io.opendms.server.tasklog.LogSeverity;
import io.opendms.server.tasklog.TaskLogEntry;
import io.opendms.server.tasklog.TaskLogQuery;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What the task page shows beyond the DMS calls: metric history, the task log, mapping checks. */
final class TaskViews {
  private final TaskService tasks;
  private final MetricsService metrics;

  TaskViews(TaskService tasks, MetricsService metrics) {
    this.tasks = tasks;
    this.metrics = metrics;
  }

  /**
   * The task's samples of the last minutes as columns, the way charts take them: {@code Times}
   * (epoch seconds) and one array per metric, null where a sample lacks the metric.
   */
  ObjectNode metrics(String arn, int minutes) {
    tasks.requireExists(arn);
    List<MetricHistoryStore.Sample> samples = metrics.history(arn, Duration.ofMinutes(minutes));
    ObjectNode reply = Json.object();
    ArrayNode times = reply.putArray("Times");
    ObjectNode series = reply.putObject("Series");
    for (TaskMetric metric : TaskMetric.values()) {
      series.putArray(metric.name());
    }
    for (MetricHistoryStore.Sample sample : samples) {
      times.add(sample.time().toEpochMilli() / 1000.0);
      for (TaskMetric metric : TaskMetric.values()) {
        Double value = sample.values().get(metric.name());
        ArrayNode column = (ArrayNode) series.get(metric.name());
        if (value == null) {
          column.addNull();
        } else {
          column.add(value);
        }
      }
    }
    reply.put("Running", metrics.latest(arn).isPresent());
    return reply;
  }

  ObjectNode log(String arn, Optional<String> components, Optional<String> severity, Optional<String> text,
      Optional<String> limit) {
    TaskLogQuery query;
    try {
      Set<LogComponent> wanted = components.map(list -> Arrays.stream(list.split(","))
          .filter(s -> !s.isBlank()).map(LogComponent::parse).collect(Collectors.toSet())).orElse(Set.of());
      query = new TaskLogQuery(wanted, severity.map(LogSeverity::parse).orElse(LogSeverity.TRACE),
          text.orElse(""), limit.map(Integer::parseInt).orElse(500));
    } catch (IllegalArgumentException e) {
      throw DmsFault.invalidParameter(e.getMessage());
    }
    ArrayNode entries = Json.array();
    for (TaskLogEntry entry : tasks.log(arn, query)) {
      entries.addObject().put("Time", entry.time().toString()).put("Component", entry.component().name())
          .put("Severity", String.valueOf(entry.severity().letter())).put("Message", entry.message());
    }
    ObjectNode reply = Json.object();
    reply.set("Entries", entries);
    ArrayNode names = reply.putArray("Components");
    Arrays.stream(LogComponent.values()).forEach(c -> names.add(c.name()));
    return reply;
  }

  /** The server's own check of a table-mapping document, as CreateReplicationTask runs it. */
  ObjectNode validateMappings(JsonNode mappings) {
    if (!mappings.isTextual()) {
      throw DmsFault.invalidParameter("TableMappings must be the document as a string");
    }
    ObjectNode reply = Json.object();
    try {
      tasks.validateTableMappings(mappings.asText());
      reply.put("Valid", true);
    } catch (DmsFault fault) {
      reply.put("Valid", false).put("Message", fault.getMessage());
    }
    return reply;
  }
}

package io.opendms.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/grafana/opendms.json charts every task metric and only metrics the server exports. */
class GrafanaDashboardTest {
  private static final Set<String> INSTANCE = Set.of("CPUUtilization", "FreeStorageSpace", "ChangeCacheDiskUsage",
      "jvm_memory_used_bytes", "jvm_memory_max_bytes");
  private static final Set<String> PROMQL = Set.of("sum", "rate", "max", "avg");

  @Test
  void chartsEveryTaskMetricAndNothingUnknown() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(Path.of("../docs/grafana/opendms.json").toFile());
    Set<String> used = new TreeSet<>();
    Matcher name = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(?=\\{|\\(|$)").matcher("");
    for (JsonNode expression : dashboard.findValues("expr")) {
      name.reset(expression.asText());
      while (name.find()) {
        if (!PROMQL.contains(name.group(1))) {
          used.add(name.group(1));
        }
      }
    }
    Set<String> exported = new TreeSet<>(INSTANCE);
    Arrays.stream(TaskMetric.values()).map(Enum::name).forEach(exported::add);
    assertThat(exported).containsAll(used);
    assertThat(used).containsAll(Arrays.stream(TaskMetric.values()).map(Enum::name).toList());
  }
}

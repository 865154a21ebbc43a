package io.opendms.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.engine.mapping.TableMappings;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class TaskPlannerTest {
  private final SourceConnector source = new DescribingSource(List.of(
      table("sales", "small", 10), table("sales", "big", 1_000_000), table("hr", "staff", 500)));

  @Test
  void ordersByLoadOrderThenLargestFirst() {
    var mappings = TableMappings.parse("""
        {"rules":[
          {"rule-type":"selection","rule-id":"1","rule-name":"all","object-locator":{"schema-name":"%","table-name":"%"},"rule-action":"include"},
          {"rule-type":"selection","rule-id":"2","rule-name":"hr-first","object-locator":{"schema-name":"hr","table-name":"%"},"rule-action":"include","load-order":"5"}
        ]}""");

    List<TablePlan> plans = new TaskPlanner(mappings, "").plan(source);

    assertThat(plans).extracting(p -> p.source().id().toString())
        .containsExactly("hr.staff", "sales.big", "sales.small");
  }

  @Test
  void targetSchemaRenamesEverySchemaAndKeepsColumns() {
    List<TablePlan> plans = new TaskPlanner(TableMappings.includeEverything(), "copy").plan(source);

    assertThat(plans).extracting(p -> p.target().id().toString())
        .containsExactlyInAnyOrder("copy.staff", "copy.big", "copy.small");
    assertThat(plans).allSatisfy(p -> assertThat(p.columnsUnchanged()).isTrue());
    assertThat(plans.get(0).target().primaryKey()).containsExactly("id");
  }

  @Test
  void selectingNothingIsAnErrorThatNamesTheRules() {
    var mappings = TableMappings.parse("""
        {"rules":[{"rule-type":"selection","rule-id":"7","rule-name":"x","object-locator":{"schema-name":"nope","table-name":"%"},"rule-action":"include"}]}""");

    assertThatThrownBy(() -> new TaskPlanner(mappings, "").plan(source))
        .isInstanceOf(OpenDmsException.class)
        .hasMessageContaining("select no table").hasMessageContaining("rule-id 7")
        .satisfies(e -> assertThat(((OpenDmsException) e).code()).isEqualTo(ErrorCode.NO_TABLES_SELECTED));
  }

  @Test
  void twoSourceTablesRenamedToOneTargetTableAreRefused() {
    var mappings = TableMappings.parse("""
        {"rules":[
          {"rule-type":"selection","rule-id":"1","rule-name":"all","object-locator":{"schema-name":"%","table-name":"%"},"rule-action":"include"},
          {"rule-type":"transformation","rule-id":"2","rule-name":"one","rule-target":"table","rule-action":"rename","value":"merged","object-locator":{"schema-name":"sales","table-name":"%"}}
        ]}""");

    assertThatThrownBy(() -> new TaskPlanner(mappings, "").plan(source))
        .isInstanceOf(OpenDmsException.class)
        .hasMessageContaining("map both sales.big and sales.small to target table sales.merged");
  }

  private static TableDefinition table(String schema, String name, long rows) {
    return new TableDefinition(new TableId(schema, name), "memory",
        List.of(new Column("id", DataType.of(DmsType.INT8), false, "bigint")), List.of("id"), rows, rows * 50);
  }

  /** Describes fixed tables; reading is not needed by the planner. */
  private record DescribingSource(List<TableDefinition> tables) implements SourceConnector {
    @Override
    public List<TableDefinition> discover(Predicate<TableId> wanted) {
      return tables.stream().filter(t -> wanted.test(t.id())).sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    @Override
    public SnapshotSession openSnapshot() {
      throw new AssertionError("the planner does not read");
    }

    @Override
    public void close() {}
  }
}

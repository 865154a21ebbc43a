package io.opendms.engine.assess;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.engine.mapping.TableMappings;
import io.opendms.engine.plan.TablePlan;
import io.opendms.spi.assess.CheckResult;
import io.opendms.spi.assess.CheckStatus;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingChecksTest {

  @Test
  void anExplicitRuleNamingAMissingTableFails() {
    TableMappings mappings = mappings(
        rule(1, "include", "sales", "%"), rule(2, "explicit", "sales", "refunds"));

    CheckResult result = MappingChecks.selectedTablesExist(mappings,
        List.of(plan("sales", "orders", "sales")));

    assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(result.objects()).containsExactly("sales.refunds");
  }

  @Test
  void anIncludeRuleWithoutWildcardsCountsAsNamingOneTable() {
    CheckResult result = MappingChecks.selectedTablesExist(
        mappings(rule(1, "include", "sales", "order_items")), List.of());

    assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(result.objects()).containsExactly("sales.order_items");
  }

  @Test
  void aWildcardRuleMatchingNothingOnlyWarns() {
    CheckResult result = MappingChecks.selectedTablesExist(
        mappings(rule(1, "include", "sales", "%"), rule(2, "include", "hr", "%")),
        List.of(plan("sales", "orders", "sales")));

    assertThat(result.status()).isEqualTo(CheckStatus.WARNING);
    assertThat(result.objects()).singleElement().asString().contains("rule-id 2");
  }

  @Test
  void twoSourceTablesWithOneTargetNameCollide() {
    List<TablePlan> plans = List.of(plan("a", "t", "dw"), plan("b", "t", "dw"), plan("a", "u", "dw"));

    CheckResult result = MappingChecks.nameCollisions(plans, id -> id);

    assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(result.objects()).containsExactly("dw.t <- a.t, b.t");
  }

  @Test
  void collisionsAreJudgedWhereTheTargetPutsTheTables() {
    List<TablePlan> plans = List.of(plan("a", "t", "a"), plan("b", "t", "b"));

    assertThat(MappingChecks.nameCollisions(plans, id -> id).status())
        .isEqualTo(CheckStatus.PASSED);
    assertThat(MappingChecks.nameCollisions(plans, id -> new TableId("db", id.name())).status())
        .isEqualTo(CheckStatus.FAILED);
  }

  private static TablePlan plan(String schema, String name, String targetSchema) {
    var columns = List.of(new Column("id", DataType.of(DmsType.INT4), false, "integer"));
    var source = new TableDefinition(new TableId(schema, name), "postgres", columns,
        List.of("id"), 1, 8192);
    var target = new TargetTable(new TableId(targetSchema, name), "postgres", columns, List.of("id"));
    return new TablePlan(source, target, 0);
  }

  private static String rule(int id, String action, String schema, String table) {
    return "{\"rule-type\":\"selection\",\"rule-id\":\"" + id + "\",\"rule-name\":\"r" + id
        + "\",\"rule-action\":\"" + action + "\",\"object-locator\":{\"schema-name\":\"" + schema
        + "\",\"table-name\":\"" + table + "\"}}";
  }

  private static TableMappings mappings(String... rules) {
    return TableMappings.parse("{\"rules\":[" + String.join(",", rules) + "]}");
  }
}

package io.opendms.engine.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.opendms.engine.mapping.SelectionRule.Action;
import io.opendms.engine.mapping.SelectionRule.TableType;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.TableId;
import org.junit.jupiter.api.Test;

class TableMappingsTest {

  @Test
  void readsSelectionRulesAsConsolesWriteThem() {
    TableMappings mappings =
        TableMappings.parse(
            """
            {"rules": [
              {"rule-type": "selection", "rule-id": "1", "rule-name": "1",
               "object-locator": {"schema-name": "public", "table-name": "%"},
               "rule-action": "include", "filters": [], "load-order": null,
               "value": null, "tag-set": null}
            ]}
            """);

    assertThat(mappings.selectionRules())
        .containsExactly(
            new SelectionRule(1, "1", Action.INCLUDE, NamePattern.wildcard("public"),
                NamePattern.wildcard("%"), TableType.TABLE, 0));
    assertThat(mappings.selects(table("public", "orders"))).isTrue();
    assertThat(mappings.selects(table("sales", "orders"))).isFalse();
  }

  @Test
  void excludeWinsOverIncludeWhateverTheOrder() {
    TableMappings mappings =
        TableMappings.parse(
            rules(
                selection(1, "exclude", "public", "audit[_]%"),
                selection(2, "include", "public", "%")));

    assertThat(mappings.selects(table("public", "orders"))).isTrue();
    assertThat(mappings.selects(table("public", "audit_2024"))).isFalse();
    assertThat(mappings.selects(table("public", "auditlog"))).isTrue();
    assertThat(mappings.loadOrder(table("public", "audit_2024"))).isZero();
  }

  @Test
  void explicitSelectsOneObjectByItsExactName() {
    TableMappings mappings =
        TableMappings.parse(rules(selection(1, "explicit", "public", "order_items")));

    assertThat(mappings.selects(table("public", "order_items"))).isTrue();
    assertThat(mappings.selects(table("public", "orderXitems"))).isFalse();
  }

  @Test
  void explicitRulesRejectPercentWildcards() {
    OpenDmsException error = failure(rules(selection(4, "explicit", "public", "order%")));

    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_TABLE_MAPPINGS);
    assertThat(error.getMessage()).contains("rule-id 4: object-locator.table-name 'order%'"
        + " has a wildcard '%'");
  }

  @Test
  void higherLoadOrderOfTheMatchingRulesWins() {
    TableMappings mappings =
        TableMappings.parse(
            """
            {"rules": [
              {"rule-type": "selection", "rule-id": 1, "rule-name": "all",
               "object-locator": {"schema-name": "%", "table-name": "%"},
               "rule-action": "include", "load-order": 1},
              {"rule-type": "selection", "rule-id": 2, "rule-name": "big",
               "object-locator": {"schema-name": "public", "table-name": "big[a-d]"},
               "rule-action": "include", "load-order": "5"}
            ]}
            """);

    assertThat(mappings.loadOrder(table("public", "bigb"))).isEqualTo(5);
    assertThat(mappings.loadOrder(table("public", "bige"))).isEqualTo(1);
    assertThat(TableMappings.includeEverything().loadOrder(table("a", "b"))).isZero();
  }

  @Test
  void tableTypeDecidesBetweenTablesAndViews() {
    TableMappings mappings =
        TableMappings.parse(
            """
            {"rules": [
              {"rule-type": "selection", "rule-id": 1, "rule-name": "views",
               "object-locator": {"schema-name": "rep", "table-name": "%", "table-type": "view"},
               "rule-action": "include"},
              {"rule-type": "selection", "rule-id": 2, "rule-name": "both",
               "object-locator": {"schema-name": "app", "table-name": "%", "table-type": "all"},
               "rule-action": "include"}
            ]}
            """);

    assertThat(mappings.selectsView(table("rep", "daily"))).isTrue();
    assertThat(mappings.selects(table("rep", "daily"))).isFalse();
    assertThat(mappings.selects(table("app", "users"))).isTrue();
    assertThat(mappings.selectsView(table("app", "active_users"))).isTrue();
  }

  @Test
  void includeEverythingSelectsEveryTable() {
    TableMappings everything = TableMappings.includeEverything();

    assertThat(everything.selects(table("any", "thing"))).isTrue();
    assertThat(everything.selectsView(table("any", "view"))).isFalse();
    assertThat(everything.selectionRules()).singleElement()
        .hasToString("rule-id 1 include %.%");
  }

  @Test
  void reportsEveryProblemAtOnceNamingRuleAndField() {
    OpenDmsException error =
        failure(
            """
            {"rules": [
              {"rule-type": "selection", "rule-id": "1", "rule-name": "a",
               "object-locator": {"schema-name": "public", "table-name": "x[ab"},
               "rule-action": "includ", "load-order": -1, "colour": "red"},
              {"rule-type": "selection", "rule-id": "1", "rule-name": "a",
               "object-locator": {"schema-name": "", "table-type": "tables"},
               "rule-action": "include"},
              {"rule-type": "selection", "rule-name": "c", "rule-action": "exclude"},
              {"rule-type": "selection", "rule-id": "x7", "rule-name": "d",
               "object-locator": "public.%", "rule-action": "include"},
              {"rule-type": "magic", "rule-id": "9", "rule-name": "e"},
              "not a rule"
            ]}
            """);

    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_TABLE_MAPPINGS);
    assertThat(error.getMessage())
        .startsWith("Invalid Table Mappings document: ")
        .contains("rule-id 1: object-locator.table-name 'x[ab' has a '[' that is not closed")
        .contains("rule-id 1: rule-action must be one of include, exclude, explicit,"
            + " got 'includ'")
        .contains("rule-id 1: load-order must be an integer 0..2147483647, got -1")
        .contains("rule-id 1: colour is not a field of a selection rule")
        .contains("rule-id 1: rule-id repeats that of rules[0]")
        .contains("rule-id 1: rule-name 'a' repeats that of rule-id 1")
        .contains("rule-id 1: object-locator.schema-name must not be empty")
        .contains("rule-id 1: object-locator.table-name is missing")
        .contains("rule-id 1: object-locator.table-type must be one of table, view, all,"
            + " got 'tables'")
        .contains("rules[2]: rule-id is missing")
        .contains("rules[2]: object-locator is missing")
        .contains("rules[3]: rule-id must be an integer 0..9223372036854775807,"
            + " got string \"x7\"")
        .contains("rules[3]: object-locator must be an object, got string \"public.%\"")
        .contains("rule-id 9: unknown rule-type 'magic'")
        .contains("rules[5]: expected an object, got string \"not a rule\"");
  }

  @Test
  void ruleTypesAndActionsThisVersionDoesNotApplyAreRejectedByRuleId() {
    OpenDmsException error =
        failure(
            """
            {"rules": [
              {"rule-type": "selection", "rule-id": "1", "rule-name": "1",
               "object-locator": {"schema-name": "public", "table-name": "%"},
               "rule-action": "include"},
              {"rule-type": "post-processing", "rule-id": "3", "rule-name": "3",
               "rule-action": "add-tag",
               "object-locator": {"schema-name": "public", "table-name": "t"}},
              {"rule-type": "transformation", "rule-id": "4", "rule-name": "4",
               "rule-target": "column", "rule-action": "data-masking-hash-mask",
               "object-locator": {"schema-name": "public", "table-name": "t",
                                  "column-name": "ssn"}},
              {"rule-type": "transformation", "rule-id": "5", "rule-name": "5",
               "rule-target": "table-tablespace", "rule-action": "rename", "value": "x",
               "object-locator": {"schema-name": "public", "table-name": "t",
                                  "table-tablespace-name": "ts"}}
            ]}
            """);

    assertThat(error.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(error.getMessage())
        .contains("rule-id 3 (post-processing): not supported yet by this version")
        .contains("rule-id 4 (transformation): rule-action data-masking-hash-mask is not"
            + " supported")
        .contains("rule-id 5 (transformation): rule-target table-tablespace (Oracle only)");
  }

  @Test
  void invalidDocumentsTakePrecedenceOverUnsupportedRules() {
    OpenDmsException error =
        failure(
            """
            {"rules": [{"rule-type": "validation", "rule-id": "3", "rule-name": "3",
                        "object-locator": {"schema-name": "public"}}]}
            """);

    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_TABLE_MAPPINGS);
    assertThat(error.getMessage())
        .contains("at least one selection rule is required")
        .contains("rule-id 3 (validation): not supported yet by this version");
  }

  @Test
  void rejectsDocumentsWithoutRules() {
    assertThat(failure("{}").getMessage())
        .isEqualTo("Invalid Table Mappings document: \"rules\" is missing");
    assertThat(failure("{\"rules\": {}}").getMessage()).contains("must be an array");
    assertThat(failure("{\"rules\": []}").getMessage())
        .contains("at least one selection rule is required");
    assertThat(failure("[]").getMessage()).contains("expected an object");
    assertThat(failure("").getMessage()).contains("empty");
  }

  @Test
  void rejectsMalformedJsonWithLineAndColumn() {
    OpenDmsException error = failure("{\"rules\": [\n  {\"rule-id\": 1,}\n]}");

    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_TABLE_MAPPINGS);
    assertThat(error.getMessage())
        .startsWith("Invalid Table Mappings document: malformed JSON at line 2, column");
  }

  private static OpenDmsException failure(String json) {
    OpenDmsException error =
        catchThrowableOfType(OpenDmsException.class, () -> TableMappings.parse(json));
    assertThat(error).as("parse must fail").isNotNull();
    return error;
  }

  private static TableId table(String schema, String name) {
    return new TableId(schema, name);
  }

  private static String rules(String... rules) {
    return "{\"rules\": [" + String.join(",", rules) + "]}";
  }

  private static String selection(int id, String action, String schema, String table) {
    return """
        {"rule-type": "selection", "rule-id": "%d", "rule-name": "rule %d",
         "object-locator": {"schema-name": "%s", "table-name": "%s"}, "rule-action": "%s"}
        """.formatted(id, id, schema, table, action);
  }
}

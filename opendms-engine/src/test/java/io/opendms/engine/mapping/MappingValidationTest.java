package io.opendms.engine.mapping;

import static io.opendms.engine.mapping.TableTransformTest.locator;
import static io.opendms.engine.mapping.TableTransformTest.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import org.junit.jupiter.api.Test;

/** Every problem of a mapping document is reported at once, by rule-id and field. */
class MappingValidationTest {
  private static final String SELECT = "{\"rule-type\": \"selection\", \"rule-id\": \"1\","
      + " \"rule-name\": \"1\", \"rule-action\": \"include\","
      + " \"object-locator\": {\"schema-name\": \"%\", \"table-name\": \"%\"}}";

  @Test
  void readsDmsExampleAUnchanged() {
    TableMappings mappings = TableMappings.parse("""
        {"rules":[
         {"rule-type":"selection","rule-id":"10","rule-name":"sales-all","rule-action":"include",
          "object-locator":{"schema-name":"sales","table-name":"%"}},
         {"rule-type":"selection","rule-id":"11","rule-name":"skip-tmp","rule-action":"exclude",
          "object-locator":{"schema-name":"sales","table-name":"tmp[_]%"}},
         {"rule-type":"selection","rule-id":"12","rule-name":"recent-orders","rule-action":"include",
          "load-order":"5","object-locator":{"schema-name":"sales","table-name":"orders"},
          "filters":[{"filter-type":"source","column-name":"created_at",
                      "filter-conditions":[{"filter-operator":"gte","value":"2024-01-01"}]},
                     {"filter-type":"source","column-name":"region",
                      "filter-conditions":[{"filter-operator":"eq","value":"EU"},
                                           {"filter-operator":"eq","value":"UK"}]}]},
         {"rule-type":"transformation","rule-id":"20","rule-name":"rename-schema",
          "rule-action":"rename","rule-target":"schema","object-locator":{"schema-name":"sales"},
          "value":"sales_v2"},
         {"rule-type":"transformation","rule-id":"21","rule-name":"lower-tables",
          "rule-action":"convert-lowercase","rule-target":"table",
          "object-locator":{"schema-name":"sales","table-name":"%"}},
         {"rule-type":"transformation","rule-id":"22","rule-name":"drop-ssn",
          "rule-action":"remove-column","rule-target":"column",
          "object-locator":{"schema-name":"sales","table-name":"customers","column-name":"ssn"}},
         {"rule-type":"transformation","rule-id":"23","rule-name":"audit-col",
          "rule-action":"add-column","rule-target":"column",
          "object-locator":{"schema-name":"sales","table-name":"orders"},"value":"dms_op",
          "expression":"operation_indicator('D','U','I')",
          "data-type":{"type":"string","length":1}},
         {"rule-type":"transformation","rule-id":"24","rule-name":"pk-for-log",
          "rule-action":"define-primary-key","rule-target":"table",
          "object-locator":{"schema-name":"sales","table-name":"event_log"},
          "primary-key-def":{"name":"event_log_pk","origin":"primary-key",
                             "columns":["event_id","ts"]}},
         {"rule-type":"table-settings","rule-id":"30","rule-name":"orders-parallel",
          "object-locator":{"schema-name":"sales","table-name":"orders"},
          "parallel-load":{"type":"ranges","columns":["order_id"],
                           "boundaries":[["1000000"],["2000000"],["3000000"]]},
          "lob-settings":{"mode":"limited","bulk-max-size":"64"}}
        ]}
        """);

    assertThat(mappings.selectionRules()).hasSize(3);
    assertThat(mappings.selectionRules().get(2).filters()).hasSize(2);
    assertThat(mappings.selectionRules().get(2).loadOrder()).isEqualTo(5);
    assertThat(mappings.transformationRules()).extracting(TransformationRule::ruleId)
        .containsExactly(20L, 21L, 22L, 23L, 24L);
    assertThat(mappings.tableSettingsRules()).hasSize(1);
  }

  @Test
  void filterProblemsNameTheRuleAndField() {
    String error = problems(
        "{\"rule-type\": \"selection\", \"rule-id\": \"4\", \"rule-name\": \"f\","
            + " \"rule-action\": \"include\","
            + " \"object-locator\": {\"schema-name\": \"s\", \"table-name\": \"t\"},"
            + " \"filters\": [{\"filter-type\": \"target\", \"column-name\": \"a\","
            + "   \"filter-conditions\": [{\"filter-operator\": \"eq\"}]},"
            + "  {\"filter-type\": \"source\", \"column-name\": \"b\","
            + "   \"filter-conditions\": [{\"filter-operator\": \"like\", \"value\": \"x\"}]},"
            + "  {\"filter-type\": \"source\", \"column-name\": \"c\","
            + "   \"filter-conditions\": [{\"filter-operator\": \"between\", \"value\": \"1\"}]},"
            + "  {\"filter-type\": \"source\", \"column-name\": \"d\", \"filter-conditions\": []}]}",
        "{\"rule-type\": \"selection\", \"rule-id\": \"5\", \"rule-name\": \"x\","
            + " \"rule-action\": \"exclude\","
            + " \"object-locator\": {\"schema-name\": \"s\", \"table-name\": \"t\"},"
            + " \"filters\": [{\"filter-type\": \"source\", \"column-name\": \"a\","
            + "   \"filter-conditions\": [{\"filter-operator\": \"null\"}]}]}");

    assertThat(error)
        .contains("rule-id 4: filters[0].filter-type must be source, got 'target'")
        .contains("rule-id 4: filters[1].filter-conditions[0].filter-operator must be one of lte,"
            + " ste, gte, eq, noteq, between, notbetween, null, notnull, got 'like'")
        .contains("rule-id 4: filters[2].filter-conditions[0].start-value is missing")
        .contains("rule-id 4: filters[3].filter-conditions must not be empty")
        .contains("rule-id 5: filters apply only to include and explicit rules");
  }

  @Test
  void transformationProblemsNameTheRuleAndField() {
    String error = problems(SELECT,
        rule(2, "rename", "table", locator("s", "t", null), ""),
        rule(3, "remove-column", "table", locator("s", "t", null), ""),
        rule(4, "add-column", "column", locator("s", "t", null),
            "\"value\": \"c\", \"expression\": \"upper($a\", \"data-type\": {\"type\": \"string\"}"),
        rule(5, "change-data-type", "column", locator("s", "t", "c"),
            "\"data-type\": {\"type\": \"varchar\"}"),
        rule(6, "define-primary-key", "table", locator("s", "%", null),
            "\"primary-key-def\": {\"name\": \"pk\", \"columns\": []}"),
        rule(7, "replace-prefix", "column", locator("s", "t", "c"), "\"value\": \"x\""),
        rule(8, "explode", "column", locator("s", "t", "c"), ""),
        rule(9, "convert-lowercase", "column", locator("s", "t", null), ""),
        rule(10, "add-prefix", "schema", locator("s", "t", null), "\"value\": \"p_\""),
        rule(12, "rename", "column", locator("s", "t", "c"),
            "\"value\": \"x\", \"expression\": \"'y'\""),
        rule(13, "rename", "table", locator("s", "t", null), "\"expression\": \"$c || 'x'\""),
        rule(11, "add-column", "column", locator("s", "t", null),
            "\"value\": \"n\", \"expression\": \"1\", \"data-type\": {\"type\": \"numeric\","
                + " \"precision\": 2, \"scale\": 5}"));

    assertThat(error)
        .contains("rule-id 2: value is missing")
        .contains("rule-id 3: rule-target must be column for remove-column, got table")
        .contains("rule-id 4: expression at position 9: expected ')' but found the end of the"
            + " expression in 'upper($a'")
        .contains("rule-id 5: data-type.type must be one of bytes, date")
        .contains("rule-id 6: object-locator.table-name must be an exact name for"
            + " define-primary-key")
        .contains("rule-id 6: primary-key-def.columns must not be empty")
        .contains("rule-id 7: old-value is missing")
        .contains("rule-id 8: rule-action must be one of rename, remove-column")
        .contains("rule-id 9: object-locator.column-name is missing")
        .contains("rule-id 10: object-locator.table-name is not taken by rule-target schema")
        .contains("rule-id 11: data-type.type NUMERIC scale 5 exceeds precision 2")
        .contains("rule-id 12: value and expression are both given")
        .contains("rule-id 13: expression of a rename reads $c; it may read only");
  }

  @Test
  void tableSettingsProblemsNameTheRuleAndField() {
    String error = problems(SELECT,
        "{\"rule-type\": \"table-settings\", \"rule-id\": \"30\", \"rule-name\": \"a\","
            + " \"object-locator\": {\"schema-name\": \"s\", \"table-name\": \"%\"},"
            + " \"parallel-load\": {\"type\": \"ranges\", \"columns\": [\"a\", \"b\"],"
            + " \"boundaries\": [[\"1\"]]}}",
        "{\"rule-type\": \"table-settings\", \"rule-id\": \"31\", \"rule-name\": \"b\","
            + " \"object-locator\": {\"schema-name\": \"s\", \"table-name\": \"t\"},"
            + " \"parallel-load\": {\"type\": \"sideways\"},"
            + " \"lob-settings\": {\"mode\": \"limited\"}}",
        "{\"rule-type\": \"table-settings\", \"rule-id\": \"32\", \"rule-name\": \"c\","
            + " \"object-locator\": {\"schema-name\": \"s\", \"table-name\": \"t\"},"
            + " \"parallel-load\": {\"type\": \"none\"}}",
        "{\"rule-type\": \"table-settings\", \"rule-id\": \"33\", \"rule-name\": \"d\","
            + " \"object-locator\": {\"schema-name\": \"s\", \"table-name\": \"u\"},"
            + " \"parallel-load\": {\"type\": \"none\"}}",
        "{\"rule-type\": \"table-settings\", \"rule-id\": \"34\", \"rule-name\": \"e\","
            + " \"object-locator\": {\"schema-name\": \"s\", \"table-name\": \"u\"},"
            + " \"lob-settings\": {\"mode\": \"none\"}}");

    assertThat(error)
        .contains("rule-id 30: object-locator.table-name must be an exact name: table-settings"
            + " rules take no wildcard, got '%'")
        .contains("rule-id 30: parallel-load.boundaries[0] must be an array of 2 value(s)")
        .contains("rule-id 31: parallel-load.type must be one of partitions-auto,"
            + " subpartitions-auto, partitions-list, ranges, none, got 'sideways'")
        .contains("rule-id 31: lob-settings.bulk-max-size must be a positive number of KB for"
            + " mode limited")
        .contains("rule-id 34: object-locator names s.u, which rule-id 33 already sets");
  }

  private static String problems(String... rules) {
    OpenDmsException error = catchThrowableOfType(OpenDmsException.class,
        () -> TableMappings.parse("{\"rules\": [" + String.join(",", rules) + "]}"));
    assertThat(error).as("parse must fail").isNotNull();
    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_TABLE_MAPPINGS);
    return error.getMessage();
  }
}

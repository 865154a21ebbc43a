package io.opendms.engine.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.engine.mapping.expression.RowOperation;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.RowChange.Operation;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.source.RowFilter;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTransformTest {
  private static final TableDefinition ORDERS = new TableDefinition(
      new TableId("Sales", "Orders"), "postgres",
      List.of(
          new Column("id", DataType.of(DmsType.INT4), false, "integer"),
          new Column("region", DataType.string(DmsType.STRING, 10), true, "character varying(10)"),
          new Column("amount", DataType.numeric(10, 2), true, "numeric(10,2)"),
          new Column("created", DataType.datetime(6), true, "timestamp(6) without time zone"),
          new Column("note", DataType.of(DmsType.CLOB), true, "text")),
      List.of("id"), 100, 8192);
  private static final RowContext LOAD = RowContext.load(Instant.parse("2024-05-01T00:00:00Z"));

  @Test
  void withoutRulesTheTableIsCopiedAsItIs() {
    TableTransform transform = transform(selectAll());

    assertThat(transform.keepsRows()).isTrue();
    assertThat(transform.target().id()).isEqualTo(new TableId("Sales", "Orders"));
    assertThat(transform.target().columns()).isEqualTo(ORDERS.columns());
    assertThat(transform.filter().isEmpty()).isTrue();
  }

  @Test
  void schemaTableAndColumnNamesAreTransformedLowestRuleIdFirst() {
    TableTransform transform = transform(selectAll(),
        rule(20, "rename", "schema", locator("Sales", null, null), "\"value\": \"dw\""),
        rule(21, "convert-lowercase", "table", locator("%", "%", null), ""),
        rule(22, "add-prefix", "table", locator("Sales", "Orders", null), "\"value\": \"x_\""),
        rule(23, "add-suffix", "column", locator("%", "%", "re%"), "\"value\": \"_code\""),
        rule(24, "convert-uppercase", "column", locator("%", "%", "%"), ""),
        rule(25, "replace-prefix", "column", locator("%", "%", "am%"),
            "\"value\": \"total_\", \"old-value\": \"am\""));

    assertThat(transform.target().id()).isEqualTo(new TableId("dw", "orders"));
    assertThat(names(transform)).containsExactly("ID", "region_code", "AMOUNT", "CREATED", "NOTE");
    assertThat(transform.target().primaryKey()).containsExactly("ID");
    assertThat(transform.keepsRows()).isFalse();
    assertThat(transform.row(new Object[] {1, "EU", null, null, "n"}, LOAD))
        .containsExactly(1, "EU", null, null, "n");
  }

  @Test
  void renamesMayBeComputedFromTheObjectsNames() {
    TableTransform transform = transform(selectAll(),
        rule(2, "rename", "table", locator("%", "%", null),
            "\"expression\": \"lower($AR_M_SOURCE_SCHEMA) || '_' || $AR_M_SOURCE_TABLE_NAME\""),
        rule(3, "rename", "column", locator("%", "%", "amount"),
            "\"expression\": \"$AR_M_SOURCE_COLUMN_NAME || '_' || $AR_M_SOURCE_COLUMN_DATATYPE\""));

    assertThat(transform.target().id().name()).isEqualTo("sales_Orders");
    assertThat(names(transform)).contains("amount_numeric");
  }

  @Test
  void aSchemaRuleWinsOverTheTargetSchemaSetting() {
    TableMappings mappings = TableMappings.parse(doc(selectAll(),
        rule(2, "remove-prefix", "schema", locator("S%", null, null), "\"value\": \"Sa\"")));

    assertThat(mappings.transform(ORDERS, "other").target().id().schema()).isEqualTo("les");
    assertThat(TableMappings.parse(doc(selectAll())).transform(ORDERS, "other").target().id())
        .isEqualTo(new TableId("other", "Orders"));
  }

  @Test
  void removeAndIncludeColumnsDecideWhichColumnsRemain() {
    TableTransform removed = transform(selectAll(),
        rule(2, "remove-column", "column", locator("Sales", "Orders", "note"), ""));
    assertThat(names(removed)).containsExactly("id", "region", "amount", "created");
    assertThat(removed.row(new Object[] {1, "EU", BigDecimal.ONE, null, "n"}, LOAD))
        .containsExactly(1, "EU", BigDecimal.ONE, null);

    TableTransform included = transform(selectAll(),
        rule(2, "include-column", "column", locator("Sales", "Orders", "id"), ""),
        rule(3, "include-column", "column", locator("Sales", "Orders", "amount"), ""));
    assertThat(names(included)).containsExactly("id", "amount");
  }

  @Test
  void removingAKeyColumnWithoutANewKeyIsRefused() {
    assertThatThrownBy(() -> transform(selectAll(),
        rule(2, "remove-column", "column", locator("Sales", "Orders", "id"), "")))
        .isInstanceOf(OpenDmsException.class)
        .hasMessageContaining("remove column id of the primary key of Sales.Orders");
  }

  @Test
  void withoutLobSupportLobColumnsAreLeftOut() {
    TableTransform transform = TableMappings.parse(doc(selectAll())).transform(ORDERS, "",
        new LobMode(LobMode.Kind.NONE, 0, 0, 65536, 0));

    assertThat(names(transform)).containsExactly("id", "region", "amount", "created");
    assertThat(transform.row(new Object[] {1, "EU", null, null, "long text"}, LOAD))
        .containsExactly(1, "EU", null, null);
  }

  @Test
  void changeDataTypeConvertsValuesAndDropsTheNativeType() {
    TableTransform transform = transform(selectAll(),
        rule(2, "change-data-type", "column", locator("%", "%", "amount"),
            "\"data-type\": {\"type\": \"string\", \"length\": \"20\", \"scale\": \"\"}"),
        rule(3, "change-data-type", "column", locator("%", "%", "id"),
            "\"data-type\": {\"type\": \"int8\"}"));

    Column amount = transform.target().columns().get(2);
    assertThat(amount.type()).isEqualTo(DataType.string(DmsType.STRING, 20));
    assertThat(amount.nativeType()).isEmpty();
    assertThat(transform.row(new Object[] {7, "EU", new BigDecimal("12.50"), null, null}, LOAD))
        .containsExactly(7L, "EU", "12.50", null, null);
  }

  @Test
  void addColumnComputesItsExpressionPerRow() {
    TableTransform transform = transform(selectAll(),
        rule(2, "add-column", "column", locator("Sales", "Orders", null),
            "\"value\": \"label\", \"expression\": \"$region || '-' || $id\","
                + " \"data-type\": {\"type\": \"string\", \"length\": 30}"),
        rule(3, "add-column", "column", locator("Sales", "Orders", null),
            "\"value\": \"op\", \"expression\": \"operation_indicator('D','U','I')\","
                + " \"data-type\": {\"type\": \"string\", \"length\": 1}"),
        rule(4, "add-column", "column", locator("Sales", "Orders", null),
            "\"value\": \"day\", \"expression\": \"date($created)\","
                + " \"data-type\": {\"type\": \"date\"}"));

    assertThat(names(transform)).endsWith("label", "op", "day");
    Object[] row = transform.row(new Object[] {
        5, "EU", null, LocalDateTime.parse("2024-02-03T04:05:06"), null}, LOAD);
    assertThat(Arrays.asList(row).subList(5, 8))
        .containsExactly("EU-5", "I", LocalDate.parse("2024-02-03"));
  }

  @Test
  void addColumnRefusesAnExistingNameAndUnknownColumns() {
    assertThatThrownBy(() -> transform(selectAll(),
        rule(7, "add-column", "column", locator("%", "%", null),
            "\"value\": \"region\", \"expression\": \"1\", \"data-type\": {\"type\": \"int4\"}")))
        .hasMessageContaining("rule-id 7: value 'region' names a column that Sales.Orders"
            + " already has");
    assertThatThrownBy(() -> transform(selectAll(),
        rule(8, "add-column", "column", locator("%", "%", null),
            "\"value\": \"x\", \"expression\": \"$Region\", \"data-type\": {\"type\": \"int4\"}")))
        .hasMessageContaining("rule-id 8: expression reads $Region, which is not a column of"
            + " Sales.Orders");
  }

  @Test
  void definePrimaryKeyReplacesTheSourceKey() {
    TableTransform transform = transform(selectAll(),
        rule(2, "define-primary-key", "table", locator("Sales", "Orders", null),
            "\"primary-key-def\": {\"name\": \"pk\", \"columns\": [\"region\", \"id\"]}"));

    assertThat(transform.target().primaryKey()).containsExactly("region", "id");
    assertThatThrownBy(() -> transform(selectAll(),
        rule(3, "define-primary-key", "table", locator("Sales", "Orders", null),
            "\"primary-key-def\": {\"name\": \"pk\", \"columns\": [\"nope\"]}")))
        .hasMessageContaining("rule-id 3: primary-key-def.columns names 'nope'");
  }

  @Test
  void beforeImageColumnsHoldTheOldValuesOfUpdates() {
    TableTransform transform = transform(selectAll(),
        rule(2, "add-before-image-columns", "column", locator("%", "%", null),
            "\"before-image-def\": {\"column-prefix\": \"old_\", \"column-filter\": \"non-lob\"}"));

    assertThat(names(transform)).containsExactly("id", "region", "amount", "created", "note",
        "old_id", "old_region", "old_amount", "old_created");
    RowChange update = RowChange.of(ORDERS.id(), Operation.UPDATE,
        new Object[] {1, "EU", null, null, null}, new Object[] {1, "UK", null, null, "n"},
        List.of());
    RowChange applied = transform.change(update, change(RowOperation.UPDATE)).orElseThrow();
    assertThat(applied.after()).containsExactly(1, "UK", null, null, "n", 1, "EU", null, null);
    assertThat(transform.row(new Object[] {1, "EU", null, null, null}, LOAD))
        .containsExactly(1, "EU", null, null, null, null, null, null, null);
  }

  @Test
  void filtersAreTypedByTheirColumnAndApplyToChanges() {
    TableTransform transform = transform(selectWithFilters(
        "{\"filter-type\": \"source\", \"column-name\": \"region\", \"filter-conditions\": ["
            + "{\"filter-operator\": \"eq\", \"value\": \"EU\"},"
            + "{\"filter-operator\": \"eq\", \"value\": \"UK\"}]},"
            + "{\"filter-type\": \"source\", \"column-name\": \"id\", \"filter-conditions\": ["
            + "{\"filter-operator\": \"between\", \"start-value\": \"10\", \"end-value\": \"20\"}]}"));

    RowFilter filter = transform.filter();
    assertThat(filter.columns()).hasSize(2);
    assertThat(filter.columns().get(1).conditions().get(0))
        .isEqualTo(new RowFilter.Condition(RowFilter.Operator.BETWEEN, 10, 20));
    assertThat(transform.keepsRows()).isTrue();
    assertThat(transform.change(insert(15, "EU"), change(RowOperation.INSERT))).isPresent();
    assertThat(transform.change(insert(15, "US"), change(RowOperation.INSERT))).isEmpty();
    assertThat(transform.change(insert(25, "UK"), change(RowOperation.INSERT))).isEmpty();
    RowChange keyOnlyDelete = RowChange.of(ORDERS.id(), Operation.DELETE,
        new Object[] {15, null, null, null, null}, null, List.of());
    assertThat(transform.change(keyOnlyDelete, change(RowOperation.DELETE))).isEmpty();
  }

  @Test
  void filterValuesThatDoNotFitTheColumnNameTheRuleAndField() {
    assertThatThrownBy(() -> transform(selectWithFilters(
        "{\"filter-type\": \"source\", \"column-name\": \"id\", \"filter-conditions\": ["
            + "{\"filter-operator\": \"gte\", \"value\": \"ten\"}]}")))
        .isInstanceOf(OpenDmsException.class)
        .hasMessageContaining("rule-id 1: filters[0].filter-conditions[0].value 'ten' is not a"
            + " INT4")
        .hasMessageContaining("column id of Sales.Orders");
    assertThatThrownBy(() -> transform(selectWithFilters(
        "{\"filter-type\": \"source\", \"column-name\": \"ID\", \"filter-conditions\": ["
            + "{\"filter-operator\": \"null\"}]}")))
        .hasMessageContaining("rule-id 1: filters[0].column-name 'ID' is not a column of"
            + " Sales.Orders");
    TableDefinition documents = new TableDefinition(ORDERS.id(), "postgres",
        List.of(new Column("doc", DataType.of(DmsType.JSON), true, "jsonb")), List.of(), 0, 0);
    assertThatThrownBy(() -> TableMappings.parse(doc(selectWithFilters(
        "{\"filter-type\": \"source\", \"column-name\": \"doc\", \"filter-conditions\": ["
            + "{\"filter-operator\": \"notnull\"}]}"))).transform(documents, ""))
        .hasMessageContaining("is a JSON column, which cannot be filtered");
  }

  @Test
  void operationIndicatorTurnsDeletesIntoFlaggingUpdates() {
    TableTransform transform = transform(selectAll(),
        rule(3, "add-column", "column", locator("Sales", "Orders", null),
            "\"value\": \"op\", \"expression\": \"operation_indicator('D','U','I')\","
                + " \"data-type\": {\"type\": \"string\", \"length\": 1}"));
    RowChange delete = RowChange.of(ORDERS.id(), Operation.DELETE,
        new Object[] {9, null, null, null, null}, null, List.of());

    RowChange applied = transform.change(delete, change(RowOperation.DELETE)).orElseThrow();

    assertThat(applied.operation()).isEqualTo(Operation.UPDATE);
    assertThat(applied.after()).containsExactly(9, null, null, null, null, "D");
    assertThat(applied.unchanged()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void unchangedSourceValuesStayUnchangedOnTheTarget() {
    TableTransform transform = transform(selectAll(),
        rule(2, "remove-column", "column", locator("%", "%", "region"), ""));
    RowChange update = RowChange.of(ORDERS.id(), Operation.UPDATE, null,
        new Object[] {1, "EU", null, null, null}, List.of(4));

    assertThat(transform.change(update, change(RowOperation.UPDATE)).orElseThrow().unchanged())
        .containsExactly(3);
  }

  @Test
  void rangeBoundariesAreTypedByTheirColumns() {
    TableMappings mappings = TableMappings.parse(doc(selectAll(),
        "{\"rule-type\": \"table-settings\", \"rule-id\": \"30\", \"rule-name\": \"p\","
            + " \"object-locator\": {\"schema-name\": \"Sales\", \"table-name\": \"Orders\"},"
            + " \"parallel-load\": {\"type\": \"ranges\", \"columns\": [\"id\", \"region\"],"
            + " \"boundaries\": [[\"100\", \"M\"], [\"200\", \"A\"]]},"
            + " \"lob-settings\": {\"mode\": \"limited\", \"bulk-max-size\": \"64\"}}"));

    TableTransform transform = mappings.transform(ORDERS, "");
    assertThat(transform.rangeBoundaries()).containsExactly(List.of(100, "M"), List.of(200, "A"));
    assertThat(transform.lobMode().maxBytes()).isEqualTo(64 * 1024);
  }

  @Test
  void limitedLobSettingsCutLobValuesAndCountThem() {
    TableTransform transform = TableMappings.parse(doc(selectAll(),
        "{\"rule-type\": \"table-settings\", \"rule-id\": \"30\", \"rule-name\": \"lob\","
            + " \"object-locator\": {\"schema-name\": \"Sales\", \"table-name\": \"Orders\"},"
            + " \"lob-settings\": {\"mode\": \"limited\", \"bulk-max-size\": \"1\"}}"))
        .transform(ORDERS, "");
    String longText = "é".repeat(600);

    Object[] source = {1, "EU", null, null, longText};
    Object[] row = transform.row(source, LOAD);

    assertThat(transform.keepsRows()).isFalse();
    assertThat(transform.keepsRowsButLongLobs()).isTrue();
    assertThat((String) row[4]).isEqualTo("é".repeat(512));
    assertThat(source[4]).as("the source row is left as it was").isEqualTo(longText);
    Object[] shortRow = {2, "EU", null, null, "short"};
    assertThat(transform.row(shortRow, LOAD)).as("nothing to cut: the row itself").isSameAs(shortRow);
    assertThat(transform.truncatedLobs()).isEqualTo(1);
    assertThat(LobTruncation.cut(new byte[2000], 1024)).isEqualTo(new byte[1024]);
  }

  @Test
  void taskLimitedModeCutsLobsUnlessTheTableSaysUnlimited() {
    LobMode limited = new LobMode(LobMode.Kind.LIMITED, 4, 0, 65536, 0);
    TableTransform task = TableMappings.parse(doc(selectAll())).transform(ORDERS, "", limited);
    TableTransform unlimited = TableMappings.parse(doc(selectAll(),
        "{\"rule-type\": \"table-settings\", \"rule-id\": \"30\", \"rule-name\": \"lob\","
            + " \"object-locator\": {\"schema-name\": \"Sales\", \"table-name\": \"Orders\"},"
            + " \"lob-settings\": {\"mode\": \"unlimited\", \"bulk-max-size\": \"0\"}}"))
        .transform(ORDERS, "", limited);

    assertThat(task.row(new Object[] {1, "EU", null, null, "abcdef"}, LOAD)[4]).isEqualTo("abcd");
    assertThat(task.truncatedLobs()).isEqualTo(1);
    assertThat(task.keepsRows()).isFalse();
    assertThat(unlimited.row(new Object[] {1, "EU", null, null, "abcdef"}, LOAD)[4])
        .isEqualTo("abcdef");
    assertThat(unlimited.lobMode().kind()).isEqualTo(LobMode.Kind.FULL);
    assertThat(unlimited.lobMode().inlineBytes()).isZero();
  }

  private static List<String> names(TableTransform transform) {
    return transform.target().columns().stream().map(Column::name).toList();
  }

  private static RowChange insert(int id, String region) {
    return RowChange.of(ORDERS.id(), Operation.INSERT, null,
        new Object[] {id, region, null, null, null}, List.of());
  }

  private static RowContext change(RowOperation operation) {
    return new RowContext(operation, Instant.parse("2024-05-02T00:00:00Z"), 7L, "1");
  }

  private static TableTransform transform(String... rules) {
    return TableMappings.parse(doc(rules)).transform(ORDERS, "");
  }

  private static String doc(String... rules) {
    return "{\"rules\": [" + String.join(",", rules) + "]}";
  }

  private static String selectAll() {
    return "{\"rule-type\": \"selection\", \"rule-id\": \"1\", \"rule-name\": \"all\","
        + " \"rule-action\": \"include\","
        + " \"object-locator\": {\"schema-name\": \"%\", \"table-name\": \"%\"}}";
  }

  private static String selectWithFilters(String filters) {
    return "{\"rule-type\": \"selection\", \"rule-id\": \"1\", \"rule-name\": \"all\","
        + " \"rule-action\": \"include\","
        + " \"object-locator\": {\"schema-name\": \"Sales\", \"table-name\": \"Orders\"},"
        + " \"filters\": [" + filters + "]}";
  }

  static String locator(String schema, String table, String column) {
    return "{\"schema-name\": \"" + schema + "\""
        + (table == null ? "" : ", \"table-name\": \"" + table + "\"")
        + (column == null ? "" : ", \"column-name\": \"" + column + "\"") + "}";
  }

  static String rule(int id, String action, String target, String locator, String fields) {
    return "{\"rule-type\": \"transformation\", \"rule-id\": \"" + id + "\", \"rule-name\": \"r"
        + id + "\", \"rule-action\": \"" + action + "\", \"rule-target\": \"" + target + "\","
        + " \"object-locator\": " + locator + (fields.isEmpty() ? "" : ", " + fields) + "}";
  }
}

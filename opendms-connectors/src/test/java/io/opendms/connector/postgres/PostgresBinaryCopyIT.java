package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.source.SnapshotReader;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.source.TablePartition;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.testkit.TestingPostgres;
import io.opendms.spi.type.NonFiniteNumber;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The decoded path reads binary COPY when every column has a binary form it knows, and then gives
 * exactly the values the text path gives: the edge values of {@link AllTypesFixture} read both
 * ways from the real server.
 */
class PostgresBinaryCopyIT {

  private static TestingPostgres database;
  private static SourceConnector source;
  private static TableDefinition table;

  @BeforeAll
  static void create() {
    database = TestingPostgres.create("binarycopy");
    AllTypesFixture.create(database);
    source = new PostgresSourceConnectorFactory().open(TestEndpoints.of(database));
    table = source.discover(new TableId("src", "all_types")::equals).get(0);
  }

  @AfterAll
  static void drop() {
    source.close();
    database.close();
  }

  private static List<Column> binaryReadable() {
    return table.columns().stream()
        .filter(column -> CopyBinaryDecoder.forColumns(List.of(column)) != null)
        .toList();
  }

  private static Column column(String name) {
    return table.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  /** Every row by id (the first column), read in one partition. */
  private static Map<Integer, Object[]> read(List<Column> columns) {
    Map<Integer, Object[]> rows = new TreeMap<>();
    try (SnapshotSession snapshot = source.openSnapshot();
        SnapshotReader reader = snapshot.openReader()) {
      TablePartition whole = snapshot.partition(table, 1).get(0);
      long count = reader.read(whole, columns, values -> rows.put((Integer) values[0], values));
      assertThat(count).isEqualTo(8);
    }
    return rows;
  }

  @Test
  void readsTheCommonTypesAndDomainsOverThemInBinary() {
    assertThat(binaryReadable()).extracting(Column::name).containsExactly(
        "id", "c_int2", "c_int4", "c_int8", "c_numeric", "c_numeric_50_20", "c_numeric_5_2",
        "c_real", "c_double", "c_char", "c_varchar", "c_varchar_unbounded", "c_text", "c_bytea",
        "c_bool", "c_date", "c_timestamp", "c_timestamp0", "c_timestamptz", "c_uuid", "c_json",
        "c_jsonb", "c_posint");
    assertThat(CopyBinaryDecoder.forColumns(table.columns())).isNull();
  }

  @Test
  void binaryGivesTheValuesTextGives() {
    List<Column> binary = binaryReadable();
    List<Column> text = new ArrayList<>(binary);
    text.add(column("c_interval")); // no binary reading: the whole COPY is text
    Map<Integer, Object[]> fromBinary = read(binary);
    Map<Integer, Object[]> fromText = read(text);
    assertThat(fromBinary).hasSize(8).containsOnlyKeys(fromText.keySet());
    fromBinary.forEach((id, values) -> {
      Object[] expected = fromText.get(id);
      for (int i = 0; i < values.length; i++) {
        assertThat(values[i]).as("row %d column %s", id, binary.get(i).name())
            .isEqualTo(expected[i]);
      }
    });
    assertThat(Arrays.copyOfRange(fromBinary.get(8), 1, binary.size())).containsOnlyNulls();
  }

  @Test
  void readsValuesOnlyBinaryFormsSpellDifferently() {
    List<Column> binary = binaryReadable();
    Map<Integer, Object[]> rows = read(binary);
    int numeric = binary.indexOf(column("c_numeric"));
    assertThat(((BigDecimal) rows.get(2)[numeric]).scale()).isEqualTo(991);
    assertThat(rows.get(3)[numeric]).isEqualTo(NonFiniteNumber.NAN);
    assertThat(rows.get(5)[numeric]).isEqualTo(NonFiniteNumber.NEGATIVE_INFINITY);
    assertThat(rows.get(6)[numeric]).isEqualTo(new BigDecimal("0.000"));
    assertThat(rows.get(1)[binary.indexOf(column("c_jsonb"))])
        .isEqualTo("{\"a\": {\"nested\": [true, null, 1.50]}, \"z\": 1}");
    assertThat(rows.get(1)[binary.indexOf(column("c_posint"))]).isEqualTo(5);
    assertThat(rows.get(4)[binary.indexOf(column("c_timestamptz"))]).isEqualTo(Instant.MIN);
    assertThat(rows.get(2)[binary.indexOf(column("c_date"))]).isEqualTo(LocalDate.of(-4712, 1, 1));
  }
}

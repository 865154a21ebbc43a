package io.opendms.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import io.opendms.testkit.TestingMariaDb;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Discovery: base tables of the endpoint's database, canonical types, keys, estimates. */
class MySqlDiscoveryIT {

  private static TestingMariaDb database;

  @BeforeAll
  static void create() {
    database = TestingMariaDb.create("mysql_discovery");
    MySqlTypesFixture.create(database);
    database.execute("CREATE VIEW a_view AS SELECT id FROM all_types",
        "CREATE TABLE keyed (b int, a varchar(3), PRIMARY KEY (a, b))");
  }

  @AfterAll
  static void drop() {
    database.close();
  }

  @Test
  void findsBaseTablesOnlyInTheEndpointDatabase() {
    try (var source = new MySqlSourceConnectorFactory().open(MySqlTestEndpoints.of(database))) {
      List<TableDefinition> tables = source.discover(id -> true);
      assertThat(tables).extracting(t -> t.id().name())
          .containsExactly("all_types", "keyed", "zero_dates");
      assertThat(tables).allSatisfy(t -> assertThat(t.id().schema()).isEqualTo(database.database()));
      assertThat(tables.get(1).primaryKey()).containsExactly("a", "b");
      assertThat(tables.get(0).engine()).isEqualTo("mysql");
    }
  }

  @Test
  void mapsTheHardTypesLosslessly() {
    try (var source = new MySqlSourceConnectorFactory().open(MySqlTestEndpoints.of(database))) {
      TableDefinition table = source.discover(id -> id.name().equals("all_types")).get(0);
      Map<String, Column> columns =
          table.columns().stream().collect(Collectors.toMap(Column::name, c -> c));
      assertThat(columns.get("c_ubig").type()).isEqualTo(DataType.of(DmsType.UINT8));
      assertThat(columns.get("c_tinyint1").type()).isEqualTo(DataType.of(DmsType.INT1));
      assertThat(columns.get("c_bit1").type()).isEqualTo(DataType.of(DmsType.BOOLEAN));
      assertThat(columns.get("c_bit10").type()).isEqualTo(DataType.string(DmsType.BYTES, 2));
      assertThat(columns.get("c_year").type()).isEqualTo(DataType.of(DmsType.INT2));
      assertThat(columns.get("c_dec").type()).isEqualTo(DataType.numeric(65, 30));
      assertThat(columns.get("c_dt").type()).isEqualTo(DataType.datetime(6));
      assertThat(columns.get("c_dt0").type()).isEqualTo(DataType.datetime(0));
      assertThat(columns.get("c_json").type()).isEqualTo(DataType.of(DmsType.JSON));
      assertThat(columns.get("c_json").nativeType()).isEqualTo("json");
      assertThat(columns.get("c_enum").enumLabels()).containsExactly("a", "b'q", "ü");
      assertThat(columns.get("c_enum").type()).isEqualTo(DataType.string(DmsType.WSTRING, 3));
      assertThat(columns.get("c_set").type()).isEqualTo(DataType.string(DmsType.WSTRING, 5));
      assertThat(columns.get("c_longtext").type()).isEqualTo(DataType.of(DmsType.NCLOB));
      assertThat(columns.get("c_geo").type()).isEqualTo(DataType.of(DmsType.BYTES));
      assertThat(columns.get("id").nullable()).isFalse();
    }
  }
}

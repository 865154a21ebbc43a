package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.source.SourceConnectorFactory;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetConnectorFactory;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import io.opendms.testkit.TestingPostgres;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresDiscoveryIT {

  private static TestingPostgres database;
  private static SourceConnector source;

  @BeforeAll
  static void createTables() {
    database = TestingPostgres.create("discovery");
    AllTypesFixture.create(database);
    database.execute(
        "CREATE SCHEMA \"Other Schema\"",
        "CREATE TABLE \"Other Schema\".\"Keyed \"\"T\"\"\" (b text, \"A\" int, c int,"
            + " PRIMARY KEY (c, \"A\"))",
        "ALTER TABLE \"Other Schema\".\"Keyed \"\"T\"\"\" DROP COLUMN b",
        "CREATE TABLE public.measurements (id int, at date NOT NULL) PARTITION BY RANGE (at)",
        "CREATE TABLE public.measurements_2023 PARTITION OF public.measurements"
            + " FOR VALUES FROM ('2023-01-01') TO ('2024-01-01')",
        "CREATE TABLE public.measurements_2024 PARTITION OF public.measurements"
            + " FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
        "INSERT INTO public.measurements SELECT g, DATE '2023-06-01' + g FROM generate_series(1,"
            + " 400) g",
        "CREATE VIEW public.not_a_table AS SELECT 1 AS x",
        "CREATE TABLE public.sized AS SELECT g AS id FROM generate_series(1, 5000) g",
        "ANALYZE");
    source = new PostgresSourceConnectorFactory().open(TestEndpoints.of(database));
  }

  @AfterAll
  static void drop() {
    source.close();
    database.close();
  }

  private static TableDefinition table(String schema, String name) {
    List<TableDefinition> found = source.discover(new TableId(schema, name)::equals);
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  @Test
  void listsOrdinaryAndPartitionedTablesOfUserSchemasInTableIdOrder() {
    List<TableId> ids = source.discover(id -> true).stream().map(TableDefinition::id).toList();
    assertThat(ids)
        .containsExactly(
            new TableId("Other Schema", "Keyed \"T\""),
            new TableId("public", "measurements"),
            new TableId("public", "sized"),
            new TableId("src", "all_types"),
            new TableId("src", "enum_arrays"));
  }

  @Test
  void describesEveryTypeCanonicallyWithItsNativeDeclaration() {
    TableDefinition table = table("src", "all_types");
    assertThat(table.engine()).isEqualTo("postgres");
    assertThat(table.primaryKey()).containsExactly("id");
    assertColumn(table, "c_int2", DataType.of(DmsType.INT2), "smallint");
    assertColumn(table, "c_int8", DataType.of(DmsType.INT8), "bigint");
    assertColumn(table, "c_numeric", DataType.numeric(0, 0), "numeric");
    assertColumn(table, "c_numeric_50_20", DataType.numeric(50, 20), "numeric(50,20)");
    assertColumn(table, "c_real", DataType.of(DmsType.REAL4), "real");
    assertColumn(table, "c_double", DataType.of(DmsType.REAL8), "double precision");
    assertColumn(table, "c_money", DataType.numeric(38, 4), "money");
    assertColumn(table, "c_char", DataType.string(DmsType.WSTRING, 5), "character(5)");
    assertColumn(table, "c_varchar", DataType.string(DmsType.WSTRING, 20), "character varying(20)");
    assertColumn(
        table, "c_varchar_unbounded", DataType.string(DmsType.WSTRING, 0), "character varying");
    assertColumn(table, "c_text", DataType.of(DmsType.NCLOB), "text");
    assertColumn(table, "c_citext", DataType.of(DmsType.NCLOB), "public.citext");
    assertColumn(table, "c_bytea", DataType.of(DmsType.BLOB), "bytea");
    assertColumn(table, "c_bool", DataType.of(DmsType.BOOLEAN), "boolean");
    assertColumn(table, "c_date", DataType.of(DmsType.DATE), "date");
    assertColumn(
        table, "c_time3", new DataType(DmsType.TIME, 0, 3, 0), "time(3) without time zone");
    assertColumn(table, "c_timetz", DataType.of(DmsType.TIME), "time with time zone");
    assertColumn(table, "c_timestamp0", DataType.datetime(0), "timestamp(0) without time zone");
    assertColumn(table, "c_timestamptz", DataType.datetime(6), "timestamp with time zone");
    assertColumn(table, "c_interval", DataType.string(DmsType.STRING, 128), "interval");
    assertColumn(table, "c_uuid", DataType.of(DmsType.UUID), "uuid");
    assertColumn(table, "c_json", DataType.of(DmsType.JSON), "json");
    assertColumn(table, "c_jsonb", DataType.of(DmsType.JSON), "jsonb");
    assertColumn(table, "c_int_matrix", DataType.of(DmsType.NCLOB), "integer[]");
    assertColumn(table, "c_inet", DataType.string(DmsType.STRING, 50), "inet");
    assertColumn(table, "c_bit", DataType.string(DmsType.STRING, 8), "bit(8)");
    assertColumn(table, "c_varbit", DataType.string(DmsType.STRING, 16), "bit varying(16)");
    assertColumn(table, "c_xml", DataType.of(DmsType.NCLOB), "xml");
    assertColumn(table, "c_posint", DataType.of(DmsType.INT4), "integer"); // domain: its base
    assertColumn(table, "c_int4range", DataType.of(DmsType.NCLOB), "int4range");
    assertThat(table.column("id").orElseThrow().nullable()).isFalse();
    assertThat(table.column("c_int2").orElseThrow().nullable()).isTrue();
  }

  @Test
  void carriesEnumLabelsForEnumsAndEnumArrays() {
    List<String> labels = List.of("sad", "ok", "happy", "it's \"quoted\"", "with space", "ünï😀");
    Column mood = table("src", "all_types").column("c_mood").orElseThrow();
    assertThat(mood.nativeType()).isEqualTo("src.mood");
    assertThat(mood.type()).isEqualTo(DataType.string(DmsType.WSTRING, 13));
    assertThat(mood.enumLabels()).isEqualTo(labels);
    Column moods = table("src", "enum_arrays").column("moods").orElseThrow();
    assertThat(moods.nativeType()).isEqualTo("src.mood[]");
    assertThat(moods.type()).isEqualTo(DataType.of(DmsType.NCLOB));
    assertThat(moods.enumLabels()).isEqualTo(labels);
  }

  @Test
  void keepsKeyOrderSkipsDroppedColumnsAndQualifiesOddNames() {
    TableDefinition keyed = table("Other Schema", "Keyed \"T\"");
    assertThat(keyed.columns()).extracting(Column::name).containsExactly("A", "c");
    assertThat(keyed.primaryKey()).containsExactly("c", "A");
  }

  @Test
  void listsAPartitionedTableOnceWithTheRowsOfItsPartitions() {
    TableDefinition measurements = table("public", "measurements");
    assertThat(measurements.estimatedRows()).isEqualTo(400);
    assertThat(measurements.estimatedBytes()).isPositive();
    assertThat(source.discover(id -> id.name().startsWith("measurements_"))).isEmpty();
  }

  @Test
  void estimatesRowsAndBytes() {
    TableDefinition sized = table("public", "sized");
    assertThat(sized.estimatedRows()).isEqualTo(5000);
    assertThat(sized.estimatedBytes())
        .isEqualTo(
            Long.parseLong(
                TestEndpoints.value(database, "SELECT pg_relation_size('public.sized')")));
  }

  @Test
  void factoriesAreFoundThroughTheServiceLoader() {
    assertThat(ServiceLoader.load(SourceConnectorFactory.class).stream().map(p -> p.get()))
        .anySatisfy(
            factory -> {
              assertThat(factory).isInstanceOf(PostgresSourceConnectorFactory.class);
              assertThat(factory.engineNames())
                  .containsExactly("postgres", "postgresql", "aurora-postgresql");
            });
    assertThat(ServiceLoader.load(TargetConnectorFactory.class).stream().map(p -> p.get()))
        .anySatisfy(
            factory -> assertThat(factory).isInstanceOf(PostgresTargetConnectorFactory.class));
  }

  private static void assertColumn(
      TableDefinition table, String name, DataType type, String nativeType) {
    Column column = table.column(name).orElseThrow();
    assertThat(column.type()).as(name).isEqualTo(type);
    assertThat(column.nativeType()).as(name).isEqualTo(nativeType);
  }
}

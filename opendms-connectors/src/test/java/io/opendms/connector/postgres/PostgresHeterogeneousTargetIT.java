package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.PrepMode;
import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import io.opendms.spi.type.NonFiniteNumber;
import io.opendms.testkit.TestingPostgres;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A table from another engine: columns typed from canonical types, values loaded unchanged. */
class PostgresHeterogeneousTargetIT {

  private static Column column(String name, DataType type, String nativeType) {
    return new Column(name, type, true, nativeType);
  }

  @Test
  void createsLosslessColumnsAndStoresEveryCanonicalValue() {
    TargetTable table =
        new TargetTable(
            new TableId("app", "from_mysql"),
            "mysql",
            List.of(
                new Column("id", DataType.of(DmsType.INT4), false, "int"),
                column("big_unsigned", DataType.of(DmsType.UINT8), "bigint unsigned"),
                column("tiny", DataType.of(DmsType.INT1), "tinyint"),
                column("amount", DataType.numeric(0, 0), "decimal"),
                column("price", DataType.numeric(10, 2), "decimal(10,2)"),
                column("ratio", DataType.of(DmsType.REAL8), "double"),
                column("label", DataType.string(DmsType.WSTRING, 45), "varchar(45)"),
                column("body", DataType.of(DmsType.NCLOB), "longtext"),
                column("blob", DataType.of(DmsType.BLOB), "longblob"),
                column("flag", DataType.of(DmsType.BOOLEAN), "bit(1)"),
                column("day", DataType.of(DmsType.DATE), "date"),
                column("at_local", DataType.datetime(6), "datetime(6)"),
                column("at_zoned", DataType.datetime(6), "timestamp with time zone"),
                column("nanos", DataType.datetime(9), "datetime2(7)"),
                column("clock", DataType.of(DmsType.TIME), "time"),
                column("doc", DataType.of(DmsType.JSON), "json"),
                column("uid", DataType.of(DmsType.UUID), "binary(16)")),
            List.of("id"));
    try (TestingPostgres database = TestingPostgres.create("hetero");
        TargetConnector target =
            new PostgresTargetConnectorFactory().open(TestEndpoints.of(database))) {
      target.prepare(table, new TablePreparation(PrepMode.DROP_AND_CREATE, false));
      assertThat(target.importFormats(table)).isEmpty();
      try (TargetSession session = target.openSession();
          RowLoad load = session.openRowLoad(table)) {
        load.accept(
            new Object[] {
              1,
              new BigInteger("18446744073709551615"),
              (short) -128,
              new BigDecimal("123456789012345678901234567890.123456789"),
              new BigDecimal("-0.01"),
              -0.0d,
              "tab\there 😀",
              "line\nbreak \\ end",
              new byte[] {0, 92, (byte) 255},
              true,
              LocalDate.of(-43, 3, 15),
              LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_999_000),
              Instant.parse("2024-06-30T18:29:59.5Z"),
              LocalDateTime.of(2024, 1, 1, 0, 0, 0, 123_456_789),
              LocalTime.MAX,
              "{\"b\": 1, \"a\": [true]}",
              UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
            });
        load.accept(
            new Object[] {
              2,
              null,
              null,
              NonFiniteNumber.NAN,
              null,
              Double.NaN,
              "",
              null,
              new byte[0],
              false,
              LocalDate.MAX,
              LocalDateTime.MIN,
              Instant.MAX,
              null,
              LocalTime.MIDNIGHT,
              null,
              null
            });
        assertThat(load.commit()).isEqualTo(2);
      }
      assertThat(
              TestEndpoints.value(
                  database,
                  "SELECT string_agg(format_type(atttypid, atttypmod), ', ' ORDER BY attnum) FROM"
                      + " pg_attribute WHERE attrelid = 'app.from_mysql'::regclass AND attnum > 0"))
          .isEqualTo(
              "integer, numeric(20,0), smallint, numeric, numeric(10,2), double precision,"
                  + " character varying(45), text, bytea, boolean, date,"
                  + " timestamp(6) without time zone, timestamp(6) with time zone,"
                  + " character varying(37), time(6) without time zone, jsonb, uuid");
      assertThat(
              TestEndpoints.rows(
                  database,
                  "SELECT big_unsigned::text, tiny::text, amount::text, price::text, ratio::text,"
                      + " label, body, encode(blob, 'hex'), flag::text, day::text, at_local::text,"
                      + " (at_zoned AT TIME ZONE 'UTC')::text, nanos, clock::text, doc::text,"
                      + " uid::text FROM app.from_mysql ORDER BY id"))
          .containsExactly(
              List.of(
                  "18446744073709551615",
                  "-128",
                  "123456789012345678901234567890.123456789",
                  "-0.01",
                  "-0",
                  "tab\there 😀",
                  "line\nbreak \\ end",
                  "005cff",
                  "true",
                  "0044-03-15 BC",
                  "2024-02-29 23:59:59.999999",
                  "2024-06-30 18:29:59.5",
                  "2024-01-01 00:00:00.123456789",
                  "24:00:00",
                  "{\"a\": [true], \"b\": 1}",
                  "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
              java.util.Arrays.asList(
                  null,
                  null,
                  "NaN",
                  null,
                  "NaN",
                  "",
                  null,
                  "",
                  "false",
                  "infinity",
                  "-infinity",
                  "infinity",
                  null,
                  "00:00:00",
                  null,
                  null));
    }
  }
}

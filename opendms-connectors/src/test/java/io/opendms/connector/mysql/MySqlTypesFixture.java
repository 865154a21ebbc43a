package io.opendms.connector.mysql;

import io.opendms.testkit.TestingMariaDb;
import java.util.List;

/**
 * A MySQL type torture table ({@code all_types}: every type at its edges, NULLs, escapes, 4-byte
 * characters, all 256 byte values) and a table of zero dates, plus how to render each column as
 * comparable text on MySQL and on PostgreSQL.
 */
final class MySqlTypesFixture {

  /**
   * One column and how to print it so that equal meaning gives equal text.
   *
   * @param name the column
   * @param mysql the MySQL expression
   * @param postgres the PostgreSQL expression over the loaded column
   */
  record Rendering(String name, String mysql, String postgres) {}

  static final List<Rendering> RENDERINGS = List.of(
      new Rendering("c_tinyint", "c_tinyint", "c_tinyint::text"),
      new Rendering("c_tinyint1", "c_tinyint1", "c_tinyint1::text"),
      new Rendering("c_utiny", "c_utiny", "c_utiny::text"),
      new Rendering("c_small", "c_small", "c_small::text"),
      new Rendering("c_usmall", "c_usmall", "c_usmall::text"),
      new Rendering("c_medium", "c_medium", "c_medium::text"),
      new Rendering("c_umedium", "c_umedium", "c_umedium::text"),
      new Rendering("c_int", "c_int", "c_int::text"),
      new Rendering("c_uint", "c_uint", "c_uint::text"),
      new Rendering("c_big", "c_big", "c_big::text"),
      new Rendering("c_ubig", "c_ubig", "c_ubig::text"),
      new Rendering("c_dec", "c_dec", "c_dec::text"),
      new Rendering("c_dec2", "c_dec2", "c_dec2::text"),
      new Rendering("c_float", "c_float * 1e0", "c_float::float8::text"),
      new Rendering("c_double", "c_double", "c_double::text"),
      new Rendering("c_bit1", "c_bit1 + 0", "c_bit1::int::text"),
      new Rendering("c_bit10", "LPAD(HEX(c_bit10), 4, '0')", "upper(encode(c_bit10, 'hex'))"),
      new Rendering("c_bit64", "LPAD(HEX(c_bit64), 16, '0')", "upper(encode(c_bit64, 'hex'))"),
      new Rendering("c_year", "c_year + 0", "c_year::text"),
      new Rendering("c_date", "c_date", "c_date::text"),
      new Rendering("c_time", "DATE_FORMAT(c_time, '%H:%i:%s.%f')",
          "to_char(c_time, 'HH24:MI:SS.US')"),
      new Rendering("c_dt", "DATE_FORMAT(c_dt, '%Y-%m-%d %H:%i:%s.%f')",
          "to_char(c_dt, 'YYYY-MM-DD HH24:MI:SS.US')"),
      new Rendering("c_dt0", "DATE_FORMAT(c_dt0, '%Y-%m-%d %H:%i:%s.%f')",
          "to_char(c_dt0, 'YYYY-MM-DD HH24:MI:SS.US')"),
      new Rendering("c_ts", "DATE_FORMAT(c_ts, '%Y-%m-%d %H:%i:%s.%f')",
          "to_char(c_ts AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"),
      new Rendering("c_char", "c_char", "c_char"),
      new Rendering("c_varchar", "c_varchar", "c_varchar"),
      new Rendering("c_text", "c_text", "c_text"),
      new Rendering("c_longtext", "c_longtext", "c_longtext"),
      new Rendering("c_bin", "HEX(c_bin)", "upper(encode(c_bin, 'hex'))"),
      new Rendering("c_varbin", "HEX(c_varbin)", "upper(encode(c_varbin, 'hex'))"),
      new Rendering("c_blob", "HEX(c_blob)", "upper(encode(c_blob, 'hex'))"),
      new Rendering("c_longblob", "HEX(c_longblob)", "upper(encode(c_longblob, 'hex'))"),
      new Rendering("c_enum", "c_enum", "c_enum"),
      new Rendering("c_set", "c_set", "c_set"),
      new Rendering("c_json", "c_json", "c_json::text"),
      new Rendering("c_geo", "HEX(ST_AsBinary(c_geo))", "upper(encode(c_geo, 'hex'))"));

  private MySqlTypesFixture() {}

  static void create(TestingMariaDb database) {
    database.execute(
        "CREATE TABLE all_types (id int PRIMARY KEY, c_tinyint tinyint, c_tinyint1 tinyint(1),"
            + " c_utiny tinyint unsigned, c_small smallint, c_usmall smallint unsigned,"
            + " c_medium mediumint, c_umedium mediumint unsigned, c_int int, c_uint int unsigned,"
            + " c_big bigint, c_ubig bigint unsigned, c_dec decimal(65,30), c_dec2 decimal(10,2),"
            + " c_float float, c_double double, c_bit1 bit(1), c_bit10 bit(10), c_bit64 bit(64),"
            + " c_year year, c_date date, c_time time(3), c_dt datetime(6), c_dt0 datetime,"
            + " c_ts timestamp(6) NULL, c_char char(10), c_varchar varchar(100), c_text text,"
            + " c_longtext longtext, c_bin binary(4), c_varbin varbinary(300), c_blob blob,"
            + " c_longblob longblob, c_enum enum('a','b''q','ü'), c_set set('x','y','z'),"
            + " c_json json, c_geo geometry NULL)",
        "INSERT INTO all_types VALUES (1, 127, 1, 255, 32767, 65535, 8388607, 16777215,"
            + " 2147483647, 4294967295, 9223372036854775807, 18446744073709551615,"
            + " '99999999999999999999999999999999999.999999999999999999999999999999', 12345678.90,"
            + " 3.4028234e38, 1.7976931348623157e308, b'1', b'1111111111', 0xFFFFFFFFFFFFFFFF,"
            + " 2155, '9999-12-31', '23:59:59.999', '9999-12-31 23:59:59.999999',"
            + " '2024-02-29 12:00:00', '2038-01-19 03:14:07.999999', 'abc',"
            + " 'emoji 😀 𝄞 ü', 'tab\\there\\nnewline \\\\ backslash \\r cr \\\\N',"
            + " REPEAT('long 😀 text ', 20000), 0x00FF7F80, UNHEX(CONCAT(" + allBytes() + ")),"
            + " 0x0A090D5C4E00, REPEAT(0xDEADBEEF, 100000), 'b''q', 'x,z',"
            + " '{\"a\": [1, 2.5, \"😀\"], \"b\": null}', ST_GeomFromText('POINT(1 2)'))",
        "INSERT INTO all_types VALUES (2, -128, 0, 0, -32768, 0, -8388608, 0, -2147483648, 0,"
            + " -9223372036854775808, 0,"
            + " '-99999999999999999999999999999999999.999999999999999999999999999999', -0.01,"
            + " -1.17549435e-38, 4.9e-324, b'0', b'0', 0, 1901, '1000-01-01', '00:00:00',"
            + " '1000-01-01 00:00:00.000000', '1970-01-01 00:00:00', '1970-01-01 00:00:01.000000',"
            + " '', '', '', '', 0x00000000, '', '', '', 'ü', '', '[]',"
            + " ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))'))",
        "INSERT INTO all_types (id) VALUES (3)",
        "INSERT INTO all_types (id, c_float, c_double, c_year, c_varchar, c_text, c_enum, c_set)"
            + " VALUES (4, 0.1, 0.1, 2000, '\\\\N', 'NULL', 'a', 'x,y,z')",
        "CREATE TABLE zero_dates (id int PRIMARY KEY, d date, dt datetime(6), ts timestamp NULL)",
        "SET SESSION sql_mode = ''",
        "INSERT INTO zero_dates VALUES (1, '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00'),"
            + " (2, '2024-00-15', '2024-05-00 10:00:00.5', NULL),"
            + " (3, '2024-01-01', '2024-01-01 00:00:00', '2024-01-01 00:00:00')");
  }

  /** The hex of bytes 0..255, as a list of CONCAT arguments. */
  private static String allBytes() {
    StringBuilder hex = new StringBuilder("'");
    for (int i = 0; i < 256; i++) {
      hex.append(String.format("%02X", i));
    }
    return hex.append("'").toString();
  }
}

package io.opendms.connector.postgres;

import io.opendms.testkit.TestingPostgres;
import java.util.List;

/**
 * A source schema holding every PostgreSQL type the connectors map, filled with edge values:
 * limits, NaN and infinities, BC and far-future dates, 24:00:00, empty versus NULL, 4-byte
 * characters, escapes, all 256 byte values. Row 8 is NULL in every column but the key.
 */
final class AllTypesFixture {

  static final String TABLE = "src.all_types";
  static final String ENUM_TABLE = "src.enum_arrays";

  private AllTypesFixture() {}

  static void create(TestingPostgres database) {
    database.execute(
        "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public",
        "CREATE SCHEMA src",
        "CREATE TYPE src.mood AS ENUM ('sad', 'ok', 'happy', 'it''s \"quoted\"', 'with space',"
            + " 'ünï😀')",
        "CREATE DOMAIN src.posint AS integer CHECK (VALUE > 0)",
        "CREATE TABLE src.all_types (id integer PRIMARY KEY,"
            + " c_int2 smallint, c_int4 integer, c_int8 bigint,"
            + " c_numeric numeric, c_numeric_50_20 numeric(50,20), c_numeric_5_2 numeric(5,2),"
            + " c_real real, c_double double precision, c_money money,"
            + " c_char char(5), c_varchar varchar(20), c_varchar_unbounded varchar, c_text text,"
            + " c_citext public.citext, c_bytea bytea, c_bool boolean,"
            + " c_date date, c_time time, c_time3 time(3), c_timetz timetz,"
            + " c_timestamp timestamp, c_timestamp0 timestamp(0), c_timestamptz timestamptz,"
            + " c_interval interval, c_uuid uuid, c_json json, c_jsonb jsonb,"
            + " c_int_array integer[], c_text_array text[], c_int_matrix integer[][],"
            + " c_mood src.mood, c_inet inet, c_cidr cidr, c_macaddr macaddr, c_macaddr8 macaddr8,"
            + " c_bit bit(8), c_varbit bit varying(16), c_xml xml, c_posint src.posint,"
            + " c_int4range int4range, c_point point, c_money_array money[], c_tsvector tsvector)",
        "CREATE TABLE src.enum_arrays (id integer PRIMARY KEY, moods src.mood[], mood src.mood)",
        "INSERT INTO src.all_types (id) SELECT generate_series(1, 8)");
    for (String update : ROW_UPDATES) {
      database.execute(update);
    }
    database.execute(
        "INSERT INTO src.enum_arrays VALUES (1, '{sad,happy}', 'ok'), (2, '{}', 'sad'),"
            + " (3, ARRAY['it''s \"quoted\"', 'with space', NULL]::src.mood[], NULL),"
            + " (4, NULL, 'ünï😀')",
        "ANALYZE");
  }

  private static final List<String> ROW_UPDATES =
      List.of(
          "UPDATE src.all_types SET c_int2 = 32767, c_int4 = 2147483647, c_int8 ="
              + " 9223372036854775807, c_numeric ="
              + " '123456789012345678901234567890123456789012345.678901234567890123456789',"
              + " c_numeric_50_20 = '123456789012345678901234567890.12345678901234567890',"
              + " c_numeric_5_2 = 999.99, c_real = '3.4028235e38', c_double ="
              + " '1.7976931348623157e308', c_money = '92233720368547758.07', c_char = 'ab',"
              + " c_varchar = 'héllo wörld 😀🎉', c_varchar_unbounded = repeat('long ', 5000),"
              + " c_text = E'tab\\there\\n"
              + "newline\\\\backslash ''single'' \"double\" \\r"
              + "\\n"
              + " crlf \\b\\f ctrl ' || chr(11) || ' vt \\\\N not null \\\\.', c_citext = 'MiXeD"
              + " CaSe', c_bytea = (SELECT decode(string_agg(lpad(to_hex(b), 2, '0'), '' ORDER BY"
              + " b), 'hex')   FROM generate_series(0, 255) b), c_bool = true, c_date ="
              + " '9999-12-31', c_time = '24:00:00', c_time3 = '23:59:59.999', c_timetz ="
              + " '23:59:59.999999+15:59', c_timestamp = '9999-12-31 23:59:59.999999', c_timestamp0"
              + " = '2024-02-29 12:00:00', c_timestamptz = '294276-12-31 23:59:59.999999+00',"
              + " c_interval = '1 year 2 mons 3 days 04:05:06.789012', c_uuid ="
              + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', c_json = '{\"a\": 1, \"a\": 2,   \"b\" :"
              + " [1, 2.50, \"x\\u00e9\"] }', c_jsonb = '{\"z\": 1, \"a\": {\"nested\": [true,"
              + " null, 1.50]}}', c_int_array = '{1,NULL,3}', c_text_array = ARRAY['a\"b', NULL,"
              + " 'NULL', '', 'x,y', E'back\\\\slash',   '{brace}', ' spaced ', E'tab\\there'],"
              + " c_int_matrix = '{{1,2},{3,4}}', c_mood = 'it''s \"quoted\"', c_inet ="
              + " '192.168.0.1/24', c_cidr = '10.0.0.0/8', c_macaddr = '08:00:2b:01:02:03',"
              + " c_macaddr8 = '08:00:2b:ff:fe:01:02:03', c_bit = B'10101010', c_varbit = B'1',"
              + " c_xml = '<a b=\"1\">text &amp; more</a>', c_posint = 5, c_int4range = '[1,10)',"
              + " c_point = '(1.5,-2.25)', c_money_array = '{1.50,-2.25}', c_tsvector = 'a fat cat'"
              + " WHERE id = 1",
          "UPDATE src.all_types SET c_int2 = -32768, c_int4 = -2147483648, c_int8 ="
              + " -9223372036854775808, c_numeric = ('-0.' || repeat('0', 990) || '1')::numeric,"
              + " c_numeric_50_20 = '-0.00000000000000000001', c_numeric_5_2 = -999.99, c_real ="
              + " '1.4e-45', c_double = '4.9e-324', c_money = '-92233720368547758.08', c_char = '',"
              + " c_varchar = '', c_varchar_unbounded = '', c_text = '', c_citext = '', c_bytea ="
              + " '\\x', c_bool = false, c_date = '4713-01-01 BC', c_time = '00:00:00', c_time3 ="
              + " '00:00:00', c_timetz = '00:00:00-15:59', c_timestamp = '4713-01-01 00:00:00 BC',"
              + " c_timestamp0 = '0044-03-15 12:00:00 BC', c_timestamptz = '4713-01-01 00:00:00+00"
              + " BC', c_interval = '-1 years -2 mons +3 days -04:05:06.000001', c_uuid ="
              + " '00000000-0000-0000-0000-000000000000', c_json = '[]', c_jsonb = '{}',"
              + " c_int_array = '{}', c_text_array = '{}', c_int_matrix = '{{NULL,2},{3,NULL}}',"
              + " c_mood = 'sad', c_inet = '::1', c_cidr = '2001:db8::/32', c_macaddr ="
              + " '00:00:00:00:00:00', c_macaddr8 = '00:00:00:00:00:00:00:00', c_bit = B'00000000',"
              + " c_varbit = B'', c_xml = '', c_posint = 1, c_int4range = 'empty', c_point ="
              + " '(0,0)', c_money_array = '{}', c_tsvector = '' WHERE id = 2",
          "UPDATE src.all_types SET c_numeric = 'NaN', c_numeric_50_20 = 'NaN', c_real = 'NaN',"
              + " c_double = 'NaN', c_date = 'infinity', c_timestamp = 'infinity',"
              + " c_timestamp0 = 'infinity', c_timestamptz = 'infinity', c_mood = 'ünï😀',"
              + " c_int4range = '(,)', c_inet = '2001:db8::8a2e:370:7334/64' WHERE id = 3",
          "UPDATE src.all_types SET c_numeric = 'Infinity', c_real = 'Infinity',"
              + " c_double = '-Infinity', c_date = '-infinity', c_timestamp = '-infinity',"
              + " c_timestamptz = '-infinity' WHERE id = 4",
          "UPDATE src.all_types SET c_numeric = '-Infinity', c_real = '-Infinity',"
              + " c_double = 'Infinity' WHERE id = 5",
          "UPDATE src.all_types SET c_numeric = '-0.000', c_real = '-0', c_double = '-0',"
              + " c_money = '-0.01', c_date = '10000-01-01', c_timestamp = '10000-01-01 00:00:00',"
              + " c_timestamp0 = '0001-01-01 00:00:00 BC',"
              + " c_timestamptz = '2024-06-30 23:59:59.5+05:30', c_timetz = '12:34:56.5+05:30:15'"
              + " WHERE id = 6",
          "UPDATE src.all_types SET c_real = '-1.1754942e-38', c_double ="
              + " '-2.225073858507201e-308', c_date = '0001-01-01', c_timestamp = '1970-01-01"
              + " 00:00:00', c_money = '0.00', c_text = repeat('😀', 1000), c_bytea = '\\x00',"
              + " c_json = '  {\"k\":\"v\"}  ' WHERE id = 7");
}

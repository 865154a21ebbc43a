package io.opendms.cli;

import io.opendms.testkit.TestingS3;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads back what the S3 target wrote with the AWS SDK, and folds it like a consumer of DMS's
 * layout would: each table's full-load files, then its CDC files in name (= write) order, rows
 * keyed by id (I/U set, D removes). CSV is parsed per RFC 4180; Parquet with parquet-java's own
 * reader. Rows become the text {@link TargetTaskFixture#sourceRows} gives.
 */
final class S3Files {
  private S3Files() {}

  /** A Parquet file's schema, kept to check the logical types. */
  static MessageType parquetSchema(TestingS3 s3, String key) throws IOException {
    try (ParquetFileReader reader = open(s3.get(key))) {
      return reader.getFooter().getFileMetaData().getSchema();
    }
  }

  static Map<String, Map<String, String>> fold(TestingS3 s3, String folder) throws IOException {
    Map<String, Map<String, String>> tables = new TreeMap<>();
    for (String table : List.of("public.acct", "public.events")) {
      String prefix = folder + "/" + table.replace('.', '/') + "/";
      Map<String, String> rows = new TreeMap<>();
      List<String> keys = s3.keys(prefix);
      for (boolean load : new boolean[] {true, false}) {
        for (String key : keys) {
          if (key.substring(prefix.length()).startsWith("LOAD") != load) {
            continue;
          }
          for (List<String> row : rows(s3, key, !load)) {
            String op = load ? "I" : row.get(0);
            List<String> values = load ? row : row.subList(1, row.size());
            if (op.equals("D")) {
              rows.remove(values.get(0));
            } else {
              rows.put(values.get(0), table.equals("public.acct")
                  ? values.get(1) + "|" + values.get(2) + "|" + values.get(4) : values.get(1));
            }
          }
        }
      }
      if (!rows.isEmpty()) {
        tables.put(table, rows);
      }
    }
    return tables;
  }

  /** The file's rows as text values; Parquet values converted as DMS's CSV would write them. */
  static List<List<String>> rows(TestingS3 s3, String key, boolean opColumn) throws IOException {
    byte[] bytes = s3.get(key);
    if (key.endsWith(".parquet")) {
      return parquet(bytes);
    }
    if (key.endsWith(".gz")) {
      bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
    }
    return csv(new String(bytes, StandardCharsets.UTF_8));
  }

  static List<List<String>> csv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder value = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          value.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          value.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(value.toString());
        value.setLength(0);
      } else if (c == '\n') {
        row.add(value.toString());
        value.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        value.append(c);
      }
    }
    return rows;
  }

  private static List<List<String>> parquet(byte[] bytes) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (ParquetFileReader reader = open(bytes)) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
            .getRecordReader(pages, new GroupRecordConverter(schema));
        for (long i = 0; i < pages.getRowCount(); i++) {
          Group group = records.read();
          List<String> row = new ArrayList<>();
          for (int field = 0; field < schema.getFieldCount(); field++) {
            row.add(group.getFieldRepetitionCount(field) == 0 ? ""
                : text(schema.getType(field), group, field));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private static String text(Type type, Group group, int field) {
    if (type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
      BigInteger unscaled = switch (type.asPrimitiveType().getPrimitiveTypeName()) {
        case INT32 -> BigInteger.valueOf(group.getInteger(field, 0));
        case INT64 -> BigInteger.valueOf(group.getLong(field, 0));
        default -> new BigInteger(group.getBinary(field, 0).getBytes());
      };
      return new BigDecimal(unscaled, decimal.getScale()).toPlainString();
    }
    if (type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
      return LocalDate.ofEpochDay(group.getInteger(field, 0)).toString();
    }
    return group.getValueToString(field, 0);
  }

  /** parquet-java's reader without Hadoop: its default options would load Hadoop's Configuration. */
  private static ParquetFileReader open(byte[] bytes) throws IOException {
    return new ParquetFileReader(new LocalInputFile(local(bytes)),
        ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
  }

  private static Path local(byte[] bytes) throws IOException {
    Path file = Files.createTempFile("s3-read-", ".parquet");
    file.toFile().deleteOnExit();
    return Files.write(file, bytes);
  }
}

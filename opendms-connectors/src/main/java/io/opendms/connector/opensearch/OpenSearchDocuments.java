package io.opendms.connector.opensearch;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.stream.StreamEnvelope;
import io.opendms.spi.target.TargetTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * DMS's OpenSearch layout of a table: one index per table named by the table's name in lower
 * case, one document per row whose {@code _id} is the SHA-256 of the primary key as 64 hex
 * digits, and the row's columns as the document, valued as DMS's streaming messages value them
 * (numbers as JSON numbers, binary as 0x-hex, times in ISO-8601), NULL columns as JSON null.
 * Thread-safe.
 */
final class OpenSearchDocuments {
  /** What OpenSearch refuses in an index name. */
  private static final Pattern BAD_INDEX_CHARACTERS = Pattern.compile("[\\\\/*?\"<>| ,#:]");
  private static final int MAX_INDEX_BYTES = 255;

  /** Null and empty columns kept: a document must say NULL and '' apart. */
  private final StreamEnvelope envelope = new StreamEnvelope(new StreamEnvelope.Options(false,
      false, false, false, true, false, Optional.empty()), Clock.systemUTC());

  /** The table's index: its name in lower case; throws naming the table when OpenSearch would refuse it. */
  static String index(TargetTable table) {
    String name = table.id().name().toLowerCase(Locale.ROOT);
    String problem = null;
    if (BAD_INDEX_CHARACTERS.matcher(name).find()) {
      problem = "contains one of \\ / * ? \" < > | space , # :";
    } else if (name.startsWith("_") || name.startsWith("-") || name.startsWith("+")) {
      problem = "starts with _, - or +";
    } else if (name.equals(".") || name.equals("..")) {
      problem = "is . or ..";
    } else if (name.getBytes(StandardCharsets.UTF_8).length > MAX_INDEX_BYTES) {
      problem = "is longer than 255 bytes";
    }
    if (problem != null) {
      throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, "table " + table.id()
          + ": its OpenSearch index name '" + name + "' " + problem
          + "; rename the table with a transformation rule");
    }
    return name;
  }

  /** Throws naming the table when it has no primary key to make document ids from. */
  void requireKey(TargetTable table) {
    if (table.primaryKey().isEmpty()) {
      throw new OpenDmsException(ErrorCode.UNSUPPORTED, "table " + table.id() + " has no primary"
          + " key: an OpenSearch target makes each row's document id from its primary key");
    }
  }

  /**
   * The document id of {@code row}: the SHA-256 of the key's values as text, joined with
   * {@code .} as DMS joins key values; in a composite key a {@code .} or {@code \} inside a value
   * is escaped with {@code \}, so two different keys never share an id.
   */
  String id(TargetTable table, List<Object> row) {
    List<String> values = envelope.keyTexts(table, row);
    String key = values.size() == 1 ? values.get(0) : values.stream()
        .map(value -> value.replace("\\", "\\\\").replace(".", "\\."))
        .collect(Collectors.joining("."));
    return sha256(key);
  }

  /** The row as a document on one line, without the columns at {@code unchanged} positions. */
  String document(TargetTable table, List<Object> row, List<Integer> unchanged) {
    return envelope.columns(table, row, unchanged);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}

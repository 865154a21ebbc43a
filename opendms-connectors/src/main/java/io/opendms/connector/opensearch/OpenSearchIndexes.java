package io.opendms.connector.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.spi.table.Column;
import io.opendms.spi.target.PrepMode;
import io.opendms.spi.target.TargetTable;
import io.opendms.spi.type.DataType;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, drops and empties a table's index. A new index gets a mapping from the columns' types
 * so that every value lands in a field that can hold it (dynamic mapping would type a field by
 * the first value it sees: a date-like text or a small number would make later rows fail):
 * integers, unsigned 64-bit integers, floating point and decimals, dates and timestamps get
 * their own field types, with {@code ignore_malformed} so that a value the field type cannot
 * index (NaN, infinity, a zero date) leaves that field unindexed rather than losing the row;
 * text and everything else are mapped dynamically as text with a keyword. The document's
 * {@code _source} always holds the exact values.
 */
final class OpenSearchIndexes {
  private static final Logger log = LoggerFactory.getLogger(OpenSearchIndexes.class);
  /** The longest decimal precision a long holds whole. */
  private static final int LONG_DIGITS = 18;

  private final OpenSearchClient client;

  OpenSearchIndexes(OpenSearchClient client) {
    this.client = client;
  }

  /**
   * Makes the table's index ready as {@code mode} says: {@code DROP_AND_CREATE} creates it anew
   * from the columns, {@code TRUNCATE_BEFORE_LOAD} empties it keeping its mapping (OpenSearch
   * has no truncation: the index is created again with the mapping it had), {@code DO_NOTHING}
   * creates it only when it is missing.
   */
  void prepare(TargetTable table, String index, PrepMode mode) {
    Optional<JsonNode> existing = mapping(index, table);
    switch (mode) {
      case DROP_AND_CREATE -> {
        existing.ifPresent(m -> drop(index, table));
        create(index, table, mapping(table));
      }
      case TRUNCATE_BEFORE_LOAD -> {
        if (existing.isPresent()) {
          drop(index, table);
          create(index, table, existing.get());
        } else {
          create(index, table, mapping(table));
        }
      }
      case DO_NOTHING -> {
        if (existing.isEmpty()) {
          create(index, table, mapping(table));
        }
      }
    }
  }

  /** Empties the index of a truncated table, keeping its mapping. */
  void truncate(TargetTable table, String index) {
    prepare(table, index, PrepMode.TRUNCATE_BEFORE_LOAD);
    log.info("truncation of {} emptied OpenSearch index {}", table.id(), index);
  }

  private Optional<JsonNode> mapping(String index, TargetTable table) {
    String doing = "reading the mapping of index " + index + " for " + table.id();
    OpenSearchClient.Answer answer = client.send("GET", index + "/_mapping", null, doing);
    if (answer.status() == 404) {
      return Optional.empty();
    }
    return Optional.of(client.require(answer, doing).body().path(index).path("mappings"));
  }

  private void drop(String index, TargetTable table) {
    String doing = "dropping index " + index + " of " + table.id();
    OpenSearchClient.Answer answer = client.send("DELETE", index, null, doing);
    if (answer.status() != 404) {
      client.require(answer, doing);
    }
  }

  private void create(String index, TargetTable table, JsonNode mappings) {
    ObjectNode body = client.json().createObjectNode();
    body.set("mappings", mappings);
    String doing = "creating index " + index + " for " + table.id();
    client.require(client.send("PUT", index, body.toString(), doing), doing);
    log.info("created OpenSearch index {} for {}", index, table.id());
  }

  /** The mapping of a new index for the table's columns. */
  JsonNode mapping(TargetTable table) {
    ObjectNode mappings = client.json().createObjectNode();
    // text that looks like a date or a number stays text
    mappings.put("date_detection", false).put("numeric_detection", false);
    ObjectNode properties = mappings.putObject("properties");
    for (Column column : table.columns()) {
      fieldType(column.type()).ifPresent(type -> {
        ObjectNode field = properties.putObject(column.name()).put("type", type);
        if (type.equals("date")) {
          field.put("format", "strict_date_optional_time||epoch_millis");
        }
        if (!type.equals("boolean")) {
          field.put("ignore_malformed", true);
        }
      });
    }
    return mappings;
  }

  private static Optional<String> fieldType(DataType type) {
    return Optional.ofNullable(switch (type.kind()) {
      case BOOLEAN -> "boolean";
      case INT1, INT2, UINT1 -> "short";
      case INT4, UINT2 -> "integer";
      case INT8, UINT4 -> "long";
      case UINT8 -> "unsigned_long";
      case NUMERIC -> type.scale() == 0 && type.precision() > 0 && type.precision() <= LONG_DIGITS
          ? "long" : "double";
      case REAL4 -> "float";
      case REAL8 -> "double";
      case DATE, DATETIME -> "date";
      default -> null;
    });
  }
}

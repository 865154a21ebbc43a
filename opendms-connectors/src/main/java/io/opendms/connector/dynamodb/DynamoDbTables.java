package io.opendms.connector.dynamodb;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * DynamoDB tables as a full load prepares them: created on demand (on-demand capacity, so no
 * throughput has to be guessed), dropped, or emptied item by item. Waits until a table is ACTIVE
 * or gone, as DynamoDB creates and deletes in the background.
 */
final class DynamoDbTables {
  private final DynamoDbClient client;
  private final String where;

  DynamoDbTables(DynamoDbClient client, String where) {
    this.client = client;
    this.where = where;
  }

  Optional<TableDescription> describe(String name) {
    try {
      return Optional.of(call(name, () -> client.describeTable(r -> r.tableName(name)).table()));
    } catch (OpenDmsException e) {
      if (e.getCause() instanceof ResourceNotFoundException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Creates the table when missing; an existing one must have the layout's key. */
  void ensure(DynamoDbLayout layout) {
    Optional<TableDescription> existing = describe(layout.tableName());
    if (existing.isPresent()) {
      List<String> key = existing.get().keySchema().stream()
          .map(KeySchemaElement::attributeName).toList();
      if (!key.equals(layout.keyNames())) {
        throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, "table "
            + layout.tableName() + " of " + where + " is keyed by " + key + ", but "
            + layout.table().id() + " is written with the key " + layout.keyNames()
            + " (drop the table, or map the table with another target-table-name)");
      }
      return;
    }
    call(layout.tableName(), () -> client.createTable(r -> r.tableName(layout.tableName())
        .keySchema(layout.keySchema()).attributeDefinitions(layout.keyDefinitions())
        .billingMode(BillingMode.PAY_PER_REQUEST)));
    call(layout.tableName(), () -> client.waiter()
        .waitUntilTableExists(r -> r.tableName(layout.tableName())));
  }

  void drop(String name) {
    if (describe(name).isEmpty()) {
      return;
    }
    call(name, () -> client.deleteTable(r -> r.tableName(name)));
    call(name, () -> client.waiter().waitUntilTableNotExists(r -> r.tableName(name)));
  }

  /** Deletes every item, keeping the table (and what else was defined on it). */
  long empty(DynamoDbLayout layout, DynamoDbWriter writer) {
    String name = layout.tableName();
    String projection = String.join(", ", layout.keyNames().stream()
        .map(k -> "#k" + layout.keyNames().indexOf(k)).toList());
    Map<String, String> names = new java.util.HashMap<>();
    for (int i = 0; i < layout.keyNames().size(); i++) {
      names.put("#k" + i, layout.keyNames().get(i));
    }
    long removed = call(name, () -> {
      long count = 0;
      for (Map<String, AttributeValue> key : client.scanPaginator(r -> r.tableName(name)
          .projectionExpression(projection).expressionAttributeNames(names)).items()) {
        writer.delete(name, key);
        count++;
      }
      return count;
    });
    writer.flush(name);
    return removed;
  }

  private <T> T call(String table, java.util.function.Supplier<T> request) {
    return DynamoDbCalls.call("table " + table + " of " + where, request);
  }
}

package io.opendms.testkit;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The local dynalite (the DynamoDB API in memory) that {@code scripts/services.sh up} starts on
 * http://127.0.0.1:4568, read with the AWS SDK for Java v2. Table names are made unique per test
 * with {@link #table}; {@link #close()} deletes those tables.
 */
public final class TestingDynamoDb implements AutoCloseable {
  public static final String ENDPOINT = System.getProperty("opendms.test.dynamodb.endpoint",
      "http://127.0.0.1:4568");
  public static final String KEY = "test";

  private final DynamoDbClient client = DynamoDbClient.builder().region(Region.US_EAST_1)
      .endpointOverride(URI.create(ENDPOINT))
      .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, KEY)))
      .build();
  private final List<String> tables = new ArrayList<>();

  public DynamoDbClient client() {
    return client;
  }

  /** A unique table name starting with {@code prefix}, deleted on {@link #close()}. */
  public String table(String prefix) {
    String name = UniqueNames.database(prefix);
    tables.add(name);
    return name;
  }

  /** Deletes this table on {@link #close()} too (a name the task chose). */
  public void deleteLater(String name) {
    tables.add(name);
  }

  /** {@code dynamodb://?endpoint=...&AccessKeyId=test&SecretAccessKey=test} + {@code extra}. */
  public String uri(String extraQuery) {
    return "dynamodb://?endpoint=" + ENDPOINT + "&AccessKeyId=" + KEY + "&SecretAccessKey=" + KEY
        + extraQuery;
  }

  /** Every item of the table (a full scan, page by page). */
  public List<Map<String, AttributeValue>> items(String table) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    client.scanPaginator(r -> r.tableName(table)).items()
        .forEach(item -> items.add(new LinkedHashMap<>(item)));
    return items;
  }

  /** The key attribute names of the table, partition key first. */
  public List<String> keySchema(String table) {
    return client.describeTable(r -> r.tableName(table)).table().keySchema().stream()
        .map(k -> k.attributeName()).toList();
  }

  @Override
  public void close() {
    for (String table : tables) {
      try {
        client.deleteTable(r -> r.tableName(table));
      } catch (ResourceNotFoundException e) {
        // never created, or already deleted
      } catch (RuntimeException e) {
        // dynalite is down: nothing to clean
      }
    }
    client.close();
  }
}

package io.opendms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.opendms.testkit.TestingPostgres;
import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import io.opendms.server.control.TaskService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.databasemigration.DatabaseMigrationClient;
import software.amazon.awssdk.services.databasemigration.model.DatabaseMigrationException;
import software.amazon.awssdk.services.databasemigration.model.DescribeAccountAttributesResponse;
import software.amazon.awssdk.services.databasemigration.model.DescribeConnectionsResponse;
import software.amazon.awssdk.services.databasemigration.model.DescribeEndpointTypesResponse;
import software.amazon.awssdk.services.databasemigration.model.DescribeEndpointsResponse;
import software.amazon.awssdk.services.databasemigration.model.DescribeEventsResponse;
import software.amazon.awssdk.services.databasemigration.model.DescribeRefreshSchemasStatusResponse;
import software.amazon.awssdk.services.databasemigration.model.DescribeReplicationInstancesResponse;
import software.amazon.awssdk.services.databasemigration.model.DescribeReplicationTasksResponse;
import software.amazon.awssdk.services.databasemigration.model.DescribeTableStatisticsResponse;
import software.amazon.awssdk.services.databasemigration.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.databasemigration.model.Filter;
import software.amazon.awssdk.services.databasemigration.model.ReplicationInstance;
import software.amazon.awssdk.services.databasemigration.model.ReplicationTask;
import software.amazon.awssdk.services.databasemigration.model.ReplicationTaskStats;
import software.amazon.awssdk.services.databasemigration.model.ResourceNotFoundException;
import software.amazon.awssdk.services.databasemigration.model.TableStatistics;
import software.amazon.awssdk.services.databasemigration.model.Tag;
import software.amazon.awssdk.services.databasemigration.waiters.DatabaseMigrationWaiter;

/**
 * The getting-started flow of DMS driven by a second client, the AWS SDK for Java v2, whose
 * unmarshallers are strict about member types (timestamps, longs, booleans): every shape the
 * server answers must parse, and the SDK's waiters must see the status vocabulary they expect.
 */
class SdkConformanceIT {
  private static final String MAPPINGS = "{\"rules\":[{\"rule-type\":\"selection\",\"rule-id\":\"1\","
      + "\"rule-name\":\"1\",\"object-locator\":{\"schema-name\":\"app\",\"table-name\":\"%\"},"
      + "\"rule-action\":\"include\"}]}";

  private static TestServer server;
  private static TestingPostgres source;
  private static TestingPostgres target;
  private static DatabaseMigrationClient dms;
  private static DatabaseMigrationWaiter waiter;

  @BeforeAll
  static void start() {
    server = TestServer.start(null, false);
    source = TestingPostgres.create("sdk_src");
    target = TestingPostgres.create("sdk_tgt");
    source.execute("CREATE SCHEMA app", "CREATE TABLE app.items (id int PRIMARY KEY, v text, at timestamptz)",
        "INSERT INTO app.items SELECT g, 'v' || g, now() FROM generate_series(1, 5000) g");
    dms = DatabaseMigrationClient.builder()
        .endpointOverride(URI.create(server.url()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(TestServer.KEY_ID, TestServer.SECRET)))
        .build();
    waiter = DatabaseMigrationWaiter.builder().client(dms)
        .overrideConfiguration(WaiterOverrideConfiguration.builder()
            .waitTimeout(Duration.ofSeconds(120))
            .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofSeconds(1))).build())
        .build();
  }

  @AfterAll
  static void stop() {
    waiter.close();
    dms.close();
    server.close();
    source.close();
    target.close();
  }

  @Test
  void runsTheGettingStartedFlowWithTheJavaSdk() throws Exception {
    ReplicationInstance instance = dms.createReplicationInstance(r -> r
        .replicationInstanceIdentifier("sdk-ri").replicationInstanceClass("dms.t3.medium")
        .allocatedStorage(50).tags(Tag.builder().key("team").value("data").build())).replicationInstance();
    assertThat(instance.replicationInstanceArn()).startsWith("arn:aws:dms:us-east-1:123456789012:rep:");
    assertThat(instance.instanceCreateTime()).isBefore(Instant.now().plusSeconds(1));
    waiter.waitUntilReplicationInstanceAvailable(r -> r.filters(
        filter("replication-instance-arn", instance.replicationInstanceArn())));
    String instanceArn = instance.replicationInstanceArn();

    String sourceArn = endpoint("sdk-src", "source", source);
    String targetArn = endpoint("sdk-tgt", "target", target);
    assertThat(dms.describeEndpoints(r -> r.filters(filter("endpoint-type", "source"))).endpoints())
        .singleElement().satisfies(e -> {
          assertThat(e.endpointTypeAsString()).isEqualToIgnoringCase("source");
          assertThat(e.engineName()).isEqualTo("postgres");
          assertThat(e.port()).isEqualTo(TestingPostgres.PORT);
        });
    for (String endpoint : new String[] {sourceArn, targetArn}) {
      dms.testConnection(r -> r.replicationInstanceArn(instanceArn).endpointArn(endpoint));
      waiter.waitUntilTestConnectionSucceeds(r -> r.filters(filter("endpoint-arn", endpoint)));
    }
    assertThat(dms.describeEndpointTypes(r -> r.filters(filter("engine-name", "postgres")))
        .supportedEndpointTypes()).isNotEmpty().allSatisfy(t -> assertThat(t.supportsCDC()).isTrue());
    assertThat(dms.describeAccountAttributes(r -> { }).accountQuotas()).isNotEmpty()
        .allSatisfy(q -> assertThat(q.max()).isPositive());

    ReplicationTask created = dms.createReplicationTask(r -> r.replicationTaskIdentifier("sdk-task")
        .sourceEndpointArn(sourceArn).targetEndpointArn(targetArn).replicationInstanceArn(instanceArn)
        .migrationType("full-load-and-cdc").tableMappings(MAPPINGS)).replicationTask();
    String task = created.replicationTaskArn();
    assertThat(created.replicationTaskCreationDate()).isNotNull();
    waiter.waitUntilReplicationTaskReady(r -> r.filters(filter("replication-task-arn", task)));

    dms.startReplicationTask(r -> r.replicationTaskArn(task).startReplicationTaskType("start-replication"));
    waiter.waitUntilReplicationTaskRunning(r -> r.filters(filter("replication-task-arn", task)));
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
        .until(() -> items(task).tableState().equals("Table completed"));
    TableStatistics loaded = items(task);
    assertThat(loaded.fullLoadRows()).isEqualTo(5000L);
    assertThat(loaded.fullLoadStartTime()).isNotNull();
    assertThat(loaded.fullLoadEndTime()).isNotNull();
    assertThat(loaded.lastUpdateTime()).isNotNull();
    assertThat(loaded.fullLoadReloaded()).isFalse();
    assertThat(loaded.validationState()).isEqualTo("Not enabled");

    source.execute("INSERT INTO app.items VALUES (9001, 'cdc', now())", "UPDATE app.items SET v = 'u' WHERE id = 1",
        "DELETE FROM app.items WHERE id = 2");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> items(task).inserts() == 1 && items(task).updates() == 1 && items(task).deletes() == 1);
    assertThat(targetCount()).isEqualTo(5000L);
    ReplicationTask running = task(task);
    ReplicationTaskStats stats = running.replicationTaskStats();
    assertThat(stats.fullLoadProgressPercent()).isEqualTo(100);
    assertThat(stats.tablesLoaded()).isEqualTo(1);
    assertThat(stats.elapsedTimeMillis()).isPositive();
    assertThat(stats.startDate()).isNotNull();
    assertThat(stats.freshStartDate()).isNotNull();
    assertThat(running.recoveryCheckpoint()).startsWith("checkpoint:V1#1#");
    assertEveryMemberIsInTheModel(instanceArn, sourceArn, task);

    dms.reloadTables(r -> r.replicationTaskArn(task).tablesToReload(t -> t.schemaName("app").tableName("items")));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> items(task).fullLoadReloaded() && items(task).tableState().equals("Table completed"));
    assertThat(items(task).inserts()).as("reset by the reload").isZero();

    dms.stopReplicationTask(r -> r.replicationTaskArn(task));
    waiter.waitUntilReplicationTaskStopped(r -> r.filters(filter("replication-task-arn", task)));
    ReplicationTask stopped = task(task);
    assertThat(stopped.stopReason()).isEqualTo("Stop Reason NORMAL");
    assertThat(stopped.replicationTaskStats().stopDate()).isNotNull();
    assertEveryMemberIsInTheModel(instanceArn, sourceArn, task);
    assertThat(dms.describeEvents(r -> r.sourceIdentifier("sdk-task").sourceType("replication-task"))
        .events()).extracting(e -> e.message()).anyMatch(m -> m.contains("reload requested"));
    assertThat(dms.listTagsForResource(r -> r.resourceArn(instanceArn)).tagList())
        .extracting(Tag::key).containsExactly("team");

    ReplicationInstance modified = dms.modifyReplicationInstance(r -> r.replicationInstanceArn(instanceArn)
        .replicationInstanceClass("dms.c5.large")).replicationInstance();
    assertThat(modified.replicationInstanceClass()).isEqualTo("dms.t3.medium");
    assertThat(modified.pendingModifiedValues().replicationInstanceClass()).isEqualTo("dms.c5.large");
    assertThat(dms.rebootReplicationInstance(r -> r.replicationInstanceArn(instanceArn))
        .replicationInstance().replicationInstanceClass()).isEqualTo("dms.c5.large");

    dms.deleteReplicationTask(r -> r.replicationTaskArn(task));
    waiter.waitUntilReplicationTaskDeleted(r -> r.filters(filter("replication-task-arn", task)));
    dms.deleteEndpoint(r -> r.endpointArn(sourceArn));
    dms.deleteEndpoint(r -> r.endpointArn(targetArn));
    waiter.waitUntilEndpointDeleted(r -> r.filters(filter("endpoint-arn", sourceArn)));
    dms.deleteReplicationInstance(r -> r.replicationInstanceArn(instanceArn));
    waiter.waitUntilReplicationInstanceDeleted(r -> r.filters(
        filter("replication-instance-arn", instanceArn)));
  }

  @Test
  void faultsReachTheSdkAsItsModeledExceptions() {
    ResourceNotFoundException missing = catchThrowableOfType(ResourceNotFoundException.class,
        () -> dms.describeTableStatistics(r -> r.replicationTaskArn("arn:aws:dms:us-east-1:123456789012:task:NOPE")));
    assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundFault");
    assertThat(missing.awsErrorDetails().errorMessage()).contains("NOPE");
    assertThat(missing.statusCode()).isEqualTo(400);

    DatabaseMigrationException invalid = catchThrowableOfType(DatabaseMigrationException.class,
        () -> dms.createReplicationInstance(r -> r.replicationInstanceIdentifier("1-bad")
            .replicationInstanceClass("dms.t3.micro")));
    assertThat(invalid.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValueException");
    assertThat(invalid.getMessage()).contains("identifier");
  }

  /** Raw answers of the Describe calls, member by member, against the SDK's model. */
  private static void assertEveryMemberIsInTheModel(String instanceArn, String endpointArn, String task) {
    String byTask = "{\"Filters\":[{\"Name\":\"replication-task-arn\",\"Values\":[\"" + task + "\"]}]}";
    Map<String, Map.Entry<String, SdkPojo>> calls = new LinkedHashMap<>();
    calls.put("DescribeReplicationInstances", Map.entry("{}", DescribeReplicationInstancesResponse.builder()));
    calls.put("DescribeEndpoints", Map.entry("{}", DescribeEndpointsResponse.builder()));
    calls.put("DescribeConnections", Map.entry("{}", DescribeConnectionsResponse.builder()));
    calls.put("DescribeEndpointTypes", Map.entry("{}", DescribeEndpointTypesResponse.builder()));
    calls.put("DescribeAccountAttributes", Map.entry("{}", DescribeAccountAttributesResponse.builder()));
    calls.put("DescribeReplicationTasks", Map.entry(byTask, DescribeReplicationTasksResponse.builder()));
    calls.put("DescribeTableStatistics", Map.entry("{\"ReplicationTaskArn\":\"" + task + "\"}",
        DescribeTableStatisticsResponse.builder()));
    calls.put("DescribeEvents", Map.entry("{}", DescribeEventsResponse.builder()));
    calls.put("ListTagsForResource", Map.entry("{\"ResourceArn\":\"" + instanceArn + "\"}",
        ListTagsForResourceResponse.builder()));
    calls.put("DescribeRefreshSchemasStatus", Map.entry("{\"EndpointArn\":\"" + endpointArn + "\"}",
        DescribeRefreshSchemasStatusResponse.builder()));
    calls.forEach((operation, call) -> {
      SignedHttp.Reply reply = SignedHttp.call(server.port(), operation, call.getKey());
      if (reply.status() == 200) {
        assertThat(ModelShapes.problems(reply.body(), call.getValue(), Set.of(TaskService.RETAINED_WAL_STAT)))
            .as(operation + " " + reply.body()).isEmpty();
      } else {
        assertThat(reply.type()).as(operation).isNotEmpty();
      }
    });
  }

  private static TableStatistics items(String task) {
    return dms.describeTableStatistics(r -> r.replicationTaskArn(task)).tableStatistics().get(0);
  }

  private static ReplicationTask task(String task) {
    return dms.describeReplicationTasks(r -> r.filters(filter("replication-task-arn", task)))
        .replicationTasks().get(0);
  }

  private static long targetCount() throws Exception {
    try (Connection c = target.connect(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM app.items")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String endpoint(String identifier, String type, TestingPostgres database) {
    return dms.createEndpoint(r -> r.endpointIdentifier(identifier).endpointType(type).engineName("postgres")
        .serverName(TestingPostgres.HOST).port(TestingPostgres.PORT).databaseName(database.database())
        .username(TestingPostgres.USER).postgreSQLSettings(s -> s.heartbeatEnable(false)))
        .endpoint().endpointArn();
  }

  private static Filter filter(String name, String value) {
    return Filter.builder().name(name).values(value).build();
  }
}

package io.opendms.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.testkit.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The same store behaviour on the embedded H2 file and on PostgreSQL. */
class MetadataStoreIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void keepsResourcesTagsAndActivityOnH2() throws Exception {
    Path dir = Files.createTempDirectory("store-h2");
    withStore(StoreLocation.parse(null, dir), MetadataStoreIT::exercise);
    // Reopening runs the migrations again (none pending) and finds the data.
    withStore(StoreLocation.parse(null, dir), store -> assertThat(store.list(ResourceKind.TASK)).hasSize(1));
  }

  @Test
  void keepsResourcesTagsAndActivityOnPostgres() {
    try (TestingPostgres database = TestingPostgres.create("store")) {
      StoreLocation location = StoreLocation.parse(
          "postgresql://" + TestingPostgres.USER + "@" + TestingPostgres.HOST + ":" + TestingPostgres.PORT
              + "/" + database.database(), Path.of("unused"));
      withStore(location, MetadataStoreIT::exercise);
      withStore(location, store -> assertThat(store.list(ResourceKind.TASK)).hasSize(1));
    }
  }

  private static void withStore(StoreLocation location, Consumer<MetadataStore> use) {
    try (MetadataStore store = MetadataStore.open(location)) {
      use.accept(store);
    }
  }

  private static void exercise(MetadataStore store) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    ObjectNode body = JSON.createObjectNode().put("ReplicationTaskIdentifier", "t1").put("Status", "ready");
    var task = new StoredResource("arn:aws:dms:us-east-1:1:task:A", ResourceKind.TASK, "t1", body, null, now);
    store.insert(task);
    assertThat(store.find(task.arn())).contains(task);
    assertThat(store.findByIdentifier(ResourceKind.TASK, "t1")).contains(task);
    assertThatThrownBy(() -> store.insert(new StoredResource("arn:other", ResourceKind.TASK, "t1", body, null, now)))
        .isInstanceOf(DuplicateResourceException.class);

    var endpoint = new StoredResource("arn:aws:dms:us-east-1:1:endpoint:B", ResourceKind.ENDPOINT, "e1",
        JSON.createObjectNode().put("EndpointIdentifier", "e1"), "v1:sealed", now);
    store.insert(endpoint);
    ObjectNode changed = endpoint.body().deepCopy().put("Port", 5432);
    assertThat(store.update(endpoint.withIdentifier("e2").withBody(changed))).isTrue();
    assertThat(store.find(endpoint.arn()).orElseThrow().body().get("Port").asInt()).isEqualTo(5432);
    assertThat(store.findByIdentifier(ResourceKind.ENDPOINT, "e2")).isPresent();

    store.tags().put(task.arn(), Map.of("b", "2", "a", "1"));
    store.tags().put(task.arn(), Map.of("a", "one"));
    assertThat(store.tags().of(task.arn())).containsExactly(Map.entry("a", "one"), Map.entry("b", "2"));
    store.tags().remove(task.arn(), List.of("b"));
    assertThat(store.tags().of(task.arn())).containsOnlyKeys("a");

    ActivityStore activity = store.activity();
    activity.addEvent(new StoredEvent("t1", "replication-task", "created", List.of("Creation"), now));
    assertThat(activity.events(now.minusSeconds(1))).extracting(StoredEvent::message).containsExactly("created");
    activity.putConnection(new StoredConnection(endpoint.arn(), "arn:rep", "testing", null));
    activity.putConnection(new StoredConnection(endpoint.arn(), "arn:rep", "failed", "no route"));
    assertThat(activity.connections()).containsExactly(
        new StoredConnection(endpoint.arn(), "arn:rep", "failed", "no route"));
    activity.putSchemas(new StoredSchemas(endpoint.arn(), "arn:rep", "successful", List.of("public"), now, null));
    assertThat(activity.schemas(endpoint.arn()).orElseThrow().schemas()).containsExactly("public");
    activity.putTaskTables(task.arn(), JSON.createArrayNode().add(JSON.createObjectNode().put("TableName", "x")));
    assertThat(activity.taskTables(task.arn()).orElseThrow().get(0).get("TableName").asText()).isEqualTo("x");

    assertThat(store.delete(endpoint.arn())).isTrue();
    activity.forget(endpoint.arn());
    assertThat(store.find(endpoint.arn())).isEmpty();
    assertThat(activity.connections()).isEmpty();
    assertThat(store.delete(endpoint.arn())).isFalse();
  }
}

package io.opendms.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.server.dms.Json;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.databasemigration.model.DescribeTableStatisticsResponse;

class ModelShapesTest {

  @Test
  void findsMembersTheModelLacksAndMembersOfTheWrongKindInNestedLists() throws Exception {
    var json = Json.MAPPER.readTree("{\"ReplicationTaskArn\":\"a\",\"TableStatistics\":[{\"SchemaName\":\"s\","
        + "\"Inserts\":\"3\",\"FullLoadReloaded\":true,\"LastUpdateTime\":1.5,\"TableStat\":\"x\",\"Mine\":1}]}");

    assertThat(ModelShapes.problems(json, DescribeTableStatisticsResponse.builder(), Set.of("Mine")))
        .containsExactlyInAnyOrder("TableStatistics[0].Inserts: STRING where the model has Long",
            "TableStatistics[0].TableStat: not in the model");
  }
}

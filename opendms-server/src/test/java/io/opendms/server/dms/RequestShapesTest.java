package io.opendms.server.dms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RequestShapesTest {
  private static ApiRequest request(String json) throws Exception {
    return new ApiRequest("DescribeThings", (ObjectNode) Json.MAPPER.readTree(json));
  }

  @Test
  void namesTheMemberThatIsMissingOrOfTheWrongType() throws Exception {
    assertThatThrownBy(() -> request("{}").requiredString("EndpointArn"))
        .isInstanceOf(DmsFault.class).hasMessageContaining("EndpointArn")
        .extracting(e -> ((DmsFault) e).type()).isEqualTo("InvalidParameterValueException");
    assertThatThrownBy(() -> request("{\"Port\":\"80\"}").optionalInt("Port"))
        .hasMessageContaining("Port must be an integer, got string");
    assertThatThrownBy(() -> request("{\"Tags\":[{\"Value\":\"v\"}]}").tags("Tags"))
        .hasMessageContaining("Key");
    assertThat(request("{\"CdcStartTime\":1590524772.505}").optionalTimestamp("CdcStartTime").orElseThrow()
        .toEpochMilli()).isEqualTo(1590524772505L);
  }

  @Test
  void pagesWithOpaqueMarkersWithinDmsLimits() throws Exception {
    List<Integer> items = IntStream.range(0, 45).boxed().toList();
    Page<Integer> first = Page.of(items, request("{\"MaxRecords\":20}"), 100);
    assertThat(first.items()).hasSize(20);
    Page<Integer> second = Page.of(items, request("{\"MaxRecords\":20,\"Marker\":\"" + first.nextMarker() + "\"}"), 100);
    assertThat(second.items().get(0)).isEqualTo(20);
    assertThat(Page.of(items, request("{}"), 100).nextMarker()).isNull();
    assertThatThrownBy(() -> Page.of(items, request("{\"MaxRecords\":101}"), 100)).hasMessageContaining("MaxRecords");
    assertThatThrownBy(() -> Page.of(items, request("{\"Marker\":\"forged\"}"), 100)).hasMessageContaining("Marker");
  }

  @Test
  void filtersAndAcrossNamesAndOrAcrossValues() throws Exception {
    Filters filters = Filters.parse(request("{\"Filters\":[{\"Name\":\"engine-name\",\"Values\":[\"mysql\",\"postgres\"]},"
        + "{\"Name\":\"endpoint-type\",\"Values\":[\"source\"]}]}"), Set.of("engine-name", "endpoint-type"));
    assertThat(filters.matches(Map.of("engine-name", "postgres", "endpoint-type", "source")::get)).isTrue();
    assertThat(filters.matches(Map.of("engine-name", "postgres", "endpoint-type", "target")::get)).isFalse();
    assertThatThrownBy(() -> Filters.parse(request("{\"Filters\":[{\"Name\":\"colour\",\"Values\":[]}]}"),
        Set.of("engine-name"))).hasMessageContaining("colour");
  }
}

package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptureSettingsTest {

  private static EndpointConfig endpoint(Map<String, String> settings) {
    return new EndpointConfig("postgres", "h", 5432, "db", "u", "", SslMode.DISABLE, settings);
  }

  @Test
  void recordedDefaults() {
    CaptureSettings settings = CaptureSettings.of(endpoint(Map.of("fetchCacheSize", "10")), "Shop-Sync-1");
    assertThat(settings.slotName()).isEqualTo("opendms_shop_sync_1");
    assertThat(settings.publicationName()).isEqualTo("opendms_shop_sync_1");
    assertThat(settings.heartbeat()).isNull();
  }

  @Test
  void fullMapping() {
    CaptureSettings settings = CaptureSettings.of(endpoint(Map.of("SlotName", "my_slot",
        "PluginName", "pgoutput", "HeartbeatEnable", "true", "HeartbeatFrequency", "2")), "t");
    assertThat(settings).isEqualTo(new CaptureSettings("my_slot", "my_slot", Duration.ofMinutes(2), true, "public"));
  }

  @Test
  void rejectsWhatItCannotUseNamingTheSetting() {
    assertThatThrownBy(() -> CaptureSettings.of(endpoint(Map.of("PluginName", "test-decoding")), "t"))
        .isInstanceOf(OpenDmsException.class).hasMessageContaining("PluginName test-decoding");
    assertThatThrownBy(() -> CaptureSettings.of(endpoint(Map.of("SlotName", "Bad-Slot")), "t"))
        .hasMessageContaining("SlotName 'Bad-Slot'");
    assertThatThrownBy(() -> CaptureSettings.of(endpoint(Map.of("HeartbeatFrequency", "0", "HeartbeatEnable", "maybe")), "t"))
        .satisfies(e -> assertThat(((OpenDmsException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER))
        .hasMessageContaining("HeartbeatFrequency").hasMessageContaining("HeartbeatEnable");
  }
}

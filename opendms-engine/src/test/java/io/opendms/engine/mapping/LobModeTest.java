package io.opendms.engine.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.engine.mapping.TableSettingsRule.LobSettings;
import io.opendms.engine.settings.TaskSettings;
import org.junit.jupiter.api.Test;

class LobModeTest {

  private static LobMode of(String targetMetadata) {
    return LobMode.of(TaskSettings.parse("{\"TargetMetadata\": " + targetMetadata + "}")
        .targetMetadata());
  }

  @Test
  void dmsDefaultsAreLimitedAt32Kb() {
    LobMode defaults = of("{}");

    assertThat(defaults.kind()).isEqualTo(LobMode.Kind.LIMITED);
    assertThat(defaults.maxBytes()).isEqualTo(32 * 1024);
    assertThat(defaults.truncates()).isTrue();
    assertThat(defaults.origin()).isEqualTo("task setting TargetMetadata");
  }

  @Test
  void withoutLobSupportLobsAreLeftOutWhateverTheTableSays() {
    LobMode none = of("{\"SupportLobs\": false, \"FullLobMode\": true}");

    assertThat(none.kind()).isEqualTo(LobMode.Kind.NONE);
    assertThat(none.forTable(new LobSettings(LobSettings.Mode.LIMITED, 8), 5)).isSameAs(none);
  }

  @Test
  void fullModeWinsOverLimitedAndReadsByLookupAboveOnePiece() {
    LobMode full = of("{\"FullLobMode\": true, \"LimitedSizeLobMode\": true,"
        + " \"LobChunkSize\": 16, \"InlineLobMaxSize\": 4}");

    assertThat(full.kind()).isEqualTo(LobMode.Kind.FULL);
    assertThat(full.truncates()).isFalse();
    assertThat(full.readsByLookup()).isTrue();
    assertThat(full.lookupAboveBytes()).isEqualTo(16 * 1024);
    assertThat(of("{\"FullLobMode\": true, \"InlineLobMaxSize\": 100}").lookupAboveBytes())
        .isEqualTo(100 * 1024);
    assertThat(of("{\"LimitedSizeLobMode\": false}").kind()).isEqualTo(LobMode.Kind.FULL);
    assertThat(of("{\"LobMaxSize\": 0}").truncates()).isFalse();
    assertThat(LobMode.WHOLE.readsByLookup()).isFalse();
  }

  @Test
  void tableLobSettingsOverrideTheTask() {
    LobMode task = of("{}");

    LobMode limited = task.forTable(new LobSettings(LobSettings.Mode.LIMITED, 8), 30);
    assertThat(limited.maxBytes()).isEqualTo(8 * 1024);
    assertThat(limited.origin()).isEqualTo("lob-settings of rule-id 30");
    LobMode unlimited = task.forTable(new LobSettings(LobSettings.Mode.UNLIMITED, 0), 31);
    assertThat(unlimited.kind()).isEqualTo(LobMode.Kind.FULL);
    assertThat(unlimited.lookupAboveBytes()).isEqualTo(64 * 1024);
    assertThat(task.forTable(new LobSettings(LobSettings.Mode.NONE, 0), 32)).isSameAs(task);
  }
}

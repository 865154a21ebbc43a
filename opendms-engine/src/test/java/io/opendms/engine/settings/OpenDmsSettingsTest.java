package io.opendms.engine.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.engine.settings.OpenDmsSettings.Switch;
import org.junit.jupiter.api.Test;

class OpenDmsSettingsTest {

  @Test
  void defaultsToAutoAndStaysOutOfTheDmsDocument() {
    TaskSettings defaults = TaskSettings.defaults();

    assertThat(defaults.openDms()).isEqualTo(new OpenDmsSettings(Switch.AUTO, Switch.AUTO));
    assertThat(defaults.toJson()).doesNotContain("OpenDmsSettings");
  }

  @Test
  void readsTheSwitchesAndWritesThemBack() {
    TaskSettings settings = TaskSettings.parse(
        "{\"OpenDmsSettings\": {\"CreateSchemaObjects\": \"false\", \"SyncSequences\": \"true\"}}");

    assertThat(settings.openDms()).isEqualTo(new OpenDmsSettings(Switch.OFF, Switch.ON));
    assertThat(TaskSettings.parse(settings.toJson())).isEqualTo(settings);
  }

  @Test
  void autoFollowsTheEngineFamily() {
    assertThat(Switch.AUTO.enabled(true)).isTrue();
    assertThat(Switch.AUTO.enabled(false)).isFalse();
    assertThat(Switch.ON.enabled(false)).isTrue();
    assertThat(Switch.OFF.enabled(true)).isFalse();
  }

  @Test
  void rejectsUnknownWordsAndKeysWithTheirPath() {
    assertThatThrownBy(() -> TaskSettings.parse(
        "{\"OpenDmsSettings\": {\"CreateSchemaObjects\": \"yes\", \"Indexes\": true}}"))
        .hasMessageContaining("OpenDmsSettings.CreateSchemaObjects: expected one of auto, true,"
            + " false")
        .hasMessageContaining("OpenDmsSettings.Indexes: unknown setting");
  }
}

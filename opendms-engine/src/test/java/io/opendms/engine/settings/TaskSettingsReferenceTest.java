package io.opendms.engine.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.settings.Setting;
import io.opendms.spi.settings.SettingGroup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TaskSettingsReferenceTest {
  /** Surefire runs in the module's directory; the reference lives in the repository's docs. */
  private static final Path REFERENCE = Path.of("..", "docs", "task-settings.md");

  @Test
  void docsTaskSettingsIsTheGeneratedReference() throws IOException {
    String generated = TaskSettingsReference.markdown();
    if (Boolean.getBoolean("opendms.docs.update")) {
      Files.writeString(REFERENCE, generated, StandardCharsets.UTF_8);
    }
    String committed =
        Files.exists(REFERENCE) ? Files.readString(REFERENCE, StandardCharsets.UTF_8) : "";

    assertThat(committed)
        .as("docs/task-settings.md is generated from the settings declarations and differs from"
            + " them; regenerate it with: " + TaskSettingsReference.REGENERATE)
        .isEqualTo(generated);
  }

  @Test
  void everyDeclaredSettingHasARow() {
    String reference = TaskSettingsReference.markdown();

    for (SettingGroup group : TaskSettings.settingGroups()) {
      assertThat(reference).contains("\n## " + group.name() + "\n");
      for (Setting<?> setting : group.settings()) {
        assertThat(reference).as(group.name() + "." + setting.key())
            .contains("| `" + setting.key() + "` | ");
      }
    }
  }

  @Test
  void rowsShowTypeDefaultAndLinksToNestedGroups() {
    String reference = TaskSettingsReference.markdown();

    assertThat(reference)
        .contains("| `MaxFullLoadSubTasks` | integer 1..49 | `8` | Tables or table segments")
        .contains("| `TargetTablePrepMode` | one of DO_NOTHING, DROP_AND_CREATE,")
        .contains("| `LobMaxSize` | integer 0 or more | `32` |")
        .contains("| `FullLoadSettings` | object, see [FullLoadSettings](#fullloadsettings)"
            + " | see below |")
        .contains("| `BeforeImageSettings` | object or null, see [BeforeImageSettings]"
            + "(#beforeimagesettings) | `null` |")
        .contains("| `LogComponents` | array of objects, see [Logging.LogComponents[]]"
            + "(#logginglogcomponents) | see below |")
        .contains("| `TTS3Settings` | object, see [TTSettings.TTS3Settings]"
            + "(#ttsettingstts3settings) | *not set* |")
        .contains("| `EnableLogContext` | boolean | *not set* |")
        .contains("writes its log (&lt;data dir>/tasks/&lt;task id>/task.log)");
  }
}

package io.opendms.connector.postgres;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.settings.Setting;
import io.opendms.spi.settings.SettingGroup;
import io.opendms.spi.settings.SettingValues;
import io.opendms.spi.settings.ValueTypes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code PostgreSQLSettings} fields that change capture reads, from the endpoint's settings.
 * Other fields of the settings object are left to the parts that read them.
 *
 * @param slotName the logical replication slot
 * @param publicationName the publication pgoutput streams: the slot's name
 * @param heartbeat how often to write WAL on an idle database; null when disabled
 * @param captureDdls {@code CaptureDdls}: install the event trigger that logs DROP TABLE
 * @param ddlArtifactsSchema {@code DdlArtifactsSchema}: the schema of its function
 */
record CaptureSettings(String slotName, String publicationName, Duration heartbeat,
    boolean captureDdls, String ddlArtifactsSchema) {

  static final Setting<String> SLOT_NAME = Setting.of("SlotName", ValueTypes.text(), "",
      "Logical replication slot of the task; default opendms_<task id>.");
  static final Setting<String> PLUGIN_NAME = Setting.of("PluginName", ValueTypes.text(),
      "no-preference", "Output plugin; OpenDMS decodes pgoutput (no-preference or pgoutput).");
  static final Setting<Boolean> HEARTBEAT_ENABLE = Setting.of("HeartbeatEnable", ValueTypes.bool(),
      false, "Write WAL periodically so the slot advances on an idle database.");
  static final Setting<Integer> HEARTBEAT_FREQUENCY = Setting.of("HeartbeatFrequency",
      ValueTypes.integer(1, 1440), 5, "Minutes between heartbeats.");

  static final Setting<Boolean> CAPTURE_DDLS = Setting.of("CaptureDdls", ValueTypes.bool(), true,
      "Install an event trigger (opendms_intercept_ddl) that logs DROP TABLE into the WAL, so that"
          + " a dropped captured table is dropped on the target; ALTER and TRUNCATE need none.");
  static final Setting<String> DDL_ARTIFACTS_SCHEMA = Setting.of("DdlArtifactsSchema",
      ValueTypes.text(), "public", "Schema of the event trigger's function.");

  static final SettingGroup GROUP = new SettingGroup("PostgreSQLSettings",
      List.of(SLOT_NAME, PLUGIN_NAME, HEARTBEAT_ENABLE, HEARTBEAT_FREQUENCY, CAPTURE_DDLS,
          DDL_ARTIFACTS_SCHEMA));

  /** What PostgreSQL accepts as a slot name: lower-case letters, digits, underscores, 63 bytes. */
  private static final Pattern SLOT = Pattern.compile("[a-z0-9_]{1,63}");

  /** Reads the settings; throws INVALID_PARAMETER listing every problem. */
  static CaptureSettings of(EndpointConfig endpoint, String taskId) {
    Map<String, String> given = new HashMap<>();
    for (var setting : GROUP.settings()) {
      String value = endpoint.settings().get(setting.key());
      if (value != null) {
        given.put(setting.key(), value);
      }
    }
    SettingValues values;
    try {
      values = GROUP.resolveOrThrow(given);
    } catch (IllegalArgumentException e) {
      throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, e.getMessage());
    }
    String plugin = values.get(PLUGIN_NAME);
    if (!plugin.equals("no-preference") && !plugin.equals("pgoutput")) {
      throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, "PostgreSQLSettings.PluginName "
          + plugin + " is not supported: OpenDMS decodes pgoutput; use no-preference or pgoutput");
    }
    String slot = values.get(SLOT_NAME).isEmpty() ? defaultSlotName(taskId) : values.get(SLOT_NAME);
    if (!SLOT.matcher(slot).matches()) {
      throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, "PostgreSQLSettings.SlotName '" + slot
          + "' is not a valid slot name (lower-case letters, digits and _, at most 63)");
    }
    Duration heartbeat = values.get(HEARTBEAT_ENABLE)
        ? Duration.ofMinutes(values.get(HEARTBEAT_FREQUENCY)) : null;
    return new CaptureSettings(slot, slot, heartbeat, values.get(CAPTURE_DDLS),
        values.get(DDL_ARTIFACTS_SCHEMA).isEmpty() ? "public" : values.get(DDL_ARTIFACTS_SCHEMA));
  }

  /** {@code opendms_} and the task id, lower-cased, other characters as {@code _}. */
  static String defaultSlotName(String taskId) {
    String name = "opendms_" + taskId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return name.length() > 63 ? name.substring(0, 63) : name;
  }
}

package io.opendms.engine.settings;

import io.opendms.spi.settings.Setting;
import io.opendms.spi.settings.SettingGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the task settings reference ({@code docs/task-settings.md}) from the declarations:
 * one table per {@link SettingGroup} of {@link TaskSettings#settingGroups()}, after the
 * top-level document. There is no second list of settings; a declaration's key, type
 * description, default (as written in the expanded JSON document) and doc are the reference.
 *
 * <p>Stateless; {@link #markdown()} returns the same text for the same declarations.
 */
public final class TaskSettingsReference {
  private TaskSettingsReference() {}

  /** How the reference says it is regenerated; the test that guards it says it too. */
  public static final String REGENERATE =
      "mvn -B -o test -pl opendms-engine -am -Dtest=TaskSettingsReferenceTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dopendms.docs.update=true";

  /** The whole reference as Markdown, ending with a newline. */
  public static String markdown() {
    List<SettingGroup> groups = new ArrayList<>();
    groups.add(TaskSettings.document());
    groups.addAll(TaskSettings.settingGroups());
    Map<String, SettingGroup> byName = new LinkedHashMap<>();
    groups.forEach(group -> byName.put(group.name(), group));
    Map<String, String> introductions = introductions(groups, byName);

    var out = new StringBuilder();
    out.append("<!-- Generated from the declarations in io.opendms.engine.settings by")
        .append(" TaskSettingsReference; do not edit. Regenerate with:\n  ")
        .append(REGENERATE).append("\n-->\n\n");
    out.append("# Task settings reference\n\n")
        .append("A task's settings are DMS's `ReplicationTaskSettings` JSON document. A given")
        .append(" document, whole or partial, is merged onto DMS's defaults (the Default column,")
        .append(" as the expanded document shows it); JSON `null` means \"not given\". Every")
        .append(" problem in a document (unknown keys, wrong JSON kinds, out-of-range numbers,")
        .append(" misspelled vocabulary, read-only keys, contradicting settings) is reported at")
        .append(" once, and nothing is fixed silently. A default of *not set* means the key is")
        .append(" left out of the expanded document unless given.\n\n")
        .append("Settings that OpenDMS accepts and returns but does not act on say so in their")
        .append(" description. This page is generated from the declarations in")
        .append(" `io.opendms.engine.settings`; the comment at its top says how to regenerate")
        .append(" it.\n");
    for (SettingGroup group : groups) {
      out.append("\n## ").append(group.name()).append("\n\n");
      String introduction = introductions.get(group.name());
      if (introduction != null) {
        out.append(cell(introduction)).append("\n\n");
      }
      out.append("| Key | Type | Default | Description |\n|---|---|---|---|\n");
      for (Setting<?> setting : group.settings()) {
        SettingGroup nested = byName.get(nestedName(group, setting));
        out.append("| `").append(setting.key()).append("` | ")
            .append(nested == null ? cell(type(setting)) : link(nested, setting))
            .append(" | ").append(defaultValue(setting, nested != null))
            .append(" | ").append(cell(setting.doc())).append(" |\n");
      }
    }
    return out.toString();
  }

  /** The name a group nested under a setting is declared with, if it is one. */
  private static String nestedName(SettingGroup group, Setting<?> setting) {
    String prefix = group == TaskSettings.document() ? "" : group.name() + ".";
    String name = prefix + setting.key();
    for (SettingGroup candidate : TaskSettings.settingGroups()) {
      if (candidate.name().equals(name + "[]")) {
        return name + "[]";
      }
    }
    return name;
  }

  /** Each nested group is introduced by the doc of the setting that holds it. */
  private static Map<String, String> introductions(
      List<SettingGroup> groups, Map<String, SettingGroup> byName) {
    var introductions = new LinkedHashMap<String, String>();
    for (SettingGroup group : groups) {
      for (Setting<?> setting : group.settings()) {
        String nested = nestedName(group, setting);
        if (byName.containsKey(nested)) {
          introductions.put(nested, setting.doc());
        }
      }
    }
    return introductions;
  }

  private static String link(SettingGroup nested, Setting<?> setting) {
    String kind = nested.name().endsWith("[]") ? "array of objects" : "object";
    String nullable = setting.type().description().endsWith(" or null") ? " or null" : "";
    return kind + nullable + ", see [" + nested.name() + "](#" + anchor(nested.name()) + ")";
  }

  private static String type(Setting<?> setting) {
    return setting.type().description().replace(".." + Integer.MAX_VALUE, " or more");
  }

  /** A nested group's own defaults are its table's; the row only says whether it is there. */
  private static <T> String defaultValue(Setting<T> setting, boolean nested) {
    T value = setting.defaultValue();
    if (value == null) {
      return "*not set*";
    }
    if (value instanceof Optional<?> optional && optional.isEmpty()) {
      return "`null`";
    }
    return nested ? "see below" : "`" + JsonObjectTypes.jsonType(setting).write(value) + "`";
  }

  /** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
  private static String anchor(String heading) {
    return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
  }

  /** A table cell: pipes would end it, and {@code <data dir>} would be read as an HTML tag. */
  private static String cell(String text) {
    return text.replace("|", "\\|").replace("<", "&lt;").replace("\n", " ");
  }
}

package io.opendms.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tags of resources, keyed by ARN. */
public final class TagStore {
  private final MetadataStore store;

  TagStore(MetadataStore store) {
    this.store = store;
  }

  /** Adds or overwrites tags, all or none. */
  public void put(String arn, Map<String, String> tags) {
    try (Connection c = store.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM tags WHERE arn = ? AND tag_key = ?");
          PreparedStatement insert =
              c.prepareStatement("INSERT INTO tags (arn, tag_key, tag_value) VALUES (?, ?, ?)")) {
        for (var tag : tags.entrySet()) {
          delete.setString(1, arn);
          delete.setString(2, tag.getKey());
          delete.executeUpdate();
          insert.setString(1, arn);
          insert.setString(2, tag.getKey());
          insert.setString(3, tag.getValue());
          insert.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw store.failure("tag " + arn, e);
    }
  }

  public void remove(String arn, Collection<String> keys) {
    try (Connection c = store.connection();
        PreparedStatement delete = c.prepareStatement("DELETE FROM tags WHERE arn = ? AND tag_key = ?")) {
      for (String key : keys) {
        delete.setString(1, arn);
        delete.setString(2, key);
        delete.executeUpdate();
      }
    } catch (SQLException e) {
      throw store.failure("untag " + arn, e);
    }
  }

  /** The tags in key order. */
  public Map<String, String> of(String arn) {
    try (Connection c = store.connection();
        PreparedStatement s =
            c.prepareStatement("SELECT tag_key, tag_value FROM tags WHERE arn = ? ORDER BY tag_key")) {
      s.setString(1, arn);
      try (ResultSet rows = s.executeQuery()) {
        var tags = new LinkedHashMap<String, String>();
        while (rows.next()) {
          tags.put(rows.getString(1), rows.getString(2));
        }
        return tags;
      }
    } catch (SQLException e) {
      throw store.failure("read tags of " + arn, e);
    }
  }
}

package io.opendms.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlterColumnsTest {
  private static final List<String> BEFORE = List.of("id", "qty", "note", "gone");

  private static AlterColumns.Effect effect(String sql) {
    return AlterColumns.of(sql, BEFORE).orElseThrow();
  }

  @Test
  void addedColumnsGoLastOrWhereTheStatementPutsThem() {
    assertThat(effect("ALTER TABLE items ADD COLUMN extra varchar(30)").names())
        .containsExactly("id", "qty", "note", "gone", "extra");
    assertThat(effect("alter table `shop`.`items` add `a` int first, add b int after qty").names())
        .containsExactly("a", "id", "qty", "b", "note", "gone");
  }

  @Test
  void dropsRenamesAndChangesFollowTheStatementAndIndexClausesChangeNoColumn() {
    AlterColumns.Effect effect = effect("ALTER TABLE items DROP COLUMN gone, CHANGE note remark"
        + " varchar(50) NOT NULL DEFAULT 'a,b', RENAME COLUMN qty TO quantity, ADD INDEX i (id),"
        + " DROP INDEX j, MODIFY id bigint, ALTER COLUMN note SET DEFAULT 'x'");
    assertThat(effect.names()).containsExactly("id", "quantity", "remark");
    assertThat(effect.renames()).containsExactly(Map.entry("note", "remark"), Map.entry("qty", "quantity"));
    assertThat(effect.defined()).containsExactlyInAnyOrder("remark", "id");
  }

  @Test
  void aParenthesisedAddListIsLeftToTheCatalog() {
    assertThat(AlterColumns.of("ALTER TABLE items ADD (a int, b int)", BEFORE)).isEmpty();
  }
}

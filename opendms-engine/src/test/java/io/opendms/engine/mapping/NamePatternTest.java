package io.opendms.engine.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamePatternTest {

  @Test
  void percentMatchesAnyRunIncludingNone() {
    NamePattern pattern = NamePattern.wildcard("order%");

    assertThat(pattern.matches("order")).isTrue();
    assertThat(pattern.matches("orders_2024")).isTrue();
    assertThat(pattern.matches("my_order")).isFalse();
    assertThat(NamePattern.wildcard("%").matches("anything at all")).isTrue();
  }

  @Test
  void underscoreMatchesExactlyOneCharacter() {
    NamePattern pattern = NamePattern.wildcard("t_");

    assertThat(pattern.matches("t1")).isTrue();
    assertThat(pattern.matches("t_")).isTrue();
    assertThat(pattern.matches("t")).isFalse();
    assertThat(pattern.matches("t12")).isFalse();
  }

  @Test
  void bracketedUnderscoreIsALiteralUnderscore() {
    NamePattern pattern = NamePattern.wildcard("order[_]items");

    assertThat(pattern.matches("order_items")).isTrue();
    assertThat(pattern.matches("orderXitems")).isFalse();
    assertThat(NamePattern.wildcard("100[%]").matches("100%")).isTrue();
    assertThat(NamePattern.wildcard("100[%]").matches("1000")).isFalse();
  }

  @Test
  void bracketsMatchASetOrARange() {
    NamePattern set = NamePattern.wildcard("part[ab]");
    NamePattern range = NamePattern.wildcard("log_[a-d]%");

    assertThat(set.matches("parta")).isTrue();
    assertThat(set.matches("partb")).isTrue();
    assertThat(set.matches("partc")).isFalse();
    assertThat(range.matches("log_c_2024")).isTrue();
    assertThat(range.matches("log_e_2024")).isFalse();
    assertThat(NamePattern.wildcard("x[0-9a-]").matches("x-")).isTrue();
  }

  @Test
  void matchingIsCaseSensitiveAndCoversTheWholeName() {
    NamePattern pattern = NamePattern.wildcard("Sales");

    assertThat(pattern.matches("Sales")).isTrue();
    assertThat(pattern.matches("sales")).isFalse();
    assertThat(pattern.matches("Sales2")).isFalse();
  }

  @Test
  void regexCharactersAreLiterals() {
    assertThat(NamePattern.wildcard("a.b$c(d)").matches("a.b$c(d)")).isTrue();
    assertThat(NamePattern.wildcard("a.b").matches("axb")).isFalse();
    assertThat(NamePattern.wildcard("[.^\\]x").matches("\\x")).isTrue();
  }

  @Test
  void exactNamesTakeWildcardCharactersLiterally() {
    NamePattern exact = NamePattern.exact("order_items");

    assertThat(exact.matches("order_items")).isTrue();
    assertThat(exact.matches("orderXitems")).isFalse();
    assertThat(exact.isExact()).isTrue();
    assertThat(exact).isNotEqualTo(NamePattern.wildcard("order_items"));
  }

  @Test
  void rejectsMalformedPatterns() {
    assertThatThrownBy(() -> NamePattern.wildcard("a[bc"))
        .hasMessage("'a[bc' has a '[' that is not closed");
    assertThatThrownBy(() -> NamePattern.wildcard("a[]"))
        .hasMessage("'a[]' has an empty '[]'");
    assertThatThrownBy(() -> NamePattern.wildcard("a[d-a]"))
        .hasMessage("'a[d-a]' has the reversed range 'd-a'");
    assertThatThrownBy(() -> NamePattern.wildcard("")).hasMessage("must not be empty");
  }
}

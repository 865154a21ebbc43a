package io.opendms.spi.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.change.RowChange.Operation;
import io.opendms.spi.table.TableId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetChangesTest {
  private static final TableId T = new TableId("s", "t");
  private static final List<Integer> KEY = List.of(0);

  private static RowChange change(Operation operation, Object[] before, Object[] after) {
    return RowChange.of(T, operation, before, after, List.of());
  }

  @Test
  void eachKeyEndsInItsLastStateAndKeyUpdatesDeleteTheOldKey() {
    NetChanges net = new NetChanges();
    net.add(change(Operation.INSERT, null, new Object[] {1, "a"}), KEY);
    net.add(change(Operation.UPDATE, new Object[] {1, "a"}, new Object[] {1, "b"}), KEY);
    net.add(change(Operation.UPDATE, new Object[] {2, "x"}, new Object[] {3, "x"}), KEY);
    net.add(change(Operation.DELETE, new Object[] {4, "y"}, null), KEY);
    net.add(change(Operation.INSERT, null, new Object[] {new byte[] {1}, "bytes"}), KEY);
    net.add(change(Operation.DELETE, new Object[] {new byte[] {1}, "bytes"}, null), KEY);
    assertThat(net.size()).isEqualTo(5);
    Map<List<Object>, NetChanges.Net> rows = net.drain().get(T);
    assertThat(rows.get(List.of(1))).isEqualTo(new NetChanges.Net(false, List.of(1, "b"), false));
    assertThat(rows.get(List.of(2)).delete()).isTrue();
    assertThat(rows.get(List.of(3)).row()).containsExactly(3, "x");
    assertThat(rows.get(List.of(4)).delete()).isTrue();
    assertThat(rows.get(List.of("01")).delete()).isTrue();
    assertThat(net.size()).isZero();
    assertThat(net.drain()).isEmpty();
  }

  @Test
  void eachKeyRemembersWhetherItsFirstChangeExpectedTheTargetRow() {
    NetChanges net = new NetChanges();
    net.add(change(Operation.INSERT, null, new Object[] {1, "a"}), KEY);
    net.add(change(Operation.DELETE, new Object[] {1, "a"}, null), KEY);
    net.add(change(Operation.UPDATE, null, new Object[] {2, "b"}), KEY);
    net.add(change(Operation.DELETE, new Object[] {2, "b"}, null), KEY);
    net.add(change(Operation.INSERT, null, new Object[] {2, "again"}), KEY);
    net.add(change(Operation.UPDATE, new Object[] {3, "c"}, new Object[] {4, "c"}), KEY);
    net.add(change(Operation.UPDATE, new Object[] {5, "d"}, new Object[] {5, "e"}), KEY);
    Map<List<Object>, NetChanges.Net> rows = net.drain().get(T);
    assertThat(rows.get(List.of(1))).isEqualTo(new NetChanges.Net(true, List.of(1, "a"), false));
    assertThat(rows.get(List.of(2))).isEqualTo(new NetChanges.Net(false, List.of(2, "again"), true));
    assertThat(rows.get(List.of(3))).isEqualTo(new NetChanges.Net(true, List.of(3, "c"), true));
    assertThat(rows.get(List.of(4))).isEqualTo(new NetChanges.Net(false, List.of(4, "c"), false));
    assertThat(rows.get(List.of(5))).isEqualTo(new NetChanges.Net(false, List.of(5, "e"), true));
  }
}

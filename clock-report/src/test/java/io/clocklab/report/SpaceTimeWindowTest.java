package io.clocklab.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpaceTimeWindowTest {

    @Test
    void nextAndPreviousKeepTheWidth() {
        SpaceTimeWindow w = SpaceTimeWindow.of(10, 20);
        assertThat(w.next()).isEqualTo(SpaceTimeWindow.of(20, 30));
        assertThat(w.previous()).isEqualTo(SpaceTimeWindow.of(0, 10));
    }

    @Test
    void previousStopsAtZero() {
        assertThat(SpaceTimeWindow.of(3, 13).previous()).isEqualTo(SpaceTimeWindow.of(0, 10));
        assertThat(SpaceTimeWindow.of(0, 10).atStart()).isTrue();
    }

    @Test
    void zoomKeepsTheCentre() {
        assertThat(SpaceTimeWindow.of(10, 20).zoomIn()).isEqualTo(SpaceTimeWindow.of(12.5, 17.5));
        assertThat(SpaceTimeWindow.of(10, 20).zoomOut()).isEqualTo(SpaceTimeWindow.of(5, 25));
    }

    @Test
    void zoomOutNearTheStartShiftsRightInsteadOfGoingNegative() {
        assertThat(SpaceTimeWindow.of(0, 10).zoomOut()).isEqualTo(SpaceTimeWindow.of(0, 20));
    }

    @Test
    void zoomInStopsAtOneMillisecond() {
        SpaceTimeWindow w = SpaceTimeWindow.of(1, 1.001);
        assertThat(w.zoomIn().width()).isGreaterThanOrEqualTo(SpaceTimeWindow.MIN_WIDTH - 1e-9);
    }

    @Test
    void parsesRequestParametersWithDefaults() {
        SpaceTimeWindow fallback = SpaceTimeWindow.of(0, 10);
        assertThat(SpaceTimeWindow.parse("5", "7.5", fallback)).isEqualTo(SpaceTimeWindow.of(5, 7.5));
        assertThat(SpaceTimeWindow.parse(null, null, fallback)).isEqualTo(fallback);
        assertThat(SpaceTimeWindow.parse("30", "", fallback)).isEqualTo(SpaceTimeWindow.of(30, 40));
    }

    @Test
    void badBoundsGetMessagesNamingTheParameter() {
        SpaceTimeWindow fallback = SpaceTimeWindow.of(0, 10);
        assertThatThrownBy(() -> SpaceTimeWindow.parse("abc", "1", fallback)).hasMessageContaining("'from'").hasMessageContaining("abc");
        assertThatThrownBy(() -> SpaceTimeWindow.parse("1", "NaN", fallback)).hasMessageContaining("'to'");
        assertThatThrownBy(() -> SpaceTimeWindow.parse("-1", "1", fallback)).hasMessageContaining("at least 0");
        assertThatThrownBy(() -> SpaceTimeWindow.parse("5", "5", fallback)).hasMessageContaining("after 'from'");
    }
}

package io.clocklab.coordinator.web;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ReportViewsTest {

    @Test
    void aFewVmsAreListedInNaturalOrderWhateverTheRunsOrder() {
        Map<String, Integer> rates = new LinkedHashMap<>();
        rates.put("vm1", 1);
        rates.put("vm10", 6);
        rates.put("vm2", 3);
        assertThat(ReportViews.rates(rates)).isEqualTo("vm1 1/s, vm2 3/s, vm10 6/s");
    }

    @Test
    void manyVmsAreSummedUpSoTheIndexLineStaysOneLine() {
        Map<String, Integer> rates = new LinkedHashMap<>();
        IntStream.rangeClosed(1, 32).forEach(i -> rates.put("vm" + i, 1 + i % 6));
        assertThat(ReportViews.rates(rates)).isEqualTo("32 VMs at 1–6/s");
        Map<String, Integer> same = new LinkedHashMap<>();
        IntStream.range(0, 9).forEach(i -> same.put("vm-" + i, 4));
        assertThat(ReportViews.rates(same)).isEqualTo("9 VMs at 4/s");
    }
}

package io.clocklab.report;

import io.clocklab.core.analysis.DriftStats;
import io.clocklab.core.analysis.HistogramBin;
import io.clocklab.core.analysis.JumpStats;
import io.clocklab.core.analysis.MessageCounts;
import io.clocklab.core.analysis.QueueStats;
import io.clocklab.core.analysis.VmAnalysis;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JumpHistogramPlotTest {

    private static VmAnalysis vm(String name, JumpStats jumps) {
        return new VmAnalysis(name, 1, 1, 10, 3, jumps.count(), 2, 20, jumps, new DriftStats(0, 0, 0), new QueueStats(0, 0, 0, 0),
                new MessageCounts(3, 5, jumps.count(), 0));
    }

    private static final JumpStats SOME = new JumpStats(10, 2.5, 2, 6, 7,
            List.of(new HistogramBin(1, 1, 4), new HistogramBin(2, 2, 3), new HistogramBin(3, 4, 2), new HistogramBin(5, 8, 1)));

    @Test
    void onePanelPerVmWithABarPerBin() {
        XmlDoc doc = XmlDoc.parse(JumpHistogramPlot.render(List.of(vm("vm1", SOME), vm("vm2", SOME), vm("vm3", SOME))));
        assertThat(doc.count("//g[@class='series']")).isEqualTo(3);
        assertThat(doc.count("//g[@data-vm='vm2']/rect")).isEqualTo(4);
        assertThat(doc.text("//g[@data-vm='vm2']/rect[3]/title")).isEqualTo("jump 3–4: 2 receives");
    }

    @Test
    void aSampledHistogramSaysSoOnItsAxisAndBars() {
        JumpStats sampled = new JumpStats(2_900_000, 2.5, 2, 6, 70, SOME.histogram(), true, 10);
        XmlDoc doc = XmlDoc.parse(JumpHistogramPlot.render(List.of(vm("vm1", sampled), vm("vm2", SOME))));
        assertThat(doc.text("//g[@data-vm='vm1']/rect[3]/title")).isEqualTo("jump 3–4: 2 sampled receives");
        assertThat(doc.text("//g[@data-vm='vm2']/rect[3]/title")).isEqualTo("jump 3–4: 2 receives");
        assertThat(doc.count("//g[@data-vm='vm1']//text[.='sampled receives']")).isEqualTo(1);
        assertThat(doc.count("//g[@data-vm='vm2']//text[.='sampled receives']")).isZero();
    }

    @Test
    void labelsMeanAndP95() {
        XmlDoc doc = XmlDoc.parse(JumpHistogramPlot.render(List.of(vm("vm1", SOME))));
        assertThat(doc.text("//text[@class='jump-summary']")).isEqualTo("n 10 · mean 2.5 · p95 6 · max 7");
        assertThat(doc.count("//line[@class='marker-mean']")).isEqualTo(1);
        assertThat(doc.count("//line[@class='marker-p95']")).isEqualTo(1);
    }

    @Test
    void taller_bars_for_bigger_counts() {
        XmlDoc doc = XmlDoc.parse(JumpHistogramPlot.render(List.of(vm("vm1", SOME))));
        double first = Double.parseDouble(doc.text("//g[@data-vm='vm1']/rect[1]/@height"));
        double last = Double.parseDouble(doc.text("//g[@data-vm='vm1']/rect[4]/@height"));
        assertThat(first).isEqualTo(last * 4, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void aVmThatReceivedNothingSaysSo() {
        XmlDoc doc = XmlDoc.parse(JumpHistogramPlot.render(List.of(vm("vm1", new JumpStats(0, 0, 0, 0, 0, List.of())))));
        assertThat(doc.text("//g[@data-vm='vm1']//text[@class='no-data']")).isEqualTo("no receives");
        assertThat(doc.count("//g[@data-vm='vm1']/rect")).isZero();
    }

    @Test
    void noVmsAtAllStillDrawsAValidPicture() {
        XmlDoc doc = XmlDoc.parse(JumpHistogramPlot.render(List.of()));
        assertThat(doc.text("//text[@class='no-data']")).isEqualTo("no VMs");
    }

    @Test
    void deterministic() {
        List<VmAnalysis> vms = List.of(vm("vm1", SOME), vm("vm2", SOME));
        assertThat(JumpHistogramPlot.render(vms)).isEqualTo(JumpHistogramPlot.render(vms));
    }
}

package io.clocklab.report;

import io.clocklab.core.analysis.Estimate;
import io.clocklab.core.analysis.ExperimentAnalysis;
import io.clocklab.core.analysis.VariationSummary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VariationComparisonPlotTest {

    @Test
    void threePanelsWithAPointPerVariation() {
        XmlDoc doc = XmlDoc.parse(VariationComparisonPlot.render(ReportFixtures.experiment()));
        assertThat(doc.count("//g[@class='panel']")).isEqualTo(3);
        assertThat(doc.count("//g[@class='panel'][@data-metric='Mean jump']/g[@class='estimate']")).isEqualTo(3);
        assertThat(doc.count("//g[@class='legend']/text")).isEqualTo(3);
    }

    @Test
    void eachIntervalIsAnErrorBarFromLowToHigh() {
        XmlDoc doc = XmlDoc.parse(VariationComparisonPlot.render(ReportFixtures.experiment()));
        // Variation 2's mean jump is 3.9 in [3.1, 4.7]: the bar spans its point.
        String estimate = "//g[@data-metric='Mean jump']/g[@data-variation='rates 1/3/6']";
        double y1 = Double.parseDouble(doc.text(estimate + "/line[@class='ci']/@y1"));
        double y2 = Double.parseDouble(doc.text(estimate + "/line[@class='ci']/@y2"));
        double point = Double.parseDouble(doc.text(estimate + "/circle/@cy"));
        assertThat(point).isBetween(Math.min(y1, y2), Math.max(y1, y2));
        assertThat(doc.text(estimate + "/title")).contains("95 % CI 3.1 – 4.7").contains("n = 3");
    }

    @Test
    void aSingleRunHasNoErrorBar() {
        XmlDoc doc = XmlDoc.parse(VariationComparisonPlot.render(ReportFixtures.experiment()));
        assertThat(doc.count("//g[@data-variation='rates 1/6/6, range 4']/line[@class='ci']")).isZero();
    }

    @Test
    void emptyAndNaNEstimatesStillDraw() {
        assertThat(XmlDoc.parse(VariationComparisonPlot.render(new ExperimentAnalysis(List.of()))).count("//text[@class='no-data']"))
                .isEqualTo(3);
        Estimate none = new Estimate(0, Double.NaN, Double.NaN, Double.NaN);
        XmlDoc doc = XmlDoc.parse(VariationComparisonPlot.render(List.of(new VariationSummary("x", List.of(), none, none, none, none))));
        assertThat(doc.count("//g[@class='estimate']")).isZero();
    }

    @Test
    void hostileLabelsAreEscapedAndDeterministic() {
        Estimate e = new Estimate(2, 1, 0.5, 1.5);
        List<VariationSummary> variations = List.of(new VariationSummary("<img src=x onerror=alert(1)>", List.of("a"), e, e, e, e));
        String svg = VariationComparisonPlot.render(variations);
        assertThat(svg).doesNotContain("<img").isEqualTo(VariationComparisonPlot.render(variations));
        XmlDoc.parse(svg);
    }
}

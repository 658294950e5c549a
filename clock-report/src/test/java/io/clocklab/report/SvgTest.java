package io.clocklab.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SvgTest {

    @Test
    void escapesTheFiveMarkupCharacters() {
        assertThat(Markup.escape("<a href=\"x\">Tom & 'Jerry'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
    }

    @Test
    void replacesCharactersXmlForbidsButKeepsOtherUnicode() {
        assertThat(Markup.escape("a\u0000b\u001Fc\td\uD800e😀é")).isEqualTo("a\uFFFDb\uFFFDc\td\uFFFDe😀é");
    }

    @Test
    void nullEscapesToEmpty() {
        assertThat(Markup.escape(null)).isEmpty();
    }

    @Test
    void hostileTextAndAttributesStayData() {
        Svg svg = Svg.document(100, 50, "</title><script>alert(1)</script>", null);
        svg.text(1, 2, "]]><x/>&", "data-vm", "\" onload=\"alert(1)");
        String out = svg.finish();
        XmlDoc doc = XmlDoc.parse(out);
        assertThat(doc.count("//script")).isZero();
        assertThat(doc.count("//x")).isZero();
        assertThat(doc.text("/svg/title")).isEqualTo("</title><script>alert(1)</script>");
        assertThat(doc.text("//text/@data-vm")).isEqualTo("\" onload=\"alert(1)");
        assertThat(doc.count("//@onload")).isZero();
    }

    @Test
    void rootIsAnAccessibleImageWithATitle() {
        XmlDoc doc = XmlDoc.parse(Svg.document(120, 80, "Logical clocks", "a description").finish());
        assertThat(doc.text("/svg/@role")).isEqualTo("img");
        assertThat(doc.text("/svg/@aria-label")).isEqualTo("Logical clocks");
        assertThat(doc.text("/svg/title")).isEqualTo("Logical clocks");
        assertThat(doc.text("/svg/desc")).isEqualTo("a description");
        assertThat(doc.text("/svg/@viewBox")).isEqualTo("0 0 120 80");
    }

    @Test
    void refusesNamesThatCouldInjectMarkup() {
        Svg svg = Svg.document(10, 10, "t", null);
        assertThatThrownBy(() -> svg.empty("rect onload=x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rect onload=x");
        assertThatThrownBy(() -> svg.empty("rect", "x\"", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> svg.empty("rect", "x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pairs");
    }

    @Test
    void nullAttributeValuesAreLeftOut() {
        String out = Svg.document(10, 10, "t", null).empty("line", "stroke-dasharray", null, "x1", 3).finish();
        assertThat(out).contains("<line x1=\"3\"/>").doesNotContain("dasharray");
    }

    @Test
    void numbersAreShortFixedLocaleAndFinite() {
        assertThat(Svg.num(3.0)).isEqualTo("3");
        assertThat(Svg.num(2.5)).isEqualTo("2.5");
        assertThat(Svg.num(1.23456)).isEqualTo("1.23");
        assertThat(Svg.num(-0.001)).isEqualTo("0");
        assertThat(Svg.num(-12.346)).isEqualTo("-12.35");
        assertThatThrownBy(() -> Svg.num(Double.NaN)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }

    @Test
    void finishClosesOpenElementsAndCountsThem() {
        Svg svg = Svg.document(10, 10, "t", null);
        svg.open("g").open("g").empty("rect");
        String out = svg.finish();
        assertThat(out).endsWith("<rect/></g></g></svg>");
        assertThat(svg.elementCount()).isEqualTo(5); // svg, title, g, g, rect
        assertThat(XmlDoc.parse(out).elements()).isEqualTo(5);
    }
}

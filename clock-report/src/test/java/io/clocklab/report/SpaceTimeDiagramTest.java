package io.clocklab.report;

import io.clocklab.core.model.Event;
import io.clocklab.core.model.Message;
import io.clocklab.core.run.RunEvents;
import io.clocklab.core.run.Outage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SpaceTimeDiagramTest {

    private static final Instant T0 = ReportFixtures.START;

    private static Instant at(double seconds) {
        return T0.plusNanos((long) (seconds * 1e9));
    }

    /** vm1 ticks, sends m1 (clock 5) to vm2, which receives it at clock 1 → jumps to 6. vm3 only ticks. */
    private static Map<String, List<Event>> tiny() {
        Map<String, List<Event>> events = new LinkedHashMap<>();
        events.put("vm1", List.of(Event.internal(1, "vm1", at(0), 1, 0), Event.internal(2, "vm1", at(0.1), 2, 0),
                Event.internal(3, "vm1", at(0.2), 3, 0), Event.internal(4, "vm1", at(0.3), 4, 0),
                Event.send(5, "vm1", at(0.4), 5, 0, List.of("vm2"), "m1")));
        events.put("vm2", List.of(Event.internal(1, "vm2", at(0.05), 1, 0),
                Event.receive(2, "vm2", at(0.6), 6, 0, new Message("r", "vm1", "m1", 5))));
        events.put("vm3", List.of(Event.internal(1, "vm3", at(0.5), 1, 0)));
        return events;
    }

    @Test
    void drawsALanePerVmADotPerEventAndAnArrowPerMessage() {
        XmlDoc doc = XmlDoc.parse(new SpaceTimeDiagram(tiny()).render(SpaceTimeWindow.of(0, 1)));
        assertThat(doc.count("//line[@class='lane']")).isEqualTo(3);
        assertThat(doc.count("//g[@class='events']/*[@class='send' or @class='receive' or @class='internal']")).isEqualTo(8);
        assertThat(doc.count("//g[@class='message']")).isEqualTo(1);
        assertThat(doc.text("//g[@class='message']/title")).isEqualTo("m1 to vm2");
    }

    @Test
    void withVectorClocksEveryEventCarriesItsVectorAndItsClockForTheClick() {
        SpaceTimeDiagram plain = new SpaceTimeDiagram(tiny());
        List<String> vms = List.of("vm1", "vm2", "vm3");
        SpaceTimeDiagram diagram = plain.withVectors(EventVectors.of(vms, RunEvents.of(tiny()), plain));

        XmlDoc doc = XmlDoc.parse(diagram.render(SpaceTimeWindow.of(0, 1)));

        assertThat(plain.eventKeys()).containsExactlyInAnyOrder("vm1#1", "vm1#2", "vm1#3", "vm1#4", "vm1#5", "vm2#1", "vm2#2", "vm3#1");
        assertThat(doc.text("//g[@class='events causal']/@data-vms")).isEqualTo("vm1,vm2,vm3");
        assertThat(doc.count("//g[@class='events causal']/*[@data-vc]")).isEqualTo(8);
        assertThat(doc.text("//*[@data-event='vm2#2']/@data-vc")).as("the receive has seen vm1's send").isEqualTo("5,2,0");
        assertThat(doc.text("//*[@data-event='vm2#2']/@data-clock")).isEqualTo("6");
        assertThat(doc.text("//*[@data-event='vm3#1']/@data-vc")).isEqualTo("0,0,1");
        assertThat(XmlDoc.parse(plain.render(SpaceTimeWindow.of(0, 1))).count("//*[@data-vc or @data-event or @data-vms]")).isZero();
    }

    @Test
    void aReceiveThatJumpedMoreThanOneIsRingedAndLabelled() {
        XmlDoc doc = XmlDoc.parse(new SpaceTimeDiagram(tiny()).render(SpaceTimeWindow.of(0, 1)));
        assertThat(doc.count("//g[@class='events']/circle[@class='jump']")).isEqualTo(1);
        assertThat(doc.text("//g[@class='events']/rect[@class='receive']/title")).contains("jump +5");
        assertThat(doc.text("//g[@class='events']")).contains("6 (+5)");
    }

    @Test
    void anArrowWhoseSendIsBeforeTheWindowComesInFromTheEdge() {
        XmlDoc doc = XmlDoc.parse(new SpaceTimeDiagram(tiny()).render(SpaceTimeWindow.of(0.5, 1)));
        assertThat(doc.count("//g[@class='message clipped']")).isEqualTo(1);
        // A dashed stub ending at the RECEIVE (vm2 at 0.6 s), starting to its left and towards vm1's lane above.
        double receiveX = Double.parseDouble(doc.text("//rect[@class='receive']/@x")) + 4;
        assertThat(Double.parseDouble(doc.text("//g[@class='message clipped']/line/@x2"))).isEqualTo(receiveX, within(0.01));
        assertThat(Double.parseDouble(doc.text("//g[@class='message clipped']/line/@x1"))).isEqualTo(receiveX - SpaceTimeDiagram.STUB, within(0.01));
        assertThat(Double.parseDouble(doc.text("//g[@class='message clipped']/line/@y1")))
                .isLessThan(Double.parseDouble(doc.text("//g[@class='message clipped']/line/@y2")));
        assertThat(doc.text("//g[@class='message clipped']/line/@stroke-dasharray")).isNotEmpty();
    }

    @Test
    void anArrowWhoseReceiveIsAfterTheWindowGoesToTheEdge() {
        XmlDoc doc = XmlDoc.parse(new SpaceTimeDiagram(tiny()).render(SpaceTimeWindow.of(0, 0.5)));
        assertThat(doc.count("//g[@class='message clipped']")).isEqualTo(1);
        double sendX = Double.parseDouble(doc.text("//circle[@class='send']/@cx"));
        assertThat(Double.parseDouble(doc.text("//g[@class='message clipped']/line/@x2"))).isEqualTo(sendX + SpaceTimeDiagram.STUB, within(0.01));
        assertThat(doc.text("//g[@class='message clipped']/title")).contains("received at 0.6 s");
    }

    @Test
    void countsAndFindsEventsByTime() {
        SpaceTimeDiagram diagram = new SpaceTimeDiagram(tiny());
        assertThat(diagram.eventCount()).isEqualTo(8);
        assertThat(diagram.countIn(SpaceTimeWindow.of(0.1, 0.4))).isEqualTo(3); // 0.1, 0.2, 0.3; 0.4 is outside [from, to)
        assertThat(diagram.durationSeconds()).isEqualTo(0.6);
    }

    @Test
    void clockValuesAreWrittenWhenThereIsRoom() {
        XmlDoc doc = XmlDoc.parse(new SpaceTimeDiagram(tiny()).render(SpaceTimeWindow.of(0, 1)));
        assertThat(doc.nodes("//g[@class='events']/text").getLength()).isEqualTo(8);
    }

    @Test
    void theDefaultWindowIsTenSecondsOrThreeHundredEvents() {
        assertThat(new SpaceTimeDiagram(tiny()).defaultWindow()).isEqualTo(SpaceTimeWindow.of(0, 10));
        SpaceTimeDiagram busy = new SpaceTimeDiagram(ReportFixtures.simulate(1,
                ReportFixtures.orderedRates("vm1", 40, "vm2", 50, "vm3", 60), 10, 2000));
        SpaceTimeWindow window = busy.defaultWindow();
        assertThat(window.toSeconds()).isLessThan(10);
        assertThat(busy.countIn(window)).isBetween(250L, 300L);
    }

    @Test
    void emptyWindowsAndEmptyRunsSaySo() {
        assertThat(XmlDoc.parse(new SpaceTimeDiagram(tiny()).render(SpaceTimeWindow.of(50, 60))).text("//text[@class='no-data']"))
                .isEqualTo("no events in this window");
        assertThat(XmlDoc.parse(new SpaceTimeDiagram(Map.of()).render(SpaceTimeWindow.of(0, 10))).text("//text[@class='no-data']"))
                .isEqualTo("no VMs");
    }

    @Test
    void fiftyThousandEventsDrawABoundedPictureAndSaySo() {
        Map<String, List<Event>> run = ReportFixtures.simulate(50, ReportFixtures.RATES, 10, 50_000);
        long built = System.nanoTime();
        SpaceTimeDiagram diagram = new SpaceTimeDiagram(run);
        long indexed = System.nanoTime();
        SpaceTimeWindow everything = SpaceTimeWindow.of(0, diagram.durationSeconds() + 1);
        String svg = diagram.render(everything);
        long rendered = System.nanoTime();
        for (SpaceTimeWindow w = diagram.defaultWindow(); w.fromSeconds() < 1000; w = w.next()) {
            diagram.render(w);
        }
        long windows = System.nanoTime();
        System.out.printf("space-time, 50000 events: index %.1f ms, render of a full (capped) window %.1f ms, "
                        + "default-width windows over the first 1000 s %.1f ms in all (%d bytes for the capped one)%n",
                (indexed - built) / 1e6, (rendered - indexed) / 1e6, (windows - rendered) / 1e6, svg.length());

        XmlDoc doc = XmlDoc.parse(svg);
        assertThat(diagram.eventCount()).isEqualTo(50_000);
        assertThat(doc.text("//text[@class='capped']")).contains("first 800 of 50000 events").contains("Zoom in");
        assertThat(doc.count("//g[@class='events']/*[@class='send' or @class='receive' or @class='internal']")).isEqualTo(800);
        assertThat(doc.elements()).isLessThan(12 * SpaceTimeDiagram.DEFAULT_CAP);
    }

    @Test
    void deterministic() {
        SpaceTimeDiagram diagram = new SpaceTimeDiagram(ReportFixtures.smallRun());
        assertThat(diagram.render(diagram.defaultWindow())).isEqualTo(new SpaceTimeDiagram(ReportFixtures.smallRun()).render(diagram.defaultWindow()));
    }

    @Test
    void hostileVmNamesAreEscaped() {
        Map<String, List<Event>> events = Map.of("<b>x</b>", List.of(Event.internal(1, "<b>x</b>", at(0), 1, 0)));
        String svg = new SpaceTimeDiagram(events).render(SpaceTimeWindow.of(0, 1));
        assertThat(svg).doesNotContain("<b>");
        XmlDoc.parse(svg);
    }

    @Test
    void anOutageIsABandOverItsVmsLaneWithALabelAndALegendEntry() {
        SpaceTimeDiagram diagram = new SpaceTimeDiagram(tiny());
        XmlDoc plain = XmlDoc.parse(diagram.render(SpaceTimeWindow.of(0, 1)));
        XmlDoc doc = XmlDoc.parse(diagram.render(SpaceTimeWindow.of(0, 1), List.of(new Outage("vm3", at(0.1), at(0.45), "paused"))));

        assertThat(doc.count("//g[@class='outages']/g[@class='outage']")).isEqualTo(1);
        String band = "//g[@class='outage'][@data-vm='vm3']/rect";
        double laneY = Double.parseDouble(doc.text("(//line[@class='lane'])[3]/@y1"));
        double top = Double.parseDouble(doc.text(band + "/@y"));
        double height = Double.parseDouble(doc.text(band + "/@height"));
        assertThat(top).isGreaterThan(laneY - SpaceTimeDiagram.LANE / 2).isLessThan(laneY);
        assertThat(top + height).isGreaterThan(laneY).isLessThan(laneY + SpaceTimeDiagram.LANE / 2);
        // from 0.1 s to 0.45 s: vm1's event at 0.1 s is at the band's left edge
        double x = Double.parseDouble(doc.text(band + "/@x"));
        double vm1At01 = Double.parseDouble(doc.text("(//g[@class='events']/circle[@class='internal'])[2]/@cx"));
        assertThat(x).isEqualTo(vm1At01, within(0.02));
        double perSecond = (Double.parseDouble(doc.text("//rect[@class='receive']/@x")) + 4 - vm1At01) / 0.5;
        assertThat(Double.parseDouble(doc.text(band + "/@width"))).isEqualTo(0.35 * perSecond, within(0.05));
        assertThat(doc.text(band + "/@fill")).isEqualTo(VmColors.of(List.of("vm1", "vm2", "vm3")).color("vm3"));
        assertThat(doc.text("//g[@class='outage']/text[@class='outage-label']")).isEqualTo("vm3 down (paused)");
        assertThat(doc.text("//g[@class='outage']/title")).isEqualTo("vm3 down (paused), 0.1–0.45 s");
        assertThat(doc.text("//text[@class='outage-entry']")).isEqualTo("vm3 down (paused)");
        // under the lanes and the events, and the picture grew by the legend row
        assertThat(doc.count("//g[@class='outages']/following::line[@class='lane']")).isEqualTo(3);
        assertThat(Double.parseDouble(doc.text("/svg/@height")))
                .isEqualTo(Double.parseDouble(plain.text("/svg/@height")) + SpaceTimeDiagram.OUTAGE_LEGEND);
    }

    @Test
    void anOutageOfAVmWithoutALaneCoversEveryLaneAndOneUntilTheEndReachesTheEdge() {
        XmlDoc doc = XmlDoc.parse(new SpaceTimeDiagram(tiny()).render(SpaceTimeWindow.of(0, 1),
                List.of(new Outage("vm9", at(0.2), at(0.3), "restarted"), new Outage("vm2", at(0.7), null, "killed"))));

        String vm9 = "//g[@class='outage'][@data-vm='vm9']/rect";
        assertThat(Double.parseDouble(doc.text(vm9 + "/@y"))).isEqualTo(SpaceTimeDiagram.TOP);
        assertThat(Double.parseDouble(doc.text(vm9 + "/@height"))).isEqualTo(3 * SpaceTimeDiagram.LANE);
        String vm2 = "//g[@class='outage'][@data-vm='vm2']/rect";
        assertThat(Double.parseDouble(doc.text(vm2 + "/@x")) + Double.parseDouble(doc.text(vm2 + "/@width")))
                .isEqualTo(SpaceTimeDiagram.WIDTH - SpaceTimeDiagram.RIGHT, within(0.02));
        assertThat(doc.count("//text[@class='outage-entry']")).isEqualTo(2);
        assertThat(doc.text("//g[@data-vm='vm2']/title")).isEqualTo("vm2 down (killed), from 0.7 s until the end");
    }

    @Test
    void anOutageOutsideTheWindowIsNotDrawn() {
        SpaceTimeDiagram diagram = new SpaceTimeDiagram(tiny());
        String svg = diagram.render(SpaceTimeWindow.of(0, 0.5), List.of(new Outage("vm2", at(0.7), at(0.9), "paused")));

        assertThat(svg).isEqualTo(diagram.render(SpaceTimeWindow.of(0, 0.5)));
        assertThat(XmlDoc.parse(svg).count("//g[@class='outages']")).isZero();
    }

    @Test
    void hostileCausesAreEscapedInTheDiagram() {
        String svg = new SpaceTimeDiagram(tiny()).render(SpaceTimeWindow.of(0, 1), List.of(new Outage("vm2", at(0.1), null, "<b>x</b>")));
        assertThat(svg).doesNotContain("<b>");
        assertThat(XmlDoc.parse(svg).text("//text[@class='outage-entry']")).isEqualTo("vm2 down (<b>x</b>)");
    }
}

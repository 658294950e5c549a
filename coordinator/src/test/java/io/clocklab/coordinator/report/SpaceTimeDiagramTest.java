package io.clocklab.coordinator.report;

import io.clocklab.core.model.Event;
import io.clocklab.core.model.Message;
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
        assertThat(busy.countIn(window)).isBetween(250, 300);
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
}

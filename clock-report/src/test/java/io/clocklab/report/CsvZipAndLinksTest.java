package io.clocklab.report;

import io.clocklab.core.analysis.RunAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvZipAndLinksTest {

    @Test
    void csvQuotesOnlyWhatMustBeQuoted() {
        assertThat(Csv.field("plain")).isEqualTo("plain");
        assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.field(null)).isEmpty();
        assertThat(Csv.field(Double.NaN)).isEmpty();
        assertThat(Csv.field(0.1 + 0.2)).isEqualTo("0.3");
    }

    @Test
    void csvRowsEndWithCrLf() {
        assertThat(new Csv().row("a", 1).row("b,c", 2.5).toString()).isEqualTo("a,1\r\n\"b,c\",2.5\r\n");
    }

    @Test
    void runCsvHasAHeaderAndARowPerVm() {
        RunAnalysis analysis = ReportFixtures.analyse("run,1", ReportFixtures.smallRun(), ReportFixtures.RATES, 10);
        String[] lines = StatsCsv.run(analysis).split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo(String.join(",", StatsCsv.RUN_HEADER));
        assertThat(lines[1]).startsWith("\"run,1\",vm1,1,");
        assertThat(lines[1].split(",", -1)).hasSize(StatsCsv.RUN_HEADER.size() + 1); // +1: the quoted comma in the id
    }

    @Test
    void experimentCsvHasARowPerVariationAndMetric() {
        String[] lines = StatsCsv.experiment(ReportFixtures.experiment()).split("\r\n");
        assertThat(lines).hasSize(1 + 3 * 4);
        assertThat(lines[0]).isEqualTo("variation,metric,n,mean,low,high,run_ids");
        assertThat(lines).contains("rates 1/3/6,mean_jump,3,3.9,3.1,4.7,r4 r5 r6", "\"rates 1/6/6, range 4\",max_final_drift,1,320,320,320,r7");
    }

    @Test
    void zipHoldsEveryFileUnderItsName(@TempDir Path dir) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("vm1.jsonl", Files.writeString(dir.resolve("a"), "{\"seq\":1}\n"));
        files.put("logs/vm2.jsonl", Files.writeString(dir.resolve("b"), "{\"seq\":2}\n"));
        Map<String, String> read = unzip(LogsZip.bytes(files));
        assertThat(read).containsExactly(Map.entry("vm1.jsonl", "{\"seq\":1}\n"), Map.entry("logs/vm2.jsonl", "{\"seq\":2}\n"));
    }

    @Test
    void zipLeavesTheStreamOpen(@TempDir Path dir) throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                buffer.write(b);
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        LogsZip.write(Map.of("x", Files.writeString(dir.resolve("x"), "x")), out);
        assertThat(closed[0]).isFalse();
        assertThat(unzip(buffer.toByteArray())).containsEntry("x", "x");
    }

    @Test
    void zipRefusesUnsafeNamesAndMissingFiles(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        for (String bad : List.of("../evil", "/abs", "a/../../b", "a\\b", " ")) {
            assertThatThrownBy(() -> LogsZip.bytes(Map.of(bad, file))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bad zip entry name");
        }
        assertThatThrownBy(() -> LogsZip.bytes(Map.of("vm1.jsonl", dir.resolve("missing"))))
                .hasMessageContaining("vm1.jsonl").hasMessageContaining("no such file");
    }

    @Test
    void webLinksEncodeIdsAndHonourTheContextPath() {
        WebReportLinks links = new WebReportLinks("/lab/");
        assertThat(links.run("a b/c")).isEqualTo("/lab/runs/a%20b%2Fc");
        assertThat(links.analysisJson("r1")).isEqualTo("/lab/api/runs/r1/analysis");
        assertThat(links.liveClocks()).isEqualTo("/lab/api/clocks");
        assertThat(links.index()).isEqualTo("/lab/");
    }

    @Test
    void staticDirectoryNamesAreSafe() {
        assertThat(StaticReport.directoryName("run-1_a.b")).isEqualTo("run-1_a.b");
        assertThat(StaticReport.directoryName("../x")).isEqualTo(".._x");
        assertThat(StaticReport.directoryName("..")).isEqualTo("_..");
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}

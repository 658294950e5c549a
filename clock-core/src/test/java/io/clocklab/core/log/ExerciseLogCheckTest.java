package io.clocklab.core.log;

import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.archive.ArchiveJson;
import io.clocklab.core.analysis.RunAnalyzer;
import io.clocklab.core.analysis.VmAnalysis;
import io.clocklab.core.check.CheckReport;
import io.clocklab.core.check.Rule;
import io.clocklab.core.check.RunChecker;
import io.clocklab.core.check.Violation;
import io.clocklab.core.run.AnalysisLimits;
import io.clocklab.core.run.RunData;
import io.clocklab.core.testing.ExerciseTrial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static io.clocklab.core.testing.ExerciseTrial.A;
import static io.clocklab.core.testing.ExerciseTrial.B;
import static io.clocklab.core.testing.ExerciseTrial.C;
import static org.assertj.core.api.Assertions.assertThat;

/** The checker and the analysis over the exercise's logs: the per-VM rules checked, the others said not checkable. */
class ExerciseLogCheckTest {

    @TempDir
    Path dir;

    private RunData run(String a, String b, String c) throws IOException {
        return RunLogs.load(List.of(ExerciseTrial.write(dir.resolve("trial"), a, b, c)), 10, null);
    }

    @Test
    void aCorrectRunPassesTheRulesItCanBeCheckedForAndNamesTheOthersNotCheckable() throws IOException {
        CheckReport report = RunChecker.checkPerVm(run(A, B, C), AnalysisLimits.DEFAULT);

        assertThat(report.passed()).isTrue();
        assertThat(report.eventsChecked()).isEqualTo(10);
        assertThat(report.checked()).containsExactly(Rule.SEQ_CONTIGUOUS, Rule.CLOCK_INCREASES, Rule.UPDATE_RULE, Rule.RATE_LIMIT);
        assertThat(report.notCheckable())
                .containsExactly(Rule.RECEIVE_MATCHES_SEND, Rule.UNIQUE_MESSAGE_ID, Rule.NO_DUPLICATE_RECEIVE, Rule.CONSERVATION);
    }

    @Test
    void theFullCheckerWouldWronglyBlameTheMissingIdsWhichIsWhyThesePassesAreKeptApart() throws IOException {
        CheckReport full = RunChecker.check(run(A, B, C));

        assertThat(full.count(Rule.RECEIVE_MATCHES_SEND)).isPositive();
        assertThat(full.notCheckable()).isEmpty();
    }

    @Test
    void aReceiveThatIgnoresTheMessagesClockBreaksTheUpdateRuleAtItsSeq() throws IOException {
        String broken = A.replace("[Message Queue Length]: 0, [Logical Clock Time]: 4", "[Message Queue Length]: 0, [Logical Clock Time]: 3")
                .replace("[Logical Clock Time]: 5", "[Logical Clock Time]: 4");

        CheckReport report = RunChecker.checkPerVm(run(broken, B, C), AnalysisLimits.DEFAULT);

        assertThat(report.passed()).isFalse();
        assertThat(report.violations()).containsExactly(new Violation(Rule.UPDATE_RULE, "a", 3,
                "RECEIVE gave clock 3, the rule gives 4 (clock before: 2, messageClock: 3)"));
        assertThat(report.notCheckable()).hasSize(4);
    }

    @Test
    void aBurstAboveTheClockRateIsCaught() throws IOException {
        String burst = B + """
                [Internal event], [System time]: 2023-03-06 20:13:19.900000, [Logical Clock Time]: 5
                [Internal event], [System time]: 2023-03-06 20:13:20.000000, [Logical Clock Time]: 6
                """;

        CheckReport report = RunChecker.checkPerVm(run(A, burst, C), AnalysisLimits.DEFAULT);

        assertThat(report.of(Rule.RATE_LIMIT)).singleElement().satisfies(v -> {
            assertThat(v.vm()).isEqualTo("b");
            assertThat(v.seq()).isEqualTo(4);
        });
        assertThat(report.violationCount()).isEqualTo(1);
    }

    @Test
    void theRulesNotCheckableAreInTheReportsJsonOnlyWhenThereAreAny() throws IOException {
        CheckReport partial = RunChecker.checkPerVm(run(A, B, C), AnalysisLimits.DEFAULT);
        CheckReport complete = new CheckReport(3, List.of());

        String json = ArchiveJson.MAPPER.writeValueAsString(partial);

        assertThat(ArchiveJson.MAPPER.readTree(json).get("notCheckable")).extracting(node -> node.asText())
                .containsExactly("RECEIVE_MATCHES_SEND", "UNIQUE_MESSAGE_ID", "NO_DUPLICATE_RECEIVE", "CONSERVATION");
        assertThat(ArchiveJson.MAPPER.readValue(json, CheckReport.class)).isEqualTo(partial);
        assertThat(ArchiveJson.MAPPER.writeValueAsString(complete)).doesNotContain("notCheckable");
        assertThat(ArchiveJson.MAPPER.readValue("{\"eventsChecked\":3,\"violations\":[]}", CheckReport.class)).isEqualTo(complete);
        assertThat(complete.checked()).containsExactly(Rule.values());
    }

    @Test
    void theAnalysisHasTheStatisticsAndThePerVmVerdictButNoDeliveryBooks() throws IOException {
        RunAnalysis analysis = RunAnalyzer.analyzeWithoutMessages(run(A, B, C), AnalysisLimits.DEFAULT);

        assertThat(analysis.delivery()).isNull();
        assertThat(analysis.verdict().passed()).isTrue();
        assertThat(analysis.verdict().notCheckable()).contains(Rule.CONSERVATION);
        assertThat(analysis.events()).isEqualTo(10);
        VmAnalysis a = analysis.vms().stream().filter(vm -> vm.vm().equals("a")).findFirst().orElseThrow();
        assertThat(a.receives()).isEqualTo(1);
        assertThat(a.sends()).isEqualTo(1);
        assertThat(a.jumps().max()).isEqualTo(2);
        assertThat(a.clockRate()).isEqualTo(2);
        assertThat(a.finalClock()).isEqualTo(5);
    }
}

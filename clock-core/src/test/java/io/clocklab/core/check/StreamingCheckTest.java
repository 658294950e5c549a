package io.clocklab.core.check;

import io.clocklab.core.run.AnalysisLimits;
import io.clocklab.core.run.RunData;
import io.clocklab.core.testing.VirtualRuns;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming checker and accounting ({@link RunJoin}) give what the in-memory ones gave
 * ({@link ReferenceChecker}), on honest and on damaged runs, whether the sort stays in memory or
 * spills to disk in chunks of 1000 records.
 */
class StreamingCheckTest {

    private static final Map<String, Integer> RATES = DamagedRuns.rates(5, 30, 30);

    @TempDir
    Path temp;

    private AnalysisLimits spilling() {
        return new AnalysisLimits(1000, 1_000_000, 1000, temp);
    }

    private AnalysisLimits inMemory() {
        return new AnalysisLimits(AnalysisLimits.DEFAULT.sortChunk(), 1_000_000, 1000, temp);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void honestSimulatedRunsGetTheSameVerdictAndBooks(long seed) {
        RunData run = DamagedRuns.simulated(seed, RATES, 40, false);

        assertSame(run);
        assertThat(RunChecker.check(run, spilling()).violationCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {13, 14, 15, 16, 17, 18})
    void aBadNetworkGetsTheSameVerdictAndBooks(long seed) {
        assertSame(DamagedRuns.simulated(seed, RATES, 40, true));
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40})
    void damagedRunsGetTheSameVerdictAndBooks(long seed) {
        RunData run = DamagedRuns.damaged(DamagedRuns.simulated(seed, RATES, 40), seed, 1 + (int) (seed % 7) * 5);

        assertSame(run);
    }

    @ParameterizedTest
    @ValueSource(longs = {41, 42, 43})
    void runsStillGoingGetTheSameBooks(long seed) {
        RunData finished = DamagedRuns.damaged(DamagedRuns.simulated(seed, RATES, 40), seed, 10);
        RunData running = new RunData(finished.runId(), finished.clockRates(), finished.randomRange(), false, finished.events(),
                finished.outages(), finished.endState());

        assertSame(running);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aRunThatLostMostMessagesGetsTheSameBooks(boolean endState) {
        // more unreceived pairs than a chunk: the books' own sort spills too, and is read twice without the end state
        VirtualRuns runs = VirtualRuns.of(RATES, 10, 9).withJitter()
                .losing((message, to, at) -> Math.floorMod(message.messageId().hashCode(), 3) != 0);
        RunData run = (endState ? runs.withEndState() : runs).run(80);

        assertThat(ReferenceChecker.Accounting.account(run).lost().size() + ReferenceChecker.Accounting.account(run).undelivered().size())
                .isGreaterThan(1000);
        assertSame(run);
    }

    private void assertSame(RunData run) {
        CheckReport expected = ReferenceChecker.check(run);
        DeliveryReport expectedBooks = ReferenceChecker.Accounting.account(run);
        List<ReferenceChecker.Accounting.Books> expectedByRecipient = ReferenceChecker.Accounting.byRecipient(run);
        for (AnalysisLimits limits : List.of(spilling(), inMemory())) {
            CheckReport verdict = RunChecker.check(run, limits);
            assertThat(sorted(verdict.violations())).as("violations").isEqualTo(sorted(expected.violations()));
            assertThat(verdict.violationCount()).isEqualTo(expected.violations().size());
            assertThat(verdict.eventsChecked()).isEqualTo(expected.eventsChecked());
            assertThat(verdict.passed()).isEqualTo(expected.passed());
            for (Rule rule : Rule.values()) {
                assertThat(verdict.count(rule)).as("%s", rule).isEqualTo(expected.of(rule).size());
            }
            assertThat(DeliveryAccounting.account(run, limits)).as("delivery").isEqualTo(expectedBooks);
            List<DeliveryAccounting.Books> byRecipient = DeliveryAccounting.byRecipient(run, limits);
            assertThat(byRecipient).hasSameSizeAs(expectedByRecipient);
            for (int i = 0; i < byRecipient.size(); i++) {
                DeliveryAccounting.Books books = byRecipient.get(i);
                ReferenceChecker.Accounting.Books old = expectedByRecipient.get(i);
                assertThat(List.of(books.recipient(), String.valueOf(books.last()), books.addressed(), books.received(), books.undelivered(),
                        books.lostIds())).isEqualTo(List.of(old.recipient(), String.valueOf(old.last()), old.addressed(), old.received(),
                        old.undelivered(), old.lostIds()));
            }
            RunJoin.Outcome both = RunChecker.checkAndAccount(run, limits);
            assertThat(both.verdict()).isEqualTo(verdict);
            assertThat(both.delivery()).isEqualTo(DeliveryAccounting.account(run, limits));
        }
        CheckReport eventsOnly = RunChecker.check(run.events(), spilling());
        assertThat(eventsOnly).isEqualTo(RunChecker.check(run.events(), inMemory()));
        assertThat(sorted(eventsOnly.violations())).isEqualTo(sorted(ReferenceChecker.check(run.eventsByVm()).violations()));
    }

    private static List<String> sorted(List<Violation> violations) {
        return violations.stream().map(Violation::toString).sorted(Comparator.naturalOrder()).toList();
    }
}

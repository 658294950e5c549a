package io.clocklab.coordinator.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.clocklab.coordinator.config.CoordinatorProperties;
import io.clocklab.core.control.VmRegistration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VmNamesTest {

    @TempDir
    Path data;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));
    private final InstantSource clock = () -> now.get();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private CoordinatorProperties properties(int fixed, int maxLeases) {
        return new CoordinatorProperties(fixed, "vm", Duration.ofMinutes(2), maxLeases, true, 1, 6, 10, Duration.ofMillis(500),
                Duration.ofSeconds(3), "secret", data, Duration.ofSeconds(15), Duration.ofSeconds(3), null);
    }

    private final VmRegistry registry = new VmRegistry(clock, event -> { }, properties(3, 10));

    private VmNames names(int fixed, int maxLeases) {
        return new VmNames(registry, clock, json, properties(fixed, maxLeases));
    }

    private void heartbeat(String name) {
        registry.register(new VmRegistration(name, "http://10.0.0." + name.substring(2) + ":8080", "10.0.0." + name.substring(2) + ":9000"));
    }

    @Test
    void replicasGetTheLowestNamesAfterTheFixedOnesAndKeepThem() {
        VmNames names = names(3, 10);
        assertThat(names.lease("a").name()).isEqualTo("vm4");
        assertThat(names.lease("b").name()).isEqualTo("vm5");
        assertThat(names.lease("a").name()).isEqualTo("vm4");
        assertThat(names(0, 10).lease("c").name()).as("no fixed VMs: from vm1, after the leases kept in the file").isEqualTo("vm1");
    }

    @Test
    void theRegistryOrdersVmsNaturallySoARunsPeerOrderIsTheSimulatorsOne() {
        for (String name : new String[]{"vm10", "vm2", "vm1", "vm11", "vm3"}) {
            heartbeat(name);
        }
        assertThat(registry.names()).containsExactly("vm1", "vm2", "vm3", "vm10", "vm11");
    }

    @Test
    void aReplicaThatStoppedCleanlyGaveItsNameToTheContainerThatReplacesIt() {
        VmNames names = names(3, 10);
        names.lease("old-a");
        names.lease("old-b");
        heartbeat("vm4");
        heartbeat("vm5");
        assertThat(names.release("old-a")).contains("vm4");
        assertThat(names.release("old-a")).isEmpty();
        assertThat(registry.health(registry.get("vm4"))).isEqualTo(VmHealth.DOWN);
        assertThat(names.lease("new-a").name()).as("vm4's holder said it left, though it was heard from just now").isEqualTo("vm4");
        registry.register(new VmRegistration("vm4", "http://10.0.0.99:8080", "10.0.0.99:9000"));
        assertThat(registry.health(registry.get("vm4"))).as("the new vm4 registers at its own address at once").isEqualTo(VmHealth.UP);
        assertThat(names.lease("new-b").name()).as("old-b did not say so: its name is kept").isEqualTo("vm6");
    }

    @Test
    void aNameALiveVmRegisteredUnderIsNeverLeased() {
        heartbeat("vm4"); // a fourth fixed VM added by hand
        assertThat(names(3, 10).lease("a").name()).isEqualTo("vm5");
    }

    @Test
    void aNameIsKeptForItsHolderWhileItBootsOrLivesAndGoesToAnotherOnlyWhenItHasBeenGoneForTheGrace() {
        VmNames names = names(3, 10);
        names.lease("gone");
        now.set(now.get().plusSeconds(100));
        assertThat(names.lease("new").name()).as("leased 100 s ago, still booting").isEqualTo("vm5");

        heartbeat("vm5");
        now.set(now.get().plusSeconds(110));
        // vm4's holder was leased 210 s ago and never heard from; vm5 was heard from 110 s ago (DOWN, but within the grace)
        assertThat(names.lease("third").name()).isEqualTo("vm4");
        assertThat(names.leased()).doesNotContainKey("gone").containsEntry("new", "vm5").containsEntry("third", "vm4");
        assertThat(names.lease("fourth").name()).isEqualTo("vm6");
        now.set(now.get().plusSeconds(115));
        assertThat(names.lease("fifth").name()).as("vm5 silent for 225 s; vm4 and vm6 leased 115 s ago").isEqualTo("vm5");
    }

    @Test
    void afterARestartRunningReplicasKeepTheirNamesAndGoneOnesGiveThemToNewOnesOnceTheyHadTimeToRegister() {
        VmNames before = names(3, 10);
        before.lease("running");
        before.lease("gone");
        now.set(now.get().plusSeconds(30));
        VmNames restarted = names(3, 10); // the coordinator restarted (or compose down and up): its registry is empty

        assertThatThrownBy(() -> restarted.lease("new")).as("vm4 may still be running's").isInstanceOf(NameNotFreeYetException.class)
                .hasMessageContaining("vm4 was running's").satisfies(e -> assertThat(((NameNotFreeYetException) e).retryAfterSeconds()).isEqualTo(15));
        heartbeat("vm4"); // running registers again within its heartbeat
        now.set(now.get().plusSeconds(16));
        assertThat(restarted.lease("new").name()).as("gone never came back: its name goes to the new replica").isEqualTo("vm5");
        assertThat(restarted.lease("running").name()).isEqualTo("vm4");
        assertThat(restarted.lease("second").name()).isEqualTo("vm6");
    }

    @Test
    void theLeasesOutliveTheCoordinatorAndADamagedFileCostsOnlyThem() throws Exception {
        names(3, 10).lease("a");
        names(3, 10).lease("b");
        assertThat(names(3, 10).leased()).containsExactly(java.util.Map.entry("a", "vm4"), java.util.Map.entry("b", "vm5"));

        Files.writeString(data.resolve(VmNames.FILE), "{not json");
        VmNames fresh = names(3, 10);
        assertThat(fresh.leased()).isEmpty();
        assertThat(fresh.lease("c").name()).isEqualTo("vm4");
    }

    @Test
    void whenEveryNameIsHeldTheAnswerSaysSo() {
        VmNames names = names(3, 2);
        names.lease("a");
        names.lease("b");
        assertThatThrownBy(() -> names.lease("c")).isInstanceOf(NoFreeNameException.class)
                .hasMessageContaining("all 2 names").hasMessageContaining("max-leased-names");
        assertThatThrownBy(() -> names.lease("not/a/name")).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.clocklab.vm.net;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/** The peers' addresses are looked up off the caller's thread, again when stale, and a failed lookup keeps what was known. */
class PeerAddressesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final InetAddress VM2_FIRST = address("10.0.0.2");
    private static final InetAddress VM2_RESTARTED = address("10.0.0.9");
    private static final InetAddress VM3 = address("10.0.0.3");

    private final Map<String, InetAddress[]> dns = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final CountDownLatch dnsAnswers = new CountDownLatch(1);
    private final AtomicLong now = new AtomicLong();
    private PeerAddresses addresses;

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() {
        dnsAnswers.countDown();
        addresses.close();
    }

    private PeerAddresses withDns(boolean slow) {
        addresses = new PeerAddresses(host -> {
            lookups.incrementAndGet();
            if (slow) {
                try {
                    dnsAnswers.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            InetAddress[] found = dns.get(host);
            if (found == null) {
                throw new UnknownHostException(host);
            }
            return found;
        }, Duration.ofSeconds(5), now::get);
        return addresses;
    }

    @Test
    void aSlowDnsNeverHoldsUpTheCaller() {
        dns.put("vm2", new InetAddress[] {VM2_FIRST});
        PeerAddresses peers = withDns(true);
        assertThatCode(() -> {
            peers.update(List.of("vm2"));
            for (int i = 0; i < 1000; i++) {
                assertThat(peers.peersAt(VM2_FIRST)).as("not looked up yet").isZero();
            }
        }).doesNotThrowAnyException();
        dnsAnswers.countDown();
        await().atMost(PATIENCE).until(() -> peers.peersAt(VM2_FIRST) == 1);
    }

    @Test
    void aStaleLookupIsDoneAgainAndAFailedOneKeepsWhatWasKnown() {
        dns.put("vm2", new InetAddress[] {VM2_FIRST});
        dns.put("vm3", new InetAddress[] {VM3});
        PeerAddresses peers = withDns(false);
        peers.update(List.of("vm2", "vm3", "vm3"));
        await().atMost(PATIENCE).until(() -> peers.peersAt(VM2_FIRST) == 1);
        assertThat(peers.peersAt(VM3)).as("two peers there").isEqualTo(2);
        int done = lookups.get();

        dns.put("vm2", new InetAddress[] {VM2_RESTARTED});
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(peers.peersAt(VM2_RESTARTED)).as("a fresh lookup is not repeated").isZero();
        assertThat(lookups.get()).isEqualTo(done);
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        peers.peersAt(VM2_RESTARTED); // stale: starts a lookup
        await().atMost(PATIENCE).until(() -> peers.peersAt(VM2_RESTARTED) == 1);
        assertThat(peers.peersAt(VM2_FIRST)).isZero();

        dns.remove("vm3"); // vm3 is down: no DNS entry
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        int before = lookups.get();
        peers.peersAt(VM3);
        await().atMost(PATIENCE).until(() -> lookups.get() >= before + 2);
        await().atMost(PATIENCE).until(() -> peers.peersAt(VM3) == 2);
    }

    @Test
    void aNewRunsPeersReplaceTheOldOnes() {
        dns.put("vm2", new InetAddress[] {VM2_FIRST});
        dns.put("vm3", new InetAddress[] {VM3});
        PeerAddresses peers = withDns(false);
        peers.update(List.of("vm2"));
        await().atMost(PATIENCE).until(() -> peers.peersAt(VM2_FIRST) == 1);
        peers.update(List.of("vm3"));
        await().atMost(PATIENCE).until(() -> peers.peersAt(VM3) == 1);
        assertThat(peers.peersAt(VM2_FIRST)).isZero();
        assertThat(peers.peersAt(null)).isZero();
    }
}

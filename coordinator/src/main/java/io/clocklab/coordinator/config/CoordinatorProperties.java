package io.clocklab.coordinator.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code clocklab.coordinator.*}, or {@code CLOCKLAB_COORDINATOR_*} in the environment.
 *
 * @param expectedVms        the VMs every run needs besides those counted through {@code vmDnsName}: the default run
 *                           starts once this many (plus those) have registered; the fixed vm1..vmN of a compose file
 * @param vmDnsName          when set, a DNS name with one address per replica VM (a scaled compose service, a swarm
 *                           service with dnsrr, a Kubernetes headless service): the runs also wait for as many VMs as
 *                           it has addresses
 * @param nameLeaseGrace     a name leased to a replica that has not been heard from under it is kept for it this long
 *                           (it may still be booting); after that another replica may get it
 * @param maxLeasedNames     the most names leased at once (each is a few bytes, kept in {@code <data-dir>/vm-names.json})
 * @param autoStart          start the default run on its own (the contract's behaviour)
 * @param clockRateMin       default lower bound of drawn rates, ticks per second
 * @param clockRateMax       default upper bound of drawn rates
 * @param randomRange        default roll range: 1..randomRange
 * @param startLead          how far ahead the common start instant is set, at least, so every VM has it in time
 *                           (more when setting the VMs up took long: see {@code RunService#startAfterSetUp})
 * @param vmTimeout          how long one control call to a VM may take
 * @param clusterSecret      bearer token of the VMs' control API and of registration
 * @param dataDir            where runs, their collected logs and experiments are kept across restarts
 * @param heartbeatTimeout   a VM not heard from for this long is DOWN: new runs start without it
 * @param drainTimeout       at a run's end, how long to wait for messages still in flight to reach their queues
 * @param apiToken           when set (CLOCKLAB_API_TOKEN), every POST, PUT, PATCH and DELETE under {@code /api},
 *                           except registration, needs {@code Authorization: Bearer <apiToken>}; blank or unset: open
 */
@Validated
@ConfigurationProperties("clocklab.coordinator")
public record CoordinatorProperties(
        @DefaultValue("3") @Min(0) int expectedVms,
        String vmDnsName,
        @DefaultValue("2m") @NotNull Duration nameLeaseGrace,
        @DefaultValue("1000") @Min(1) int maxLeasedNames,
        @DefaultValue("true") boolean autoStart,
        @DefaultValue("1") @Min(1) int clockRateMin,
        @DefaultValue("6") @Min(1) int clockRateMax,
        @DefaultValue("10") @Min(1) int randomRange,
        @DefaultValue("500ms") @NotNull Duration startLead,
        @DefaultValue("3s") @NotNull Duration vmTimeout,
        @NotBlank(message = "must be set (CLOCKLAB_CLUSTER_SECRET)") String clusterSecret,
        @DefaultValue("./data") @NotNull Path dataDir,
        @DefaultValue("15s") @NotNull Duration heartbeatTimeout,
        @DefaultValue("3s") @NotNull Duration drainTimeout,
        String apiToken) {

    /** Without a DNS name to count replicas by, at least one VM must be expected. */
    @AssertTrue(message = "expected-vms must be at least 1 unless vm-dns-name is set")
    public boolean isExpectedVmsValid() {
        return expectedVms >= 1 || vmDnsName != null && !vmDnsName.isBlank();
    }

    /** Whether mutating API calls need the API token. */
    public boolean apiTokenRequired() {
        return apiToken != null && !apiToken.isBlank();
    }
}

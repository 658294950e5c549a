package io.clocklab.coordinator.web;

/**
 * What the OpenAPI annotations on the controllers share: the media types Spring has no constant for, the tags and the
 * examples (the contract's, with its "..." filled in as the coordinator answers).
 */
final class ApiDocs {

    static final String CSV = "text/csv";
    static final String ZIP = "application/zip";

    static final String TAG_CLUSTER = "cluster";
    static final String TAG_RUNS = "runs";
    static final String TAG_EXPERIMENTS = "experiments";
    static final String TAG_REPORTS = "reports";

    static final String CLUSTER = """
            {"state":"RUNNING","runId":"20261121-201921-6608","vms":[
             {"name":"vm1","clockRate":3,"httpUrl":"http://vm1:8080","tcpAddress":"vm1:9000","health":"UP",\
            "lastSeen":"2026-11-21T20:19:40.120Z","runId":"20261121-201921-6608"},
             {"name":"vm2","clockRate":1,"httpUrl":"http://vm2:8080","tcpAddress":"vm2:9000","health":"UP",\
            "lastSeen":"2026-11-21T20:19:41.305Z","runId":"20261121-201921-6608"},
             {"name":"vm3","clockRate":5,"httpUrl":"http://vm3:8080","tcpAddress":"vm3:9000","health":"UP",\
            "lastSeen":"2026-11-21T20:19:39.874Z","runId":"20261121-201921-6608"}]}""";

    static final String PROMETHEUS_TARGETS = """
            [{"targets":["vm1:8080"],"labels":{"vm":"vm1","__meta_clocklab_health":"UP"}},
             {"targets":["vm2:8080"],"labels":{"vm":"vm2","__meta_clocklab_health":"UP"}},
             {"targets":["vm3:8080"],"labels":{"vm":"vm3","__meta_clocklab_health":"UP"}}]""";

    static final String NAME_LEASE = """
            {"instance":"3f2a9c1d7b6e","name":"vm4"}""";

    static final String RUN_REQUEST = """
            {"clockRates":{"vm1":1,"vm2":6,"vm3":6},"clockRateMin":1,"clockRateMax":6,
             "randomRange":10,"durationSeconds":60,"seed":42}""";

    static final String RUN_STARTED = """
            {"id":"20261121-202455-3c1e","state":"RUNNING","mode":"live","experimentId":null,
             "clockRates":{"vm1":1,"vm2":6,"vm3":6},"fixedClockRates":{"vm1":1,"vm2":6,"vm3":6},
             "clockRateMin":1,"clockRateMax":6,"randomRange":10,"durationSeconds":60,"seed":42,"vms":["vm1","vm2","vm3"],
             "startAt":"2026-11-21T20:24:55.512Z","endedAt":null,"logsCollected":false,"outages":[],"endState":null,
             "logsMissing":{},"delivery":null}""";

    static final String RUN_FINISHED = """
            {"id":"20261121-203310-9d02","state":"FINISHED","mode":"live","experimentId":null,
             "clockRates":{"vm1":3,"vm2":4,"vm3":5},"fixedClockRates":{},
             "clockRateMin":1,"clockRateMax":6,"randomRange":10,"durationSeconds":60,"seed":2026,"vms":["vm1","vm2","vm3"],
             "startAt":"2026-11-21T20:33:10.734Z","endedAt":"2026-11-21T20:34:10.734Z","logsCollected":true,"outages":[],
             "endState":{"queued":{"vm1":["vm3-298"],"vm2":[],"vm3":[]},"unconfirmed":{}},"logsMissing":{},
             "delivery":{"addressed":288,"received":287,"undelivered":{"QUEUED":1,"IN_TRANSIT":0,"RECIPIENT_DOWN":0},
              "lost":0,"unaccounted":0,"undeliveredShown":[{"messageId":"vm3-298","from":"vm3","to":"vm1","reason":"QUEUED"}],
              "lostShown":[]}}""";

    static final String INVALID_RUN = """
            {"type":"about:blank","title":"Invalid run request","status":400,
             "detail":"clockRateMin (5) must not be greater than clockRateMax (2); randomRange must be at least 1, got 0",
             "instance":"/api/runs",
             "problems":["clockRateMin (5) must not be greater than clockRateMax (2)","randomRange must be at least 1, got 0"],
             "problemCount":2}""";

    static final String CLUSTER_NOT_READY = """
            {"type":"about:blank","title":"Conflict","status":409,
             "detail":"waiting for VMs: 2 of 3 registered and up (vm1, vm3); DOWN, not heard from for over 15 s: vm2",
             "instance":"/api/runs"}""";

    static final String VM_UNAVAILABLE = """
            {"type":"about:blank","title":"Service Unavailable","status":503,
             "detail":"vm2 did not accept the clock: I/O error on GET request for \\"http://vm2:8080/clock\\": Connection refused;\
             the current run was left as it was",
             "instance":"/api/runs"}""";

    static final String INSUFFICIENT_STORAGE = """
            {"type":"about:blank","title":"Not enough disk for this run's logs","status":507,
             "detail":"this run could need 529 MB on the data directory's disk (its logs at 170 bytes an event, and as much again\
             while it is analysed), but 500 MB are free and 269 MB are to stay free (clocklab.coordinator.disk.keep-free): fewer\
             seconds or ticks per second, or free some space (each old run is a folder under the data directory's runs/)",
             "instance":"/api/runs","neededBytes":528768000,"usableBytes":500000000,"keepFreeBytes":268435456}""";

    static final String RUN_NOT_FOUND = """
            {"type":"about:blank","title":"Not Found","status":404,"detail":"no run with id '20261121-000000-0000'",
             "instance":"/api/runs/20261121-000000-0000"}""";

    private ApiDocs() {
    }
}

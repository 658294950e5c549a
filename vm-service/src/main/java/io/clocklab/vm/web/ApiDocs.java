package io.clocklab.vm.web;

/**
 * What the OpenAPI annotations on the controllers share: the media types Spring has no constant for, the tags and the
 * examples (the contract's, with its "..." filled in as in the README).
 */
final class ApiDocs {


    static final String TAG_CLOCK = "clock";
    static final String TAG_CONTROL = "control";

    static final String CLOCK = """
            {"vm":"vm1","logicalClock":42,"clockRate":3,"queueLength":0,"state":"RUNNING","runId":"20261121-201921-6608"}""";

    static final String LOG = """
            [{"seq":1,"vm":"vm1","type":"SEND","systemTime":"2026-11-21T20:19:22.005679Z","logicalClock":1,"queueLength":0,\
            "to":["vm2","vm3"],"messageId":"vm1-1"},
            {"seq":2,"vm":"vm1","type":"RECEIVE","systemTime":"2026-11-21T20:19:22.505002Z","logicalClock":2,"queueLength":0,\
            "messageId":"vm3-1","from":"vm3","messageClock":1},
            {"seq":3,"vm":"vm1","type":"INTERNAL","systemTime":"2026-11-21T20:19:22.838337Z","logicalClock":3,"queueLength":0}]""";

    static final String BAD_LOG_PARAMETER = """
            {"type":"about:blank","title":"Bad Request","status":400,\
            "detail":"'limit' must be between 1 and 10000, got 20000","instance":"/log"}""";

    private ApiDocs() {
    }
}

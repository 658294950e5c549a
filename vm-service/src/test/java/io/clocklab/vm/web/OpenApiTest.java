package io.clocklab.vm.web;

import io.clocklab.vm.VmServiceTest;
import io.clocklab.web.openapi.ContractEndpoints.Endpoint;
import io.clocklab.web.openapi.OpenApiChecks;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;

/**
 * The VM's OpenAPI spec ({@link OpenApiChecks}): served without the cluster secret, equal to
 * {@code docs/openapi/vm-service.json}, and holding the contract's "VM HTTP API". After a change to
 * the API: {@code ./mvnw -pl vm-service test -Dtest=OpenApiTest -Dopenapi.write=true}.
 */
@VmServiceTest
class OpenApiTest extends OpenApiChecks {

    @LocalServerPort
    int port;

    @Override
    protected String service() {
        return "vm-service";
    }

    @Override
    protected String contractSection() {
        return "VM HTTP API";
    }

    @Override
    protected List<Endpoint> contract() {
        return List.of(
                new Endpoint("GET", "/clock", 200),
                new Endpoint("GET", "/log", 200, 400),
                new Endpoint("GET", "/actuator/health", 200),
                new Endpoint("GET", "/actuator/prometheus", 200));
    }

    @Override
    protected String serverDescription() {
        return "this VM";
    }

    @Override
    protected int port() {
        return port;
    }
}

package io.clocklab.coordinator.web;

import io.clocklab.web.OpenApiProblems;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Set;

/**
 * The coordinator's OpenAPI description, served at {@code /v3/api-docs} and browsed at
 * {@code /swagger-ui.html} (both open, like every read); its committed copy is
 * {@code docs/openapi/coordinator.json}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static final String API_TOKEN = "apiToken";
    static final String CLUSTER_SECRET = "clusterSecret";

    private static final Set<PathItem.HttpMethod> CHANGES = Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT,
            PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    /** The server is "/": the coordinator the spec was read from, so the spec is the same wherever it runs. */
    @Bean
    OpenAPI coordinatorOpenApi() {
        return new OpenAPI()
                .info(new Info().title("clocklab coordinator").version("1")
                        .description("Registers the VMs, starts runs and experiments, keeps their logs and serves their reports."
                                + " GET /api/cluster, POST /api/runs, GET /api/runs/{id} and GET /api/prometheus/targets are the"
                                + " contract. Reads need no credentials; changes under /api need the API token when one is set."))
                .servers(List.of(new Server().url("/").description("this coordinator")))
                .components(new Components()
                        .addSecuritySchemes(API_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("Authorization: Bearer <API token>, when the coordinator has one (CLOCKLAB_API_TOKEN)"))
                        .addSecuritySchemes(CLUSTER_SECRET, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("Authorization: Bearer <cluster secret> (CLOCKLAB_CLUSTER_SECRET)")));
    }

    /**
     * Who may call what, as {@code WebConfig} has it: registration needs the cluster secret; every other
     * change under {@code /api} needs the API token if one is set (so: the token, or nothing). Both
     * answer 401 without it. And a problem's extension members ({@code ProblemDetail.properties} in
     * Java) are members of the problem itself in JSON.
     */
    @Bean
    OpenApiCustomizer securityAndProblems() {
        return openApi -> {
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                if (path.equals(WebConfig.REGISTRATION)) {
                    operation.setSecurity(List.of(new SecurityRequirement().addList(CLUSTER_SECRET)));
                    OpenApiProblems.answersUnauthorized(operation, path, "No or wrong cluster secret",
                            "registrations need 'Authorization: Bearer <cluster secret>'");
                } else if (path.startsWith("/api/") && CHANGES.contains(method)) {
                    operation.setSecurity(List.of(new SecurityRequirement().addList(API_TOKEN), new SecurityRequirement()));
                    OpenApiProblems.answersUnauthorized(operation, path, "The coordinator has an API token and the request did not carry it",
                            method + " requests to this API need 'Authorization: Bearer <API token>', the token set in"
                                    + " CLOCKLAB_API_TOKEN on the server; reads (GET) need none");
                }
            }));
            OpenApiProblems.flattenProblemDetail(openApi);
        };
    }
}

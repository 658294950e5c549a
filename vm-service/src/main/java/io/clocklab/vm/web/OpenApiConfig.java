package io.clocklab.vm.web;

import io.clocklab.web.OpenApiProblems;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.SpringDocCustomizers;
import org.springdoc.core.discoverer.SpringDocParameterNameDiscoverer;
import org.springdoc.core.extractor.MethodParameterPojoExtractor;
import org.springdoc.core.service.GenericParameterService;
import org.springdoc.core.service.RequestBodyService;
import org.springdoc.core.utils.SchemaUtils;
import org.springdoc.webmvc.core.service.RequestService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The VM's OpenAPI description, served at {@code /v3/api-docs} and browsed at {@code /swagger-ui.html}
 * (both open, like {@code GET /clock}); its committed copy is {@code docs/openapi/vm-service.json}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    /** The bearer scheme of the {@code /internal/**} endpoints. */
    static final String CLUSTER_SECRET = "clusterSecret";

    private static final Map<String, String> HEALTH_UP = Map.of("status", "UP");
    private static final Map<String, String> HEALTH_DOWN = Map.of("status", "DOWN");
    private static final String METRICS = """
            # HELP vm_logical_clock the current logical clock
            # TYPE vm_logical_clock gauge
            vm_logical_clock{vm="vm1"} 42.0
            # HELP vm_message_queue_length messages waiting
            # TYPE vm_message_queue_length gauge
            vm_message_queue_length{vm="vm1"} 0.0
            # HELP vm_clock_rate ticks per second
            # TYPE vm_clock_rate gauge
            vm_clock_rate{vm="vm1"} 3.0
            # HELP vm_events_total events logged
            # TYPE vm_events_total counter
            vm_events_total{type="internal",vm="vm1"} 29.0
            vm_events_total{type="receive",vm="vm1"} 6.0
            vm_events_total{type="send",vm="vm1"} 7.0
            # HELP vm_clock_jump newClock - oldClock at each RECEIVE
            # TYPE vm_clock_jump histogram
            vm_clock_jump_count{vm="vm1"} 6
            vm_clock_jump_sum{vm="vm1"} 14.0
            # HELP vm_clock_jump_max newClock - oldClock at each RECEIVE
            # TYPE vm_clock_jump_max gauge
            vm_clock_jump_max{vm="vm1"} 5.0
            """;

    /**
     * The server is "/": the VM the spec was read from, whatever its host port (8081, 8082, 8083), so
     * the spec is the same on every VM and in the committed copy.
     */
    @Bean
    OpenAPI vmOpenApi() {
        return new OpenAPI()
                .info(new Info().title("clocklab VM").version("1")
                        .description("One model machine. The public endpoints (GET /clock, GET /log, /actuator/health,"
                                + " /actuator/prometheus) are the contract; /internal/** is the coordinator's control API,"
                                + " which needs the cluster secret."))
                .servers(List.of(new Server().url("/").description("this VM")))
                .components(new Components().addSecuritySchemes(CLUSTER_SECRET, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("Authorization: Bearer <cluster secret> (CLOCKLAB_CLUSTER_SECRET)")));
    }

    /**
     * springdoc's own request builder, except that a parameter without a Bean Validation constraint skips the step
     * that reads constraints into its schema. That step (springdoc's {@link SchemaUtils#applyValidationsToSchema})
     * names Hibernate Validator's {@code @Range} for every annotation it looks at, and the VM ships no Hibernate
     * Validator (pom.xml: about 5.5 MiB of RSS less per VM; its settings check themselves): each
     * {@code @RequestParam} would end in NoClassDefFoundError and {@code /v3/api-docs} in a 500. The VM's parameters
     * have no constraints (their bounds are checked by hand and described in {@code @Parameter}), so the spec is
     * unchanged; a constraint added to one would fail OpenApiTest, loudly.
     */
    @Bean
    RequestService requestBuilder(GenericParameterService parameterBuilder, RequestBodyService requestBodyService,
                                  SpringDocCustomizers customizers, SpringDocParameterNameDiscoverer parameterNames,
                                  MethodParameterPojoExtractor pojoExtractor) {
        return new RequestService(parameterBuilder, requestBodyService, customizers, parameterNames, pojoExtractor) {
            @Override
            public void applyBeanValidatorAnnotations(MethodParameter methodParameter, Parameter parameter,
                                                      List<Annotation> annotations, boolean isParameterObject,
                                                      String openapiVersion) {
                if (annotations != null && annotations.stream().anyMatch(OpenApiConfig::isBeanValidation)) {
                    super.applyBeanValidatorAnnotations(methodParameter, parameter, annotations, isParameterObject, openapiVersion);
                }
            }
        };
    }

    /** What springdoc's constraint step acts on: Bean Validation's annotations, and those it takes for "required". */
    private static boolean isBeanValidation(Annotation annotation) {
        Class<? extends Annotation> type = annotation.annotationType();
        return type.getName().startsWith("jakarta.validation.") || SchemaUtils.ANNOTATIONS_FOR_REQUIRED.contains(type.getSimpleName());
    }

    /** The contract's two Actuator endpoints, which cannot carry annotations: their answers and examples. */
    @Bean
    OpenApiCustomizer actuatorContract() {
        return openApi -> {
            get(openApi, "/actuator/health", health -> {
                health.summary("UP once the VM can serve: its HTTP side and its TCP side port");
                ApiResponse up = health.getResponses().get("200").description("The VM serves");
                up.getContent().forEach((type, media) -> media.example(HEALTH_UP));
                health.getResponses().addApiResponse("503", new ApiResponse()
                        .description("The VM cannot serve (its side port is down)")
                        .content(new Content().addMediaType("application/json",
                                new MediaType().schema(new ObjectSchema()).example(HEALTH_DOWN))));
            });
            get(openApi, "/actuator/prometheus", metrics -> {
                metrics.summary("The VM's metrics for Prometheus, each series with a vm label");
                ApiResponse ok = metrics.getResponses().get("200").description("The metrics, in the format asked for");
                for (Map.Entry<String, MediaType> entry : ok.getContent().entrySet()) {
                    entry.getValue().schema(new StringSchema());
                    if (entry.getKey().startsWith("text/plain")) {
                        entry.getValue().example(METRICS);
                    }
                }
            });
        };
    }

    /** Every {@code /internal/**} operation answers 401 without the secret; errors are flat problems. */
    @Bean
    OpenApiCustomizer unauthorizedAndProblems() {
        return openApi -> {
            openApi.getPaths().forEach((path, item) -> item.readOperations().stream()
                    .filter(operation -> operation.getSecurity() != null && operation.getSecurity().stream()
                            .anyMatch(requirement -> requirement.containsKey(CLUSTER_SECRET)))
                    .forEach(operation -> OpenApiProblems.answersUnauthorized(operation, path, "No or wrong cluster secret",
                            "control requests need 'Authorization: Bearer <cluster secret>'")));
            OpenApiProblems.flattenProblemDetail(openApi);
        };
    }

    private static void get(OpenAPI openApi, String path, Consumer<Operation> change) {
        PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(path);
        if (item != null && item.getGet() != null) {
            change.accept(item.getGet());
        }
    }
}

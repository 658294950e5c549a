package io.clocklab.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;

import java.util.Map;
import java.util.TreeMap;

import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

/**
 * What both services' OpenAPI descriptions say alike about errors: every error is an
 * {@code application/problem+json} {@code ProblemDetail}, and a call without its credential answers 401.
 */
public final class OpenApiProblems {

    private static final String PROBLEM_SCHEMA = "#/components/schemas/ProblemDetail";

    private OpenApiProblems() {
    }

    /**
     * A problem's extension members ({@code ProblemDetail.properties} in Java) are members of the
     * problem itself in JSON ({@code "problems"}, {@code "neededBytes"} ...), not an object of their own.
     */
    public static void flattenProblemDetail(OpenAPI openApi) {
        Schema<?> problem = openApi.getComponents() == null || openApi.getComponents().getSchemas() == null ? null
                : openApi.getComponents().getSchemas().get("ProblemDetail");
        if (problem != null && problem.getProperties() != null) {
            problem.getProperties().remove("properties");
            problem.additionalProperties(true);
        }
    }

    /**
     * {@code operation}, at {@code path}, answers 401 with a problem saying {@code detail} when the
     * request does not carry its credential.
     */
    public static void answersUnauthorized(Operation operation, String path, String description, String detail) {
        Map<String, Object> example = new TreeMap<>(Map.of("type", "about:blank", "title", "Unauthorized", "status", 401,
                "detail", detail));
        if (!path.contains("{")) {
            example.put("instance", path);
        }
        operation.getResponses().addApiResponse("401", new ApiResponse().description(description)
                .content(new Content().addMediaType(APPLICATION_PROBLEM_JSON_VALUE, new MediaType()
                        .schema(new Schema<>().$ref(PROBLEM_SCHEMA)).example(example))));
    }
}

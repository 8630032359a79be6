package io.tongxin.shared;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Makes the generated OpenAPI document say what the service does beyond its resource signatures:
 * every {@code /api} operation needs the bearer token ({@code BearerTokenFilter}), and errors are
 * {@code application/problem+json} ({@link ProblemMapper}) with the statuses that operation can
 * answer. Registered with {@code mp.openapi.filter}.
 */
public class OpenApiContract implements OASFilter {

    /** The security scheme's name in {@code components.securitySchemes}. */
    public static final String BEARER = "bearer";

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        Components components = openApi.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openApi.setComponents(components);
        }
        components.addSecurityScheme(
                BEARER,
                OASFactory.createSecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("An API token: the bootstrap admin token (TONGXIN_ADMIN_TOKEN) or one minted"
                                + " with POST /api/tokens. Opaque, not a JWT."));
        components.addSchema("Problem", problemSchema());
        if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path :
                openApi.getPaths().getPathItems().entrySet()) {
            boolean api = path.getKey().equals("/api") || path.getKey().startsWith("/api/");
            boolean webhook = path.getKey().startsWith("/webhooks/");
            if (!api && !webhook) {
                continue;
            }
            boolean pathParameter = path.getKey().contains("{");
            for (Map.Entry<PathItem.HttpMethod, Operation> op :
                    path.getValue().getOperations().entrySet()) {
                Operation operation = op.getValue();
                boolean writes = op.getKey() != PathItem.HttpMethod.GET && op.getKey() != PathItem.HttpMethod.HEAD;
                boolean input = operation.getRequestBody() != null
                        || (operation.getParameters() != null
                                && !operation.getParameters().isEmpty());
                if (api) {
                    operation.setSecurity(
                            List.of(OASFactory.createSecurityRequirement().addScheme(BEARER)));
                    error(operation, "401", "No or an unknown bearer token");
                    error(operation, "403", "The token's role may not do this");
                    if (input) {
                        error(operation, "400", "Invalid input (the violations name each field)");
                    }
                    if (pathParameter) {
                        error(operation, "404", "No such resource");
                    }
                    if (writes) {
                        error(
                                operation,
                                "409",
                                "Conflicts with the current state (a duplicate code, an illegal"
                                        + " transition, a reference in use)");
                    }
                } else {
                    error(operation, "400", "Malformed callback");
                    error(operation, "401", "Bad signature or outside the clock-skew window");
                    error(operation, "404", "No such channel");
                    if (writes) {
                        error(operation, "413", "Body larger than tongxin.webhook.max-body-bytes");
                    }
                }
            }
        }
    }

    private static void error(Operation operation, String status, String description) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        APIResponse existing = responses.getAPIResponse(status);
        APIResponse response = existing != null ? existing : OASFactory.createAPIResponse();
        if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription(description);
        }
        response.setContent(OASFactory.createContent()
                .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref(PROBLEM_REF))));
        responses.addAPIResponse(status, response);
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details")
                .addProperty("type", string)
                .addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", string)
                .addProperty("instance", string)
                .addProperty(
                        "violations",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.ARRAY)
                                .items(OASFactory.createSchema()
                                        .addType(Schema.SchemaType.OBJECT)
                                        .addProperty("field", string)
                                        .addProperty("message", string)));
    }
}

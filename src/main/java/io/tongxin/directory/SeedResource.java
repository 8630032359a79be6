package io.tongxin.directory;

import io.tongxin.security.Allowed;
import io.tongxin.security.Role;
import io.tongxin.shared.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Admin: import seed data. Without a body, imports the configured folder ({@code tongxin.seeds.dir});
 * with a YAML body, imports that one document ({@code name} names it in messages). A bad file is
 * refused with its name and line and changes nothing.
 */
@Path("/api/seeds")
@Allowed(Role.ADMIN)
public class SeedResource {

    @Inject
    SeedImporter importer;

    @POST
    @Path("import")
    @Consumes(MediaType.WILDCARD)
    public SeedReport importSeeds(@QueryParam("name") String name, String body) {
        try {
            if (body == null || body.isBlank()) {
                return importer.importConfigured();
            }
            return importer.importDocument(documentName(name), body);
        } catch (SeedException e) {
            throw new ProblemException(400, "Invalid Seed File", e.getMessage(), e.violations());
        }
    }

    private static String documentName(String name) {
        if (name == null || name.isBlank()) {
            return "upload.yaml";
        }
        if (!name.matches("[A-Za-z0-9._-]{1,100}")) {
            throw ProblemException.invalidField("name", "use up to 100 letters, digits, '.', '-' and '_'");
        }
        return name;
    }
}

package org.crystograph.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /}: what the service is, with links to the API documentation and the pages. */
@Path("/")
public class HomePage {

    /** Renders the home page. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance get() {
        return Pages.index();
    }
}

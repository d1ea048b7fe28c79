/* The API docs page (/docs): Swagger UI over the service's own OpenAPI document. */
"use strict";
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui" });

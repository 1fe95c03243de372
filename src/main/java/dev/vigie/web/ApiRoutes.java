package dev.vigie.web;

import io.vertx.ext.web.Router;

/**
 * One area's REST routes under {@code /api}: each translates HTTP to event-bus requests and back, so the area
 * itself never sees HTTP. The web verticle mounts every implementation listed in {@link WebVerticle}.
 */
interface ApiRoutes {
  void mount(Router api, ApiContext context);
}

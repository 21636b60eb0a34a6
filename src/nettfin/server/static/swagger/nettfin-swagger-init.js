// nettfin's own file (not from swagger-ui-dist): starts Swagger UI with the configuration the page carries in
// <script id="swagger-config" type="application/json">, so the page needs no inline script under its
// Content-Security-Policy (script-src 'self').
"use strict";
(function () {
  var config = JSON.parse(document.getElementById("swagger-config").textContent);
  var options = Object.assign({}, config.parameters, {
    url: config.openapiUrl,
    dom_id: "#swagger-ui",
    oauth2RedirectUrl: window.location.origin + config.oauth2RedirectPath,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  });
  window.ui = SwaggerUIBundle(options);
  if (config.initOAuth) {
    window.ui.initOAuth(config.initOAuth);
  }
})();

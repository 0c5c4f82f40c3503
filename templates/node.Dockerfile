# Built by stagebisect: phase {{phase}} of {{project}} on {{runtime}}.
# System packages of every layer first, in phase order, so the engine's cache reuses earlier phases; then
# the phase's dependency tree, resolved on the host from the lockfile (containers here reach no npm
# registry) and copied from its own image, with install scripts and native addons built here against this
# image's Node; then the app, and its build step. Nothing secret is built in.
FROM {{baseImage}}
# Marks every layer of app images, so `stagebisect gc --cache` can prune this build cache.
LABEL stagebisect.cache=layer
ENV NODE_ENV=production DEBIAN_FRONTEND=noninteractive npm_config_update_notifier=false
COPY stagebisect/apt-install.sh /usr/local/bin/stagebisect-apt-install
WORKDIR /app
{{#layers}}
# layer {{index}}: {{name}}
{{#apt}}
RUN stagebisect-apt-install {{apt}}
{{/apt}}
{{/layers}}
{{#tree}}
# dependency tree {{hash}}, sent to the engine once as its own image
COPY --from={{image}} /node_modules/ /app/node_modules/
{{#rebuild}}
# Install scripts and node-gyp run here, never on the host; node-gyp compiles against the headers of this
# very Node when the image has them (local images and node:N-slim do), so no download is needed.
RUN if [ -f /usr/local/include/node/node.h ]; then export npm_config_nodedir=/usr/local; fi \
 && npm rebuild --foreground-scripts
{{/rebuild}}
{{/tree}}
COPY context/ /app/
{{#buildJson}}
# the build step (`build:`), after the dependencies and the app's files
RUN {{buildJson}}
{{/buildJson}}
EXPOSE {{port}}
CMD ["sh", "-c", {{startJson}}]

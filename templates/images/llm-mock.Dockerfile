# The LLM mock server (server.mjs, from the build context) on a node image built from node.Dockerfile.
ARG BASE=stagebisect/node:22
FROM ${BASE}
LABEL stagebisect.image=llm-mock
COPY server.mjs /srv/llm-mock/server.mjs
ENV PORT=8080
EXPOSE 8080
CMD ["node", "/srv/llm-mock/server.mjs"]

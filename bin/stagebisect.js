#!/usr/bin/env node
// The installed command: runs the compiled CLI (built by `npm ci` through the prepare script).
import module from 'node:module';

// Node 22.1+ caches compiled modules between runs, which shortens every start; older Nodes lack it.
module.enableCompileCache?.();
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));

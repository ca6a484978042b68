#!/usr/bin/env node
// Entry point for `npx vq-matrix`: the bundle is built by `npm ci` / `npm install` (the "prepare" script).
require('../dist/vq-matrix.cjs');

#!/usr/bin/env node
'use strict';
// wiga-language-server --stdio
require('../dist/server.js').main();

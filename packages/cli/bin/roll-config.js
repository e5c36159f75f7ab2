#!/usr/bin/env node
// Committed entry point so npm can link the bin before the first build.
import "../dist/bin.js";

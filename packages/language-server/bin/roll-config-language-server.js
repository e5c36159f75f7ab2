#!/usr/bin/env node
// Committed entry point so npm can link the bin before the first build.
try {
  await import("../dist/bin.js");
} catch (error) {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/bin.js")) {
    process.stderr.write(
      "roll-config-language-server: not built yet: run `npm run build` in the repository root\n",
    );
    process.exitCode = 1;
  } else {
    throw error;
  }
}

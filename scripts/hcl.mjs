#!/usr/bin/env node
// Offline Terraform tooling on the pinned npm packages (no terraform binary needed):
//   node scripts/hcl.mjs dump FILE...    one JSON object on stdout: for each file, its parsed form
//                                        ("json", as hcl2json gives it) and the formatter's output
//                                        ("formatted", what `terraform fmt` writes), or an "error"
//   node scripts/hcl.mjs check FILE...   lists files that are not formatted; exit 1 if any
//   node scripts/hcl.mjs fmt FILE...     rewrites files in place, formatted
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import hcl2json from "@cdktf/hcl2json";
import hclTools from "@cdktf/hcl-tools";

async function inspect(path) {
  const source = readFileSync(path, "utf8");
  try {
    const json = await hcl2json.parse(basename(path), source);
    const formatted = await hclTools.format(source);
    return { source, json, formatted };
  } catch (error) {
    return { source, error: String(error.message ?? error) };
  }
}

const commands = {
  async dump(paths) {
    const files = {};
    for (const path of paths) {
      const { json, formatted, error } = await inspect(path);
      files[path] = error ? { error } : { json, formatted };
    }
    process.stdout.write(JSON.stringify({ files }));
    return 0;
  },
  async check(paths) {
    let status = 0;
    for (const path of paths) {
      const { source, formatted, error } = await inspect(path);
      if (error || source !== formatted) {
        console.log(error ? `${path}: ${error}` : `${path}: not formatted (run: node scripts/hcl.mjs fmt ${path})`);
        status = 1;
      }
    }
    return status;
  },
  async fmt(paths) {
    let status = 0;
    for (const path of paths) {
      const { source, formatted, error } = await inspect(path);
      if (error) {
        console.error(`${path}: ${error}`);
        status = 1;
      } else if (source !== formatted) {
        writeFileSync(path, formatted);
        console.log(`formatted ${path}`);
      }
    }
    return status;
  },
};

const [command, ...paths] = process.argv.slice(2);
if (!commands[command] || paths.length === 0) {
  console.error("usage: node scripts/hcl.mjs dump|check|fmt FILE...");
  process.exit(2);
}
process.exit(await commands[command](paths));

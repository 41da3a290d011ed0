#!/usr/bin/env node
// Validates a SAM template (as JSON: intrinsic functions in their long form) against SAM's
// published JSON schema (draft-04), offline, with the pinned ajv:
//   node scripts/sam-schema.mjs SCHEMA.json TEMPLATE.json
// Prints one line per problem (its JSON pointer and message) and exits 1 when there is any.
import { readFileSync } from "node:fs";
import Ajv from "ajv-draft-04";

const [schemaPath, templatePath] = process.argv.slice(2);
if (!schemaPath || !templatePath) {
  console.error("usage: node scripts/sam-schema.mjs SCHEMA.json TEMPLATE.json");
  process.exit(2);
}
// strict: false, as the schema carries keywords of its own (markdownDescription) that ajv does not know.
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
if (validate(JSON.parse(readFileSync(templatePath, "utf8")))) {
  console.log(`${templatePath}: valid`);
  process.exit(0);
}
for (const error of validate.errors) {
  console.log(`${error.instancePath || "/"} ${error.message}${error.params ? " " + JSON.stringify(error.params) : ""}`);
}
process.exit(1);

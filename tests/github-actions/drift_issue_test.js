// The issue step of examples/github-actions/pulumi-drift-check.yml, run by Node against a fake
// GitHub API (make workflows-test): drift opens one issue per stack, found again by the marker on
// its first line; the same drift leaves it alone, other drift edits it (and comments, so watchers
// hear of it); a clean stack closes it; other stacks' issues, people's issues and pull requests are
// left alone; drift after a close opens a new issue.
//
//   node tests/github-actions/drift_issue_test.js <repository root>
'use strict';
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { githubScript, paginate, runScript } = require('./github_script');

const root = process.argv[2] || path.join(__dirname, '..', '..');
const workflow = fs.readFileSync(path.join(root, 'examples/github-actions/pulumi-drift-check.yml'), 'utf8');

// A fake of the parts of Octokit the script uses, over an in-memory list of issues. Like GitHub's
// "list repository issues", the list holds pull requests too (marked by pull_request).
function fakeGitHub(issues) {
  const calls = [];
  let next = 1000;
  const byNumber = (n) => issues.find((i) => i.number === n);
  const rest = {
    issues: {
      listForRepo: async ({ state = 'open', page = 1, per_page = 30 }) => {
        const listed = issues.filter((i) => state === 'all' || i.state === state);
        return { data: listed.slice((page - 1) * per_page, page * per_page).map((i) => ({ ...i })) };
      },
      create: async ({ title, body, labels }) => {
        const issue = { number: next++, title, body, labels, state: 'open', user: { type: 'Bot', login: 'github-actions[bot]' },
          comments: [], html_url: `https://github.com/o/r/issues/${next - 1}` };
        issues.push(issue);
        calls.push(['create', issue.number]);
        return { data: issue };
      },
      update: async ({ owner, repo, issue_number, ...changes }) => {
        calls.push(['update', issue_number, Object.keys(changes).sort().join(',')]);
        Object.assign(byNumber(issue_number), changes);
        return { data: byNumber(issue_number) };
      },
      createComment: async ({ issue_number, body }) => {
        calls.push(['comment', issue_number]);
        byNumber(issue_number).comments.push(body);
        return { data: {} };
      },
    },
  };
  return {
    calls,
    rest,
    paginate,
  };
}

const stack = 'my-org/my-project/prod';
let runId = 1;

// runStep runs the step's script as actions/github-script does, with the step's env.
async function runStep(script, github, status, report) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drift-issue-'));
  const file = path.join(dir, 'drift.md');
  fs.writeFileSync(file, report);
  const context = { repo: { owner: 'o', repo: 'r' }, serverUrl: 'https://github.com', runId: runId++ };
  const notices = [];
  const core = { notice: (m) => notices.push(m) };
  const env = { ...process.env, STACK: stack, DRIFT_STATUS: status, DRIFT_FILE: file, DRIFT_ISSUE_LABELS: 'drift, security' };
  await runScript(script, { github, context, core, require, process: { env } });
  fs.rmSync(dir, { recursive: true });
  return notices;
}

const sshReport = `## Drift from the cloud

> **SSH still open after its expiry: the cloud did not close it.** AWS: 1 SSH rule expired at <expiry> (1h ago) and is still in the cloud.

### AWS (1 SSH rule open past its expiry, 1 removed out of band)
`;
const removedReport = `## Drift from the cloud

### AWS (1 removed out of band)
`;
const cleanReport = `## Drift from the cloud

No drift: the cloud holds the stack's rules as deployed, no other rule on its groups, and no SSH past its expiry.
`;

(async () => {
  const script = githubScript(workflow);
  const marker = `<!-- threatmanager-drift-check: ${stack} -->`;
  // 120 issues before ours: the open issue is found past the first page.
  const issues = [];
  for (let i = 0; i < 120; i++) issues.push({ number: i + 1, title: `issue ${i}`, body: `issue ${i}`, state: 'open', user: { type: 'User' }, comments: [] });
  const others = [
    { number: 500, title: 'Drift in stack my-org/my-project/dev', body: '<!-- threatmanager-drift-check: my-org/my-project/dev -->\nanother stack', state: 'open', user: { type: 'Bot' }, comments: [] },
    { number: 501, title: 'quoted', body: `${marker}\nquoted by a person`, state: 'open', user: { type: 'User' }, comments: [] },
    { number: 502, title: 'a pull request', body: `${marker}\na pull request`, state: 'open', user: { type: 'Bot' }, pull_request: {}, comments: [] },
  ];
  issues.push(...others);
  const before = JSON.stringify(others);
  const github = fakeGitHub(issues);

  // Drift with SSH open: one new issue, the SSH alarm in its title, labelled.
  let notices = await runStep(script, github, 'drift', sshReport);
  assert.deepStrictEqual(github.calls, [['create', 1000]], 'drift: one new issue');
  const ours = issues.find((i) => i.number === 1000);
  assert.strictEqual(ours.body.split('\n', 1)[0], marker, 'the marker is the first line');
  assert.strictEqual(ours.title, `Drift: SSH still open after its expiry in stack ${stack}`);
  assert.match(ours.body, /SSH still open after its expiry: the cloud did not close it/);
  assert.match(ours.body, /actions\/runs\/1\)/, 'the body links the run');
  assert.deepStrictEqual(ours.labels, ['drift', 'security']);
  assert.match(notices[0], /issues\/1000/);

  // The same drift on the next run: the issue is left as it is.
  await runStep(script, github, 'drift', sshReport);
  assert.deepStrictEqual(github.calls, [['create', 1000]], 'the same drift: no edit, no comment');

  // The drift changes (SSH closed, a rule still missing): the same issue, edited, with a comment.
  await runStep(script, github, 'drift', removedReport);
  assert.deepStrictEqual(github.calls.slice(1), [['update', 1000, 'body,title'], ['comment', 1000]],
    'changed drift: the issue edited and commented on');
  assert.strictEqual(ours.title, `Drift in stack ${stack}`);
  assert.match(ours.body, /1 removed out of band/);
  assert.doesNotMatch(ours.body, /SSH still open/);
  assert.strictEqual(ours.comments.length, 1);

  // Clean: a comment holding the report, then the issue closed.
  await runStep(script, github, 'clean', cleanReport);
  assert.deepStrictEqual(github.calls.slice(3), [['comment', 1000], ['update', 1000, 'state,state_reason']], 'clean: commented on and closed');
  assert.strictEqual(ours.state, 'closed');
  assert.strictEqual(ours.state_reason, 'completed');
  assert.match(ours.comments[1], /clean again/);

  // Clean again: nothing to do.
  await runStep(script, github, 'clean', cleanReport);
  assert.strictEqual(github.calls.length, 5, 'clean again: no call that writes');

  // Drift after the close: a new issue, not the closed one reopened.
  await runStep(script, github, 'drift', removedReport);
  assert.deepStrictEqual(github.calls.slice(5), [['create', 1001]], 'drift after a close: a new issue');
  assert.strictEqual(issues.filter((i) => i.state === 'open' && i.user.type === 'Bot' && !i.pull_request && i.body.startsWith(marker)).length, 1,
    'one open issue per stack');

  assert.strictEqual(JSON.stringify(others), before, "other stacks' issues, people's issues and pull requests are left alone");
  assert.ok(issues.slice(0, 120).every((i, n) => i.body === `issue ${n}` && i.state === 'open' && i.comments.length === 0), 'other issues are left alone');

  // A failed check (exit 1 of ruledelta -drift) never reaches the issue step: the issue is left as it is.
  assert.match(workflow, /- name: Open, update or close the stack's issue\n\s+if: steps\.drift\.outputs\.status != 'failed'\n/);
  console.log('ok: the drift check opens one issue per stack, edits it when the drift changes, closes it when clean, and leaves other issues alone');
})().catch((e) => { console.error(e); process.exit(1); });

// The comment step of examples/github-actions/pulumi-rule-delta.yml, run by Node against a fake
// GitHub API (make test-workflows): the first run creates the comment, later runs edit that one
// comment, and comments for other stacks or by people are left alone; the policy pack's preview comes
// after the comment.
//
//   node tests/github-actions/comment_test.js <repository root>
'use strict';
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { githubScript, paginate, runScript } = require('./github_script');

const root = process.argv[2] || path.join(__dirname, '..', '..');
const workflow = fs.readFileSync(path.join(root, 'examples/github-actions/pulumi-rule-delta.yml'), 'utf8');

// A fake of the parts of Octokit the script uses, over an in-memory list of comments.
function fakeGitHub(comments) {
  const calls = [];
  let nextId = 1000;
  const issues = {
    listComments: async ({ page = 1, per_page = 30 }) => ({ data: comments.slice((page - 1) * per_page, page * per_page) }),
    createComment: async ({ issue_number, body }) => {
      calls.push(['create', issue_number]);
      comments.push({ id: nextId++, body, user: { type: 'Bot', login: 'github-actions[bot]' } });
    },
    updateComment: async ({ comment_id, body }) => {
      calls.push(['update', comment_id]);
      comments.find((c) => c.id === comment_id).body = body;
    },
  };
  return {
    calls,
    rest: { issues },
    paginate,
  };
}

async function runStep(script, github, body) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rule-delta-comment-')), 'comment.md');
  fs.writeFileSync(file, body);
  const context = { repo: { owner: 'o', repo: 'r' }, payload: { pull_request: { number: 7 } } };
  const env = { ...process.env, COMMENT_FILE: file };
  await runScript(script, { github, context, require, process: { env } });
  fs.rmSync(path.dirname(file), { recursive: true });
}

(async () => {
  const script = githubScript(workflow);
  const marker = '<!-- threatmanager-rule-delta: my-org/my-project/prod -->';
  // 120 comments before ours: the previous comment is found past the first page.
  const comments = [];
  for (let i = 0; i < 120; i++) comments.push({ id: i + 1, body: `comment ${i}`, user: { type: 'User' } });
  comments.push({ id: 500, body: '<!-- threatmanager-rule-delta: my-org/my-project/dev -->\nanother stack', user: { type: 'Bot' } });
  comments.push({ id: 501, body: `${marker}\nquoted by a person`, user: { type: 'User' } });
  const github = fakeGitHub(comments);

  await runStep(script, github, `${marker}\n## Rule changes\n\nfirst push\n`);
  assert.deepStrictEqual(github.calls, [['create', 7]], 'first push: one new comment');
  const ours = comments[comments.length - 1];

  await runStep(script, github, `${marker}\n## Rule changes\n\nsecond push\n`);
  await runStep(script, github, `${marker}\n## Rule changes\n\nthird push\n`);
  assert.deepStrictEqual(github.calls, [['create', 7], ['update', ours.id], ['update', ours.id]], 'later pushes: the same comment edited');
  assert.match(ours.body, /third push/);
  assert.strictEqual(comments.filter((c) => c.body.startsWith(marker) && c.user.type === 'Bot').length, 1, 'one comment per stack');
  assert.match(comments.find((c) => c.id === 500).body, /another stack/, "another stack's comment is left alone");
  assert.match(comments.find((c) => c.id === 501).body, /quoted by a person/, "a person's comment is left alone");
  // The policy pack's preview, which fails the job on a mandatory violation, runs after the comment
  // is posted, so a violation never holds the rule delta back.
  const commentStep = workflow.search(/uses: actions\/github-script@/);
  const policyStep = workflow.search(/--policy-pack "\$RUNNER_TEMP\/threatmanager-policies\/run-pack"/);
  assert.ok(policyStep > commentStep && commentStep >= 0, 'the policy pack preview runs after the comment step');
  console.log('ok: the rule delta comment is created once and then edited in place, before the policy pack runs');
})().catch((e) => { console.error(e); process.exit(1); });

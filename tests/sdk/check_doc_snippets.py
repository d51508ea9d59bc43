"""Compiles the TypeScript, Python and Go snippets of README.md and docs/*.md against the
generated SDKs, so the docs cannot drift from the API they show.

usage: check_doc_snippets.py ROOT WORKDIR
"""
import json
import py_compile
import re
import shutil
import subprocess
import sys
from pathlib import Path

root, work = Path(sys.argv[1]), Path(sys.argv[2])
shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)

docs = [root / "README.md", *sorted((root / "docs").glob("*.md"))]
snippets = {"typescript": [], "python": [], "go": []}
for doc in docs:
    for lang, body in re.findall(r"```(typescript|python|go)\n(.*?)```", doc.read_text(), re.S):
        snippets[lang].append((f"{doc.relative_to(root)}#{len(snippets[lang])}", body))

# TypeScript: each snippet is a module, type-checked like examples/aws-typescript.
ts_files = []
for i, (label, body) in enumerate(snippets["typescript"]):
    f = work / f"snippet{i}.ts"
    f.write_text(f"// {label}\n{body}")
    ts_files.append(str(f))
if ts_files:
    base = root / "tests/sdk/tsconfig.aws-typescript.json"
    (work / "tsconfig.json").write_text(json.dumps({"extends": str(base), "files": ts_files}))
    subprocess.run([str(root / "sdk/nodejs/node_modules/.bin/tsc"), "-p", str(work / "tsconfig.json")], check=True)

# Python: syntax, and only names the SDK has.
import pulumi_threatmanager  # noqa: E402  (the venv has the SDK installed)
for label, body in snippets["python"]:
    f = work / "snippet.py"
    f.write_text(body)
    py_compile.compile(str(f), doraise=True)
    for name in re.findall(r"threatmanager\.(\w+)", body):
        if not hasattr(pulumi_threatmanager, name):
            sys.exit(f"{label}: pulumi_threatmanager has no {name}")

# Go: each snippet is a main package in a module like examples/gcp-go's.
for i, (label, body) in enumerate(snippets["go"]):
    d = work / f"go{i}"
    d.mkdir()
    (d / "main.go").write_text(body)
    gomod = (root / "examples/gcp-go/go.mod").read_text().replace("=> ../../sdk", f"=> {root / 'sdk'}")
    gomod = gomod.replace("module github.com/threatmanager/pulumi-threatmanager/examples/gcp-go", "module docsnippet")
    (d / "go.mod").write_text(gomod)
    shutil.copy(root / "examples/gcp-go/go.sum", d / "go.sum")
    result = subprocess.run(["go", "build", "-o", "/dev/null", "."], cwd=d, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{label} does not compile:\n{result.stderr}")

counts = ", ".join(f"{len(v)} {k}" for k, v in snippets.items())
print(f"doc snippets compile: {counts}")

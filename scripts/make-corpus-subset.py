#!/usr/bin/env python3
"""Writes Tests/Fixtures/corpus/, the committed, licence-clean subset of the policy corpora
that the test suite runs on when the full corpora (../shared/corpus, RAMPART_CORPUS) are absent.

Only MIT-0 sample code is kept (see Tests/Fixtures/corpus/SOURCES.md):

- policy-examples/policy-examples.jsonl: records of the full corpus's policy-examples.jsonl
  whose source is an awsdocs guide (sample code: MIT-0; aws-config-developer-guide, Apache-2.0,
  is left out) or aws-samples/service-control-policy-examples and data-perimeter-policy-examples
  (MIT-0): every record whose kind is not identity-policy, every eighth identity policy in file
  order, and the identity policies of the ECS guide page a spot check of
  Tests/PolicyTests/CorpusTests.swift names.
- managed-policies/aws-managed-policies.jsonl: AWS managed policies as the awsdocs guides print
  them (MIT-0), not the MAMIP copies of the full corpus (a GPL-3.0 repository). A JSON block is
  taken for a managed policy when the nearest managed-policy name in the 1,500 characters before
  it names one of the full corpus's policies and the two share at least 75% of their actions
  (a guide may show an older version than AWS's current one).

    scripts/make-corpus-subset.py --corpus ../shared/corpus \\
        --guide awsdocs/amazon-ecs-developer-guide=/path/to/clone@49232cf2ab ...

Each --guide is a git clone of an awsdocs guide and the commit to read (SOURCES.md of the full
corpus names the commit used for each guide: the parent of the commit that deleted doc_source/).
"""
import argparse
import json
import os
import re
import subprocess

MIT0_SAMPLE_REPOS = ("aws-samples/service-control-policy-examples", "aws-samples/data-perimeter-policy-examples")
# A spot check in CorpusTests names this source file (the ECS guide's "ARNEquals"); its identity
# policies are always kept.
SPOT_CHECK_SOURCES = (("awsdocs/amazon-ecs-developer-guide", "security_iam_id-based-policy-examples.md"),)
IDENTITY_STRIDE = 8
MINIMUM_ACTION_OVERLAP = 0.75


def is_mit0(record):
    repo = record["source_repo"]
    return (repo.startswith("awsdocs/") and repo != "awsdocs/aws-config-developer-guide") or repo in MIT0_SAMPLE_REPOS


def policy_examples(corpus):
    kept, identity_seen = [], 0
    with open(os.path.join(corpus, "policy-examples/policy-examples.jsonl"), encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if not is_mit0(record):
                continue
            if record["kind"] == "identity-policy":
                identity_seen += 1
                spot = any(record["source_repo"] == repo and record["source_path"].endswith(path) for repo, path in SPOT_CHECK_SOURCES)
                if identity_seen % IDENTITY_STRIDE != 1 and not spot:
                    continue
            record.pop("also_seen_in", None)  # locations in other (possibly other-licensed) sources
            record["licence"] = "MIT-0"
            kept.append(record)
    return kept


def actions(document):
    statements = document.get("Statement", [])
    statements = [statements] if isinstance(statements, dict) else statements
    found = set()
    for statement in statements:
        if not isinstance(statement, dict):
            continue
        for key in ("Action", "NotAction"):
            value = statement.get(key, [])
            found.update([value] if isinstance(value, str) else [item for item in value if isinstance(item, str)])
    return {action.lower() for action in found}


def managed_from_guides(corpus, guides):
    current = {}
    with open(os.path.join(corpus, "managed-policies/aws-managed-policies.jsonl"), encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            current[record["name"]] = record["document"]
    # Longest names first, so AmazonECS_FullAccess is not read as a shorter name inside it.
    names = re.compile(r"\b(" + "|".join(map(re.escape, sorted(current, key=len, reverse=True))) + r")\b")
    kept, seen = [], set()
    for guide in guides:
        repo, rest = guide.split("=", 1)
        clone, commit = rest.rsplit("@", 1)
        commit = subprocess.run(["git", "-C", clone, "rev-parse", commit], capture_output=True, text=True, check=True).stdout.strip()
        files = subprocess.run(["git", "-C", clone, "ls-tree", "-r", "--name-only", commit],
                               capture_output=True, text=True, check=True).stdout.split("\n")
        for path in sorted(files):
            if not path.endswith(".md"):
                continue
            text = subprocess.run(["git", "-C", clone, "show", f"{commit}:{path}"],
                                  capture_output=True, text=True, errors="replace", check=True).stdout
            for block in re.finditer(r"```[a-zA-Z]*\n(.*?)```", text, re.S):
                body = block.group(1).strip()
                if not body.startswith("{"):
                    continue
                try:
                    document = json.loads(body)
                except ValueError:
                    continue
                if not isinstance(document, dict) or "Statement" not in document:
                    continue
                mentioned = names.findall(text[max(0, block.start() - 1500):block.start()])
                if not mentioned or mentioned[-1] in seen:
                    continue
                name = mentioned[-1]
                shown, now = actions(document), actions(current[name])
                if not shown or not now or len(shown & now) / len(shown | now) < MINIMUM_ACTION_OVERLAP:
                    continue
                seen.add(name)
                kept.append({"name": name, "source_repo": repo, "source_path": path, "source_commit": commit,
                             "licence": "MIT-0", "same_as_current_version": document == current[name], "document": document})
    return sorted(kept, key=lambda record: record["name"])


def write(records, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", required=True, help="the full corpora (shared/corpus)")
    parser.add_argument("--guide", action="append", default=[], help="REPO=CLONE@COMMIT of an awsdocs guide")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "../Tests/Fixtures/corpus"))
    arguments = parser.parse_args()
    examples = policy_examples(arguments.corpus)
    managed = managed_from_guides(arguments.corpus, arguments.guide)
    write(examples, os.path.join(arguments.out, "policy-examples/policy-examples.jsonl"))
    write(managed, os.path.join(arguments.out, "managed-policies/aws-managed-policies.jsonl"))
    print(f"policy examples: {len(examples)}; managed policies: {len(managed)}")


if __name__ == "__main__":
    main()

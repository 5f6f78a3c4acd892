#!/usr/bin/env python3
"""Generates the pathological single-question policies of issue 17 (items 2, 3 and 4).

    python3 Benchmarks/pathological/make-policies.py [OUT_DIR]

Writes, into OUT_DIR (default: Benchmarks/pathological/fixtures):

- wildcard-actions-1000.json: one bucket-policy statement with 1,000 distinct wildcard action
  patterns (`s3:Get*Ob*Ta*`-like: a prefix of an S3 action of the shipped catalog, then one to
  three later fragments of the same name, each after a `*`, and a final `*`), granted to everyone (EXTERNAL_ACCESS).
- wildcard-actions-1000-account.json: the same patterns granted to one outside account
  (444455556666), so the answer needs the action classes of that account's finding.
- needle-N.json for N in 50, 200, 500: N statements bound to the zone (account 111122223333:
  half by `aws:PrincipalAccount`, half by naming a principal of the zone), with a few
  confused-deputy grants hidden among them (`sns.amazonaws.com` allowed `s3:PutObject` under
  `aws:SourceAccount` = an outside account, 999988887777): EXTERNAL_ACCESS, the service acting
  for 999988887777. A Deny on the object keys `*/x` refuses the candidate witnesses built from the
  needles' patterns (`sns-0/x`), so that a solver search has to find them.
- orgpaths-ou-share.json: the AWS pattern of sharing with an organizational unit (issue 17, the
  "org paths cliff"): a TLS-only Deny and `s3:GetObject` to `*` under
  `ForAnyValue:StringLike aws:PrincipalOrgPaths o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*`, on
  arn:aws:s3:::acme-data-2-us-east-1 (not the bench bucket): EXTERNAL_ACCESS, any account
  (`*`) in the OU; with `--zone-org o-a1b2c3d4e5 --zone-org-account 111122223333`,
  NO_EXTERNAL_ACCESS.
- principals-N.json for N in 10, 50, 500 (item 3): N Allow statements, most of them granting
  distinct outside principals wildcard actions (`s3:Get*`, `s3:*Object*`, `s3:List*`, ...) under
  conditions (`aws:SourceIp`, `aws:SecureTransport`, `s3:prefix`, `aws:PrincipalTag/team`,
  `aws:PrincipalArn`), the principals being account roots, roles and users of outside accounts
  (9 distinct outside accounts at N=10; N // 2 + 4 at larger N, each named by several
  statements), plus, from N=50 on, a service (`cloudfront.amazonaws.com` under
  `aws:SourceAccount`) and a SAML provider; every fifth statement (at N=10: the last) is bound to
  the zone instead (`aws:PrincipalAccount` = 111122223333), and one Deny refuses `s3:DeleteObject*` to everyone
  without `aws:SecureTransport`. EXTERNAL_ACCESS: one finding per outside account, service and
  provider.

Deterministic (seeded). Resource: arn:aws:s3:::rampart-bench-bucket, zone account 111122223333:

    rampart check --policy FILE --resource-type s3-bucket --resource-arn arn:aws:s3:::rampart-bench-bucket \
                  --zone-account 111122223333
"""
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CATALOG = os.path.join(HERE, "..", "..", "Sources", "Analysis", "Resources", "actions.txt")
BUCKET = "arn:aws:s3:::rampart-bench-bucket"
ZONE = "111122223333"
OUTSIDE = "444455556666"
DEPUTY_SOURCE = "999988887777"


def s3_actions():
    names = []
    with open(CATALOG) as catalog:
        for line in catalog:
            if line.startswith("s3:"):
                names.append(line.split("\t", 1)[0][3:])
    return names


def wildcard_patterns(count, seed=17):
    rng = random.Random(seed)
    names = s3_actions()
    patterns, seen = [], set()
    while len(patterns) < count:
        name = rng.choice(names)
        # A prefix of the name, then two or three later fragments, each after a `*`:
        # `s3:Get*Ob*Ta*`. Patterns with several stars are what make the product of their
        # automata (GlobCombinations) explode when the action stays a string.
        cut = rng.randint(1, min(6, len(name) - 2))
        pattern, position = "s3:" + name[:cut], cut
        for _ in range(rng.randint(1, 3)):
            if position >= len(name) - 1:
                break
            start = rng.randint(position, len(name) - 2)
            length = rng.randint(1, 3)
            pattern += "*" + name[start:start + length]
            position = start + length
        pattern += "*"
        if pattern.lower() not in seen:
            seen.add(pattern.lower())
            patterns.append(pattern)
    return patterns


def wildcard_policy(principal):
    return {
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "ManyWildcards",
            "Effect": "Allow",
            "Principal": principal,
            "Action": wildcard_patterns(1000),
            "Resource": [BUCKET, BUCKET + "/*"],
        }],
    }


def needle_policy(count, needles=3, seed=4):
    rng = random.Random(seed + count)
    actions = ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:GetObjectTagging", "s3:DeleteObject",
               "s3:GetBucketLocation", "s3:PutObjectAcl", "s3:GetObjectVersion"]
    statements = []
    for index in range(count):
        action = rng.choice(actions)
        resource = BUCKET if action in ("s3:ListBucket", "s3:GetBucketLocation") else BUCKET + "/*"
        if index % 2 == 0:
            statements.append({
                "Sid": "ZoneBound%d" % index, "Effect": "Allow", "Principal": "*", "Action": action,
                "Resource": resource if resource == BUCKET else BUCKET + "/prefix-%d/*" % index,
                "Condition": {"StringEquals": {"aws:PrincipalAccount": ZONE}},
            })
        else:
            statements.append({
                "Sid": "ZonePrincipal%d" % index, "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::%s:role/team-%d" % (ZONE, index)}, "Action": action,
                "Resource": resource,
            })
    positions = sorted(rng.sample(range(count), needles))
    for number, position in enumerate(positions):
        statements.insert(position + number, {
            "Sid": "DeputyNeedle%d" % number, "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"},
            "Action": "s3:PutObject", "Resource": BUCKET + "/sns-%d/*" % number,
            "Condition": {"StringEquals": {"aws:SourceAccount": DEPUTY_SOURCE}},
        })
    # Candidate witnesses fill a resource pattern's `*` with `x` (`sns-0/x`): this Deny refuses
    # exactly those, so only a solver search can find the needles (any other object key).
    statements.append({
        "Sid": "ReservedKeys", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": BUCKET + "/*/x",
    })
    return {"Version": "2012-10-17", "Statement": statements}


def orgpaths_policy():
    bucket = "arn:aws:s3:::acme-data-2-us-east-1"
    return {"Version": "2012-10-17", "Statement": [
        {"Sid": "TLSOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": [bucket, bucket + "/*"],
         "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
        {"Sid": "OrgRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": bucket + "/*",
         "Condition": {"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"}}},
    ]}
PRINCIPAL_ACTIONS = [["s3:Get*"], ["s3:*Object*"], ["s3:List*"], ["s3:Get*", "s3:List*"],
                     ["s3:Put*"], ["s3:*Object"], ["s3:GetObject*", "s3:PutObject*"], ["s3:*"]]


def outside_account(number):
    """A 12-digit outside account, never the zone's."""
    return "%012d" % (200000000000 + number * 1010101)


def principal_condition(rng, index, account):
    choice = rng.randrange(5)
    if choice == 0:
        return {"IpAddress": {"aws:SourceIp": "203.0.%d.0/24" % (index % 256)}}
    if choice == 1:
        return {"Bool": {"aws:SecureTransport": "true"}}
    if choice == 2:
        return {"StringLike": {"s3:prefix": ["home/%d/*" % index, "shared/*"]}}
    if choice == 3:
        return {"StringEquals": {"aws:PrincipalTag/team": "team-%d" % index}}
    return {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::%s:role/app-*" % account}}


def principals_policy(count, seed=3):
    rng = random.Random(seed * 1000 + count)
    accounts = 9 if count <= 10 else count // 2 + 4
    statements = []
    for index in range(count):
        if (index % 5 == 4) if count > 10 else index == count - 1:
            statements.append({
                "Sid": "Zone%d" % index, "Effect": "Allow", "Principal": "*",
                "Action": rng.choice(PRINCIPAL_ACTIONS), "Resource": [BUCKET, BUCKET + "/*"],
                "Condition": {"StringEquals": {"aws:PrincipalAccount": ZONE}},
            })
            continue
        if count >= 50 and index == 7:
            statements.append({
                "Sid": "Service%d" % index, "Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"},
                "Action": "s3:GetObject*", "Resource": BUCKET + "/*",
                "Condition": {"StringEquals": {"aws:SourceAccount": outside_account(1)}},
            })
            continue
        if count >= 50 and index == 13:
            statements.append({
                "Sid": "Federated%d" % index, "Effect": "Allow",
                "Principal": {"Federated": "arn:aws:iam::%s:saml-provider/corp" % outside_account(2)},
                "Action": "s3:Get*", "Resource": BUCKET + "/*",
            })
            continue
        account = outside_account(index % accounts if count > 10 else index)
        form = rng.randrange(3)
        if form == 0:
            principal = "arn:aws:iam::%s:root" % account
        elif form == 1:
            principal = "arn:aws:iam::%s:role/app-%d" % (account, index)
        else:
            principal = "arn:aws:iam::%s:user/user-%d" % (account, index)
        statements.append({
            "Sid": "Outside%d" % index, "Effect": "Allow", "Principal": {"AWS": principal},
            "Action": rng.choice(PRINCIPAL_ACTIONS), "Resource": [BUCKET, BUCKET + "/*"],
            "Condition": principal_condition(rng, index, account),
        })
    statements.append({
        "Sid": "DenyInsecureDeletes", "Effect": "Deny", "Principal": "*", "Action": "s3:DeleteObject*",
        "Resource": BUCKET + "/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    })
    return {"Version": "2012-10-17", "Statement": statements}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "fixtures")
    os.makedirs(out, exist_ok=True)
    documents = {
        "wildcard-actions-1000.json": wildcard_policy("*"),
        "wildcard-actions-1000-account.json": wildcard_policy({"AWS": "arn:aws:iam::%s:root" % OUTSIDE}),
    }
    documents["orgpaths-ou-share.json"] = orgpaths_policy()
    for count in (50, 200, 500):
        documents["needle-%d.json" % count] = needle_policy(count)
    for count in (10, 50, 500):
        documents["principals-%d.json" % count] = principals_policy(count)
    for name, document in documents.items():
        with open(os.path.join(out, name), "w") as handle:
            json.dump(document, handle, indent=1)
            handle.write("\n")
        print(os.path.join(out, name))


if __name__ == "__main__":
    main()

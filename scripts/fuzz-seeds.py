#!/usr/bin/env python3
"""Writes the generated seed corpora for the fuzz targets in Fuzz/ (docs/TESTING.md, "Fuzzing").

  scripts/fuzz-seeds.py [CORPUS_DIR]      (default: ../shared/corpus next to the repository)

Fuzz/corpus/policy/generated/    every policy document in the shared corpus (managed policies,
                                 deprecated managed policies, policy examples), one file each,
                                 compact and also pretty-printed for the larger ones.
Fuzz/corpus/snapshot/generated/  the shapes the snapshot/CLI-output readers take, built from
                                 those documents: get-bucket-policy ({"Policy": "<string>"}),
                                 get-policy-version, get-public-access-block, get-bucket-acl,
                                 simulate request files, and a few snapshot-like wrappers;
                                 plus every file of the snapshot models in Models/, prefixed
                                 with the byte that makes FuzzSnapshot read it as that file
                                 of a snapshot folder (SLOTS, as in SnapshotFolderFuzzing.swift).

Both folders are ignored by git; the small hand-written seeds in Fuzz/corpus/*/seeds/ are
committed. The output is deterministic (file names are content hashes).
"""
import hashlib
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(ROOT), "shared", "corpus")
FILES = [
    "managed-policies/aws-managed-policies.jsonl",
    "managed-policies/aws-managed-policies-deprecated.jsonl",
    "policy-examples/policy-examples.jsonl",
]
MAX_SEED_BYTES = 16 * 1024
# Fuzz/Sources/FuzzSnapshot/SnapshotFolderFuzzing.swift, `slots`, as patterns over a model's paths.
SLOTS = [
    r"model\.json",
    r"organization/describe-organization\.json",
    r"organization/list-accounts\.json",
    r"organization/list-roots\.json",
    r"organization/parents/[^/]+\.list-organizational-units-for-parent\.json",
    r"organization/parents/[^/]+\.list-accounts-for-parent\.json",
    r"organization/policies/[^/]+\.describe-policy\.json",
    r"organization/policies/[^/]+\.list-targets-for-policy\.json",
    r"accounts/\d{12}/iam/get-account-authorization-details\.json",
    r"accounts/\d{12}/s3control/get-public-access-block\.json",
    r"accounts/\d{12}/s3/[^/]+\.get-bucket-policy\.json",
    r"accounts/\d{12}/s3/[^/]+\.get-public-access-block\.json",
    r"accounts/\d{12}/s3/[^/]+\.get-bucket-acl\.json",
    r"accounts/\d{12}/kms/[^/]+/[^/]+\.get-key-policy\.json",
    r"accounts/\d{12}/sqs/[^/]+/[^/]+\.get-queue-attributes\.json",
    r"accounts/\d{12}/sns/[^/]+/[^/]+\.get-topic-attributes\.json",
    r"accounts/\d{12}/lambda/[^/]+/[^/]+\.get-policy\.json",
    r"accounts/\d{12}/secretsmanager/[^/]+/[^/]+\.get-resource-policy\.json",
    r"accounts/\d{12}/ecr/[^/]+/[^/]+\.get-repository-policy\.json",
    r"accounts/\d{12}/s3/[^/]+\.get-bucket-ownership-controls\.json",
    r"accounts/\d{12}/kms/[^/]+/[^/]+\.list-grants\.json",
]  # libFuzzer mutates small inputs best; big ones slow every run.


def write(folder, text):
    data = text.encode("utf-8") if isinstance(text, str) else text
    if len(data) > MAX_SEED_BYTES:
        return False
    name = hashlib.sha1(data).hexdigest()
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        with open(path, "wb") as handle:
            handle.write(data)
    return True


def documents():
    for relative in FILES:
        path = os.path.join(CORPUS, relative)
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                line = line.strip()
                if line:
                    record = json.loads(line)
                    yield record.get("kind") or "managed", record["document"]


def request_files():
    """Request files for `rampart simulate` (docs/SIMULATE.md)."""
    yield {"principal": "arn:aws:iam::111122223333:role/Reader", "action": "s3:GetObject",
           "resource": "arn:aws:s3:::bucket/key", "resourceAccount": "444455556666",
           "context": {"aws:SecureTransport": True, "aws:SourceIp": "192.0.2.1",
                       "aws:CurrentTime": "2024-01-01T00:00:00Z", "s3:max-keys": 10,
                       "aws:TagKeys": ["a", "b"]}}
    yield {"principal": "anonymous", "action": "s3:ListBucket", "resource": "arn:aws:s3:::bucket"}
    yield {"principal": {"service": "cloudtrail.amazonaws.com"}, "action": "s3:PutObject",
           "resource": "arn:aws:s3:::bucket/AWSLogs/1", "context": {"aws:SourceAccount": "111122223333"}}
    yield {"principal": {"arn": "arn:aws:sts::111122223333:assumed-role/R/s", "roleArn": "arn:aws:iam::111122223333:role/R",
                         "userId": "AROAEXAMPLE:s"},
           "action": "kms:Decrypt", "resource": "arn:aws:kms:us-east-1:111122223333:key/1",
           "principalOrgId": "o-abc", "principalOrgPaths": ["o-abc/r-1/ou-2/"], "principalTags": {"team": "x"}}
    yield {"principal": {"federated": "cognito-identity.amazonaws.com"}, "action": "sts:AssumeRoleWithWebIdentity",
           "resource": "arn:aws:iam::111122223333:role/R"}
    yield {"principal": "111122223333", "action": "sqs:SendMessage", "resource": "arn:aws:sqs:us-east-1:111122223333:q"}


def cli_outputs():
    yield {"PublicAccessBlockConfiguration": {"BlockPublicAcls": True, "IgnorePublicAcls": True,
                                              "BlockPublicPolicy": False, "RestrictPublicBuckets": False}}
    yield {"BlockPublicAcls": False, "IgnorePublicAcls": False, "BlockPublicPolicy": True, "RestrictPublicBuckets": True}
    yield {"Owner": {"DisplayName": "owner", "ID": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},
           "Grants": [{"Grantee": {"Type": "CanonicalUser", "ID": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},
                       "Permission": "FULL_CONTROL"},
                      {"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": "READ"},
                      {"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"},
                       "Permission": "WRITE"},
                      {"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/s3/LogDelivery"}, "Permission": "WRITE"}]}


def main():
    policy_dir = os.path.join(ROOT, "Fuzz", "corpus", "policy", "generated")
    snapshot_dir = os.path.join(ROOT, "Fuzz", "corpus", "snapshot", "generated")
    os.makedirs(policy_dir, exist_ok=True)
    os.makedirs(snapshot_dir, exist_ok=True)
    policies = snapshots = 0
    for index, (kind, document) in enumerate(documents()):
        compact = json.dumps(document, separators=(",", ":"))
        policies += write(policy_dir, compact)
        if index % 4 == 0:
            policies += write(policy_dir, json.dumps(document, indent=2))
        # A sample of the documents in the wrappers the snapshot readers see.
        if index % 10 == 0:
            snapshots += write(snapshot_dir, json.dumps({"Policy": compact}))
            snapshots += write(snapshot_dir, json.dumps({"PolicyVersion": {"Document": document, "VersionId": "v1",
                                                                           "IsDefaultVersion": True}}))
        if index % 25 == 0 and kind == "trust-policy":
            snapshots += write(snapshot_dir, json.dumps({"Role": {"RoleName": "r", "Arn": "arn:aws:iam::111122223333:role/r",
                                                                  "AssumeRolePolicyDocument": document}}))
    for value in list(request_files()) + list(cli_outputs()):
        snapshots += write(snapshot_dir, json.dumps(value))
        snapshots += write(snapshot_dir, json.dumps(value, indent=2))
    # Snapshot model files, each as the slot it is read from (the large IAM details files
    # are over MAX_SEED_BYTES and skipped; the small ones keep the shape).
    models = os.path.join(ROOT, "Models")
    for folder, _, names in sorted(os.walk(models)):
        for name in sorted(names):
            path = os.path.join(folder, name)
            if not os.path.isfile(path):
                continue  # the edge-case model holds a dangling link on purpose
            relative = os.path.relpath(path, models).split(os.sep, 1)[-1].replace(os.sep, "/")
            for index, pattern in enumerate(SLOTS):
                if re.fullmatch(pattern, relative):
                    with open(path, "rb") as handle:
                        snapshots += write(snapshot_dir, bytes([index]) + handle.read())
    print(f"{policies} policy seeds in {os.path.relpath(policy_dir, ROOT)}")
    print(f"{snapshots} snapshot seeds in {os.path.relpath(snapshot_dir, ROOT)}")


if __name__ == "__main__":
    main()

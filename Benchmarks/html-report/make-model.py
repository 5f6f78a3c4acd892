#!/usr/bin/env python3
"""Writes a synthetic account snapshot whose scan has exactly N findings, for measuring
report.html at scale (Benchmarks/html-report/measure.sh, docs/BENCHMARKS.md "The HTML report").

    Benchmarks/html-report/make-model.py OUT_DIR --findings 100000

Resources are S3 buckets, SQS queues and SNS topics spread over 20 accounts (fewer for small N),
each with a resource policy granting `per` findings: `per` statements, each naming one outside
account with its own actions, one in three resources also readable by everyone (S3's meaning of
public: Principal "*" without conditions, with an action of its own). Every policy names its resource as "*", and the
policies repeat per (account, type, shape), so the scan analyses a few hundred distinct policies
however many resources there are. The last resource takes the remainder, so the total is N.
"""
import argparse
import json
import os

ZONE_BASE = 300000000001
OUTSIDE = [str(500000000001 + k) for k in range(40)]
ACTIONS = {
    "s3": (["s3:GetObject"], ["s3:PutObject"], ["s3:ListBucket"], ["s3:GetObjectTagging"], ["s3:DeleteObject"]),
    "sqs": (["sqs:SendMessage"], ["sqs:ReceiveMessage"], ["sqs:GetQueueAttributes"], ["sqs:DeleteMessage"], ["sqs:ChangeMessageVisibility"]),
    "sns": (["sns:Publish"], ["sns:Subscribe"], ["sns:GetTopicAttributes"], ["sns:ListSubscriptionsByTopic"], ["sns:Receive"]),
}

# Everyone's action is one no partner has: access everyone has is not listed again per account.
PUBLIC_ACTIONS = {"s3": "s3:GetObjectVersion", "sqs": "sqs:GetQueueUrl", "sns": "sns:GetDataProtectionPolicy"}


def policy(service, account_index, per, public):
    statements = []
    count = per - 1 if public else per
    for k in range(count):
        outside = OUTSIDE[(account_index + k) % len(OUTSIDE)]
        statements.append({"Sid": f"Partner{k}", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{outside}:root"},
                           "Action": ACTIONS[service][k % 5], "Resource": "*"})
    if public:
        statements.append({"Sid": "Everyone", "Effect": "Allow", "Principal": "*", "Action": PUBLIC_ACTIONS[service], "Resource": "*"})
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


def write(path, document):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--findings", type=int, required=True)
    parser.add_argument("--per-resource", type=int, default=10, help="findings per resource (at most 10)")
    arguments = parser.parse_args()
    per = max(1, min(10, arguments.per_resource))
    resources = max(1, arguments.findings // per)
    accounts = max(1, min(20, resources // 2))
    write(os.path.join(arguments.out, "model.json"), {"name": f"synthetic-{arguments.findings}",
          "description": "Benchmarks/html-report/make-model.py: a synthetic snapshot for measuring report.html."})
    open_bpa = {"PublicAccessBlockConfiguration": {"BlockPublicAcls": False, "IgnorePublicAcls": False, "BlockPublicPolicy": False, "RestrictPublicBuckets": False}}
    total = 0
    for index in range(resources):
        findings = per if index < resources - 1 else arguments.findings - total
        account_index = index % accounts
        account = str(ZONE_BASE + account_index)
        service = ("s3", "sqs", "sns")[(index // accounts) % 3]
        public = index % 3 == 0 and findings > 1
        folder = os.path.join(arguments.out, "accounts", account)
        if not os.path.exists(os.path.join(folder, "iam")):
            write(os.path.join(folder, "iam", "get-account-authorization-details.json"),
                  {"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [], "Policies": []})
            write(os.path.join(folder, "s3control", "get-public-access-block.json"), open_bpa)
        text = policy(service, account_index, findings, public)
        name = f"synthetic-{index:06d}"
        if service == "s3":
            write(os.path.join(folder, "s3", f"{name}.get-bucket-policy.json"), {"Policy": text})
            write(os.path.join(folder, "s3", f"{name}.get-public-access-block.json"), open_bpa)
        elif service == "sqs":
            write(os.path.join(folder, "sqs", "us-east-1", f"{name}.get-queue-attributes.json"),
                  {"Attributes": {"QueueArn": f"arn:aws:sqs:us-east-1:{account}:{name}", "Policy": text}})
        else:
            write(os.path.join(folder, "sns", "us-east-1", f"{name}.get-topic-attributes.json"),
                  {"Attributes": {"TopicArn": f"arn:aws:sns:us-east-1:{account}:{name}", "Policy": text}})
        total += findings
    print(f"{arguments.out}: {resources} resources in {accounts} accounts, {total} findings expected")


if __name__ == "__main__":
    main()

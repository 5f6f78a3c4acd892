#!/usr/bin/env python3
"""Writes a generated organization snapshot, in the on-disk layout `rampart scan MODEL --zone
organization` reads (docs/SNAPSHOT.md), for the end-to-end scan benchmark (Benchmarks/org-scale/run.sh,
docs/BENCHMARKS.md "An organization scanned from disk").

    Benchmarks/org-scale/make-organization.py OUT_DIR --resources 100000 --mix realistic [--seed 20261207]

Deterministic: the same arguments write the same bytes (SplitMix64 seeded with --seed, no other
source of randomness, no clock).

The organization: `o-rampartbench01`, 200 resources per account (1,000 resources = 5 accounts,
100,000 = 500; `--per-account`), every account directly under the root, the AWS-managed SCP
FullAWSAccess and the RCP RCPFullAWSAccess attached to the root (so the RCP layer is known and
allows). Account ids are 4100000000NN (the first is the management account); partners outside
the organization are 9000000000KK (40 of them).

Resource types, by share of the resources: IAM roles 30 % (trust policies, in each account's
`get-account-authorization-details.json`), S3 buckets 25 %, Secrets Manager secrets 10 %,
KMS keys 10 %, SQS queues 10 %, SNS topics 8 %, Lambda functions 7 %, in us-east-1 and
eu-west-1.

`--mix realistic`, what an organization looks like: 95 % of the policies come from a handful of
common templates per type, filled in with the resource's own ARN and account and with values
that vary per account or among a few hub accounts (so many resources share a policy up to their
own account and name, and a few hundred variants exist at 100,000 resources):
- buckets: deny-insecure-transport (`aws:SecureTransport` false), read for the organization only
  (`aws:PrincipalOrgID`), CloudFront origin access control (`cloudfront.amazonaws.com` pinned by
  `AWS:SourceArn` to a distribution of the account), cross-account read by a hub account of the
  organization — each with the TLS deny beside it in half the cases;
- queues: SNS fan-out (`sns.amazonaws.com` pinned by `aws:SourceArn` to a topic of the
  account), send for the organization only;
- topics: the AWS default topic policy (`AWS:SourceOwner` = the account), publish by
  `events.amazonaws.com` pinned by `aws:SourceAccount`;
- keys: the default key policy, use by the organization (`aws:PrincipalOrgID`);
- roles: service roles (Lambda, EC2, ECS tasks), cross-account roles assumed from a hub account;
- secrets: read by a hub account's role, read within the organization only;
- functions: invoked by S3 (`aws:SourceAccount`, `aws:SourceArn` of a bucket of the account),
  by API Gateway (`aws:SourceArn` of an API of the account).
None of these grants anyone outside the organization: they are NO_EXTERNAL_ACCESS.

The other 5 % are distinct policies: the same shapes with values of their own (a distribution,
a topic, a rule or an API id, a path prefix, a role name drawn per resource), so that no two
of them are equal even up to their resource's account and name. Half of the distinct ones (2.5 %
of the resources) also grant access outside the organization — these are the snapshot's findings, planted one or two
per resource: a partner account reading a prefix of a bucket, sending to a queue, publishing to
a topic, decrypting with a key, reading a secret or invoking a function; a partner assuming a
role with an `sts:ExternalId`; everyone reading a bucket prefix or sending to a queue (public).

`--mix distinct`: every policy is a distinct one as above (the worst case for the analysis cache:
nothing is shared), with the same share of planted findings (2.5 % of the resources;
`--outside-share` changes it in either mix, e.g. for tests that want many findings).

Besides the snapshot the generator writes `OUT_DIR/expected-findings.json` — the findings it
planted, in the format of the models' `expected-findings.json` (resource, principal,
principalKind, actions, conditions, isPublic, source) — read by ScanTests
(`GeneratedOrganizationScanTests`), which scans a small snapshot and compares, and by run.sh
after every benchmark run. `rampart scan` ignores files at the top of a snapshot other than its
own (as the models' `expected-findings.json`); `--expected FILE` puts it elsewhere.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from seeded import SplitMix64, document  # noqa: E402 (Benchmarks/python/seeded.py)

ORG_ID = "o-rampartbench01"
ROOT_ID = "r-rb01"
ACCOUNT_BASE = 410000000001
PARTNERS = [str(900000000001 + k) for k in range(40)]
REGIONS = ["us-east-1", "eu-west-1"]
# (type, share in thousandths); the last takes the remainder.
TYPES = [("role", 300), ("bucket", 250), ("secret", 100), ("key", 100), ("queue", 100), ("topic", 80), ("function", 70)]
DISTINCT_SHARE = 50      # thousandths of the resources with a distinct policy in the realistic mix
OUTSIDE_SHARE = 25       # thousandths of the resources whose (distinct) policy also grants access outside (--outside-share)


def deny_insecure_transport(arns):
    return {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": arns,
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}}


def finding(resource, principal, kind, actions, conditions=(), public=False):
    return {"resource": resource, "principal": principal, "principalKind": kind, "actions": sorted(actions),
            "conditions": list(conditions), "isPublic": public, "source": "POLICY"}


class Organization:
    def __init__(self, resources, mix, seed, per_account, outside_share=OUTSIDE_SHARE):
        self.random = SplitMix64(seed)
        # Outside grants are planted in distinct policies only: among the realistic mix's 5 %, a
        # larger share of them.
        self.outside_among_distinct = outside_share if mix == "distinct" else min(1000, outside_share * 1000 // DISTINCT_SHARE)
        self.mix = mix
        self.resources = resources
        self.accounts = [str(ACCOUNT_BASE + k) for k in range(max(1, -(-resources // per_account)))]
        self.hubs = self.accounts[:min(3, len(self.accounts))]
        self.expected = []
        self.roles = {account: [] for account in self.accounts}
        self.files = {}          # path -> JSON value
        self.counts = {"template": 0, "distinct": 0, "outside": 0}

    # -- the plan ---------------------------------------------------------------------------

    def type_of(self, index):
        slot = (index * 7919) % 1000     # a fixed interleaving of the types over the resources
        for name, share in TYPES:
            if slot < share:
                return name
            slot -= share
        return TYPES[-1][0]

    def build(self):
        for index in range(self.resources):
            account = self.accounts[index % len(self.accounts)]
            region = REGIONS[(index // len(self.accounts)) % len(REGIONS)]
            kind = self.type_of(index)
            distinct = self.mix == "distinct" or self.random.below(1000) < DISTINCT_SHARE
            outside = distinct and self.random.below(1000) < self.outside_among_distinct
            self.counts["distinct" if distinct else "template"] += 1
            self.counts["outside"] += 1 if outside else 0
            getattr(self, kind)(index, account, region, distinct, outside)
        for account in self.accounts:
            self.files[f"accounts/{account}/iam/get-account-authorization-details.json"] = {
                "UserDetailList": [], "GroupDetailList": [], "RoleDetailList": self.roles[account], "Policies": []}
        self.organization()

    def other_org_account(self, account):
        hubs = [hub for hub in self.hubs if hub != account] or [account]
        return self.random.pick(hubs)

    # -- one function per resource type: a template, or a distinct policy (maybe with findings) --

    def bucket(self, index, account, region, distinct, outside):
        name = f"rb-{index:06d}-{self.random.token(6)}"
        arn = f"arn:aws:s3:::{name}"
        both = [arn, f"{arn}/*"]
        statements = []
        if not distinct:
            shape = self.random.below(4)
            if shape == 1:
                statements.append({"Sid": "OrganizationRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                                   "Resource": f"{arn}/*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": ORG_ID}}})
            elif shape == 2:
                distribution = f"E{int(account) % 100000:05d}CDN"
                statements.append({"Sid": "AllowCloudFrontServicePrincipal", "Effect": "Allow",
                                   "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject",
                                   "Resource": f"{arn}/*", "Condition": {"StringEquals": {
                                       "AWS:SourceArn": f"arn:aws:cloudfront::{account}:distribution/{distribution}"}}})
            elif shape == 3:
                statements.append({"Sid": "HubRead", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{self.other_org_account(account)}:root"},
                                   "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": both})
            if shape == 0 or self.random.below(2) == 0:
                statements.append(deny_insecure_transport(both))
        else:
            prefix = f"data-{self.random.token()}"
            distribution = f"E{self.random.token(12).upper()}"
            statements.append({"Sid": "AllowCloudFrontServicePrincipal", "Effect": "Allow",
                               "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject",
                               "Resource": f"{arn}/site/*", "Condition": {"StringEquals": {
                                   "AWS:SourceArn": f"arn:aws:cloudfront::{account}:distribution/{distribution}"}}})
            statements.append({"Sid": "HubRead", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{self.other_org_account(account)}:root"},
                               "Action": "s3:GetObject", "Resource": f"{arn}/{prefix}/*"})
            statements.append(deny_insecure_transport(both))
            if outside:
                if self.random.below(4) == 0:
                    statements.append({"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                                       "Resource": f"{arn}/public-{self.random.token()}/*"})
                    self.expected.append(finding(arn, "*", "Everyone", ["s3:GetObject"], public=True))
                else:
                    partner = self.random.pick(PARTNERS)
                    statements.append({"Sid": "PartnerRead", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{partner}:root"},
                                       "Action": "s3:GetObject", "Resource": f"{arn}/{prefix}/exports/*"})
                    self.expected.append(finding(arn, partner, "Account", ["s3:GetObject"]))
        self.files[f"accounts/{account}/s3/{name}.get-bucket-policy.json"] = {"Policy": json.dumps(document(statements))}

    def queue(self, index, account, region, distinct, outside):
        name = f"rq-{index:06d}"
        arn = f"arn:aws:sqs:{region}:{account}:{name}"
        statements = []
        topic = f"arn:aws:sns:{region}:{account}:" + (f"events-{self.random.token()}" if distinct else "events")
        if distinct or self.random.below(2) == 0:
            statements.append({"Sid": "FromTopic", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage",
                               "Resource": arn, "Condition": {"ArnEquals": {"aws:SourceArn": topic}}})
        else:
            statements.append({"Sid": "OrganizationSend", "Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage",
                               "Resource": arn, "Condition": {"StringEquals": {"aws:PrincipalOrgID": ORG_ID}}})
        if outside:
            if self.random.below(4) == 0:
                statements.append({"Sid": "PublicSend", "Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": arn})
                self.expected.append(finding(arn, "*", "Everyone", ["sqs:SendMessage"], public=True))
            else:
                partner = self.random.pick(PARTNERS)
                statements.append({"Sid": "PartnerSend", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{partner}:root"},
                                   "Action": "sqs:SendMessage", "Resource": arn})
                self.expected.append(finding(arn, partner, "Account", ["sqs:SendMessage"]))
        self.files[f"accounts/{account}/sqs/{region}/{name}.get-queue-attributes.json"] = {
            "Attributes": {"QueueArn": arn, "Policy": json.dumps(document(statements))}}

    def topic(self, index, account, region, distinct, outside):
        name = f"rt-{index:06d}"
        arn = f"arn:aws:sns:{region}:{account}:{name}"
        statements = []
        if not distinct and self.random.below(2) == 0:
            statements.append({"Sid": "__default_statement_ID", "Effect": "Allow", "Principal": {"AWS": "*"},
                               "Action": ["SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission",
                                          "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"],
                               "Resource": arn, "Condition": {"StringEquals": {"AWS:SourceOwner": account}}})
        else:
            source = account if not distinct else self.other_org_account(account)
            condition = {"StringEquals": {"aws:SourceAccount": source}}
            if distinct:
                condition["ArnLike"] = {"aws:SourceArn": f"arn:aws:events:{region}:{source}:rule/{self.random.token()}"}
            statements.append({"Sid": "EventsPublish", "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"},
                               "Action": "sns:Publish", "Resource": arn, "Condition": condition})
        if outside:
            partner = self.random.pick(PARTNERS)
            statements.append({"Sid": "PartnerPublish", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{partner}:root"},
                               "Action": "sns:Publish", "Resource": arn})
            self.expected.append(finding(arn, partner, "Account", ["sns:Publish"]))
        self.files[f"accounts/{account}/sns/{region}/{name}.get-topic-attributes.json"] = {
            "Attributes": {"TopicArn": arn, "Policy": json.dumps(document(statements))}}

    def key(self, index, account, region, distinct, outside):
        key_id = "%08x-%04x-4%03x-8%03x-%012x" % (self.random.next() & 0xFFFFFFFF, self.random.below(0x10000), self.random.below(0x1000),
                                                  self.random.below(0x1000), self.random.next() & 0xFFFFFFFFFFFF)
        arn = f"arn:aws:kms:{region}:{account}:key/{key_id}"
        statements = [{"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
                       "Action": "kms:*", "Resource": "*"}]
        if distinct or self.random.below(2) == 0:
            condition = {"StringEquals": {"aws:PrincipalOrgID": ORG_ID}}
            if distinct:
                condition["StringEquals"]["kms:ViaService"] = f"s3.{region}.amazonaws.com"
                condition["StringLike"] = {"kms:EncryptionContext:aws:s3:arn": f"arn:aws:s3:::{self.random.token()}/*"}
            statements.append({"Sid": "OrganizationUse", "Effect": "Allow", "Principal": "*", "Action": ["kms:Decrypt", "kms:DescribeKey"],
                               "Resource": "*", "Condition": condition})
        if outside:
            partner = self.random.pick(PARTNERS)
            statements.append({"Sid": "PartnerDecrypt", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{partner}:root"},
                               "Action": "kms:Decrypt", "Resource": "*"})
            self.expected.append(finding(arn, partner, "Account", ["kms:Decrypt"]))
        self.files[f"accounts/{account}/kms/{region}/{key_id}.get-key-policy.json"] = {
            "Policy": json.dumps(document(statements)), "PolicyName": "default"}

    def role(self, index, account, region, distinct, outside):
        name = f"rr-{index:06d}"
        arn = f"arn:aws:iam::{account}:role/{name}"
        statements = []
        if not distinct:
            shape = self.random.below(4)
            if shape < 3:
                service = ("lambda.amazonaws.com", "ec2.amazonaws.com", "ecs-tasks.amazonaws.com")[shape]
                statements.append({"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"})
            else:
                statements.append({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{self.other_org_account(account)}:role/deployer"},
                                   "Action": "sts:AssumeRole"})
        else:
            hub = self.other_org_account(account)
            statements.append({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{hub}:role/ops-{self.random.token()}"},
                               "Action": "sts:AssumeRole"})
            if outside:
                partner = self.random.pick(PARTNERS)
                external_id = f"rb-{self.random.token(12)}"
                statements.append({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{partner}:root"}, "Action": "sts:AssumeRole",
                                   "Condition": {"StringEquals": {"sts:ExternalId": external_id}}})
                self.expected.append(finding(arn, partner, "Account", ["sts:AssumeRole"], [f"StringEquals sts:ExternalId: {external_id}"]))
        self.roles[account].append({"Path": "/", "RoleName": name, "RoleId": f"AROA{index:017d}", "Arn": arn,
                                    "CreateDate": "2025-01-01T00:00:00+00:00", "AssumeRolePolicyDocument": document(statements),
                                    "InstancePolicyList": [], "RolePolicyList": [], "AttachedManagedPolicies": [], "Tags": []})

    def secret(self, index, account, region, distinct, outside):
        name = f"rs-{index:06d}"
        arn = f"arn:aws:secretsmanager:{region}:{account}:secret:{name}-{self.random.token(6)}"
        if distinct:
            principal = {"AWS": f"arn:aws:iam::{self.other_org_account(account)}:role/reader-{self.random.token()}"}
            statements = [{"Effect": "Allow", "Principal": principal, "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]
        elif self.random.below(2) == 0:
            statements = [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{self.other_org_account(account)}:role/reader"},
                           "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]
        else:
            statements = [{"Effect": "Allow", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*",
                           "Condition": {"StringEquals": {"aws:PrincipalOrgID": ORG_ID}}}]
        if outside:
            partner = self.random.pick(PARTNERS)
            statements.append({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{partner}:root"},
                               "Action": "secretsmanager:GetSecretValue", "Resource": "*"})
            self.expected.append(finding(arn, partner, "Account", ["secretsmanager:GetSecretValue"]))
        self.files[f"accounts/{account}/secretsmanager/{region}/{name}.get-resource-policy.json"] = {
            "ARN": arn, "Name": name, "ResourcePolicy": json.dumps(document(statements))}

    def function(self, index, account, region, distinct, outside):
        name = f"rf-{index:06d}"
        arn = f"arn:aws:lambda:{region}:{account}:function:{name}"
        statements = []
        api = self.random.token() if distinct else "api0000001"
        if distinct or self.random.below(2) == 0:
            statements.append({"Sid": "FromApiGateway", "Effect": "Allow", "Principal": {"Service": "apigateway.amazonaws.com"},
                               "Action": "lambda:InvokeFunction", "Resource": arn,
                               "Condition": {"ArnLike": {"AWS:SourceArn": f"arn:aws:execute-api:{region}:{account}:{api}/*"}}})
        else:
            statements.append({"Sid": "FromS3", "Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"},
                               "Action": "lambda:InvokeFunction", "Resource": arn,
                               "Condition": {"StringEquals": {"AWS:SourceAccount": account},
                                             "ArnLike": {"AWS:SourceArn": "arn:aws:s3:::uploads-*"}}})
        if outside:
            partner = self.random.pick(PARTNERS)
            statements.append({"Sid": "PartnerInvoke", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{partner}:root"},
                               "Action": "lambda:InvokeFunction", "Resource": arn})
            self.expected.append(finding(arn, partner, "Account", ["lambda:InvokeFunction"]))
        self.files[f"accounts/{account}/lambda/{region}/{name}.get-policy.json"] = {
            "Policy": json.dumps(document(statements)), "RevisionId": f"{index:08d}-0000-0000-0000-000000000000"}

    # -- the organization's own files -------------------------------------------------------

    def organization(self):
        management = self.accounts[0]
        prefix = f"arn:aws:organizations::{management}"
        accounts = [{"Id": account, "Arn": f"{prefix}:account/{ORG_ID}/{account}", "Email": f"aws+{account}@bench.example",
                     "Name": f"account-{account}", "Status": "ACTIVE", "JoinedMethod": "CREATED",
                     "JoinedTimestamp": "2024-01-01T00:00:00+00:00"} for account in self.accounts]
        self.files["organization/describe-organization.json"] = {"Organization": {
            "Id": ORG_ID, "Arn": f"{prefix}:organization/{ORG_ID}", "FeatureSet": "ALL",
            "MasterAccountArn": f"{prefix}:account/{ORG_ID}/{management}", "MasterAccountId": management,
            "MasterAccountEmail": f"aws+{management}@bench.example"}}
        self.files["organization/list-accounts.json"] = {"Accounts": accounts}
        self.files["organization/list-roots.json"] = {"Roots": [{"Id": ROOT_ID, "Arn": f"{prefix}:root/{ORG_ID}/{ROOT_ID}", "Name": "Root",
            "PolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}, {"Type": "RESOURCE_CONTROL_POLICY", "Status": "ENABLED"}]}]}
        self.files[f"organization/parents/{ROOT_ID}.list-accounts-for-parent.json"] = {"Accounts": accounts}
        self.files[f"organization/parents/{ROOT_ID}.list-organizational-units-for-parent.json"] = {"OrganizationalUnits": []}
        full = {"Effect": "Allow", "Action": "*", "Resource": "*"}
        for policy_id, name, kind, statement in [("p-FullAWSAccess", "FullAWSAccess", "SERVICE_CONTROL_POLICY", full),
                                                 ("p-rcpfull", "RCPFullAWSAccess", "RESOURCE_CONTROL_POLICY", dict(full, Principal="*"))]:
            self.files[f"organization/policies/{policy_id}.describe-policy.json"] = {"Policy": {
                "PolicySummary": {"Id": policy_id, "Arn": f"{prefix}:policy/{ORG_ID}/{kind.lower()}/{policy_id}", "Name": name,
                                  "Description": name, "Type": kind, "AwsManaged": kind == "SERVICE_CONTROL_POLICY"},
                "Content": json.dumps(document([statement]))}}
            self.files[f"organization/policies/{policy_id}.list-targets-for-policy.json"] = {"Targets": [
                {"TargetId": ROOT_ID, "Arn": f"{prefix}:{ROOT_ID}", "Name": ROOT_ID, "Type": "ROOT"}]}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--resources", type=int, required=True)
    parser.add_argument("--mix", choices=["realistic", "distinct"], default="realistic")
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--per-account", type=int, default=200)
    parser.add_argument("--outside-share", type=int, default=OUTSIDE_SHARE,
                        help="thousandths of the resources granting access outside (default 25; at most 50 in the realistic mix)")
    parser.add_argument("--expected", help="where to write the planted findings (default: OUT/expected-findings.json)")
    arguments = parser.parse_args()
    if arguments.resources < 1 or arguments.per_account < 1:
        parser.error("--resources and --per-account must be at least 1")
    if os.path.exists(arguments.out) and os.listdir(arguments.out):
        parser.error(f"{arguments.out} exists and is not empty")
    organization = Organization(arguments.resources, arguments.mix, arguments.seed, arguments.per_account, arguments.outside_share)
    organization.build()
    organization.files["model.json"] = {"name": f"org-{arguments.mix}-{arguments.resources}",
                                        "description": "Benchmarks/org-scale/make-organization.py: a generated organization for the end-to-end scan benchmark."}
    for path, value in sorted(organization.files.items()):
        full = os.path.join(arguments.out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as handle:
            json.dump(value, handle, indent=1)
    expected = arguments.expected or os.path.join(arguments.out, "expected-findings.json")
    with open(expected, "w", encoding="utf-8") as handle:
        json.dump({"zone": "organization", "findings": sorted(organization.expected, key=lambda f: (f["resource"], f["principal"]))},
                  handle, indent=1)
    counts = organization.counts
    print(f"{arguments.out}: {arguments.resources} resources in {len(organization.accounts)} accounts, {arguments.mix} mix: "
          f"{counts['template']} from templates, {counts['distinct']} distinct, {counts['outside']} granting outside access, "
          f"{len(organization.expected)} findings planted")


if __name__ == "__main__":
    main()

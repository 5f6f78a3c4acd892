#!/usr/bin/env python3
"""Writes a generated organization snapshot for the access-paths benchmark (issue 18 item 6;
docs/BENCHMARKS.md, "Access paths (issue 18)"), in the on-disk layout `rampart scan`,
`rampart who-can` and `rampart what-can` read (docs/SNAPSHOT.md).

    Benchmarks/access-paths/make-organization.py OUT_DIR [--accounts 5] [--roles 100] [--users 500]
        [--resources 1000] [--chains N] [--decoys N] [--seed 20261207] [--expected FILE]

Deterministic: the same arguments write the same bytes (SplitMix64, Benchmarks/python/seeded.py).

The organization `o-rampartpath1`: accounts 4200000000NN (the first is the management account),
all under the root, with the AWS-managed SCP FullAWSAccess and the RCP RCPFullAWSAccess. Partners
outside: 9100000000KK.

Identity side, per account (`accounts/ID/iam/get-account-authorization-details.json`):
- shared managed policies: four customer managed policies per account (`CmpLogs`: logs and
  CloudWatch; `CmpDev`: EC2/Lambda describe and list; `CmpAppRead`: `s3:GetObject` on the
  account's `app-*` buckets and `sqs:SendMessage` to its `app-*` queues; `CmpAssumeWorkload`:
  `sts:AssumeRole` on the account's `wl-*` roles) and the AWS-managed `ViewOnlyAccess` (a
  shortened document, listed in `Policies` so nothing is unknown), attached to many principals;
- groups `Developers`, `Operators`, `Auditors` with those policies; users in one or two groups,
  one in ten with an inline policy of its own;
- workload roles `wl-*` trusting a service (Lambda, EC2, ECS tasks) or the account (`root`), with
  one to three of the shared policies; deployer roles `dp-*` trusting a hub account's
  `deployer` role; inside role chains `ch-*` (a role trusting the previous one) and cycles
  `cy-*` (pairs trusting each other) — all inside the organization.

Resources (`--resources`, including the chains' targets): S3 buckets 40 % (one in eight with a policy:
TLS deny and organization-only read; every bucket with its Block Public Access file), SQS queues
20 % (SNS fan-out policy), KMS keys 15 % (the default key policy), Secrets Manager secrets 25 %
(seven in eight without a policy, one in eight organization-only). Nothing of the pool grants outside the
organization.

Planted chains (`--chains`, default max(4, 2 × accounts)), kind = chain index mod 4, each
entered by a partner through a role `pe-*` whose trust needs an `sts:ExternalId`:
  0. partner → pe (inline `s3:GetObject` on a bucket of its account without a policy) → bucket;
  1. partner → pe → pm (trusts pe) → pd (trusts pm; `secretsmanager:GetSecretValue`) → secret;
  2. partner → pe → pd (`kms:Decrypt`) → key with the default key policy;
  3. partner → pe → pd in the NEXT account (trust names pe; cross-account) → a queue of that
     account (no policy: same account as pd, its identity policy suffices).
Decoys (`--decoys`, default max(5, 2 × accounts)), kind = index mod 5, entered the same way and
reaching nothing:
  0. pe may assume a role whose trust names another role only;
  1. pe → pd allowed `s3:GetObject` on a bucket whose policy denies pd;
  2. pe → pd whose permissions boundary allows only `sqs:*`, its inline allows s3 on a bucket;
  3. pe → a cycle of two roles trusting each other, with no other permission;
  4. pe with `CmpLogs` only.

Organization-shared resources (one in eight pool buckets and secrets: a policy granting
`Principal: "*"` under `aws:PrincipalOrgID`) are reachable through roles too, on purpose: a
partner's session of a role is a principal of the organization, and in the role's own account the
resource policy alone allows ("Policy evaluation logic", same account). `orgShared` lists those of
every account holding a role outside principals may enter (`exposedAccounts`); across accounts the
identity side must allow as well, which no entered role's does.

Expectations (`OUT_DIR/expected-chains.json`, or `--expected FILE`): `entries` (each pe role and
its ExternalId: the scan's POLICY findings, one per entry role), `chains` (each planted chain: the
resource, the roles of the path, the partner) and `decoys` (the resource or role each decoy
aims at, which must not be reachable). Exact by construction: no other role outside principals
may assume exists, and pe/pm/pd roles carry no shared policy.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from seeded import SplitMix64, document  # noqa: E402 (Benchmarks/python/seeded.py)

ORG_ID = "o-rampartpath1"
ROOT_ID = "r-rp01"
ACCOUNT_BASE = 420000000000
PARTNERS = [str(910000000000 + k) for k in range(1, 21)]
REGIONS = ["us-east-1", "eu-west-1"]
SERVICES = ["lambda.amazonaws.com", "ec2.amazonaws.com", "ecs-tasks.amazonaws.com"]
DATE = "2025-01-01T00:00:00+00:00"


def allow(actions, resources):
    return {"Effect": "Allow", "Action": actions, "Resource": resources}


def managed(arn, name, statements):
    return {"PolicyName": name, "PolicyId": "ANPA" + name.upper()[:16].ljust(16, "X"), "Arn": arn, "Path": "/",
            "DefaultVersionId": "v1", "AttachmentCount": 1, "PermissionsBoundaryUsageCount": 0, "IsAttachable": True,
            "CreateDate": DATE, "UpdateDate": DATE,
            "PolicyVersionList": [{"Document": document(statements), "VersionId": "v1", "IsDefaultVersion": True, "CreateDate": DATE}]}


VIEW_ONLY = "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"


class Organization:
    def __init__(self, args):
        self.random = SplitMix64(args.seed)
        self.args = args
        self.accounts = [str(ACCOUNT_BASE + k) for k in range(args.accounts)]
        self.iam = {a: {"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [], "Policies": []} for a in self.accounts}
        self.files = {}
        self.expected = {"entries": [], "chains": [], "decoys": []}
        self.role_count = 0
        self.resource_count = 0
        self.serial = 0
        self.org_shared = {}     # account -> resources whose policy grants the organization (aws:PrincipalOrgID)
        self.exposed = set()     # accounts holding a role whose sessions outside principals may obtain

    # -- helpers ------------------------------------------------------------------------------

    def next_serial(self):
        self.serial += 1
        return self.serial

    def role(self, account, name, trust, inline=(), attached=(), boundary=None):
        arn = f"arn:aws:iam::{account}:role/{name}"
        detail = {"Path": "/", "RoleName": name, "RoleId": f"AROA{self.next_serial():017d}", "Arn": arn, "CreateDate": DATE,
                  "AssumeRolePolicyDocument": document(trust), "InstanceProfileList": [],
                  "RolePolicyList": [{"PolicyName": "inline", "PolicyDocument": document(list(inline))}] if inline else [],
                  "AttachedManagedPolicies": [{"PolicyName": p.rsplit("/", 1)[1], "PolicyArn": p} for p in attached],
                  "Tags": [], "RoleLastUsed": {}}
        if boundary:
            detail["PermissionsBoundary"] = {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": boundary}
        self.iam[account]["RoleDetailList"].append(detail)
        self.role_count += 1
        return arn

    def trust_aws(self, principal, condition=None):
        statement = {"Effect": "Allow", "Principal": {"AWS": principal}, "Action": "sts:AssumeRole"}
        if condition:
            statement["Condition"] = condition
        return statement

    def bucket(self, account, name, policy=None):
        self.files[f"accounts/{account}/s3/{name}.get-public-access-block.json"] = {"PublicAccessBlockConfiguration": {
            "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True}}
        if policy:
            self.files[f"accounts/{account}/s3/{name}.get-bucket-policy.json"] = {"Policy": json.dumps(document(policy))}
        self.resource_count += 1
        return f"arn:aws:s3:::{name}"

    def queue(self, account, region, name, policy=None):
        arn = f"arn:aws:sqs:{region}:{account}:{name}"
        attributes = {"QueueArn": arn}
        if policy:
            attributes["Policy"] = json.dumps(document(policy))
        self.files[f"accounts/{account}/sqs/{region}/{name}.get-queue-attributes.json"] = {"Attributes": attributes}
        self.resource_count += 1
        return arn

    def key(self, account, region):
        key_id = "%08x-%04x-4%03x-8%03x-%012x" % (self.random.next() & 0xFFFFFFFF, self.random.below(0x10000), self.random.below(0x1000),
                                                  self.random.below(0x1000), self.random.next() & 0xFFFFFFFFFFFF)
        policy = [{"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
                   "Action": "kms:*", "Resource": "*"}]
        self.files[f"accounts/{account}/kms/{region}/{key_id}.get-key-policy.json"] = {"Policy": json.dumps(document(policy)),
                                                                                      "PolicyName": "default"}
        self.resource_count += 1
        return f"arn:aws:kms:{region}:{account}:key/{key_id}"

    def secret(self, account, region, name, policy=None):
        arn = f"arn:aws:secretsmanager:{region}:{account}:secret:{name}-{self.random.token(6)}"
        value = {"ARN": arn, "Name": name}
        if policy:
            value["ResourcePolicy"] = json.dumps(document(policy))
        self.files[f"accounts/{account}/secretsmanager/{region}/{name}.get-resource-policy.json"] = value
        self.resource_count += 1
        return arn

    def entry(self, account, name, inline=(), attached=()):
        partner = self.random.pick(PARTNERS)
        external_id = f"xid-{self.random.token(12)}"
        arn = self.role(account, name, [self.trust_aws(f"arn:aws:iam::{partner}:root", {"StringEquals": {"sts:ExternalId": external_id}})],
                        inline, attached)
        self.expected["entries"].append({"role": arn, "partner": partner, "externalId": external_id})
        self.exposed.add(account)
        return arn, partner

    # -- the plan -----------------------------------------------------------------------------

    def build(self):
        args = self.args
        for account in self.accounts:
            self.shared_policies(account)
        for index in range(args.chains):
            self.chain(index)
        for index in range(args.decoys):
            self.decoy(index)
        self.groups_and_users()
        self.filler_roles()
        self.pool()
        for account in self.accounts:
            self.files[f"accounts/{account}/iam/get-account-authorization-details.json"] = self.iam[account]
        self.organization()
        # A session of a role a partner entered is a principal of the organization: a policy that
        # grants the organization (`aws:PrincipalOrgID`) in the session's own account suffices
        # there (same account: either side allows), so every organization-shared resource of an
        # exposed account is reachable from outside through roles. Planted on purpose.
        self.expected["orgShared"] = sorted(arn for account in sorted(self.exposed) for arn in self.org_shared.get(account, []))
        self.expected["exposedAccounts"] = sorted(self.exposed)

    def shared_policies(self, account):
        policies = self.iam[account]["Policies"]
        cmp = f"arn:aws:iam::{account}:policy/"
        policies.append(managed(cmp + "CmpLogs", "CmpLogs", [allow(["logs:*", "cloudwatch:*"], "*")]))
        policies.append(managed(cmp + "CmpDev", "CmpDev", [allow(["ec2:Describe*", "lambda:List*", "lambda:Get*"], "*")]))
        policies.append(managed(cmp + "CmpAppRead", "CmpAppRead", [
            allow("s3:GetObject", f"arn:aws:s3:::app-{account}-*/*"),
            allow("sqs:SendMessage", f"arn:aws:sqs:*:{account}:app-*")]))
        policies.append(managed(cmp + "CmpAssumeWorkload", "CmpAssumeWorkload", [allow("sts:AssumeRole", f"arn:aws:iam::{account}:role/wl-*")]))
        policies.append(managed(cmp + "QueuesOnly", "QueuesOnly", [allow("sqs:*", "*")]))
        # AWS managed, shortened; in Policies so its document is known.
        policies.append(managed(VIEW_ONLY, "ViewOnlyAccess", [allow(["ec2:Describe*", "s3:ListAllMyBuckets", "sqs:ListQueues",
                                                                    "kms:ListKeys", "secretsmanager:ListSecrets", "iam:List*"], "*")]))

    def chain(self, index):
        kind = index % 4
        account = self.accounts[index % len(self.accounts)]
        region = REGIONS[index % 2]
        tag = f"{index:04d}"
        if kind == 0:
            target = self.bucket(account, f"pb-{account}-{tag}")
            entry, partner = self.entry(account, f"pe-{tag}", [allow("s3:GetObject", f"{target}/*")])
            roles = [entry]
        elif kind == 1:
            pe = f"arn:aws:iam::{account}:role/pe-{tag}"
            pm = f"arn:aws:iam::{account}:role/pm-{tag}"
            pd = f"arn:aws:iam::{account}:role/pd-{tag}"
            target = self.secret(account, region, f"ps-{tag}")
            entry, partner = self.entry(account, f"pe-{tag}", [allow("sts:AssumeRole", pm)])
            self.role(account, f"pm-{tag}", [self.trust_aws(pe)], [allow("sts:AssumeRole", pd)])
            self.role(account, f"pd-{tag}", [self.trust_aws(pm)], [allow("secretsmanager:GetSecretValue", target)])
            roles = [pe, pm, pd]
        elif kind == 2:
            pe = f"arn:aws:iam::{account}:role/pe-{tag}"
            pd = f"arn:aws:iam::{account}:role/pd-{tag}"
            target = self.key(account, region)
            entry, partner = self.entry(account, f"pe-{tag}", [allow("sts:AssumeRole", pd)])
            self.role(account, f"pd-{tag}", [self.trust_aws(pe)], [allow("kms:Decrypt", target)])
            roles = [pe, pd]
        else:
            other = self.accounts[(index + 1) % len(self.accounts)]
            pe = f"arn:aws:iam::{account}:role/pe-{tag}"
            pd = f"arn:aws:iam::{other}:role/pd-{tag}"
            target = self.queue(other, region, f"pq-{tag}")
            entry, partner = self.entry(account, f"pe-{tag}", [allow("sts:AssumeRole", pd)])
            self.role(other, f"pd-{tag}", [self.trust_aws(pe)], [allow("sqs:SendMessage", target)])
            self.exposed.add(other)
            roles = [pe, pd]
        self.expected["chains"].append({"resource": target, "kind": kind, "partner": partner, "roles": roles})

    def decoy(self, index):
        kind = index % 5
        account = self.accounts[index % len(self.accounts)]
        tag = f"{index:04d}"
        pe = f"arn:aws:iam::{account}:role/de-{tag}"
        pd = f"arn:aws:iam::{account}:role/dd-{tag}"
        if kind == 0:
            self.entry(account, f"de-{tag}", [allow("sts:AssumeRole", pd)])
            self.role(account, f"dd-{tag}", [self.trust_aws(f"arn:aws:iam::{account}:role/dx-{tag}")], [allow("s3:*", "*")])
            aim = pd
        elif kind == 1:
            name = f"db-{account}-{tag}"
            target = f"arn:aws:s3:::{name}"
            self.bucket(account, name, [{"Sid": "DenyDecoy", "Effect": "Deny", "Principal": {"AWS": pd}, "Action": "s3:*",
                                         "Resource": [target, f"{target}/*"]}])
            self.entry(account, f"de-{tag}", [allow("sts:AssumeRole", pd)])
            self.role(account, f"dd-{tag}", [self.trust_aws(pe)], [allow("s3:GetObject", f"{target}/*")])
            aim = target
        elif kind == 2:
            target = self.bucket(account, f"db-{account}-{tag}")
            self.entry(account, f"de-{tag}", [allow("sts:AssumeRole", pd)])
            self.role(account, f"dd-{tag}", [self.trust_aws(pe)], [allow("s3:*", [target, f"{target}/*"])],
                      boundary=f"arn:aws:iam::{account}:policy/QueuesOnly")
            aim = target
        elif kind == 3:
            loop_a = f"arn:aws:iam::{account}:role/dl-{tag}-a"
            loop_b = f"arn:aws:iam::{account}:role/dl-{tag}-b"
            self.entry(account, f"de-{tag}", [allow("sts:AssumeRole", loop_a)])
            self.role(account, f"dl-{tag}-a", [self.trust_aws(pe), self.trust_aws(loop_b)], [allow("sts:AssumeRole", loop_b)])
            self.role(account, f"dl-{tag}-b", [self.trust_aws(loop_a)], [allow("sts:AssumeRole", loop_a)])
            aim = loop_a
        else:
            self.entry(account, f"de-{tag}", attached=[f"arn:aws:iam::{account}:policy/CmpLogs"])
            aim = pe
        self.expected["decoys"].append({"kind": kind, "entry": pe, "aim": aim})

    def groups_and_users(self):
        per_account = [self.args.users // len(self.accounts) + (1 if k < self.args.users % len(self.accounts) else 0)
                       for k in range(len(self.accounts))]
        for account, count in zip(self.accounts, per_account):
            cmp = f"arn:aws:iam::{account}:policy/"
            groups = {"Developers": [cmp + "CmpDev", cmp + "CmpAppRead", VIEW_ONLY],
                      "Operators": [cmp + "CmpLogs", cmp + "CmpAssumeWorkload", VIEW_ONLY],
                      "Auditors": [VIEW_ONLY]}
            for name, attached in groups.items():
                self.iam[account]["GroupDetailList"].append({
                    "Path": "/", "GroupName": name, "GroupId": f"AGPA{self.next_serial():017d}",
                    "Arn": f"arn:aws:iam::{account}:group/{name}", "CreateDate": DATE, "GroupPolicyList": [],
                    "AttachedManagedPolicies": [{"PolicyName": p.rsplit("/", 1)[1], "PolicyArn": p} for p in attached]})
            names = list(groups)
            for u in range(count):
                member = [names[self.random.below(3)]]
                if self.random.below(3) == 0:
                    member.append(names[(names.index(member[0]) + 1) % 3])
                inline = []
                if self.random.below(10) == 0:
                    inline = [{"PolicyName": "own", "PolicyDocument": document([allow("sqs:SendMessage", f"arn:aws:sqs:*:{account}:app-*")])}]
                name = f"u-{account[-4:]}-{u:05d}"
                self.iam[account]["UserDetailList"].append({
                    "Path": "/", "UserName": name, "UserId": f"AIDA{self.next_serial():017d}",
                    "Arn": f"arn:aws:iam::{account}:user/{name}", "CreateDate": DATE, "GroupList": member,
                    "UserPolicyList": inline, "AttachedManagedPolicies": [], "Tags": []})

    def filler_roles(self):
        remaining = max(0, self.args.roles - self.role_count)
        hubs = self.accounts[:min(2, len(self.accounts))]
        for hub in hubs:
            self.role(hub, "deployer", [self.trust_aws(f"arn:aws:iam::{hub}:root")],
                      [allow("sts:AssumeRole", "arn:aws:iam::*:role/dp-*")], [VIEW_ONLY])
            remaining -= 1
        index = 0
        previous = {}
        while remaining > 0:
            account = self.accounts[index % len(self.accounts)]
            cmp = f"arn:aws:iam::{account}:policy/"
            shape = self.random.below(10)
            attached = sorted({self.random.pick([cmp + "CmpLogs", cmp + "CmpDev", cmp + "CmpAppRead", VIEW_ONLY])
                               for _ in range(1 + self.random.below(3))})
            if shape < 5:
                trust = [{"Effect": "Allow", "Principal": {"Service": self.random.pick(SERVICES)}, "Action": "sts:AssumeRole"}]
                if shape == 4:
                    trust = [self.trust_aws(f"arn:aws:iam::{account}:root")]
                self.role(account, f"wl-{index:05d}", trust, attached=attached)
                remaining -= 1
            elif shape < 7:
                hub = self.random.pick(hubs)
                self.role(account, f"dp-{index:05d}", [self.trust_aws(f"arn:aws:iam::{hub}:role/deployer")], attached=attached)
                remaining -= 1
            elif shape < 9:
                # An inside chain: this role trusts the previous ch- role of its account, which may assume it.
                before = previous.get(account)
                trust = [self.trust_aws(before)] if before else [self.trust_aws(f"arn:aws:iam::{account}:root")]
                name = f"ch-{index:05d}"
                inline = [allow("sts:AssumeRole", f"arn:aws:iam::{account}:role/ch-*")]
                previous[account] = self.role(account, name, trust, inline, attached)
                remaining -= 1
            elif remaining >= 2:
                a = f"arn:aws:iam::{account}:role/cy-{index:05d}-a"
                b = f"arn:aws:iam::{account}:role/cy-{index:05d}-b"
                self.role(account, f"cy-{index:05d}-a", [self.trust_aws(b)], [allow("sts:AssumeRole", b)], attached)
                self.role(account, f"cy-{index:05d}-b", [self.trust_aws(a)], [allow("sts:AssumeRole", a)], attached)
                remaining -= 2
            index += 1

    def pool(self):
        remaining = max(0, self.args.resources - self.resource_count)
        for index in range(remaining):
            account = self.accounts[index % len(self.accounts)]
            region = REGIONS[(index // len(self.accounts)) % 2]
            slot = (index * 7919) % 100
            app = self.random.below(4) == 0
            name = (f"app-{account}-{index:06d}" if app else f"r-{account}-{index:06d}")
            if slot < 40:
                arn = f"arn:aws:s3:::{name}"
                policy = None
                if self.random.below(8) == 0:
                    self.org_shared.setdefault(account, []).append(arn)
                    policy = [{"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                               "Resource": [arn, f"{arn}/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
                              {"Sid": "OrganizationRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                               "Resource": f"{arn}/*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": ORG_ID}}}]
                self.bucket(account, name, policy)
            elif slot < 60:
                qname = ("app-" if app else "q-") + f"{index:06d}"
                arn = f"arn:aws:sqs:{region}:{account}:{qname}"
                self.queue(account, region, qname, [{"Sid": "FromTopic", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"},
                                                     "Action": "sqs:SendMessage", "Resource": arn,
                                                     "Condition": {"ArnEquals": {"aws:SourceArn": f"arn:aws:sns:{region}:{account}:events"}}}])
            elif slot < 75:
                self.key(account, region)
            else:
                policy = None
                if self.random.below(8) == 0:
                    policy = [{"Effect": "Allow", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*",
                               "Condition": {"StringEquals": {"aws:PrincipalOrgID": ORG_ID}}}]
                arn = self.secret(account, region, f"s-{index:06d}", policy)
                if policy:
                    self.org_shared.setdefault(account, []).append(arn)

    def organization(self):
        management = self.accounts[0]
        prefix = f"arn:aws:organizations::{management}"
        accounts = [{"Id": a, "Arn": f"{prefix}:account/{ORG_ID}/{a}", "Email": f"aws+{a}@paths.example", "Name": f"account-{a}",
                     "Status": "ACTIVE", "JoinedMethod": "CREATED", "JoinedTimestamp": "2024-01-01T00:00:00+00:00"} for a in self.accounts]
        self.files["organization/describe-organization.json"] = {"Organization": {
            "Id": ORG_ID, "Arn": f"{prefix}:organization/{ORG_ID}", "FeatureSet": "ALL",
            "MasterAccountArn": f"{prefix}:account/{ORG_ID}/{management}", "MasterAccountId": management,
            "MasterAccountEmail": f"aws+{management}@paths.example"}}
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
                                  "Description": name, "Type": kind, "AwsManaged": True},
                "Content": json.dumps(document([statement]))}}
            # As AWS attaches them: on the root and on every account (an SCP must allow at every
            # level of the path; an account with none would leave its SCPs not known).
            self.files[f"organization/policies/{policy_id}.list-targets-for-policy.json"] = {"Targets": [
                {"TargetId": ROOT_ID, "Arn": f"{prefix}:{ROOT_ID}", "Name": ROOT_ID, "Type": "ROOT"}] + [
                {"TargetId": a, "Arn": f"{prefix}:{a}", "Name": a, "Type": "ACCOUNT"} for a in self.accounts]}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--accounts", type=int, default=5)
    parser.add_argument("--roles", type=int, default=100)
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--resources", type=int, default=1000)
    parser.add_argument("--chains", type=int)
    parser.add_argument("--decoys", type=int)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--expected", help="where to write the expectations (default: OUT/expected-chains.json)")
    args = parser.parse_args()
    if args.accounts < 2:
        parser.error("--accounts must be at least 2 (chains of kind 3 cross accounts)")
    args.chains = max(4, 2 * args.accounts) if args.chains is None else args.chains
    args.decoys = max(5, 2 * args.accounts) if args.decoys is None else args.decoys
    if os.path.exists(args.out) and os.listdir(args.out):
        parser.error(f"{args.out} exists and is not empty")
    organization = Organization(args)
    organization.build()
    organization.files["model.json"] = {"name": f"access-paths-{args.accounts}-{args.roles}-{args.users}-{args.resources}",
                                        "description": "Benchmarks/access-paths/make-organization.py: a generated organization for the access-paths benchmark."}
    for path, value in sorted(organization.files.items()):
        full = os.path.join(args.out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as handle:
            json.dump(value, handle, indent=1)
    expected = dict(organization.expected, zone="organization", roles=organization.role_count,
                    users=args.users, resources=organization.resource_count, accounts=args.accounts)
    with open(args.expected or os.path.join(args.out, "expected-chains.json"), "w", encoding="utf-8") as handle:
        json.dump(expected, handle, indent=1)
    print(f"{args.out}: {args.accounts} accounts, {organization.role_count} roles, {args.users} users, "
          f"{organization.resource_count} resources (roles not counted); {len(organization.expected['chains'])} chains planted, "
          f"{len(organization.expected['decoys'])} decoys, {len(organization.expected['entries'])} roles outside principals may assume, "
          f"{len(organization.expected['orgShared'])} organization-shared resources reachable through them")


if __name__ == "__main__":
    main()

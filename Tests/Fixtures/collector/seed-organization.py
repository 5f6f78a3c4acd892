#!/usr/bin/env python3
"""Seeds a moto_server with an organization for Tests/ScanTests/CollectorTests (and the collection
benchmark): the management account (moto's default, 123456789012) and three members, resources of
every type the collector reads in two regions. Prints the account ids as JSON on standard output.

    seed-organization.py ENDPOINT [--bulk N]

Member A shares each resource with account 999988887777 (outside the organization) or with
everyone; member B holds the same kinds of resources shared only inside the organization, a public
bucket under account-level Block Public Access, and nothing else external; member C (whose role the
test's proxy refuses to let anyone assume) holds a public bucket. --bulk N adds N queues, N topics
and N buckets (no policies) to the management account, for the collection benchmark.
"""
import io
import json
import sys
import time
import urllib.parse
import zipfile

import boto3

endpoint = sys.argv[1]
bulk = int(sys.argv[sys.argv.index("--bulk") + 1]) if "--bulk" in sys.argv else 0
REGIONS = ["us-east-1", "eu-west-1"]
OUTSIDE = "999988887777"


def session_for(account=None):
    if account is None:
        return boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", aws_session_token="testing")
    sts = boto3.client("sts", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing",
                       aws_secret_access_key="testing", aws_session_token="testing")
    c = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/OrganizationAccountAccessRole", RoleSessionName="seed")["Credentials"]
    return boto3.session.Session(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"],
                                 aws_session_token=c["SessionToken"])


def client(session, service, region="us-east-1"):
    made = session.client(service, endpoint_url=endpoint, region_name=region)
    if service == "s3control":
        # S3 Control puts the account id in the host name; the emulator is one host.
        target = urllib.parse.urlsplit(endpoint)

        def to_endpoint(request, **_):
            parts = urllib.parse.urlsplit(request.url)
            request.url = urllib.parse.urlunsplit((target.scheme, target.netloc, parts.path, parts.query, parts.fragment))
        made.meta.events.register("before-send.s3-control", to_endpoint)
    return made


def policy(statement):
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def grant(principal, action, resource):
    who = "*" if principal == "*" else {"AWS": f"arn:aws:iam::{principal}:root"}
    return policy({"Effect": "Allow", "Principal": who, "Action": action, "Resource": resource})


management = session_for()
org = client(management, "organizations")
org.create_organization(FeatureSet="ALL")
root = org.list_roots()["Roots"][0]["Id"]
unit = org.create_organizational_unit(ParentId=root, Name="Workloads")["OrganizationalUnit"]["Id"]
members = []
for label in ("a", "b", "c"):
    status = org.create_account(AccountName=f"member-{label}", Email=f"{label}@example.com")["CreateAccountStatus"]
    members.append(status["AccountId"])
for member in members[:2]:
    org.move_account(AccountId=member, SourceParentId=root, DestinationParentId=unit)
scp = org.create_policy(Name="deny-leave", Type="SERVICE_CONTROL_POLICY", Description="",
                        Content=policy({"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}))["Policy"]
org.attach_policy(PolicyId=scp["PolicySummary"]["Id"], TargetId=unit)
a, b, c = members
mine = "123456789012"


def seed(account, session, share):
    """Every resource type, shared with `share(kind)`: a principal (account id or '*') or None for private."""
    s3 = client(session, "s3")
    s3.create_bucket(Bucket=f"public-{account}")
    s3.put_bucket_policy(Bucket=f"public-{account}", Policy=grant("*", "s3:GetObject", f"arn:aws:s3:::public-{account}/*"))
    s3.create_bucket(Bucket=f"private-{account}")
    iam = client(session, "iam")
    who = share("role")
    if who:
        iam.create_role(RoleName="partner", AssumeRolePolicyDocument=policy(
            {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{who}:root"}, "Action": "sts:AssumeRole"}))
    iam.create_role(RoleName="lambda-runner", AssumeRolePolicyDocument=policy(
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}))
    east, west = REGIONS
    # us-east-1: KMS key, queue, topic, EFS file system, EBS snapshots, a secret.
    kms = client(session, "kms", east)
    key = kms.create_key(Description="shared key")["KeyMetadata"]["KeyId"]
    kms.put_key_policy(KeyId=key, PolicyName="default", Policy=policy(
        {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{share('key') or account}:root"}, "Action": "kms:Decrypt", "Resource": "*"}))
    sqs = client(session, "sqs", east)
    sqs.create_queue(QueueName="jobs", Attributes={"Policy": grant(share("queue") or account, "sqs:SendMessage",
                                                                    f"arn:aws:sqs:{east}:{account}:jobs")})
    sns = client(session, "sns", east)
    topic = sns.create_topic(Name="alerts")["TopicArn"]
    sns.set_topic_attributes(TopicArn=topic, AttributeName="Policy", AttributeValue=grant(share("topic") or account, "sns:Publish", topic))
    efs = client(session, "efs", east)
    fs = efs.create_file_system(CreationToken="shared-fs")["FileSystemId"]
    efs.put_file_system_policy(FileSystemId=fs, Policy=grant(share("efs") or account, "elasticfilesystem:ClientMount",
                                                              f"arn:aws:elasticfilesystem:{east}:{account}:file-system/{fs}"))
    ec2 = client(session, "ec2", east)
    volume = ec2.create_volume(AvailabilityZone=f"{east}a", Size=1)["VolumeId"]
    for label in ("snapshot-account", "snapshot-all"):
        snapshot = ec2.create_snapshot(VolumeId=volume, Description=label)["SnapshotId"]
        target = share(label)
        if target == "*":
            ec2.modify_snapshot_attribute(SnapshotId=snapshot, Attribute="createVolumePermission", OperationType="add", GroupNames=["all"])
        elif target:
            ec2.modify_snapshot_attribute(SnapshotId=snapshot, Attribute="createVolumePermission", OperationType="add", UserIds=[target])
    secrets = client(session, "secretsmanager", east)
    arn = secrets.create_secret(Name="prod/db", SecretString="x")["ARN"]
    secrets.put_resource_policy(SecretId=arn, ResourcePolicy=grant(share("secret") or account, "secretsmanager:GetSecretValue", "*"))
    # eu-west-1: Lambda function, ECR repository, DynamoDB table with a stream, RDS snapshots, a secret.
    lam = client(session, "lambda", west)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return 1\n")
    lam.create_function(FunctionName="worker", Runtime="python3.12", Role=f"arn:aws:iam::{account}:role/lambda-runner",
                        Handler="index.handler", Code={"ZipFile": archive.getvalue()})
    lam.add_permission(FunctionName="worker", StatementId="invoke", Action="lambda:InvokeFunction",
                       Principal=f"arn:aws:iam::{share('function') or account}:root")
    ecr = client(session, "ecr", west)
    ecr.create_repository(repositoryName="images")
    ecr.set_repository_policy(repositoryName="images", policyText=policy(
        {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{share('repository') or account}:root"}, "Action": "ecr:BatchGetImage"}))
    dynamodb = client(session, "dynamodb", west)
    table = dynamodb.create_table(TableName="orders", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                                  AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST",
                                  StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})["TableDescription"]
    dynamodb.put_resource_policy(ResourceArn=table["TableArn"], Policy=grant(share("table") or account, "dynamodb:GetItem", table["TableArn"]))
    rds = client(session, "rds", west)
    rds.create_db_instance(DBInstanceIdentifier="db1", DBInstanceClass="db.t3.micro", Engine="postgres", MasterUsername="admin1",
                           MasterUserPassword="password123", AllocatedStorage=20)
    rds.create_db_snapshot(DBInstanceIdentifier="db1", DBSnapshotIdentifier="db1-shared")
    if share("db-snapshot"):
        rds.modify_db_snapshot_attribute(DBSnapshotIdentifier="db1-shared", AttributeName="restore",
                                         ValuesToAdd=["all" if share("db-snapshot") == "*" else share("db-snapshot")])
    rds.create_db_cluster(DBClusterIdentifier="cluster1", Engine="aurora-postgresql", MasterUsername="admin1",
                          MasterUserPassword="password123")
    rds.create_db_cluster_snapshot(DBClusterIdentifier="cluster1", DBClusterSnapshotIdentifier="cluster1-shared")
    if share("cluster-snapshot"):
        rds.modify_db_cluster_snapshot_attribute(DBClusterSnapshotIdentifier="cluster1-shared", AttributeName="restore",
                                                 ValuesToAdd=["all" if share("cluster-snapshot") == "*" else share("cluster-snapshot")])
    west_secrets = client(session, "secretsmanager", west)
    arn = west_secrets.create_secret(Name="west-secret", SecretString="x")["ARN"]
    west_secrets.put_resource_policy(SecretId=arn, ResourcePolicy=grant(share("secret") or account, "secretsmanager:GetSecretValue", "*"))


# Member A: everything shared outside the organization (two snapshots with everyone).
seed(a, session_for(a), lambda kind: "*" if kind in ("snapshot-all", "cluster-snapshot") else OUTSIDE)
# Member B: shared inside the organization only, and its public bucket blocked at the account level.
seed(b, session_for(b), lambda kind: a)
client(session_for(b), "s3control").put_public_access_block(AccountId=b, PublicAccessBlockConfiguration={
    "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
# Member C: a public bucket nobody can collect (its role cannot be assumed).
c3 = client(session_for(c), "s3")
c3.create_bucket(Bucket=f"public-{c}")
c3.put_bucket_policy(Bucket=f"public-{c}", Policy=grant("*", "s3:GetObject", f"arn:aws:s3:::public-{c}/*"))
# The management account: a role member A may assume (inside the organization).
client(management, "iam").create_role(RoleName="from-member-a", AssumeRolePolicyDocument=policy(
    {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{a}:root"}, "Action": "sts:AssumeRole"}))
for index in range(bulk):
    client(management, "sqs").create_queue(QueueName=f"bulk-{index}")
    client(management, "sns").create_topic(Name=f"bulk-{index}")
    client(management, "s3").create_bucket(Bucket=f"bulk-{index}")
print(json.dumps({"management": mine, "members": members, "regions": REGIONS, "outside": OUTSIDE}))

#!/usr/bin/env python3
"""scripts/collect-snapshot's collection of the types moto 5.2.6 does not serve, against botocore's Stubber.

    python3 Tests/Fixtures/collector/stubbed-collect.py OUT_DIR

Runs the collector's own tasks (vaults, backup_vaults, codeartifact_domains, rest_apis, directory_buckets, table_buckets,
cloudtrail_resources, streams with their consumers, directory_access_points, outposts with their buckets and access
points, multi_region_access_points with their policies, and access_points, whose list comes in two pages) for account
111122223333 in us-west-2, each client answered by a botocore.stub.Stubber. The Stubber checks every request's operation
and parameters against botocore's service model (AWS's API definition) and the expected parameters given here, and every
stubbed answer against the operation's output shape; the answers follow the response syntax of each API Reference page
(cited beside each). Writes OUT_DIR as the collector writes it (coverage.json included) and exits 0 when every stubbed
call was made, in order, and the run recorded no error — and when, in a run of its own (OUT_DIR-failed-page), a list whose
second page fails is not written and is the one error recorded; else prints why and exits 1.
Tests/ScanTests/StubbedCollectorTests.swift scans OUT_DIR and compares the findings with ones worked out by hand.
"""
import argparse
import datetime
import importlib.machinery
import importlib.util
import json
import os
import sys

import boto3
from botocore.stub import Stubber

ACCOUNT = "111122223333"
REGION = "us-west-2"
OUTSIDE = "444455556666"


def load_collector():
    path = os.path.join(os.path.dirname(__file__), "..", "..", "..", "scripts", "collect-snapshot")
    loader = importlib.machinery.SourceFileLoader("collect_snapshot", path)
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader("collect_snapshot", loader))
    loader.exec_module(module)
    return module


def policy(principal, action, resource):
    """A policy document as the APIs return it: a JSON string."""
    return json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": principal, "Action": action,
                                                                 "Resource": resource}]}, separators=(",", ":"))


def account_root(account):
    return {"AWS": f"arn:aws:iam::{account}:root"}


NOW = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)

# (service, region) -> [(operation, answer, expected parameters)], in the order the collector calls them.
VAULT = f"arn:aws:glacier:{REGION}:{ACCOUNT}:vaults/examplevault"
BACKUP_VAULT = f"arn:aws:backup:{REGION}:{ACCOUNT}:backup-vault:my-vault"
DOMAIN = f"arn:aws:codeartifact:{REGION}:{ACCOUNT}:domain/my-domain"
DIRECTORY_BUCKET = "doc-example-bucket--usw2-az1--x-s3"
TABLE_BUCKET = f"arn:aws:s3tables:{REGION}:{ACCOUNT}:bucket/amzn-s3-demo-table-bucket"
TABLE = f"{TABLE_BUCKET}/table/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
STORE = f"arn:aws:cloudtrail:{REGION}:{ACCOUNT}:eventdatastore/EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE"
DASHBOARD = f"arn:aws:cloudtrail:{REGION}:{ACCOUNT}:dashboard/exampleDash"
STREAM = f"arn:aws:kinesis:{REGION}:{ACCOUNT}:stream/orders"
CONSUMER = f"{STREAM}/consumer/analytics:1700000000"
DIRECTORY_ACCESS_POINT = "reports--usw2-az1--xa-s3"
OUTPOST = "op-01ac5d28a6a232904"
OUTPOST_BUCKET = f"arn:aws:s3-outposts:{REGION}:{ACCOUNT}:outpost/{OUTPOST}/bucket/example-outpost-bucket"
OUTPOST_ACCESS_POINT = f"arn:aws:s3-outposts:{REGION}:{ACCOUNT}:outpost/{OUTPOST}/accesspoint/example-outposts-ap"
MRAP_ALIAS = "mfzwi23gnjvgw.mrap"
MRAP = f"arn:aws:s3::{ACCOUNT}:accesspoint/{MRAP_ALIAS}"
# API Gateway returns a RestApi's policy escaped once more than JSON needs (docs/SNAPSHOT.md, "API Gateway's escaped
# policies"): the string boto3 hands over is the document's JSON-string body, quotes and slashes backslash-escaped.
API_POLICY = policy("*", "execute-api:Invoke", "execute-api:/*").replace('"', '\\"').replace("/", "\\/")

STUBS = {
    # S3 Glacier API Reference: List Vaults (GET /-/vaults), Get Vault Access Policy.
    ("glacier", REGION): [
        ("list_vaults", {"VaultList": [{"VaultARN": VAULT, "VaultName": "examplevault"}]}, {"accountId": "-"}),
        ("get_vault_access_policy", {"policy": {"Policy": policy(account_root(OUTSIDE), "glacier:UploadArchive", VAULT)}},
         {"accountId": "-", "vaultName": "examplevault"}),
    ],
    # AWS Backup API Reference: ListBackupVaults, GetBackupVaultAccessPolicy.
    ("backup", REGION): [
        ("list_backup_vaults", {"BackupVaultList": [{"BackupVaultName": "my-vault", "BackupVaultArn": BACKUP_VAULT}]}, {}),
        ("get_backup_vault_access_policy", {"BackupVaultName": "my-vault", "BackupVaultArn": BACKUP_VAULT,
                                            "Policy": policy(account_root(ACCOUNT), "backup:CopyIntoBackupVault", "*")},
         {"BackupVaultName": "my-vault"}),
    ],
    # CodeArtifact API Reference: ListDomains (a domain of another owner is not this account's), GetDomainPermissionsPolicy.
    ("codeartifact", REGION): [
        ("list_domains", {"domains": [{"name": "my-domain", "owner": ACCOUNT, "arn": DOMAIN, "status": "Active"},
                                      {"name": "shared-domain", "owner": OUTSIDE, "status": "Active"}]}, {}),
        ("get_domain_permissions_policy", {"policy": {"resourceArn": DOMAIN, "revision": "MQlyyTQRASRU3HB58gBtSDHXG7Q3hvxxxxxxx=",
                                                      "document": policy(account_root(ACCOUNT), "codeartifact:GetAuthorizationToken", "*")}},
         {"domain": "my-domain"}),
    ],
    # API Gateway REST API Reference: GetRestApis, GetRestApi.
    ("apigateway", REGION): [
        ("get_rest_apis", {"items": [{"id": "a1b2c3d4e5", "name": "pets"}]}, {}),
        ("get_rest_api", {"id": "a1b2c3d4e5", "name": "pets", "policy": API_POLICY}, {"restApiId": "a1b2c3d4e5"}),
    ],
    # Amazon S3 API Reference: ListDirectoryBuckets, GetBucketPolicy (a directory bucket's, Regional endpoint).
    ("s3", REGION): [
        ("list_directory_buckets", {"Buckets": [{"Name": DIRECTORY_BUCKET, "CreationDate": NOW}]}, {}),
        ("get_bucket_policy", {"Policy": policy(account_root(OUTSIDE), "s3express:CreateSession",
                                                f"arn:aws:s3express:{REGION}:{ACCOUNT}:bucket/{DIRECTORY_BUCKET}")},
         {"Bucket": DIRECTORY_BUCKET}),
    ],
    # Amazon S3 API Reference (S3 Tables): ListTableBuckets, GetTableBucketPolicy, ListTables, GetTablePolicy.
    ("s3tables", REGION): [
        ("list_table_buckets", {"tableBuckets": [{"arn": TABLE_BUCKET, "name": "amzn-s3-demo-table-bucket", "ownerAccountId": ACCOUNT,
                                                 "createdAt": NOW}]}, {}),
        ("get_table_bucket_policy", {"resourcePolicy": policy(account_root(ACCOUNT), "s3tables:*", f"{TABLE_BUCKET}/*")},
         {"tableBucketARN": TABLE_BUCKET}),
        ("list_tables", {"tables": [{"namespace": ["sales"], "name": "orders", "type": "customer", "tableARN": TABLE,
                                     "createdAt": NOW, "modifiedAt": NOW}]}, {"tableBucketARN": TABLE_BUCKET}),
        ("get_table_policy", {"resourcePolicy": policy(account_root(OUTSIDE), "s3tables:GetTableData", TABLE)},
         {"tableBucketARN": TABLE_BUCKET, "namespace": "sales", "name": "orders"}),
    ],
    # AWS CloudTrail API Reference: ListEventDataStores, ListDashboards, GetResourcePolicy (with the delegated
    # administrator's policy beside the store's own).
    ("cloudtrail", REGION): [
        ("list_event_data_stores", {"EventDataStores": [{"EventDataStoreArn": STORE, "Name": "my-store"}]}, {}),
        ("list_dashboards", {"Dashboards": [{"DashboardArn": DASHBOARD, "Type": "CUSTOM"}]}, {}),
        ("get_resource_policy", {"ResourceArn": STORE, "ResourcePolicy": policy(account_root(ACCOUNT), "cloudtrail:StartQuery", STORE),
                                 "DelegatedAdminResourcePolicy": policy(account_root("555555555555"), "cloudtrail:*", STORE)},
         {"ResourceArn": STORE}),
        ("get_resource_policy", {"ResourceArn": DASHBOARD,
                                 "ResourcePolicy": policy(account_root(ACCOUNT), "cloudtrail:StartDashboardRefresh", DASHBOARD)},
         {"ResourceArn": DASHBOARD}),
    ],
    # Kinesis Data Streams API Reference: ListStreams, GetResourcePolicy ("{}": none), ListStreamConsumers.
    ("kinesis", REGION): [
        ("list_streams", {"StreamNames": ["orders"], "HasMoreStreams": False,
                          "StreamSummaries": [{"StreamName": "orders", "StreamARN": STREAM, "StreamStatus": "ACTIVE"}]}, {}),
        ("get_resource_policy", {"Policy": "{}"}, {"ResourceARN": STREAM}),
        ("list_stream_consumers", {"Consumers": [{"ConsumerName": "analytics", "ConsumerARN": CONSUMER, "ConsumerStatus": "ACTIVE",
                                                  "ConsumerCreationTimestamp": NOW}]}, {"StreamARN": STREAM}),
        ("get_resource_policy", {"Policy": policy(account_root(OUTSIDE), "kinesis:SubscribeToShard", CONSUMER)}, {"ResourceARN": CONSUMER}),
    ],
    # Amazon S3 Control API Reference: ListAccessPoints, two pages (NextToken; botocore has no paginator for it, the
    # collector merges them), then GetAccessPointPolicy of each (NoSuchAccessPointPolicy: none, no file). In us-east-1:
    # a client of its own, so that its calls cannot interleave with the multi-Region access points' below.
    ("s3control", "us-east-1"): [
        ("list_access_points", {"AccessPointList": [{"Name": "ap-one", "NetworkOrigin": "Internet", "Bucket": "amzn-s3-demo-bucket",
                                                     "AccessPointArn": f"arn:aws:s3:us-east-1:{ACCOUNT}:accesspoint/ap-one"}],
                                "NextToken": "page-2"}, {"AccountId": ACCOUNT}),
        ("list_access_points", {"AccessPointList": [{"Name": "ap-two", "NetworkOrigin": "VPC", "Bucket": "amzn-s3-demo-bucket",
                                                     "AccessPointArn": f"arn:aws:s3:us-east-1:{ACCOUNT}:accesspoint/ap-two",
                                                     "VpcConfiguration": {"VpcId": "vpc-1a2b3c4d"}}]},
         {"AccountId": ACCOUNT, "NextToken": "page-2"}),
        ("get_access_point_policy", {"Policy": policy(account_root(ACCOUNT), "s3:GetObject",
                                                      f"arn:aws:s3:us-east-1:{ACCOUNT}:accesspoint/ap-one/object/*")},
         {"AccountId": ACCOUNT, "Name": "ap-one"}),
        ("get_access_point_policy", "NoSuchAccessPointPolicy", {"AccountId": ACCOUNT, "Name": "ap-two"}),
    ],
    # S3 on Outposts API Reference: ListOutpostsWithS3.
    ("s3outposts", REGION): [
        ("list_outposts_with_s3", {"Outposts": [{"OutpostArn": f"arn:aws:outposts:{REGION}:{ACCOUNT}:outpost/{OUTPOST}", "OutpostId": OUTPOST,
                                                 "OwnerId": ACCOUNT, "CapacityInBytes": 1099511627776}]}, {}),
    ],
    # Amazon S3 Control API Reference, in the order the three phases below call it: ListAccessPointsForDirectoryBuckets and
    # GetAccessPointPolicy (a directory bucket's access point); ListRegionalBuckets (OutpostId), GetBucketPolicy,
    # ListAccessPoints (the Outposts bucket's ARN) and GetAccessPointPolicy (the access point's ARN); ListMultiRegionAccessPoints
    # and GetMultiRegionAccessPointPolicy (established and proposed policies).
    ("s3control", "us-west-2"): [
        ("list_access_points_for_directory_buckets",
         {"AccessPointList": [{"Name": DIRECTORY_ACCESS_POINT, "NetworkOrigin": "Internet", "Bucket": DIRECTORY_BUCKET,
                               "AccessPointArn": f"arn:aws:s3express:{REGION}:{ACCOUNT}:accesspoint/{DIRECTORY_ACCESS_POINT}"}]},
         {"AccountId": ACCOUNT}),
        ("get_access_point_policy", {"Policy": policy(account_root(OUTSIDE), "s3express:CreateSession",
                                                      f"arn:aws:s3express:{REGION}:{ACCOUNT}:accesspoint/{DIRECTORY_ACCESS_POINT}")},
         {"AccountId": ACCOUNT, "Name": DIRECTORY_ACCESS_POINT}),
        ("list_regional_buckets", {"RegionalBucketList": [{"Bucket": "example-outpost-bucket", "BucketArn": OUTPOST_BUCKET,
                                                           "PublicAccessBlockEnabled": True, "CreationDate": NOW, "OutpostId": OUTPOST}]},
         {"AccountId": ACCOUNT, "OutpostId": OUTPOST}),
        ("get_bucket_policy", {"Policy": policy(account_root(ACCOUNT), "s3-outposts:*", f"{OUTPOST_BUCKET}/object/*")},
         {"AccountId": ACCOUNT, "Bucket": OUTPOST_BUCKET}),
        ("list_access_points", {"AccessPointList": [{"Name": "example-outposts-ap", "NetworkOrigin": "VPC", "Bucket": OUTPOST_BUCKET,
                                                     "AccessPointArn": OUTPOST_ACCESS_POINT, "VpcConfiguration": {"VpcId": "vpc-1a2b3c4d"}}]},
         {"AccountId": ACCOUNT, "Bucket": OUTPOST_BUCKET}),
        ("get_access_point_policy", {"Policy": policy(account_root(OUTSIDE), "s3-outposts:GetObject", f"{OUTPOST_ACCESS_POINT}/object/*")},
         {"AccountId": ACCOUNT, "Name": OUTPOST_ACCESS_POINT}),
        ("list_multi_region_access_points", {"AccessPoints": [{"Name": "my-mrap", "Alias": MRAP_ALIAS, "Status": "READY",
                                                                "Regions": [{"Bucket": "amzn-s3-demo-bucket1", "Region": "us-east-1"}]}]},
         {"AccountId": ACCOUNT}),
        ("get_multi_region_access_point_policy",
         {"Policy": {"Established": {"Policy": policy(account_root(ACCOUNT), "s3:GetObject", f"{MRAP}/object/*")},
                     "Proposed": {"Policy": policy(account_root("123456789012"), "s3:GetObject", f"{MRAP}/object/*")}}},
         {"AccountId": ACCOUNT, "Name": "my-mrap"}),
    ],
}


def arguments(out):
    return argparse.Namespace(out=out, regions=[REGION], organization=False, member_role="OrganizationAccountAccessRole",
                              include_accounts=None, exclude_accounts=None, concurrency=1, max_attempts=1, backoff_base=0.01,
                              max_backoff=0.01, endpoint_url=None, s3control_endpoint_url=None, profile=None, name="stubbed",
                              home_region=REGION)


def stubbed_account(collector):
    session = boto3.session.Session(aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="stubbed", region_name=REGION)
    account = collector.Account(ACCOUNT, session)
    account.regions = [REGION]
    return account


def check_a_list_failing_on_its_second_page(collector, out):
    """A listing whose second page fails (throttled, attempts exhausted) is not written: the first page alone would read as
    the whole list. Returns the problems found."""
    c = collector.Collector(arguments(out))
    account = stubbed_account(collector)
    c.accounts[ACCOUNT] = account
    stubber = Stubber(c.client(account, "s3control", "eu-west-1"))
    stubber.add_response("list_access_points", {"AccessPointList": [{"Name": "ap-one", "NetworkOrigin": "Internet", "Bucket": "b"}],
                                                "NextToken": "page-2"}, {"AccountId": ACCOUNT})
    stubber.add_client_error("list_access_points", service_error_code="ThrottlingException", http_status_code=400,
                             expected_params={"AccountId": ACCOUNT, "NextToken": "page-2"})
    stubber.activate()
    c.submit(c.access_points, account, "eu-west-1")
    c.drain()
    c.executor.shutdown()
    problems = []
    if os.path.exists(os.path.join(out, f"accounts/{ACCOUNT}/s3/access-points/eu-west-1/list-access-points.json")):
        problems.append("a list-access-points whose second page failed was written")
    if [(e["operation"], e["code"]) for e in c.errors] != [("list_access_points", "ThrottlingException")]:
        problems.append(f"the failed page is not the one error recorded: {c.errors}")
    return problems


def main():
    out = sys.argv[1]
    collector = load_collector()
    problems = check_a_list_failing_on_its_second_page(collector, out + "-failed-page")
    started = datetime.datetime.now(datetime.timezone.utc)
    c = collector.Collector(arguments(out))
    account = stubbed_account(collector)
    c.accounts[ACCOUNT] = account
    stubbers = []
    for (service, region), calls in STUBS.items():
        stubber = Stubber(c.client(account, service, region))
        for operation, answer, expected in calls:
            if isinstance(answer, str):  # an error code
                stubber.add_client_error(operation, service_error_code=answer, http_status_code=404, expected_params=expected)
            else:
                stubber.add_response(operation, answer, expected)
        stubber.activate()
        stubbers.append((service, stubber))
    # Three phases, each drained before the next, so that the calls on S3 Control's us-west-2 client come in one order.
    for task in (c.vaults, c.backup_vaults, c.codeartifact_domains, c.rest_apis, c.directory_buckets, c.table_buckets,
                 c.cloudtrail_resources, c.streams, c.directory_access_points):
        c.submit(task, account, REGION)
    c.submit(c.access_points, account, "us-east-1")
    c.drain()
    c.submit(c.outposts, account, REGION)
    c.drain()
    c.submit(c.multi_region_access_points, account)
    c.drain()
    c.executor.shutdown()
    c.write("coverage.json", c.manifest(started, datetime.datetime.now(datetime.timezone.utc)))
    problems += [f"error recorded: {error}" for error in c.errors]
    for service, stubber in stubbers:
        try:
            stubber.assert_no_pending_responses()
        except AssertionError as error:
            problems.append(f"{service}: {error}")
    for problem in problems:
        print(f"stubbed-collect: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

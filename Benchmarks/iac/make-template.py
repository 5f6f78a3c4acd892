#!/usr/bin/env python3
"""Generates a CloudFormation template of N policy-bearing resources for `rampart iac` (issue 19's
benchmark: 500 resources in <= 5 s on 2 cores).

    python3 Benchmarks/iac/make-template.py [N] [--no-org-paths] > /tmp/iac-500.json
    rampart iac /tmp/iac-500.json --zone-account 111122223333 --region us-east-1

The mix, deterministic (seeded), in rounds of ten resources: four S3 buckets with bucket policies
(TLS-only deny plus a read grant to the account, to an organization path, to a partner account
under an external condition, or public read of a prefix), two roles (a service trust, a partner
trust with an external id from a parameter without a value: unknown), one SQS queue policy (SNS
topic of the account as source), one KMS key (administrators of the account), one Lambda
permission (S3 of the account as source) and one SNS topic policy (CloudWatch alarms of the
account). Names use Fn::Sub and Ref, half of the buckets have no name (generated at deploy).

`--no-org-paths` leaves out the organization-path grant (`ForAnyValue:StringLike
aws:PrincipalOrgPaths`), which the solver could not decide within 30 s before the fix of
issue 17's org-path cliff (docs/BENCHMARKS.md).
"""
import json
import random
import sys

ACCOUNT = "111122223333"
PARTNER = "444455556666"


NO_ORG_PATHS = "--no-org-paths" in sys.argv


def bucket(i, rng, resources):
    named = i % 2 == 0
    props = {"BucketName": {"Fn::Sub": "acme-data-%d-${AWS::Region}" % i}} if named else {}
    props["PublicAccessBlockConfiguration"] = {"BlockPublicAcls": True, "IgnorePublicAcls": True,
                                               "BlockPublicPolicy": False, "RestrictPublicBuckets": False}
    resources["Bucket%d" % i] = {"Type": "AWS::S3::Bucket", "Properties": props}
    objects = {"Fn::Sub": "${Bucket%d.Arn}/*" % i}
    grants = [
        {"Sid": "AccountRead", "Effect": "Allow", "Principal": {"AWS": {"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:root"}},
         "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": [{"Fn::GetAtt": ["Bucket%d" % i, "Arn"]}, objects]},
        {"Sid": "OrgRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": objects,
         "Condition": {"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"}}},
        {"Sid": "PartnerRead", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:role/reader" % PARTNER},
         "Action": "s3:GetObject", "Resource": objects, "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}},
        {"Sid": "PublicPrefix", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
         "Resource": {"Fn::Sub": "${Bucket%d.Arn}/public/*" % i}},
    ]
    resources["Bucket%dPolicy" % i] = {"Type": "AWS::S3::BucketPolicy", "Properties": {
        "Bucket": {"Ref": "Bucket%d" % i},
        "PolicyDocument": {"Version": "2012-10-17", "Statement": [
            {"Sid": "TLSOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
             "Resource": [{"Fn::GetAtt": ["Bucket%d" % i, "Arn"]}, objects], "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
            grants[rng.randrange(len(grants))] if not NO_ORG_PATHS else [g for g in grants if g["Sid"] != "OrgRead"][rng.randrange(3)]]}}}


def role(i, rng, resources):
    if i % 2 == 0:
        trust = {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
    else:
        trust = {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root" % PARTNER}, "Action": "sts:AssumeRole",
                 "Condition": {"StringEquals": {"sts:ExternalId": {"Ref": "PartnerExternalId"}}}}
    resources["Role%d" % i] = {"Type": "AWS::IAM::Role", "Properties": {
        "RoleName": {"Fn::Sub": "app-%d-${AWS::Region}" % i},
        "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [trust]}}}


def queue(i, rng, resources):
    resources["Queue%d" % i] = {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "jobs-%d" % i}}
    resources["Queue%dPolicy" % i] = {"Type": "AWS::SQS::QueuePolicy", "Properties": {
        "Queues": [{"Ref": "Queue%d" % i}],
        "PolicyDocument": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage",
             "Resource": {"Fn::GetAtt": ["Queue%d" % i, "Arn"]},
             "Condition": {"ArnEquals": {"aws:SourceArn": {"Fn::Sub": "arn:aws:sns:${AWS::Region}:${AWS::AccountId}:events-%d" % i}}}}]}}}


def key(i, rng, resources):
    resources["Key%d" % i] = {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {"Version": "2012-10-17", "Statement": [
        {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": {"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:root"}}, "Action": "kms:*", "Resource": "*"},
        {"Sid": "Admins", "Effect": "Allow", "Principal": {"AWS": {"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:role/Admin"}},
         "Action": ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*"], "Resource": "*"}]}}}


def permission(i, rng, resources):
    resources["Function%d" % i] = {"Type": "AWS::Lambda::Function", "Properties": {
        "FunctionName": "handler-%d" % i, "Runtime": "python3.12", "Handler": "index.handler",
        "Role": {"Fn::GetAtt": ["Role%d" % (i - i % 2), "Arn"]}, "Code": {"ZipFile": "def handler(e, c): pass"}}}
    resources["Function%dPermission" % i] = {"Type": "AWS::Lambda::Permission", "Properties": {
        "FunctionName": {"Ref": "Function%d" % i}, "Action": "lambda:InvokeFunction", "Principal": "s3.amazonaws.com",
        "SourceAccount": {"Ref": "AWS::AccountId"}, "SourceArn": {"Fn::Sub": "arn:aws:s3:::uploads-%d" % i}}}


def topic(i, rng, resources):
    resources["Topic%d" % i] = {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "alarms-%d" % i}}
    resources["Topic%dPolicy" % i] = {"Type": "AWS::SNS::TopicPolicy", "Properties": {
        "Topics": [{"Ref": "Topic%d" % i}],
        "PolicyDocument": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "cloudwatch.amazonaws.com"}, "Action": "sns:Publish",
             "Resource": {"Ref": "Topic%d" % i},
             "Condition": {"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}}}]}}}


def main():
    numbers = [a for a in sys.argv[1:] if not a.startswith("--")]
    count = int(numbers[0]) if numbers else 500
    rng = random.Random(19)
    resources = {}
    kinds = [bucket, bucket, bucket, bucket, role, role, queue, key, permission, topic]
    for i in range(count):
        kinds[i % len(kinds)](i, rng, resources)
    template = {"AWSTemplateFormatVersion": "2010-09-09",
                "Description": "rampart iac benchmark: %d policy-bearing resources (Benchmarks/iac/make-template.py)" % count,
                "Parameters": {"PartnerExternalId": {"Type": "String"}},
                "Resources": resources}
    json.dump(template, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

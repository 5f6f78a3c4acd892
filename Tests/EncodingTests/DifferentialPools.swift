/// The small shared pools of literals that generated policies and generated requests draw from,
/// so that they collide often (a random ARN would almost never match a random pattern).
enum DifferentialPools {
    // MARK: Principals

    static let owner = "111122223333"
    static let accounts = [owner, "444455556666", "777788889999"]
    static let orgIDs = ["o-a1b2c3d4e5", "o-zzzzzzzzzz"]
    static let orgPaths = ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/", "o-a1b2c3d4e5/r-ab12/", "o-zzzzzzzzzz/r-zz99/"]
    static let users = ["arn:aws:iam::111122223333:user/alice", "arn:aws:iam::444455556666:user/dev/bob",
                        "arn:aws:iam::444455556666:user/alice"]
    static let roles = ["arn:aws:iam::111122223333:role/R", "arn:aws:iam::444455556666:role/R",
                        "arn:aws:iam::444455556666:role/team/Admin",
                        "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"]
    static let sessionNames = ["s1", "alice"]
    static let federatedUsers = ["arn:aws:sts::444455556666:federated-user/fed", "arn:aws:sts::111122223333:federated-user/alice"]
    static let services = ["cloudfront.amazonaws.com", "s3.amazonaws.com", "config.amazonaws.com"]
    static let providers = ["cognito-identity.amazonaws.com", "arn:aws:iam::111122223333:saml-provider/Okta",
                            "accounts.google.com"]
    static let canonicalIDs = ["79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be",
                               "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"]
    static let userIDs = ["AIDAEXAMPLEUSER1", "AROAEXAMPLEROLE1:s1", "AROAEXAMPLEROLE1:alice", "AIDAOTHER"]
    static let tags = ["team": ["red", "blue", "Red"], "dept": ["eng", "ops"]]

    /// Entries for `"AWS"` in a Principal element: accounts, roots, users, roles, sessions, federated
    /// users, and near-misses (other case, a role named without its path).
    static let awsPrincipalEntries = accounts + accounts.map { "arn:aws:iam::\($0):root" } + users + roles
        + ["arn:aws:sts::444455556666:assumed-role/R/s1", "arn:aws:sts::444455556666:assumed-role/Admin/alice",
           "arn:aws:sts::111122223333:assumed-role/R/alice"]
        + federatedUsers + ["arn:aws:iam::444455556666:role/r", "arn:aws:iam::444455556666:role/Admin"]

    // MARK: Actions and resources

    static let actionPatterns = ["s3:GetObject", "s3:getobject", "S3:GetObject", "s3:Get*", "s3:*Object", "s3:?etObject",
                                 "s3:*", "*", "sts:AssumeRole", "sts:AssumeRole*", "sts:assumerolewith*", "kms:Decrypt",
                                 "kms:*", "iam:PassRole", "sqs:SendMessage", "s3:ListBucket", "s3:List?ucket"]
    static let actions = ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "sts:AssumeRole", "sts:AssumeRoleWithWebIdentity",
                          "sts:AssumeRoleWithSAML", "kms:Decrypt", "iam:PassRole", "sqs:SendMessage"]
    static let actionNearMisses = ["s3:GetObjectX", "s3:GetObjec", "s3:", "sts:AssumeRoleX", "kms:decrypt "]

    static let resourcePatterns = ["*", "arn:aws:s3:::bucket-a", "arn:aws:s3:::bucket-a/*", "arn:aws:s3:::bucket-?/*",
                                   "arn:aws:s3:::bucket-a/home/${aws:username}/*", "arn:aws:s3:::bucket-a/${aws:PrincipalTag/team}/*",
                                   "arn:aws:s3:::bucket-a/home/${aws:username, 'bob'}/*", "arn:aws:s3:::bucket-a/star${*}",
                                   "arn:aws:s3:::bucket-a/${aws:username}/f", "arn:aws:iam::*:role/R",
                                   "arn:aws:iam::111122223333:role/*", "arn:aws:kms:*:111122223333:key/*",
                                   "arn:aws:sqs:*:*:queue?", "arn:aws:s3:::bucket-a/${s3:prefix}*",
                                   "arn:aws:s3:::bucket-a/${AWS:SourceAccount}/*", "arn:aws:s3:::bucket-a/q${?}"]
    static let resources = ["arn:aws:s3:::bucket-a", "arn:aws:s3:::bucket-a/home/alice/f.txt", "arn:aws:s3:::bucket-a/home/bob/f.txt",
                            "arn:aws:s3:::bucket-b/x", "arn:aws:s3:::bucket-a/red/f", "arn:aws:s3:::bucket-a/star*",
                            "arn:aws:s3:::bucket-a/starX", "arn:aws:s3:::bucket-a/${aws:username}/f", "arn:aws:s3:::bucket-a/alice/f",
                            "arn:aws:iam::111122223333:role/R", "arn:aws:iam::444455556666:role/R",
                            "arn:aws:kms:us-east-1:111122223333:key/k1", "arn:aws:sqs:us-east-1:444455556666:queue1",
                            "arn:aws:s3:::Bucket-a/x", "arn:aws:s3:::bucket-a/home/", "arn:aws:s3:::bucket-a/444455556666/k",
                            "arn:aws:s3:::bucket-a/q?", "arn:aws:s3:::bucket-a/qq"]

    // MARK: Condition keys

    /// Policy variables that may appear in string condition values and resources (text keys only:
    /// a key used as a variable must not also be compared as a number, date or address).
    static let variables = ["${aws:username}", "${aws:PrincipalTag/team}", "${aws:SourceAccount}", "${aws:PrincipalAccount}",
                            "${s3:prefix}", "${aws:userid}", "${aws:TagKeys}", "${aws:username, 'bob'}",
                            "${aws:RequestTag/env, 'prod'}", "${*}", "${?}", "${$}", "${aws:SourceVpc}"]

    static let keys: [ConditionKeySpec] = [
        // Derived from the principal (never given in the request context).
        .init("aws:PrincipalArn", .arn, source: .derived, values: users + roles + federatedUsers
              + ["arn:aws:iam::*:role/*", "arn:aws:iam::444455556666:*", "arn:aws:iam::111122223333:root"]),
        .init("aws:PrincipalAccount", .text, source: .derived, values: accounts + ["4444*"]),
        // The calling identity's account, on KMS requests (`ServiceRequestFacts`).
        .init("kms:CallerAccount", .text, source: .derived, values: accounts + ["4444*"]),
        .init("aws:PrincipalOrgID", .text, source: .derived, values: orgIDs + ["o-*"]),
        .init("aws:PrincipalOrgPaths", .text, multivalued: true, source: .orgPaths,
              values: orgPaths + ["o-a1b2c3d4e5/*", "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"]),
        .init("aws:PrincipalType", .text, source: .derived, values: ["Account", "User", "AssumedRole", "FederatedUser", "Anonymous", "user"]),
        .init("aws:userid", .text, source: .derived, values: userIDs + [owner, "anonymous", "AROAEXAMPLEROLE1:*", "444455556666:fed"]),
        .init("aws:username", .text, source: .derived, values: ["alice", "bob", "Alice", "a*"]),
        .init("aws:PrincipalIsAWSService", .bool, source: .derived, values: ["true", "false"]),
        .init("aws:PrincipalServiceName", .text, source: .derived, values: services + ["*.amazonaws.com"]),
        .init("aws:ResourceAccount", .text, source: .derived, values: accounts),
        .init("aws:PrincipalTag/team", .text, source: .principalTag("team"), values: ["red", "blue", "Red", "r*"]),
        .init("aws:PrincipalTag/dept", .text, source: .principalTag("dept"), values: ["eng", "ops"]),
        // Stated by the request.
        .init("aws:SourceVpc", .text, values: ["vpc-111", "vpc-222", "VPC-111", "vpc-*"]),
        .init("s3:prefix", .text, values: ["home/", "home/alice/", "home/bob/", "Home/alice/", "", "home/*"]),
        .init("aws:RequestTag/env", .text, values: ["prod", "dev", "Prod", "p?od"]),
        .init("aws:TagKeys", .text, multivalued: true, values: ["env", "team", "Owner", "owner", "t*"]),
        .init("aws:CalledVia", .text, multivalued: true, values: ["cloudformation.amazonaws.com", "athena.amazonaws.com"]),
        .init("aws:SourceAccount", .text, values: accounts),
        .init("aws:SourceArn", .arn, values: ["arn:aws:s3:::bucket-a", "arn:aws:sns:us-east-1:111122223333:topic",
                                               "arn:aws:cloudfront::444455556666:distribution/D1", "arn:aws:sns:*:111122223333:*",
                                               "arn:aws:s3:::bucket-*", "arn:aws:*:*:*:*"]),
        .init("aws:SecureTransport", .bool, values: ["true", "false", "True", "TRUE"]),
        .init("aws:MultiFactorAuthPresent", .bool, values: ["true", "false"]),
        .init("test:Blob", .binary, values: ["YWJjZA==", "QmluYXJ5", "AAAA"]),
        .init("s3:max-keys", .number, values: ["10", "3600", "0", "-1", "2.5", "100.000001"]),
        .init("aws:MultiFactorAuthAge", .number, values: ["3600", "60", "0"]),
        .init("aws:CurrentTime", .date, values: ["2020-01-01T00:00:00Z", "2024-06-01", "1700000000", "2023-11-14T22:13:20Z",
                                                 "2020-01-01T01:00:00+01:00"]),
        .init("aws:TokenIssueTime", .date, values: ["2020-01-01T00:00:00Z", "2024-06-01T12:00:00.500Z"]),
        .init("aws:SourceIp", .ipAddress, values: ["203.0.113.0/24", "203.0.113.7", "203.0.113.7/32", "10.0.0.0/8", "0.0.0.0/0",
                                                   "2001:db8::/32", "2001:DB8::1", "::/0", "192.0.2.0/25"]),
        .init("aws:VpcSourceIp", .ipAddress, values: ["10.0.0.0/16", "10.0.1.1"]),
    ]

    /// Request values per family, near-misses included (other case, unreadable text).
    static func requestValues(for spec: ConditionKeySpec) -> [String] {
        switch spec.family {
        case .text, .arn:
            return spec.values.filter { !$0.contains("*") && !$0.contains("?") }
                + ["x", "", "a*b", spec.values.first.map { $0.uppercased() } ?? "X", (spec.values.first ?? "") + "-suffix"]
        case .bool: return ["true", "false", "TRUE", "yes", ""]
        case .binary: return ["YWJjZA==", "YWJjZB==", "QmluYXJ5", "YWJjZA", "!!", ""]
        case .number: return ["10", "10.0", "9", "11", "3600", "3599", "abc", "2.5", "2.50", "-1", "+10", "1e2", "007", "0.0000001"]
        case .date: return ["2020-01-01T00:00:00Z", "2019-12-31T23:59:59Z", "2020-01-01T00:00:00.001Z", "not-a-date", "2024",
                            "2024-06-01", "1700000000", "1699999999", "2023-11-14T22:13:20Z", "2024-06-01T12:00:00.5Z"]
        case .ipAddress: return ["203.0.113.7", "203.0.113.200", "10.9.8.7", "10.0.1.1", "192.0.2.130", "192.0.2.1", "2001:db8::1",
                                 "2001:0db8:0:0:0:0:0:1", "2001:db9::1", "::ffff:203.0.113.7", "not-an-ip", "203.0.113.0/24", "1.2.3"]
        }
    }
}

/// One condition key of the pool: its family (which operators may compare it), whether AWS
/// documents it as multivalued, and where a request gets it from.
struct ConditionKeySpec {
    enum Family {
        case text, arn, bool, binary, number, date, ipAddress

        /// Text families share the encoding's string representation and may be mixed on one key.
        var isText: Bool { self == .text || self == .arn || self == .bool || self == .binary }
    }

    enum Source: Equatable {
        /// Stated in the request context.
        case context
        /// A function of the principal (`DerivedContextKeys`); never stated explicitly.
        case derived
        /// `aws:PrincipalTag/<tag>`, from `Principal.tags`.
        case principalTag(String)
        /// `aws:PrincipalOrgPaths`, from `Principal.orgPaths`.
        case orgPaths
    }

    let name: String
    let family: Family
    let multivalued: Bool
    let source: Source
    let values: [String]

    init(_ name: String, _ family: Family, multivalued: Bool = false, source: Source = .context, values: [String]) {
        self.name = name
        self.family = family
        self.multivalued = multivalued
        self.source = source
        self.values = values
    }
}

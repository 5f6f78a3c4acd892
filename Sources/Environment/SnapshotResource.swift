import Policy

/// One resource of a snapshot, with everything that can grant access to it from outside.
public struct SnapshotResource: Sendable {
    /// The resource type's CloudFormation name (`AWS::S3::Bucket`, `AWS::IAM::Role`, …).
    public var type: String
    public var arn: String
    public var account: String
    /// The region for regional services (from the snapshot folder), nil for IAM and S3.
    public var region: String?
    /// The resource policy (for a role: its trust policy). Nil when there is none, or when the
    /// document has ERROR diagnostics (then `policyHasErrors` is true and the resource is not analysed).
    public var policy: Policy?
    public var policyHasErrors: Bool
    /// Where the policy document is: file (relative to the snapshot), JSON path, and how it is embedded.
    public var policyDocument: DocumentLocation?
    /// Each statement's 1-based line in the file, when known.
    public var statementLines: [Int: Int]
    /// The whole policy document, compact (`JSONValueWriter.writeCompact`: member order kept, no
    /// whitespace, so it takes less memory for every resource of a large snapshot): two resources
    /// whose documents have the same text have the same policy.
    public var documentText: String?
    /// Each statement's text, pretty-printed from the document (index → JSON), for reports:
    /// derived from `documentText` when asked (`StatementTexts`), not kept for every resource.
    public var statementTexts: [Int: String] { StatementTexts.of(documentText) }
    /// S3: bucket-level Block Public Access (the account level is on `AccountSnapshot`).
    public var publicAccessBlock: PublicAccessBlockSettings?
    /// S3: the bucket ACL.
    public var acl: BucketACL?
    /// S3: Object Ownership (`get-bucket-ownership-controls`), nil when not read. Only
    /// `BucketOwnerEnforced` in every reading disables the ACL (`S3ObjectOwnership`).
    public var objectOwnership: S3ObjectOwnership?
    /// KMS: the key's grants (`list-grants`), as far as they could be read (else `unknownParts` says so).
    public var grants: [KMSGrant]
    /// EBS and RDS snapshots: the accounts it is shared with (`all`: everyone).
    public var sharedWith: [String]
    /// Every file this resource was read from (relative paths, sorted).
    public var files: [String]
    /// Other readings of the policy, when the snapshot holds more than one (`PolicyReading`):
    /// the resource is judged on all of them, never on the more private one.
    public var alternativePolicies: [PolicyReading]
    /// Parts of the snapshot about this resource that could not be read and could only add
    /// access (a bucket ACL not fully read), each naming its file: with any, the resource is
    /// never NO_EXTERNAL_ACCESS and its findings may be incomplete.
    public var unknownParts: [String]

    public init(type: String, arn: String, account: String, region: String? = nil) {
        self.type = type
        self.arn = arn
        self.account = account
        self.region = region
        policy = nil
        policyHasErrors = false
        policyDocument = nil
        statementLines = [:]
        documentText = nil
        publicAccessBlock = nil
        acl = nil
        objectOwnership = nil
        grants = []
        sharedWith = []
        files = []
        alternativePolicies = []
        unknownParts = []
    }
}

/// Where a policy document sits in a snapshot file.
public struct DocumentLocation: Sendable, Hashable {
    public enum Embedding: String, Sendable, Hashable {
        /// A JSON object inside the file: positions inside it are file positions.
        case object
        /// A JSON string holding the document (`{"Policy": "{\"Version\"…"}`): the whole document is on the string's line.
        case jsonString
        /// A URL-encoded string (`%7B%22Version%22…`), as the IAM API returns trust policies.
        case urlEncoded
    }

    public var file: String
    public var jsonPath: String
    public var embedding: Embedding
    /// The line of the value in the file.
    public var line: Int?

    public init(file: String, jsonPath: String, embedding: Embedding, line: Int?) {
        self.file = file
        self.jsonPath = jsonPath
        self.embedding = embedding
        self.line = line
    }
}

/// AWS's size quota for one kind of policy document, which a document read from a snapshot may
/// not exceed: AWS would not have accepted a larger one, so such a document is not what AWS
/// holds and is reported (POLICY_TOO_LARGE) instead of analysed. The size is counted in UTF-8
/// bytes without the whitespace between JSON tokens (IAM does not count it; counting it could
/// only reject documents AWS accepted).
struct PolicySizeLimit: Sendable, Hashable {
    var bytes: Int
    /// What the limit is and where AWS states it.
    var source: String

    /// S3 User Guide, "Bucket policies and user policies"
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-iam-policies.html):
    /// "Bucket policies are limited to 20 KB in size."
    static let s3BucketPolicy = PolicySizeLimit(bytes: 20 * 1024, source: "S3 bucket policies are limited to 20 KB (S3 User Guide, \"Bucket policies and user policies\")")

    /// AWS KMS Developer Guide, "Key policies" / "Creating a key policy"
    /// (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html):
    /// "Up to 32 kilobytes (32,768 bytes)"; PutKeyPolicy: "The policy size limit is 32 KiB (32768 bytes)."
    static let kmsKeyPolicy = PolicySizeLimit(bytes: 32 * 1024, source: "KMS key policies are limited to 32 KB (AWS KMS Developer Guide, \"Key policies\")")

    /// Every other document read from a snapshot (SQS, SNS, Lambda, Secrets Manager, ECR, IAM,
    /// Organizations): no service read here allows a larger policy than KMS's 32 KB, so that is
    /// the bound — never smaller than what the service accepts.
    static let largestQuota = PolicySizeLimit(bytes: 32 * 1024, source: "no AWS policy quota of the services read is above 32 KB (KMS key policies)")

    /// Identity policies in `get-account-authorization-details` (managed policy versions, inline
    /// policies): AWS managed policies are not held to the customer quotas (ReadOnlyAccess is
    /// about 86 KB per version), so the bound only keeps memory in check.
    static let identityPolicy = PolicySizeLimit(bytes: 1 << 20, source: "a bound far above AWS managed policies (ReadOnlyAccess is about 86 KB)")

    /// The size AWS's quotas count: UTF-8 bytes of the document's JSON text, leaving out
    /// whitespace outside strings.
    static func size(ofJSONText text: String) -> Int {
        var count = 0
        var inString = false
        var escaped = false
        for byte in text.utf8 {
            if inString {
                count += 1
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): continue
            case UInt8(ascii: "\""): inString = true; count += 1
            default: count += 1
            }
        }
        return count
    }
}

/// Size quotas on policy documents, per policy type.
///
/// - IAM managed policies (identity, boundary): 6,144 characters, "IAM does not count white
///   space" (IAM User Guide, "IAM and AWS STS quotas", `AssumeRolePolicySizeQuota` and
///   `PolicySizeQuota` in GetAccountSummary are "in non-whitespace characters").
/// - Role trust policies: 2,048 non-whitespace characters by default; the quota can be raised
///   (to 8,192), so above 2,048 is a WARNING and above 8,192 an ERROR.
/// - SCPs and RCPs: 5,120 characters (AWS Organizations User Guide, "Quotas for AWS
///   Organizations"); Organizations counts whitespace too.
/// - Resource policies: 20,480 bytes, S3's bucket policy limit ("Bucket policies are limited to
///   20 KB"); the same figure applies to SQS, Lambda and Secrets Manager. KMS allows 32 KB; a
///   resource policy of unknown service is held to 20 KB and flagged as a WARNING only.
public enum PolicySizeQuota {
    public static func check(_ bytes: [UInt8], type: PolicyType) -> [Diagnostic] {
        let location = SourceLocation(path: .root, position: .start)
        switch type {
        case .identity, .boundary:
            let size = nonWhitespaceCharacters(bytes)
            if size > 6_144 {
                return [Diagnostic(.error, .policySizeExceeded,
                                   "the policy has \(size) non-whitespace characters; IAM managed policies allow 6,144",
                                   at: location)]
            }
        case .trust:
            let size = nonWhitespaceCharacters(bytes)
            if size > 8_192 {
                return [Diagnostic(.error, .policySizeExceeded,
                                   "the trust policy has \(size) non-whitespace characters; the highest quota is 8,192",
                                   at: location)]
            }
            if size > 2_048 {
                return [Diagnostic(.warning, .policySizeAboveDefaultQuota,
                                   "the trust policy has \(size) non-whitespace characters, above the default quota of 2,048 (it can be raised)",
                                   at: location)]
            }
        case .scp, .rcp:
            let size = String(decoding: bytes, as: UTF8.self).count
            if size > 5_120 {
                return [Diagnostic(.error, .policySizeExceeded,
                                   "the policy has \(size) characters; \(type.rawValue.uppercased())s allow 5,120 (whitespace counts)",
                                   at: location)]
            }
        case .resource:
            if bytes.count > 20_480 {
                return [Diagnostic(.warning, .policySizeExceeded,
                                   "the policy is \(bytes.count) bytes; most resource policies allow 20,480 (KMS key policies 32,768)",
                                   at: location)]
            }
        }
        return []
    }

    static func nonWhitespaceCharacters(_ bytes: [UInt8]) -> Int {
        String(decoding: bytes, as: UTF8.self).unicodeScalars.filter { !$0.properties.isWhitespace }.count
    }
}

/// IAM policy documents "can contain only the following Unicode characters: horizontal tab
/// (U+0009), linefeed (U+000A), carriage return (U+000D), and characters in the range U+0020
/// to U+00FF" (IAM User Guide, "IAM and AWS STS quotas", name requirements). That binds IAM
/// documents (identity, trust, boundary); other services' resource policies are not bound by it.
public enum PolicyCharacterSet {
    public static func check(_ bytes: [UInt8], type: PolicyType) -> [Diagnostic] {
        guard type == .identity || type == .trust || type == .boundary else { return [] }
        var line = 1, column = 1, offset = 0
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            let value = scalar.value
            let allowed = value == 0x09 || value == 0x0A || value == 0x0D || (0x20...0xFF).contains(value) || value == 0xFEFF && offset == 0
            if !allowed {
                let hex = String(value, radix: 16, uppercase: true)
                return [Diagnostic(.error, .invalidCharacter,
                                   "character U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex) is not allowed in IAM policy documents (only tab, newline, carriage return and U+0020-U+00FF)",
                                   at: SourceLocation(path: .root, position: SourcePosition(line: line, column: column, offset: offset)))]
            }
            if value == 0x0A { line += 1; column = 1 } else { column += 1 }
            offset += String(scalar).utf8.count
        }
        return []
    }
}
